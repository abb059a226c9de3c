import { normalizeIcd10, parseDiagnoses } from './diagnosis';

describe('parseDiagnoses', () => {
  test.each<[unknown, string[], string[]]>([
    ['E86.0', ['E86.0'], []],
    ['e860', ['E86.0'], []],
    ['E86', ['E86'], []],
    ['N10', ['N10'], []],
    ['G43.909', ['G43.909'], []],
    ['T36.0X5A', ['T36.0X5A'], []],
    ['t360x5a', ['T36.0X5A'], []],
    ['QA0.1', ['QA0.1'], []],
    ['A41.9, N39.0', ['A41.9', 'N39.0'], []],
    ['A41.9; N39.0', ['A41.9', 'N39.0'], []],
    ['A41.9|N39.0', ['A41.9', 'N39.0'], []],
    ['A41.9 N39.0', ['A41.9', 'N39.0'], []],
    ['A41.9\nN39.0', ['A41.9', 'N39.0'], []],
    ['A41.9, A41.9', ['A41.9'], []],
    ['A41.9/N39.0', ['A41.9', 'N39.0'], []],
    ['E86.0 Dehydration', ['E86.0'], []],
    ['E86.0 (dehydration)', ['E86.0'], []],
    ['E86.0 due to vomiting', ['E86.0'], []],
    ['Dx: E86.0', ['E86.0'], []],
    ['ICD-10: E86.0, R11.2', ['E86.0', 'R11.2'], []],
    ['276.51', [], ['276.51']],
    [276.51, [], ['276.51']],
    ['E86.0, 276.51', ['E86.0'], ['276.51']],
    ['276.51 Dehydration', [], ['276.51']],
    ['Dehydration', [], ['Dehydration']],
    ['E8.60', [], ['E8.60']],
    ['E86.01234', [], ['E86.01234']],
    ['EEX1', [], ['EEX1']],
    ['QA0', ['QA0'], []],
    ['1E86', [], ['1E86']],
    ['E86..0', [], ['E86..0']],
    ['XYZ', [], ['XYZ']],
  ])('%p', (v, codes, invalid) => {
    expect(parseDiagnoses(v)).toEqual({ ok: true, value: { codes, invalid } });
  });

  test.each([null, undefined, '', ' ', 'N/A', '#N/A', 'none'])('%p is blank', (v) => {
    expect(parseDiagnoses(v)).toEqual({ ok: false, blank: true });
  });

  test.each<[unknown, string]>([
    [NaN, "'NaN' is not a diagnosis code"],
    [true, "'true' is not a diagnosis code"],
    [new Date(0), "'1970-01-01' is not a diagnosis code"],
    [{ a: 1 }, '\'{"a":1}\' is not a diagnosis code'],
  ])('%p fails', (v, message) => {
    expect(parseDiagnoses(v)).toEqual({ ok: false, blank: false, message });
  });
});

test.each<[string, string | null]>([
  ['e860', 'E86.0'],
  ['E86.0', 'E86.0'],
  ['U071', 'U07.1'],
  ['Z79.899', 'Z79.899'],
  ['E86.', null],
  ['E', null],
  ['E12345678', null],
])('normalizeIcd10(%p) -> %p', (token, expected) => {
  expect(normalizeIcd10(token)).toBe(expected);
});
