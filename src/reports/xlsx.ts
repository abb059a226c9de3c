/**
 * Lays a Report out in an exceljs workbook: the Claim Lines sheet as an Excel table, one sheet per
 * summary table, the documentation-quality tables and an overview sheet with the volume chart as an
 * image. A file written without Excel cannot hold live PivotTables, so the summaries are plain tables.
 * Building again removes the report's own sheets first and leaves every other sheet alone.
 */
import type ExcelJS from 'exceljs';
import type { ChartImage } from './chartImage';
import { CHART_TITLE } from './chart';
import { REPORT_SHEETS, headlineTable, sheetConflictMessage, sheetOwnership } from './report';
import type { ColumnFormat, Report, ReportTable, TableCell } from './types';

export interface XlsxReportOptions {
  /** The rendered volume chart, or null (with `chartNote` saying why there is none). */
  chart?: ChartImage | null;
  chartNote?: string;
  /** Where the rows came from, shown on the overview sheet (e.g. `infusions.xlsx, sheet Infusions`). */
  source?: string;
  /** When the report was built (defaults to now); shown on the overview sheet. */
  builtAt?: Date;
  /**
   * Write Claim Lines with one styled template row instead of every row; `fillTableRows` (claimSheet.ts)
   * puts the rows into the saved file. The command line does this: it is much faster on large reports.
   */
  claimLinesTemplate?: boolean;
}

/** Printed landscape, as wide as the page: managers print these sheets. */
const PRINT_SETUP: Partial<ExcelJS.PageSetup> = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

/** The print setup of a sheet whose table header sits on `headerRow`: repeated at the top of every page. */
const printWithHeader = (headerRow: number): Partial<ExcelJS.PageSetup> => ({ ...PRINT_SETUP, printTitlesRow: `${headerRow}:${headerRow}` });

const NUM_FMT: Record<ColumnFormat, string | null> = {
  text: null,
  integer: '0',
  number: '0.##',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  money: '$#,##0.00',
};

/** Names of the Excel tables on a sheet exceljs loaded or built. */
function tableNames(ws: ExcelJS.Worksheet): string[] {
  // exceljs keeps tables by name; `getTables()` is missing from some of its typings.
  const tables = (ws as unknown as { tables?: Record<string, unknown> }).tables;
  return tables ? Object.keys(tables) : [];
}

/** Thrown when a user's own sheet carries a report sheet name: the report never deletes user sheets. */
export class ReportSheetConflict extends Error {}

/**
 * Removes every sheet an earlier report made and returns their names. Throws ReportSheetConflict, before
 * removing anything, when a sheet with a report name was not made by the report.
 */
export function removeReportSheets(workbook: ExcelJS.Workbook): string[] {
  const ours: ExcelJS.Worksheet[] = [];
  const users: string[] = [];
  for (const ws of workbook.worksheets) {
    const owner = sheetOwnership(ws.name, tableNames(ws));
    if (owner === 'report') ours.push(ws);
    else if (owner === 'user') users.push(ws.name);
  }
  if (users.length > 0) throw new ReportSheetConflict(sheetConflictMessage(users));
  for (const ws of ours) workbook.removeWorksheet(ws.id);
  if (ours.length > 0) pruneMedia(workbook);
  return ours.map((ws) => ws.name);
}

/**
 * Drops images no sheet shows any more (the chart of a removed report sheet), renumbering the rest:
 * exceljs keeps a workbook's images when a sheet goes, so each rebuild would otherwise add one.
 */
function pruneMedia(workbook: ExcelJS.Workbook): void {
  type Medium = { imageId: number | string };
  const book = workbook as unknown as { media?: unknown[] };
  if (!Array.isArray(book.media) || book.media.length === 0) return;
  const sheetMedia = workbook.worksheets.flatMap((ws) => (ws as unknown as { _media?: Medium[] })._media ?? []);
  const used = new Set(sheetMedia.map((m) => Number(m.imageId)));
  const remap = new Map<number, number>();
  const kept: unknown[] = [];
  book.media.forEach((m, i) => {
    if (!used.has(i)) return;
    remap.set(i, kept.length);
    kept.push(m);
  });
  book.media = kept;
  for (const m of sheetMedia) m.imageId = remap.get(Number(m.imageId)) ?? m.imageId;
}

