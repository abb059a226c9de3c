import fc from 'fast-check';
import { list, mapped } from './arrays';

describe('lists of one kind', () => {
  it('mapped gives what Array.prototype.map gives, index included', () => {
    fc.assert(
      fc.property(fc.array(fc.anything()), (items) => {
        expect(mapped(items, (item, i) => [i, item])).toEqual(items.map((item, i) => [i, item]));
      }),
      { numRuns: 300 },
    );
  });

  it('every list is a new, empty array: pushing into one never shows in another', () => {
    const a = list<number>();
    const b = list<number>();
    a.push(1, 2);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([]);
    expect(list()).toEqual([]);
    expect(Array.isArray(b)).toBe(true);
    expect(mapped([], (x) => x)).not.toBe(mapped([], (x) => x));
  });
});
