/**
 * The input adapters over a sheet grid, most specific first: the pipeline takes the first that reads the
 * grid. A new input is a folder here and one line in this list (before `flatSheet`, which reads any table).
 */
import { actionLog } from './actionLog';
import { flatSheet } from './flat/flatSheet';
import type { GridAdapter } from './types';

export const GRID_ADAPTERS: readonly GridAdapter[] = [actionLog, flatSheet];

export { actionLog, flatSheet };
export type { AdapterOutput, GridAdapter, OutputTable, ReadSettings, SheetInput, SourceNote } from './types';
