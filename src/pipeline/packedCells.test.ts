import fc from 'fast-check';
import type { CellValue } from '../rules/types';
import { packCells, unpackCells } from './packedCells';

const value: fc.Arbitrary<CellValue | undefined> = fc.oneof(
  fc.constantFrom('ondansetron', 'IV push', '', '#N/A', -0, 0, NaN, true, false, null, undefined),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.date({ noInvalidDate: true }),
);

/** Rows as the reader makes them: some never read, some with holes where no cell was. */
const rows = fc.array(
  fc.option(
    fc.array(fc.tuple(fc.nat({ max: 40 }), value), { maxLength: 8 }).map((cells) => {
      const row: CellValue[] = [];
      for (const [column, v] of cells) row[column] = v as CellValue;
      return row;
    }),
    { nil: undefined },
  ),
  { maxLength: 12 },
);

/** The same value; a Date copied across threads (a structured clone, from another realm under jest) by its time. */
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
const same = (a: unknown, b: unknown) => Object.is(a, b) || (isDate(a) && isDate(b) && a.getTime() === b.getTime());

describe('a block of rows packed for the coding thread', () => {
  it('unpacks to the same rows: every value at its column, holes and missing rows kept', () => {
    fc.assert(
      fc.property(rows, (input) => {
        const out = unpackCells(structuredClone(packCells(input)));
        expect(out.length).toBe(input.length);
        input.forEach((row, r) => {
          if (row === undefined) return expect(out[r]).toBeUndefined();
          const got = out[r] as CellValue[];
          for (let c = 0; c < Math.max(row.length, got.length); c++) expect(same(got[c], row[c])).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('sends each repeated value once', () => {
    const shared = new Date(Date.UTC(2026, 2, 2));
    const input = Array.from({ length: 1000 }, () => ['ondansetron', 'IV push', shared, 0.375]);
    const packed = packCells(input);
    expect(packed.values).toEqual(['ondansetron', 'IV push', shared, 0.375]);
    const out = unpackCells(packed);
    expect(out[999]).toEqual(input[999]);
    expect(out[0]?.[2]).toBe(out[999]?.[2]);
  });
});
