import { parseTime, type TimeValue } from './time';

const hm = (h: number, m: number, s = 0): number => h * 3600 + m * 60 + s;
const DAY_2026_03_02 = 20514;

describe('parseTime accepts', () => {
  test.each<[unknown, TimeValue]>([
    ['09:30', { seconds: hm(9, 30), day: null }],
    ['9:30', { seconds: hm(9, 30), day: null }],
    [' 9:30 ', { seconds: hm(9, 30), day: null }],
    ['9:30 AM', { seconds: hm(9, 30), day: null }],
    ['9:30am', { seconds: hm(9, 30), day: null }],
    ['9:30 a.m.', { seconds: hm(9, 30), day: null }],
    ['9:30 P.M.', { seconds: hm(21, 30), day: null }],
    ['9:30 pm', { seconds: hm(21, 30), day: null }],
    ['9 AM', { seconds: hm(9, 0), day: null }],
    ['12:05 AM', { seconds: hm(0, 5), day: null }],
    ['12:05 PM', { seconds: hm(12, 5), day: null }],
    ['13:00 PM', { seconds: hm(13, 0), day: null }],
    ['noon', { seconds: hm(12, 0), day: null }],
    ['0930', { seconds: hm(9, 30), day: null }],
    ['930', { seconds: hm(9, 30), day: null }],
    ['0930 pm', { seconds: hm(21, 30), day: null }],
    ['09:30:00', { seconds: hm(9, 30), day: null }],
    ['09:30:15', { seconds: hm(9, 30, 15), day: null }],
    ['14:05:00.000', { seconds: hm(14, 5), day: null }],
    ['9.30', { seconds: hm(9, 30), day: null }],
    ['0930h', { seconds: hm(9, 30), day: null }],
    ['1430 hrs', { seconds: hm(14, 30), day: null }],
    ['21:30 hrs', { seconds: hm(21, 30), day: null }],
    ['15.30 h', { seconds: hm(15, 30), day: null }],
    ['9:05 hr', { seconds: hm(9, 5), day: null }],
    ['00:00', { seconds: 0, day: null }],
    ['23:59', { seconds: hm(23, 59), day: null }],
    ['24:00', { seconds: 86400, day: null }],
    ['2400', { seconds: 86400, day: null }],
    [0.395833, { seconds: hm(9, 30), day: null }],
    ['0.395833', { seconds: hm(9, 30), day: null }],
    [0, { seconds: 0, day: null }],
    [930, { seconds: hm(9, 30), day: null }],
    [5, { seconds: hm(0, 5), day: null }],
    [2359, { seconds: hm(23, 59), day: null }],
    [2400, { seconds: 86400, day: null }],
    // Excel's 24:00 is the number 1 (`=B2+TIME(0,30,0)` landing on midnight); the text `1` stays HHMM.
    [1, { seconds: 86400, day: null }],
    ['1', { seconds: hm(0, 1), day: null }],
    // `9.30` typed in a General cell is the number 9.3: hours.minutes, as the text reads, not 1900-01-09 07:12.
    [9.3, { seconds: hm(9, 30), day: null }],
    [10.31, { seconds: hm(10, 31), day: null }],
    [23.59, { seconds: hm(23, 59), day: null }],
    ['9.3', { seconds: hm(9, 30), day: null }],
    // An Excel time past midnight: =B2+TIME(0,45,0) from 23:30 is 1 + 15/1440 (a number, or 1900-01-01 as a Date).
    [1 + 15 / 1440, { seconds: hm(0, 15), day: null }],
    [new Date(Date.UTC(1900, 0, 1, 0, 15)), { seconds: hm(0, 15), day: null }],
    [new Date(Date.UTC(1900, 0, 1, 0, 0)), { seconds: 86400, day: null }],
    [46083.5, { seconds: hm(12, 0), day: DAY_2026_03_02 }],
    [46083.999999, { seconds: 0, day: DAY_2026_03_02 + 1 }],
    ['46083.5', { seconds: hm(12, 0), day: DAY_2026_03_02 }],
    [46083, { seconds: 0, day: DAY_2026_03_02 }],
    ['2026-03-02 14:05', { seconds: hm(14, 5), day: DAY_2026_03_02 }],
    ['2026-03-02T14:05', { seconds: hm(14, 5), day: DAY_2026_03_02 }],
    ['2026-03-02T14:05:00Z', { seconds: hm(14, 5), day: DAY_2026_03_02 }],
    ['3/2/2026 2:05 PM', { seconds: hm(14, 5), day: DAY_2026_03_02 }],
    ['3/2/2026 0930', { seconds: hm(9, 30), day: DAY_2026_03_02 }],
    ['Mar 2, 2026 9:30 AM', { seconds: hm(9, 30), day: DAY_2026_03_02 }],
    [new Date(Date.UTC(1899, 11, 30, 9, 30)), { seconds: hm(9, 30), day: null }],
    [new Date(Date.UTC(1899, 11, 31, 9, 30)), { seconds: hm(9, 30), day: null }],
    [new Date(Date.UTC(1899, 11, 30, 9, 29, 59, 999)), { seconds: hm(9, 30), day: null }],
    [new Date(Date.UTC(2026, 2, 2, 14, 5)), { seconds: hm(14, 5), day: DAY_2026_03_02 }],
    [{ formula: 'A1+B1', result: 0.5 }, { seconds: hm(12, 0), day: null }],
    [{ richText: [{ text: '09:30' }] }, { seconds: hm(9, 30), day: null }],
  ])('%p', (v, expected) => {
    expect(parseTime(v)).toEqual({ ok: true, value: expected });
  });
});

