import { assignFields, bestHeaderRow, tableBelowHeader } from './tableScan';
import type { Grid } from './types';

const grid = (values: Grid['values'], firstRow = 1, firstColumn = 1): Grid => ({ values, firstRow, firstColumn });

describe('the table scan every reader shares', () => {
  it('takes the best-scoring header row of the first rows, the first of equals', () => {
    const g = grid([['title'], [], ['a', 'b'], ['a', 'b', 'c'], ['x', 'y', 'z']]);
    const best = bestHeaderRow(g, (cells) => cells.length, (n) => n >= 2, (n) => n);
    expect(best).toEqual({ index: 3, m: 3 });
    expect(bestHeaderRow(g, (cells) => cells.length, () => false, (n) => n)).toBeNull();
  });

  it('maps fields: the override first (0 unmaps), then hits strongest first, each field and column once', () => {
    const hits = [
      { column: 2, field: 'drug' as const, rank: 5 },
      { column: 3, field: 'drug' as const, rank: 1 },
      { column: 3, field: 'dose' as const, rank: 0 },
      { column: 4, field: 'route' as const, rank: 0 },
      { column: 5, field: 'start' as const, rank: 0 },
    ];
    const { mapping, used, mapped } = assignFields(hits, { start: 7, route: 0 });
    expect(mapping).toEqual({ start: 7, dose: 3, drug: 2 });
    expect([...used].sort()).toEqual([2, 3, 7]);
    expect(mapped).toBe(2);
  });

  it('lists data rows below the header, the last row with a value and the last user column', () => {
    // Header in sheet row 3, column B; column E (index 3) is one of the product's derived columns.
    const g = grid([['Drug', 'Dose', null, 'IC CPT'], ['a', '1', null, '96365'], [null, null, null, 'x'], [null, null, 'note'], []], 3, 2);
    const header = { headers: new Map([[2, 'Drug'], [3, 'Dose'], [5, 'IC CPT']]), mapping: { drug: 2 }, derived: new Map([['IC CPT', 5]]) };
    const isData = (cells: unknown[]) => cells[0] !== null && cells[0] !== undefined;
    expect(tableBelowHeader(g, 0, header, isData)).toEqual({
      headerRow: 3, headers: header.headers, mapping: { drug: 2 }, derivedColumns: header.derived, dataRows: [4], lastRow: 6, lastUserColumn: 4, blockValueColumns: new Set(),
    });
    // Values in our columns only, after a blank row (a total the user typed there), are not the table's; an
    // unheaded user value where our block lies is named, so the block never goes back over it.
    const typed = grid([['Drug', 'Dose', null, 'IC CPT', null], ['a', '1', null, '96365', 'checked'], [], [null, null, null, 'Total']], 3, 2);
    const ours = { ...header, derived: new Map([['IC CPT', 5]]) };
    expect(tableBelowHeader(typed, 0, ours, isData)).toMatchObject({ lastRow: 4, blockValueColumns: new Set([6]) });
    // A mapped column without a header (a user's override) is a user column too.
    expect(tableBelowHeader(g, 0, header, isData, [7]).lastUserColumn).toBe(7);
  });
});
