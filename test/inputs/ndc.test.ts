/** NDCs in the rules: which HCPCS lines carry a row's NDC, the findings on the NDC cell, and J3490's need for one. */
import { codeRows } from '../../src/rules';
import type { InputRow } from '../../src/rules/types';

type Values = InputRow['values'];

/** A row as the flat sheet reader gives it; `withNdcColumn` says whether the sheet has an NDC column. */
function row(n: number, values: Values, withNdcColumn = true): InputRow {
  const columns: InputRow['columns'] = { drug: 'Drug', dose: 'Dose', start: 'Start', stop: 'Stop', ...(withNdcColumn ? { ndc: 'NDC' } : {}) };
  return { row: n, values: { encounter: 'E1', date: '2026-03-02', diagnosis: 'K21.9', necessity: 'documented', ...values }, columns };
}

const famotidine = (ndc?: string) => row(2, { drug: 'famotidine', dose: '20 mg', route: 'IV push', start: '09:00', ...(ndc ? { ndc } : {}) });

describe('J3490 and the NDC', () => {
  test('without an NDC the claim is said to need one: missing-ndc (error) on the NDC cell', () => {
    const r = codeRows([famotidine()]).rows[0];
    expect(r.hcpcs.map((l) => [l.code, l.ndc])).toEqual([['J3490', undefined]]);
    const missing = r.findings.find((x) => x.id === 'missing-ndc')!;
    expect([missing.severity, missing.field, missing.params]).toEqual(['error', 'ndc', { variant: 'unclassified', drug: 'famotidine', code: 'J3490' }]);
    expect(missing.message).toMatch(/J3490 is a not-otherwise-classified drug code: the claim needs the NDC/);
    expect(r.findings.find((x) => x.id === 'unclassified-drug')!.severity).toBe('info');
    expect(r.status).toBe('Error');
  });

  test('a sheet without an NDC column: the finding is on the drug cell', () => {
    const r = codeRows([row(2, { drug: 'famotidine', dose: '20 mg', route: 'IV push', start: '09:00' }, false)]).rows[0];
    expect(r.findings.find((x) => x.id === 'missing-ndc')!.field).toBe('drug');
  });

  test('an unreadable NDC does not count: invalid-ndc and missing-ndc', () => {
    const r = codeRows([famotidine('0143-969-1')]).rows[0];
    expect(r.findings.map((f) => f.id).sort()).toEqual(['invalid-ndc', 'missing-ndc', 'unclassified-drug']);
  });

  test('with an NDC (any printed form) the line carries it in the 11-digit form and nothing is missing', () => {
    const r = codeRows([famotidine('0143-9691-10')]).rows[0];
    expect(r.hcpcs.map((l) => [l.code, l.ndc])).toEqual([['J3490', '00143-9691-10']]);
    expect(r.findings.find((x) => x.id === 'unclassified-drug')!.message).toMatch(/with NDC 00143-9691-10 /);
    expect(r.findings.some((x) => x.id === 'missing-ndc')).toBe(false);
  });
});

describe('the NDC cell', () => {
  const ondansetron = (ndc: unknown) => row(2, { drug: 'ondansetron', dose: '4 mg', route: 'IV push', start: '09:00', ndc: ndc as Values['ndc'] });

  test.each([
    ['4-4-2', '0409-4755-03', '00409-4755-03'],
    ['5-3-2', '55150-128-05', '55150-0128-05'],
    ['11 digits as a number', 409475503, '00409-4755-03'],
    ['an asterisk placeholder', '55150-*128-05', '55150-0128-05'],
  ])('%s: %p -> %s on the drug line, no finding', (_label, ndc, expected) => {
    const r = codeRows([ondansetron(ndc)]).rows[0];
    expect(r.hcpcs.map((l) => [l.code, l.ndc])).toEqual([['J2405', expected]]);
    expect(r.findings.filter((f) => /ndc/.test(f.id))).toEqual([]);
  });

  test('unreadable: invalid-ndc (warning) on the NDC cell, the line carries none', () => {
    const r = codeRows([ondansetron('409-4755-03')]).rows[0];
    const f = r.findings.find((x) => x.id === 'invalid-ndc')!;
    expect([f.severity, f.field, f.column]).toEqual(['warning', 'ndc', 'NDC']);
    expect(f.message).toMatch(/^NDC '409-4755-03' is not an NDC/);
    expect(r.hcpcs[0].ndc).toBeUndefined();
  });

  test('10 digits without hyphens and no leading 0: ambiguous-ndc (warning) naming each reading', () => {
    const r = codeRows([ondansetron('5515012805')]).rows[0];
    const f = r.findings.find((x) => x.id === 'ambiguous-ndc')!;
    expect([f.severity, f.field]).toEqual(['warning', 'ndc']);
    expect(f.message).toBe(
      "NDC '5515012805' has 10 digits without hyphens, so it could be 05515-0128-05, 55150-0128-05, 55150-1280-05: write it as printed on the package, with its hyphens (or as 11 digits).",
    );
    expect(r.hcpcs[0].ndc).toBeUndefined();
    expect(r.status).toBe('Review');
  });
});

describe('which HCPCS lines carry the row\'s NDC', () => {
  test('a single-dose drug with waste on a Medicare claim: the drug line and its JW line', () => {
    const r = codeRows(
      [row(2, { payer: 'Medicare', drug: 'infliximab', dose: '350 mg', waste: '50 mg', route: 'IV', start: '09:00', stop: '11:00', ndc: '57894-030-01' })],
      { jwJzPayers: ['Medicare'] },
    ).rows[0];
    expect(r.hcpcs.map((l) => [l.code, l.modifiers, l.ndc])).toEqual([
      ['J1745', [], '57894-0030-01'],
      ['J1745', ['JW'], '57894-0030-01'],
    ]);
  });

  test('a solution row: its own bag carries the NDC; a bag a drug was mixed into does not', () => {
    const result = codeRows([
      row(2, { drug: 'normal saline', dose: '1000 mL', route: 'IV', start: '08:00', stop: '10:00', ndc: '0338-0049-04' }),
      row(3, { drug: 'vancomycin', dose: '1 g in 250 mL NS', route: 'IV', start: '10:00', stop: '11:30', ndc: '0409-6510-01' }),
    ]);
    const lines = result.rows.flatMap((r) => r.hcpcs.map((l) => [l.code, l.ndc]));
    expect(lines).toEqual(expect.arrayContaining([['J7030', '00338-0049-04'], ['J3370', '00409-6510-01'], ['J7050', undefined]]));
  });

  test('a mixed cell: the first drug carries the NDC, the others none', () => {
    const r = codeRows([
      row(2, { drug: 'dexamethasone 10 mg + ondansetron 8 mg in 50 mL NS', route: 'IV', start: '09:00', stop: '09:20', ndc: '63323-0165-01' }),
    ]).rows[0];
    expect(r.hcpcs.map((l) => [l.code, l.ndc])).toEqual([['J1100', '63323-0165-01'], ['J2405', undefined]]);
  });
});
