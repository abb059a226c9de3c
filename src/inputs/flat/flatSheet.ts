/**
 * The flat sheet adapter: one spreadsheet row per administration (header row detected, the user's mapping
 * corrections applied). Every other adapter falls back to it.
 */
import { detectMappedTable } from '../../sheet/mapping';
import { readRows } from '../../sheet/rows';
import type { InputRow } from '../../rules/types';
import type { Grid } from '../../sheet/types';
import type { GridAdapter, ReadSettings, SheetInput } from '../types';

export const flatSheet: GridAdapter = {
  id: 'sheet',
  read(grid: Grid, settings: ReadSettings): SheetInput | null {
    const table = detectMappedTable(grid, settings.mapping, settings.mappingOptions);
    if (!table) return null;
    // Read when first asked for: a big sheet coded as it was read (src/pipeline/readAhead) needs few of them.
    // Once read, the rows hold their values: the grid is let go (a million-row grid is a gigabyte).
    let rows: InputRow[] | null = null;
    let source: Grid | null = grid;
    return {
      adapter: 'sheet',
      table,
      get rows() {
        if (!rows) {
          rows = readRows(source as Grid, table);
          source = null;
        }
        return rows;
      },
    };
  },
};
