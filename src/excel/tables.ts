/** Reading the sheets a run's user tables come from (the MUE sheet); the tables themselves: src/runtime/tables.ts. */
import type { CellValue } from '../rules/types';
import type { ExcelHost } from './host';
import { readGrid, readMeta } from './read';
import { CLAIMS_KIND_IDS, CLAIMS_TABLE_KINDS, type ClaimsKindId } from '../claims/kinds';
import type { StoredSettings } from '../runtime/settings';

/** Reads every value of another sheet (drug map, MUE file) in chunks; null when the sheet is missing. */
export async function readOtherSheet(context: Excel.RequestContext, host: ExcelHost, name: string): Promise<CellValue[][] | null> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (ws.isNullObject) return null;
  const meta = await readMeta(context, host, name);
  if (meta.empty) return [];
  return (await readGrid(context, meta)).values;
}


/** The claims sheets the settings name (ASP file, NDC crosswalk, PTP edits, fees, payers, revenue codes), and notices for missing ones. */
export async function readClaimsSheets(
  context: Excel.RequestContext,
  host: ExcelHost,
  settings: StoredSettings,
): Promise<{ grids: Partial<Record<ClaimsKindId, CellValue[][]>>; notices: string[] }> {
  const grids: Partial<Record<ClaimsKindId, CellValue[][]>> = {};
  const notices: string[] = [];
  for (const kind of CLAIMS_KIND_IDS) {
    const sheet = settings.claimsSheets?.[kind];
    if (!sheet) continue;
    const grid = await readOtherSheet(context, host, sheet);
    if (grid) grids[kind] = grid;
    else notices.push(`The ${CLAIMS_TABLE_KINDS[kind].label} sheet '${sheet}' was not found; it was left out.`);
  }
  return { grids, notices };
}
