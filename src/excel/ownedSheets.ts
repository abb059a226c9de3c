/**
 * Sheets the product owns (the IC Administrations sheet of an action log): an earlier copy is deleted and the
 * table written again in row chunks that keep each request well under Excel's 5 MB limit. Only sheets with
 * these names are touched; the user's sheets never are.
 */
import type { OutputTable } from '../inputs/types';
import { CHUNK_CELLS, REQUEST_BUDGET_BYTES } from './limits';

/** Writes each table as its own sheet, replacing an earlier one of that name; the active sheet stays active. */
export async function writeOwnedSheets(context: Excel.RequestContext, tables: OutputTable[]): Promise<void> {
  for (const table of tables) {
    const earlier = context.workbook.worksheets.getItemOrNullObject(table.name);
    await context.sync();
    if (!earlier.isNullObject) earlier.delete();
    const sheet = context.workbook.worksheets.add(table.name);
    const width = table.headers.length;
    const header = sheet.getRangeByIndexes(0, 0, 1, width);
    header.values = [table.headers];
    header.format.font.bold = true;
    let start = 0;
    while (start < table.rows.length) {
      // Rows until the chunk reaches the cell or byte budget (a cell's JSON is its size on the wire).
      let end = start;
      let bytes = 0;
      while (end < table.rows.length && (end - start + 1) * width <= CHUNK_CELLS) {
        bytes += JSON.stringify(table.rows[end]).length;
        if (end > start && bytes > REQUEST_BUDGET_BYTES / 2) break;
        end++;
      }
      sheet.getRangeByIndexes(start + 1, 0, end - start, width).values = table.rows.slice(start, end).map((r) => r.map((v) => v ?? ''));
      await context.sync();
      start = end;
    }
    await context.sync();
  }
}
