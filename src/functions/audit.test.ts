/**
 * Audit of the custom functions called as Excel calls them (ranges as 2-D arrays, omitted optional
 * arguments as null, times as day fractions), for defects found by the audit.
 */
class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: StubError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  associate: jest.fn(),
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const f = require('./functions') as typeof import('./functions');

const OMITTED = null as unknown as unknown[][];
const c = (v: unknown) => [[v]];
const t = (h: number, m: number) => (h * 60 + m) / 1440;
const SHEET_ROWS = 1048576;

/** A whole-column range (A:H): `rows` at the top, blank cells down to the sheet's last row. */
function wholeColumns(rows: unknown[][], width: number): unknown[][] {
  const out = rows.slice();
  while (out.length < SHEET_ROWS) out.push(new Array(width).fill(''));
  return out;
}

const HEADER = ['Encounter', 'Date', 'Drug', 'Dose', 'Route', 'Purpose', 'Start', 'Stop'];
const ROWS = [
  ['E1', 46083, 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', t(9, 0), t(10, 31)],
  ['E1', 46083, 'ondansetron', '4 mg', 'IV push', 'therapeutic', t(10, 40), ''],
];

describe('whole-column references (A:H, B:B) spill down to the last filled row, not a million rows', () => {
  test('block form: =IV.INFUSIONCODES(A:H)', () => {
    const table = wholeColumns([HEADER, ...ROWS], HEADER.length);
    const started = Date.now();
    const out = f.infusionCodes(table, OMITTED, OMITTED, OMITTED, OMITTED, OMITTED);
    const took = Date.now() - started;
    expect(out).toEqual([
      ['CPT', 'HCPCS', 'Modifiers', 'Status', 'Findings'],
      ['96365; 96366', 'J3370 x4', '', 'Error', 'missing-necessity, missing-diagnosis'],
      ['96375', 'J2405 x4', '', 'Error', 'missing-necessity, missing-diagnosis'],
    ]);
    // Coding the blank rows down to the sheet's end takes many seconds; a generous bound, as a loaded machine is slow.
    expect(took).toBeLessThan(5000);
  });

  test('block form of INFUSIONFLAGS and INFUSIONEXPLAIN', () => {
    const table = wholeColumns([HEADER, ...ROWS], HEADER.length);
    expect(f.infusionFlags(table, OMITTED, OMITTED, OMITTED, OMITTED, OMITTED)).toHaveLength(3);
    expect(f.infusionExplain(table, OMITTED, OMITTED, OMITTED, OMITTED, OMITTED)).toHaveLength(3);
  });

  test('line form: =IV.INFUSIONCODES(B:B, C:C, "IV infusion", , D:D)', () => {
    const starts = wholeColumns([[t(9, 0)], [t(11, 0)]], 1);
    const stops = wholeColumns([[t(10, 31)], ['']], 1);
    const drugs = wholeColumns([['vancomycin'], ['ondansetron']], 1);
    const started = Date.now();
    expect(f.infusionCodes(starts, stops, c('IV infusion'), OMITTED, drugs, OMITTED)).toEqual([['96365; 96366'], ['96374']]);
    expect(Date.now() - started).toBeLessThan(5000); // (see the block form)
    expect(f.infusionFlags(starts, stops, c('IV infusion'), OMITTED, drugs, OMITTED)).toEqual([[''], ['missing-stop-time']]);
  });

  test('INFUSIONMINUTES, HCPCSCODE and HCPCSUNITS on whole columns', () => {
    expect(f.infusionMinutes(wholeColumns([['09:00'], ['23:00']], 1), wholeColumns([['10:31'], ['02:00']], 1))).toEqual([[91], [180]]);
    expect(f.hcpcsCode(wholeColumns([['ceftriaxone'], ['Zofran']], 1), OMITTED)).toEqual([['J0696'], ['J2405']]);
    expect(f.hcpcsUnits(wholeColumns([['ceftriaxone'], ['Zofran']], 1), wholeColumns([['1 g'], ['8 mg']], 1))).toEqual([[4], [8]]);
  });

  test('an all-blank whole column gives blank cells (a single drug cell beside it fills no line), and a bounded range keeps its blank rows', () => {
    expect(f.infusionCodes(wholeColumns([], 1), OMITTED, c('IV push'), OMITTED, c('ondansetron'), OMITTED)).toEqual([[''], ['']]);
    expect(f.infusionCodes([[t(9, 0)], [''], ['']], OMITTED, c('IV push'), OMITTED, c('ondansetron'), OMITTED)).toEqual([['96374'], [''], ['']]);
  });

  test('ranges of different heights are still named, not cut to fit', () => {
    expect(() => f.infusionMinutes(wholeColumns([['09:00']], 1), [['10:00'], ['11:00']])).toThrow();
  });
});

describe('stop-before-start names Excel time cells as times, not as their serials', () => {
  const message = (call: () => unknown): string | undefined => {
    try {
      call();
    } catch (error) {
      return (error as StubError).message;
    }
    return undefined;
  };
  const EXPECTED = 'Stop time 08:00 is before start time 09:00 and is not a plausible midnight crossing';

  test('INFUSIONCODES with time cells (Excel passes 0.375 and 0.333...)', () => {
    expect(message(() => f.infusionCodes(c(t(9, 0)), c(t(8, 0)), c('IV infusion'), OMITTED, c('vancomycin'), OMITTED))).toBe(EXPECTED);
  });

  test('INFUSIONMINUTES with time cells', () => {
    expect(message(() => f.infusionMinutes(c(t(9, 0)), c(t(8, 0))))).toBe(EXPECTED);
  });

  test('date-time cells show their date', () => {
    expect(message(() => f.infusionCodes(c(46084 + t(1, 0)), c(46083 + t(23, 0)), c('IV infusion'), OMITTED, c('vancomycin'), OMITTED))).toBe(
      'Stop time 2026-03-02 23:00 is before start time 2026-03-03 01:00 and is not a plausible midnight crossing',
    );
  });

  test('typed times are quoted as typed, as before', () => {
    expect(message(() => f.infusionCodes(c('09:00'), c('08:00'), OMITTED, OMITTED, OMITTED, OMITTED))).toBe(EXPECTED);
  });
});

export {};
