/**
 * The tables in force for a workbook: what its stored settings name (the drug map saved in the workbook, the
 * MUE sheet), loaded by the pipeline's one loader. Shared by Code rows, Build report and the custom functions.
 */
import { loadTables, type LoadedTables, type TableSource } from '../pipeline';
import type { CellValue } from '../rules/types';
import type { StoredSettings } from './settings';
import { CLAIMS_KIND_IDS, type ClaimsKindId } from '../claims/kinds';

/** The user tables the settings name (the drug map saved in the workbook, the MUE sheet), loaded by the one loader. */
export function workbookTables(
  settings: StoredSettings,
  mueGrid: CellValue[][] | null,
  claimsGrids: Partial<Record<ClaimsKindId, CellValue[][]>> = {},
): LoadedTables {
  const sources: TableSource[] = [];
  if (settings.drugMap && settings.drugMap.rows.length) {
    sources.push({ kind: 'drugMap', source: settings.drugMap.source, grid: settings.drugMap.rows as CellValue[][] });
  }
  if (mueGrid && settings.mueSheet) sources.push({ kind: 'mue', source: settings.mueSheet, grid: mueGrid });
  for (const kind of CLAIMS_KIND_IDS) {
    const sheet = settings.claimsSheets?.[kind];
    const grid = claimsGrids[kind];
    if (sheet && grid) sources.push({ kind, source: sheet, grid });
  }
  return loadTables(sources);
}

