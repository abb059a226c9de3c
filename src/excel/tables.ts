/** The drug map and MUE tables a run codes with: from the stored settings and, for the MUE, another sheet. */
import { loadTables, type LoadedTables, type TableSource } from '../pipeline';
import type { CellValue } from '../rules/types';
import type { ExcelHost } from './host';
import { readGrid, readMeta } from './read';
import type { StoredSettings } from './settings';

/** The user tables the settings name (the drug map saved in the workbook, the MUE sheet), loaded by the one loader. */
export function workbookTables(settings: StoredSettings, mueGrid: CellValue[][] | null): LoadedTables {
  const sources: TableSource[] = [];
  if (settings.drugMap && settings.drugMap.rows.length) {
    sources.push({ kind: 'drugMap', source: settings.drugMap.source, grid: settings.drugMap.rows as CellValue[][] });
  }
  if (mueGrid && settings.mueSheet) sources.push({ kind: 'mue', source: settings.mueSheet, grid: mueGrid });
  return loadTables(sources);
}

/** Reads every value of another sheet (drug map, MUE file) in chunks; null when the sheet is missing. */
export async function readOtherSheet(context: Excel.RequestContext, host: ExcelHost, name: string): Promise<CellValue[][] | null> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (ws.isNullObject) return null;
  const meta = await readMeta(context, host, name);
  if (meta.empty) return [];
  return (await readGrid(context, meta)).values;
}
