/** Test helper: an action log as a grid, detected and read. */
import type { CellValue } from '../../rules/types';
import type { Grid } from '../../sheet/types';
import { readActionLog, type ActionLogOptions } from './adapter';
import { detectActionLog } from './headers';

export function gridOf(rows: CellValue[][]): Grid {
  return { values: rows, firstRow: 1, firstColumn: 1 };
}

/** Header row first; throws when the grid is not detected as an action log. */
export function readLog(rows: CellValue[][], options?: ActionLogOptions) {
  const grid = gridOf(rows);
  const table = detectActionLog(grid);
  if (!table) throw new Error('not detected as an action log');
  return { table, output: readActionLog(grid, table, options) };
}
