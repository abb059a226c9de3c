import { assignFields, bestHeaderRow, rowsBelowHeader } from './tableScan';
import type { Grid } from './types';

const grid = (values: Grid['values'], firstRow = 1, firstColumn = 1): Grid => ({ values, firstRow, firstColumn });

describe('the table scan every reader shares', () => {
  it('takes the best-scoring header row of the first rows, the first of equals', () => {
    const g = grid([['title'], [], ['a', 'b'], ['a', 'b', 'c'], ['x', 'y', 'z']]);
    const best = bestHeaderRow(g, (cells) => (cells.length >= 2 ? cells.length : null), (n) => n);
    expect(best).toEqual({ index: 3, m: 3 });
    expect(bestHeaderRow(g, () => null, () => 0)).toBeNull();
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
    const below = rowsBelowHeader(g, 0, new Set([5]), 3, (cells) => cells[0] !== null && cells[0] !== undefined);
    expect(below).toEqual({ dataRows: [4], lastRow: 6, lastUserColumn: 4 });
  });
});