/** yyyy-mm-dd text as a UTC Date (exceljs writes it as an Excel date serial), else the text. */
function dateCell(v: TableCell): Date | TableCell {
  if (typeof v !== 'string') return v;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : v;
}

function cellsOf(table: ReportTable, row: TableCell[]): unknown[] {
  return row.map((v, i) => {
    if (v === '' || v === null) return null;
    return table.columns[i]?.format === 'date' ? dateCell(v) : v;
  });
}

/** Column widths from the header and the first rows' text, between 8 and 40 characters. */
function setWidths(ws: ExcelJS.Worksheet, table: ReportTable, firstColumn = 1): void {
  table.columns.forEach((col, i) => {
    let width = col.header.length + 3;
    for (let r = 0; r < Math.min(table.rows.length, 500); r++) {
      const v = table.rows[r][i];
      const len = col.format === 'date' ? 10 : v === null ? 0 : String(v).length;
      if (len + 2 > width) width = len + 2;
    }
    // Share columns are narrow with wrapped headers (the finding ids are long, the numbers short).
    if (col.format === 'percent') width = Math.min(width, 13);
    const column = ws.getColumn(firstColumn + i);
    column.width = Math.max(column.width ?? 0, Math.min(40, Math.max(8, width)));
  });
}

/**
 * Writes `table` as an Excel table with its top-left header cell at (top, 1), the optional title above it
 * and its totals (bold) right below it. Returns the first free row after it.
 */
export function writeTable(ws: ExcelJS.Worksheet, table: ReportTable, top: number, title = true, template = false): number {
  let row = top;
  if (title) {
    const cell = ws.getCell(row, 1);
    cell.value = table.title;
    cell.font = { bold: true, size: 12 };
    row += 1;
  }
  // An Excel table needs at least one data row: an empty report gets one blank row. A template row has a
  // value of each column's type in every cell, so each cell gets its column's style.
  const rows = template
    ? [table.columns.map((c) => (c.format === 'date' ? new Date(Date.UTC(2000, 0, 1)) : c.format === 'text' ? 'x' : 0))]
    : table.rows.length > 0
      ? table.rows.map((r) => cellsOf(table, r))
      : [table.columns.map(() => null)];
  ws.addTable({
    name: table.name,
    displayName: table.name,
    ref: ws.getCell(row, 1).address,
    headerRow: true,
    totalsRow: false,
    style: { theme: table.name === 'ICClaimLines' ? 'TableStyleMedium2' : 'TableStyleLight9', showRowStripes: true },
    columns: table.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows,
  });
  table.columns.forEach((c, i) => {
    const fmt = NUM_FMT[c.format];
    if (fmt) ws.getColumn(i + 1).numFmt = fmt;
  });
  const header = ws.getRow(row);
  header.alignment = { wrapText: true, vertical: 'bottom' };
  row += 1 + rows.length;
  if (table.totals) {
    const r = ws.getRow(row);
    r.values = cellsOf(table, table.totals) as ExcelJS.CellValue[];
    r.font = { bold: true };
    r.border = { top: { style: 'thin' } } as Partial<ExcelJS.Borders>;
    row += 1;
  }
  setWidths(ws, table);
  return row;
}

function tableSheet(workbook: ExcelJS.Workbook, name: string, table: ReportTable): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { pageSetup: printWithHeader(2) });
  writeTable(ws, table, 1);
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return ws;
}

