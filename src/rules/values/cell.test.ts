import { cellText, isBlank, showValue, unwrapCell } from './cell';

describe('isBlank', () => {
  test.each<[unknown, boolean]>([
    [null, true],
    [undefined, true],
    ['', true],
    ['   ', true],
    ['#N/A', true],
    ['n/a', true],
    ['NA', true],
    ['-', true],
    ['--', true],
    ['NULL', true],
    ['None', true],
    ['#VALUE!', true],
    ['#REF!', true],
    ['#DIV/0!', true],
    ['#NAME?', true],
    ['#NULL!', true],
    ['#NUM!', true],
    [{ error: '#N/A' }, true],
    [{ formula: 'A1', result: '' }, true],
    [{ formula: 'A1' }, true],
    [{ richText: [{ text: ' ' }] }, true],
    ['0', false],
    [0, false],
    [NaN, false],
    ['nan', false],
    ['N/A2', false],
    [false, false],
    [new Date(0), false],
    [{ formula: 'A1', result: 5 }, false],
    [{}, false],
  ])('%p -> %p', (v, expected) => {
    expect(isBlank(v)).toBe(expected);
  });
});

describe('cellText', () => {
  test.each<[unknown, string]>([
    ['  ceftriaxone ', 'ceftriaxone'],
    [42, '42'],
    [0.5, '0.5'],
    [true, 'TRUE'],
    [null, ''],
    [undefined, ''],
    [{ richText: [{ text: 'Van' }, { text: 'comycin ' }] }, 'Vancomycin'],
    [{ formula: 'B2*2', result: 8 }, '8'],
    [{ sharedFormula: 'A1', result: 'x' }, 'x'],
    [{ text: 'link', hyperlink: 'https://example.org' }, 'link'],
    [{ error: '#N/A' }, '#N/A'],
    [new Date(Date.UTC(2026, 2, 2)), '2026-03-02T00:00:00.000Z'],
    [new Date(NaN), ''],
    [{ foo: 1 }, ''],
    [[1, 2], ''],
  ])('%p -> %p', (v, expected) => {
    expect(cellText(v)).toBe(expected);
  });
});

describe('showValue', () => {
  test.each<[unknown, string]>([
    [' 25:99 ', '25:99'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [{ a: 1 }, '{"a":1}'],
    ['x'.repeat(100), 'x'.repeat(57) + '...'],
    [new Date(NaN), 'Invalid Date'],
    [new Date(Date.UTC(1899, 11, 30)), '1899-12-30'],
    [new Date(Date.UTC(2026, 2, 2, 9, 30)), '2026-03-02 09:30'],
    [new Date(Date.UTC(2026, 2, 2, 9, 30, 15)), '2026-03-02 09:30:15'],
    [new Date(8.64e15), '+275760-09-13T00:00:00.000Z'],
  ])('%p -> %p', (v, expected) => {
    expect(showValue(v)).toBe(expected);
  });

  test('circular objects do not throw', () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(showValue(o)).toBe('object');
  });
});

test('unwrapCell unwraps exceljs wrappers', () => {
  expect(unwrapCell({ formula: 'A1', result: { richText: [{ text: '9:30' }] } })).toBe('9:30');
  expect(unwrapCell(5)).toBe(5);
});
