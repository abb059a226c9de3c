/** Property tests: no input makes the rules module throw, every row gets a result, and codes stay consistent. */
import fc from 'fast-check';
import { codeRows, FIELDS } from '../../src/rules';
import type { CellValue, CodingResult, InputRow } from '../../src/rules';
import { orphanAddOns } from '../../src/rules/codes';

const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '#N/A', 'n/a', '0930', '9:30 AM', '25:99', '1 g', '8 mg in 50 mL', 'IV push', 'IM', 'Y', 'office', 'Medicare'),
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, NaN, 1e300, 0, -1),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
);

const anyRow = fc.record(Object.fromEntries(FIELDS.map((f) => [f, anyCell])) as Record<string, fc.Arbitrary<CellValue>>, { requiredKeys: [] });

const drug = fc.constantFrom(
  'vancomycin', 'Rocephin', 'ondansetron', 'normal saline', 'NS 500', 'rituximab', 'Remicade', 'famotidine', 'B12', 'iohexol 300',
  'mystery drug', 'KCl', 'D5W', 'fluorouracil', 'Lupron Depot', 'fulvestrant', 'Neulasta Onpro', 'Hizentra', 'heparin lock flush',
  'dexamethasone 10 mg + ondansetron 8 mg in 50 mL NS', 'cisplatin; fluorouracil',
);
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const plausibleRow = fc.record({
  encounter: fc.constantFrom('E1', 'E2', 'E3'),
  date: fc.constantFrom('2026-03-02', '3/3/2026', ''),
  setting: fc.constantFrom('facility', 'office', 'POS 11', ''),
  payer: fc.constantFrom('Medicare', 'Aetna', ''),
  drug,
  dose: fc.constantFrom('1 g', '4 mg', '1000 mL', '500 mL', '350 mg', '', '8 mg in 50 mL', '20 mEq / 1000 mL', '2'),
  waste: fc.constantFrom('', '0', '50 mg'),
  route: fc.constantFrom(
    'IV infusion', 'IV push', 'IM', 'SQ', 'IVPB', '', 'PO', 'IV', 'SQ infusion', 'intra-arterial', 'on-body injector', 'intrathecal',
    'intraperitoneal', 'Ommaya reservoir', 'ambulatory pump', 'pump refill', 'port flush', 'intravesical',
  ),
  purpose: fc.constantFrom('therapeutic', 'hydration', 'chemotherapy', 'KVO', '', 'flush'),
  rate: fc.constantFrom('', '125 mL/hr', '2 mg/min', 'fast', '0', '20'),
  volume: fc.constantFrom('', '1000 mL', '250', 'lots'),
  order: fc.constantFrom('', 'B1', 'B2'),
  ndc: fc.constantFrom('', '0409-4888-02', 'x'),
  start: fc.oneof(time, fc.constant('')),
  stop: fc.oneof(time, fc.constant('')),
  site: fc.constantFrom('L forearm', 'R hand', 'port', ''),
  diagnosis: fc.constantFrom('E86.0', '276.51', ''),
  necessity: fc.constantFrom('documented', ''),
  primary: fc.constantFrom('Y', ''),
});

function toRows(values: Record<string, CellValue>[]): InputRow[] {
  return values.map((v, i) => ({ row: i + 2, values: v }));
}

function checkConsistent(result: CodingResult, count: number): void {
  expect(result.rows).toHaveLength(count);
  for (const enc of result.encounters) {
    expect(orphanAddOns(enc.cpt.map((c) => c.code))).toEqual([]);
    for (const c of [...enc.cpt, ...enc.hcpcs]) expect(c.units).toBeGreaterThan(0);
  }
  // Units shown on rows add up to the encounters' units.
  const rowUnits = result.rows.reduce((n, r) => n + [...r.cpt, ...r.hcpcs].reduce((m, c) => m + c.units, 0), 0);
  const encUnits = result.encounters.reduce((n, e) => n + [...e.cpt, ...e.hcpcs].reduce((m, c) => m + c.units, 0), 0);
  expect(rowUnits).toBe(encUnits);
  for (const r of result.rows) expect(['OK', 'Review', 'Error']).toContain(r.status);
}

describe('rules module properties', () => {
  it('never throws on rows of random strings, numbers, blanks or huge values, and answers every row', () => {
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 12 }), (values) => {
        const result = codeRows(toRows(values));
        checkConsistent(result, values.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never leaves an add-on code without its primary on plausible encounters', () => {
    fc.assert(
      fc.property(fc.array(plausibleRow, { minLength: 1, maxLength: 10 }), (values) => {
        checkConsistent(codeRows(toRows(values)), values.length);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS) || 500 },
    );
  });

  it('is deterministic: the same rows give the same result', () => {
    fc.assert(
      fc.property(fc.array(plausibleRow, { maxLength: 8 }), (values) => {
        expect(codeRows(toRows(values))).toEqual(codeRows(toRows(values)));
      }),
      { numRuns: 100 },
    );
  });

  it('survives input that is not rows at all', () => {
    expect(codeRows([null, 5, 'x', {}] as unknown as InputRow[]).rows).toHaveLength(4);
    expect(codeRows(undefined as unknown as InputRow[]).rows).toEqual([]);
  });
});
