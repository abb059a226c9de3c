import { civilFromDay, dayFromCivil, formatDay, parseDate, serialToDay } from './date';

const D = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86400000;

describe('parseDate accepts', () => {
  test.each<[unknown, string]>([
    ['2026-03-02', '2026-03-02'],
    ['2026/03/02', '2026-03-02'],
    ['2026-3-2', '2026-03-02'],
    ['3/2/2026', '2026-03-02'],
    ['03/02/2026', '2026-03-02'],
    ['3/2/26', '2026-03-02'],
    ['3-2-2026', '2026-03-02'],
    ['2026-03-02T09:30', '2026-03-02'],
    ['2026-03-02T09:30:00.000Z', '2026-03-02'],
    ['2026-03-02 14:05', '2026-03-02'],
    ['3/2/2026 9:30 AM', '2026-03-02'],
    ['Mar 2, 2026', '2026-03-02'],
    ['March 2 2026', '2026-03-02'],
    ['Monday, March 2, 2026', '2026-03-02'],
    ['2 Mar 2026', '2026-03-02'],
    ['02-MAR-26', '2026-03-02'],
    ['20260302', '2026-03-02'],
    ['46083', '2026-03-02'],
    [46083, '2026-03-02'],
    [46083.75, '2026-03-02'],
    [20260302, '2026-03-02'],
    [61, '1900-03-01'],
    [1, '1900-01-01'],
    ['2/29/2024', '2024-02-29'],
    [new Date(Date.UTC(2026, 2, 2)), '2026-03-02'],
    [new Date(Date.UTC(2026, 2, 2, 23, 59, 59, 999)), '2026-03-03'],
    [{ formula: 'TODAY()', result: new Date(Date.UTC(2026, 2, 2)) }, '2026-03-02'],
    [{ richText: [{ text: '2026-03-02' }] }, '2026-03-02'],
  ])('%p -> %s', (v, expected) => {
    const r = parseDate(v);
    expect(r.ok).toBe(true);
    if (r.ok) expect(formatDay(r.value)).toBe(expected);
  });
});

describe('parseDate rejects', () => {
  test.each<[unknown, string]>([
    ['2/30/2026', "'2/30/2026' is not a date (February 2026 has no day 30)"],
    ['2/29/2025', "'2/29/2025' is not a date (February 2025 has no day 29)"],
    ['13/1/2026', "'13/1/2026' is not a date (there is no month 13)"],
    ['2026-13-01', "'2026-13-01' is not a date (there is no month 13)"],
    ['Foo 2, 2026', "'Foo 2, 2026' is not a date"],
    ['yesterday', "'yesterday' is not a date"],
    ['3/2/2026 25:99', "'3/2/2026 25:99' is not a date ('25:99' is not a time)"],
    ['1/1/1800', "'1/1/1800' is not a date (the year 1800 is out of range)"],
    [0, "'0' is not a date (an Excel date serial starts at 1)"],
    [-5, "'-5' is not a date (an Excel date serial starts at 1)"],
    [60, "'60' is not a date"],
    [NaN, "'NaN' is not a date"],
    [Infinity, "'Infinity' is not a date"],
    [1e20, "'100000000000000000000' is not a date"],
    [true, "'true' is not a date"],
    [new Date(NaN), "'Invalid Date' is not a date"],
    [{ a: 1 }, '\'{"a":1}\' is not a date'],
  ])('%p', (v, message) => {
    expect(parseDate(v)).toEqual({ ok: false, blank: false, message });
  });

  test.each([null, undefined, '', '  ', '#N/A', 'N/A', '-', { error: '#REF!' }])('%p is blank', (v) => {
    expect(parseDate(v)).toEqual({ ok: false, blank: true });
  });
});

describe('day numbers', () => {
  test('formatDay and dayFromCivil agree with Date.UTC', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1900, 3, 1],
      [2000, 2, 29],
      [2026, 3, 2],
      [2099, 12, 31],
    ]) {
      expect(dayFromCivil(y, m, d)).toBe(D(y, m, d));
      expect(civilFromDay(D(y, m, d))).toEqual([y, m, d]);
    }
    expect(formatDay(0)).toBe('1970-01-01');
    expect(formatDay(20514)).toBe('2026-03-02');
    expect(formatDay(NaN)).toBe('');
  });

  test('serialToDay: 25569 is 1970-01-01, 60 is the phantom 1900-02-29', () => {
    expect(serialToDay(25569)).toBe(0);
    expect(serialToDay(25569.99)).toBe(0);
    expect(serialToDay(60)).toBeNull();
    expect(serialToDay(59)).toBe(D(1900, 2, 28));
    expect(serialToDay(0)).toBeNull();
  });
});
