/**
 * The flat sheet adapter: one spreadsheet row per administration (header row detected, the user's mapping
 * corrections applied). Every other adapter falls back to it.
 */
import { detectMappedTable } from '../../sheet/mapping';
import { readRows } from '../../sheet/rows';
import type { Grid } from '../../sheet/types';
import type { GridAdapter, ReadSettings, SheetInput } from '../types';

export const flatSheet: GridAdapter = {
  id: 'sheet',
  read(grid: Grid, settings: ReadSettings): SheetInput | null {
    const table = detectMappedTable(grid, settings.mapping, settings.mappingOptions);
    if (!table) return null;
    return { adapter: 'sheet', table, rows: readRows(grid, table) };
  },
};
