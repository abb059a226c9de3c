/** Reading the sheets a run's user tables come from (the MUE sheet); the tables themselves: src/runtime/tables.ts. */
import type { CellValue } from '../rules/types';
import type { ExcelHost } from './host';
import { readGrid, readMeta } from './read';

/** Reads every value of another sheet (drug map, MUE file) in chunks; null when the sheet is missing. */
export async function readOtherSheet(context: Excel.RequestContext, host: ExcelHost, name: string): Promise<CellValue[][] | null> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (ws.isNullObject) return null;
  const meta = await readMeta(context, host, name);
  if (meta.empty) return [];
  return (await readGrid(context, meta)).values;
}

