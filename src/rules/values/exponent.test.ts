import fc from 'fast-check';
import { parseDose } from './dose';
import { expandExponents, plainNumber } from './exponent';
import { parseRate } from './rate';

describe('numbers in exponent notation', () => {
  test.each([
    ['4e-7 g', '0.0000004 g'],
    ['1.5E+3 mg', '1500 mg'],
    ['2e3mg', '2000mg'],
    ['.5e1 mL', '5 mL'],
    ['1.e2', '100'],
    ['3.30e-7', '0.00000033'],
    ['0e5', '0'],
    ['5 mEq', '5 mEq'],
    ['D5W 1000 mL', 'D5W 1000 mL'],
    ['1e12345 mg', '1e12345 mg'],
  ])('%p is written out as %p', (text, plain) => {
    expect(expandExponents(text)).toBe(plain);
  });

  it('plainNumber gives the same number in plain digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = plainNumber(n);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(n === 0 ? 0 : n);
      }),
      { numRuns: 1000 },
    );
  });

  it('doses and rates in exponent notation read as what they say, or as too large', () => {
    expect(parseDose('1.5E+3 mg')).toMatchObject({ ok: true, value: { amount: { value: 1500, dim: 'mass' } } });
    expect(parseDose('4e-1 g')).toMatchObject({ ok: true, value: { amount: { value: 400, dim: 'mass' } } });
    expect(parseDose('1e+308 mg')).toEqual({ ok: false, blank: false, message: "'1e+308 mg' is not a dose (the number is too large)" });
    const rate = parseRate('1.25e2 mL/hr');
    expect(rate.ok && rate.value.mlPerHour).toBeCloseTo(125, 9);
  });
});
