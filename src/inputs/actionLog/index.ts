/** The MAR action-log grid adapter: a sheet with an action column and one action-time column (EXPORTS.md A). */
import { resolveMapping } from '../../sheet/mapping';
import type { Grid } from '../../sheet/types';
import type { GridAdapter, ReadSettings, SheetInput } from '../types';
import { readActionLog } from './adapter';
import { detectActionLog } from './headers';

export { ADMINISTRATIONS_SHEET, ADMINISTRATION_HEADERS, readActionLog } from './adapter';
export { ACTION_KINDS, DEFAULT_ACTIONS, actionVocabulary, parseActionOverride, readKind, type ActionKind, type ActionOverride } from './actions';
export { detectActionLog, type ActionLogTable } from './headers';

export const actionLog: GridAdapter = {
  id: 'action-log',
  read(grid: Grid, settings: ReadSettings): SheetInput | null {
    const table = detectActionLog(grid, resolveMapping(grid, settings.mapping, settings.mappingOptions));
    if (!table) return null;
    const source = readActionLog(grid, table, { actions: settings.actions });
    return { adapter: 'action-log', table, rows: source.rows, source };
  },
};
