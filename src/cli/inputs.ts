/**
 * The command line's input adapters: a sheet is a MAR action log (one row per action) or a flat sheet (one row
 * per administration). Either way the coding comes back per source row, the report counts administrations,
 * and an action log adds the IC Administrations sheet.
 */
import type ExcelJS from 'exceljs';
import { readActionLog, ADMINISTRATIONS_SHEET } from '../inputs/actionLog/adapter';
import { detectActionLog, type ActionLogTable } from '../inputs/actionLog/headers';
import { resultForSourceRows } from '../inputs/results';
import type { AdapterOutput, OutputTable } from '../inputs/types';
import type { CodingResult, InputRow } from '../rules/types';
import { detectTable } from '../sheet/headers';
import { readRows } from '../sheet/rows';
import type { ColumnMapping, DetectedTable, Grid } from '../sheet/types';
import type { CodeArgs } from './args';
import { runCoding, type Tables } from './engine';

/** Sheets the product writes itself: never taken as input. */
export const OWN_SHEETS = new Set([ADMINISTRATIONS_SHEET.toLowerCase()]);

/** An action log when the sheet has an action column and one action-time column; else a flat table. */
export function detectInput(grid: Grid, override?: ColumnMapping): { table: DetectedTable; log?: ActionLogTable } | null {
  const log = detectActionLog(grid, override);
  if (log) return { table: log, log };
  const table = detectTable(grid, override);
  return table ? { table } : null;
}

export interface CodedInput {
  /** One per source row (what the plan writes beside). */
  rows: InputRow[];
  /** The coding per source row. */
  result: CodingResult;
  /** The administrations and their coding: what reports count. */
  administrations: { rows: InputRow[]; result: CodingResult };
  adapter: AdapterOutput | null;
  /** Extra sheets the product owns (IC Administrations). */
  tables: OutputTable[];
}

export function codeSheet(grid: Grid, chosen: { table: DetectedTable; log?: ActionLogTable }, args: CodeArgs, tables: Tables): CodedInput {
  if (!chosen.log) {
    const rows = readRows(grid, chosen.table);
    const result = runCoding(rows, args.options, tables);
    return { rows, result, administrations: { rows, result }, adapter: null, tables: [] };
  }
  const adapter = readActionLog(grid, chosen.log, { actions: args.actions });
  return codeAdapted(adapter, args, tables);
}

/** Codes an adapter's administrations and maps the results back onto every source row. */
export function codeAdapted(adapter: AdapterOutput, args: CodeArgs, tables: Tables): CodedInput {
  const coded = runCoding(adapter.rows, args.options, tables);
  const result = resultForSourceRows(adapter, coded, args.options.setting ?? 'facility');
  const rows: InputRow[] = adapter.notes.map((n) => ({ row: n.row, values: {} }));
  return { rows, result, administrations: { rows: adapter.rows, result: coded }, adapter, tables: adapter.tables(coded) };
}

/** Writes the product's own sheets into a workbook, replacing earlier copies; user sheets are never touched. */
export function writeOwnedSheets(workbook: ExcelJS.Workbook, tables: OutputTable[]): void {
  for (const t of tables) {
    const old = workbook.worksheets.find((w) => w.name.toLowerCase() === t.name.toLowerCase());
    if (old) workbook.removeWorksheet(old.id);
    const ws = workbook.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(t.headers);
    header.font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    t.headers.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.min(40, Math.max(10, h.length + 2));
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.headers.length } };
  }
}