function overviewSheet(workbook: ExcelJS.Workbook, report: Report, options: XlsxReportOptions): void {
  const ws = workbook.addWorksheet(REPORT_SHEETS.overview, { pageSetup: PRINT_SETUP });
  const title = ws.getCell('A1');
  title.value = 'Infusion Report';
  title.font = { bold: true, size: 16 };
  const built = options.builtAt ?? new Date();
  const summaries = [REPORT_SHEETS.byMonth, REPORT_SHEETS.byDrug, REPORT_SHEETS.byProvider, REPORT_SHEETS.bySetting];
  const lines = [
    `Built by infusion-coder${options.source ? ` from ${options.source}` : ''}, ${built.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Summaries: the sheets ${summaries.join(', ')}; quality: ${REPORT_SHEETS.quality}.`,
    `A file written without Excel holds tables, not live PivotTables: pivot the table on '${REPORT_SHEETS.claimLines}',`,
    `or use Build report in the Infusion Coder task pane, which adds PivotTables and a chart.`,
    `Money (sheet ${REPORT_SHEETS.money}): ${report.money.note}`,
  ];
  lines.forEach((text, i) => {
    const cell = ws.getCell(2 + i, 1);
    cell.value = text;
    if (i >= 2) cell.font = { italic: true };
  });
  const row = writeTable(ws, headlineTable(report), 8);
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 12;
  const chartRow = row + 1;
  const chart = options.chart;
  if (chart) {
    const id = workbook.addImage({ buffer: chart.png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, {
      tl: { col: 0, row: chartRow - 1 },
      // Shown at 3/4 of its CSS size: it then fits a printed landscape page below the summary.
      ext: { width: Math.round((chart.width / chart.scale) * 0.75), height: Math.round((chart.height / chart.scale) * 0.75) },
    });
  } else {
    ws.getCell(chartRow, 1).value = `${CHART_TITLE}: ${options.chartNote ?? 'no chart, there are no CPT lines to draw.'}`;
  }
}

/**
 * Adds the report's sheets to `workbook` after removing the ones an earlier build made. Order: overview,
 * Claim Lines, the four summaries, Documentation Quality.
 */
export function writeReportSheets(workbook: ExcelJS.Workbook, report: Report, options: XlsxReportOptions = {}): void {
  removeReportSheets(workbook);
  overviewSheet(workbook, report, options);

  const claims = workbook.addWorksheet(REPORT_SHEETS.claimLines, { pageSetup: printWithHeader(1) });
  writeTable(claims, report.claimTable, 1, false, Boolean(options.claimLinesTemplate) && report.claimTable.rows.length > 0);
  claims.views = [{ state: 'frozen', ySplit: 1 }];

  tableSheet(workbook, REPORT_SHEETS.byMonth, report.unitsByMonth);
  tableSheet(workbook, REPORT_SHEETS.byDrug, report.unitsByDrug);
  tableSheet(workbook, REPORT_SHEETS.byProvider, report.unitsByProvider);
  tableSheet(workbook, REPORT_SHEETS.bySetting, report.unitsBySetting);

  const money = workbook.addWorksheet(REPORT_SHEETS.money, { pageSetup: PRINT_SETUP });
  money.getCell('A1').value = report.money.note;
  money.getCell('A1').font = { italic: true };
  let moneyRow = 3;
  const m = report.money;
  for (const table of [m.byMonth, m.byDrug, m.byProvider, m.byPayer, m.atRiskByFinding, m.atRiskByNurse]) {
    moneyRow = writeTable(money, table, moneyRow) + 2;
  }

  const quality = workbook.addWorksheet(REPORT_SHEETS.quality);
  quality.pageSetup = PRINT_SETUP;
  quality.getCell('A1').value =
    'Share of rows carrying each finding (a row counts once per finding id). Status Error / Review as in the coded sheet.';
  quality.getCell('A1').font = { italic: true };
  let row = 3;
  for (const table of [report.qualityByNurse, report.qualityByProvider, report.qualityByMonth]) {
    row = writeTable(quality, table, row) + 2;
  }
}
