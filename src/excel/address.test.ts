import { areaAddresses, cellsOf, columnLetters, columnNumber, groupCells, parseRect, quoteSheetName, rectAddress, sheetAddress } from './address';

describe('A1 addresses', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
    [16384, 'XFD'],
  ])('column %i is %s and back', (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
    expect(columnNumber(letters)).toBe(n);
  });

  it('rejects what is not a column or a cell range', () => {
    expect(() => columnLetters(0)).toThrow();
    expect(() => columnNumber('A1')).toThrow();
    expect(() => parseRect('A:A')).toThrow();
  });

  it('parses and formats ranges, with sheet names quoted when Excel would', () => {
    expect(parseRect("'My Sheet'!$B$2:C9")).toEqual({ top: 2, left: 2, bottom: 9, right: 3 });
    expect(parseRect('Data!L7')).toEqual({ top: 7, left: 12, bottom: 7, right: 12 });
    expect(rectAddress({ top: 3, left: 1, bottom: 3, right: 1 })).toBe('A3');
    expect(rectAddress({ top: 3, left: 1, bottom: 9, right: 2 })).toBe('A3:B9');
    expect(quoteSheetName('Data')).toBe('Data');
    expect(quoteSheetName('March infusions')).toBe("'March infusions'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
    expect(quoteSheetName('A1')).toBe("'A1'");
    expect(sheetAddress('March infusions', 'L7')).toBe("'March infusions'!L7");
  });
});

describe('grouping cells', () => {
  it('merges vertical runs, then equal runs in neighbouring columns, covering exactly the cells', () => {
    const cells = [
      { row: 2, column: 1 },
      { row: 3, column: 1 },
      { row: 2, column: 2 },
      { row: 3, column: 2 },
      { row: 7, column: 2 },
      { row: 3, column: 1 },
      { row: 10, column: 5 },
    ];
    const rects = groupCells(cells);
    expect(rects).toEqual([
      { top: 2, left: 1, bottom: 3, right: 2 },
      { top: 7, left: 2, bottom: 7, right: 2 },
      { top: 10, left: 5, bottom: 10, right: 5 },
    ]);
    const back = [...cellsOf(rects)].map((c) => `${c.row}:${c.column}`).sort();
    expect(back).toEqual([...new Set(cells.map((c) => `${c.row}:${c.column}`))].sort());
  });

  it('splits RangeAreas addresses under the length limit', () => {
    const rects = Array.from({ length: 3000 }, (_, i) => ({ top: i * 2 + 1, left: 12, bottom: i * 2 + 1, right: 12 }));
    const addresses = areaAddresses(rects);
    expect(addresses.length).toBeGreaterThan(1);
    for (const a of addresses) expect(a.length).toBeLessThan(8192);
    expect(addresses.join(',').split(',')).toHaveLength(3000);
  });
});
