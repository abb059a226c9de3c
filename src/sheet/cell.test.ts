import { isEmptyCell, plainCell } from './cell';

describe('plainCell', () => {
  it('unwraps what exceljs hands over (formula, rich text, hyperlink, error)', () => {
    const d = new Date(Date.UTC(2026, 2, 2));
    expect(plainCell({ formula: 'A1*2', result: 4 })).toBe(4);
    expect(plainCell({ sharedFormula: 'A1', result: '9:30' })).toBe('9:30');
    expect(plainCell({ formula: 'NA()', result: { error: '#N/A' } })).toBe('#N/A');
    expect(plainCell({ formula: 'A1' })).toBeNull();
    expect(plainCell({ richText: [{ text: 'Roce' }, { text: 'phin' }] })).toBe('Rocephin');
    expect(plainCell({ text: 'link', hyperlink: 'https://x' })).toBe('link');
    expect(plainCell({ text: { richText: [{ text: 'rich link' }] }, hyperlink: 'https://x' })).toBe('rich link');
    expect(plainCell({ error: '#REF!' })).toBe('#REF!');
    expect(plainCell(d)).toBe(d);
    expect(plainCell(undefined)).toBeNull();
  });
  it('gives the display value of an Office.js entity or rich value, and blank for other objects', () => {
    expect(plainCell({ type: 'String', basicValue: 'Zofran' })).toBe('Zofran');
    expect(plainCell({ value: 4 })).toBe(4);
    expect(plainCell({ some: 'thing' })).toBeNull();
    expect(plainCell(new Date(NaN))).toBeNull();
  });
});

describe('isEmptyCell', () => {
  it('shares the rules module blank markers', () => {
    for (const v of [null, '', '  ', '#N/A', 'n/a', '-', 'NULL', { error: '#REF!' }, { formula: 'A1' }]) expect(isEmptyCell(v)).toBe(true);
    for (const v of [0, false, 'Zofran', new Date(0), { formula: 'A1', result: 3 }]) expect(isEmptyCell(v)).toBe(false);
  });
});
