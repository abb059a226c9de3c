/** The drug map and MUE tables a run codes with: from the stored settings and, for the MUE, another sheet. */
import { DrugCatalog, type CodingTables } from '../rules';
import { parseDrugMap, parseMueFile } from '../rules/catalog';
import type { CellValue } from '../rules/types';
import type { ExcelHost } from './host';
import { readGrid, readMeta } from './read';
import type { StoredSettings } from './settings';

/** The drug map and MUE tables the settings name. */
export function codingTables(settings: StoredSettings, mueGrid: CellValue[][] | null): { tables: CodingTables; problems: string[] } {
  const tables: CodingTables = {};
  const problems: string[] = [];
  if (settings.drugMap && settings.drugMap.rows.length) {
    const parsed = parseDrugMap(settings.drugMap.rows as CellValue[][]);
    problems.push(...parsed.problems.map((p) => `Drug map (${settings.drugMap!.source}): ${p}`));
    if (parsed.entries.length) tables.catalog = DrugCatalog.builtIn().withEntries(parsed.entries);
  }
  if (mueGrid) {
    const parsed = parseMueFile(mueGrid);
    problems.push(...parsed.problems.map((p) => `MUE sheet (${settings.mueSheet}): ${p}`));
    if (parsed.table.size) tables.mue = parsed.table;
  }
  return { tables, problems };
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
