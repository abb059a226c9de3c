/**
 * Sheets the product owns beside the user's data (the IC Administrations sheet of an action log): written into
 * the coded workbook, replacing an earlier copy, or as a CSV file beside a CSV copy. User sheets are never touched.
 */
import type ExcelJS from 'exceljs';
import * as path from 'path';
import { ADMINISTRATIONS_SHEET } from '../inputs/actionLog';
import type { OutputTable } from '../inputs/types';
import { formatCsv } from './csv';

/** Names of the product's own sheets (lower-case): never taken as input. */
export const OWN_SHEETS: ReadonlySet<string> = new Set([ADMINISTRATIONS_SHEET.toLowerCase()]);

export function writeOwnedSheets(workbook: ExcelJS.Workbook, tables: OutputTable[]): void {
  for (const t of tables) {
    const old = workbook.worksheets.find((w) => w.name.toLowerCase() === t.name.toLowerCase());
    if (old) workbook.removeWorksheet(old.id);
    const ws = workbook.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    t.headers.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(40, Math.max(10, h.length + 2));
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.headers.length } };
  }
}

/** `out.csv` + `IC Administrations` -> `out.administrations.csv`, with the table as CSV text. */
export function ownedCsvFiles(outPath: string, tables: OutputTable[], delimiter = ','): { file: string; text: string }[] {
  const base = path.basename(outPath, path.extname(outPath));
  return tables.map((t) => {
    const suffix = t.name.replace(/^IC\s+/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return { file: path.join(path.dirname(outPath), `${base}.${suffix}.csv`), text: formatCsv([t.headers, ...t.rows], delimiter) };
  });
}