describe('parseTime rejects', () => {
  test.each<[unknown, string]>([
    ['25:99', "'25:99' is not a time"],
    ['9:75', "'9:75' is not a time"],
    ['24:30', "'24:30' is not a time"],
    ['abc', "'abc' is not a time"],
    ['13:00 AM', "'13:00 AM' is not a time"],
    ['9:30 xm', "'9:30 xm' is not a time"],
    ['975', "'975' is not a time"],
    [975, "'975' is not a time"],
    [-1, "'-1' is not a time"],
    [NaN, "'NaN' is not a time"],
    [Infinity, "'Infinity' is not a time"],
    [1e12, "'1000000000000' is not a time"],
    [9.75, "'9.75' is not a time (a number from 1 to 24 is read as hours.minutes, like 9.30)"],
    ['09:00-10:32', "'09:00-10:32' is not a time"],
    [9.3125, "'9.3125' is not a time (a number from 1 to 24 is read as hours.minutes, like 9.30)"],
    // A mistyped HHMM, never a date-time of 1906 (it made a 55-year infusion).
    [2360, "'2360' is not a time (as HHMM its minutes or hours are out of range, and as a date it would be before 1927)"],
    ['2360', "'2360' is not a time (as HHMM its minutes or hours are out of range, and as a date it would be before 1927)"],
    [9999.5, "'9999.5' is not a time (as HHMM its minutes or hours are out of range, and as a date it would be before 1927)"],
    ['2026-03-02', "'2026-03-02' is not a time (it has a date but no time)"],
    ['2/30/2026 9:30', "'2/30/2026 9:30' is not a time (February 2026 has no day 30)"],
    ['2026-03-02 25:00', "'2026-03-02 25:00' is not a time"],
    [true, "'true' is not a time"],
    [new Date(NaN), "'Invalid Date' is not a time"],
    [{ a: 1 }, '\'{"a":1}\' is not a time'],
  ])('%p', (v, message) => {
    expect(parseTime(v)).toEqual({ ok: false, blank: false, message });
  });

  test.each([null, undefined, '', ' ', '#N/A', 'none', '--', { error: '#VALUE!' }])('%p is blank', (v) => {
    expect(parseTime(v)).toEqual({ ok: false, blank: true });
  });
});

test('results for one text are cached and frozen', () => {
  const a = parseTime('10:15');
  expect(parseTime('10:15')).toBe(a);
  expect(Object.isFrozen(a)).toBe(true);
});

describe('the quick reads of the usual cells agree with the full parse', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  /** The time read, or that none was (the message quotes the text as written). */
  const read = (text: string) => {
    const r = parseTime(text);
    return r.ok ? r.value : 'not a time';
  };
  test('every `HH:MM` and `HHMM` text reads as the same text with Excel\'s leading apostrophe (which takes the full parse)', () => {
    for (let h = 0; h <= 25; h++) {
      for (let m = 0; m <= 61; m++) {
        for (const text of [`${pad(h)}:${pad(m)}`, `${pad(h)}${pad(m)}`]) expect([text, read(text)]).toEqual([text, read(`'${text}`)]);
      }
    }
  });

  test('an Excel time-only value on a whole minute (1899-12-30 or -31) reads as the same time one second later, less that second', () => {
    const zero = Date.UTC(1899, 11, 30);
    for (let minute = 0; minute < 2 * 1440; minute += 7) {
      const quick = parseTime(new Date(zero + minute * 60000));
      const full = parseTime(new Date(zero + minute * 60000 + 1000));
      expect(quick.ok && full.ok && [quick.value.day, quick.value.seconds + 1]).toEqual(full.ok && [full.value.day, full.value.seconds]);
    }
  });
});
