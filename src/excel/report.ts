/**
 * "Build report" in Excel: writes the Claim Lines sheet as a table, an Infusion Report sheet with
 * PivotTables over it (units by month and code, by drug/HCPCS, by provider, by setting) and a chart of
 * infusion volume by month, and a Documentation Quality sheet. Hosts without ExcelApi 1.8 get the same
 * summaries as plain tables instead of PivotTables, and the sheet says so.
 *
 * Writes go out in batches under a byte budget (well under Excel's 5 MB request limit), with calculation
 * and screen updating suspended; a rebuild deletes only the sheets an earlier report made.
 */
import { codeGrid } from '../pipeline';
import { administrationResult } from '../inputs/results';
import { resolveOptions, type CodingOptions, type CodingOptionsInput } from '../rules/options';
import type { CodingResult, InputRow } from '../rules/types';
import {
  CHART_TITLE,
  CLAIM_HEADERS,
  CLAIM_TABLE_NAME,
  REPORT_SHEETS,
  REPORT_SHEET_NAMES,
  buildReport,
  headlineTable,
  pivotSpecs,
  hasReportSheetName,
  sheetConflictMessage,
  sheetOwnership,
  type ColumnFormat,
  type PivotSpec,
  type Report,
  type ReportTable,
  type TableCell,
} from '../reports';
import { columnLetters, rectAddress, sheetAddress } from './address';
import type { ExcelHost } from './host';
import { jsonSize, OPERATION_OVERHEAD_BYTES, REQUEST_BUDGET_BYTES } from './limits';
import { readGrid, readMeta, throwIfCancelled, type CancelSignal } from './read';
import { readOtherSheet, workbookTables, type Progress } from './run';
import { readClaimsSheets } from './tables';
import { PANE_LOAD_HINTS } from './loadHints';
import { summarizeClaims, type ClaimsSummary } from '../claims/check';
import { mappingFor, parseSettings, type MappingOverride } from '../runtime/settings';

/** Rows already coded (the report then skips reading and coding the sheet). */
export interface ExcelReportInput {
  rows: InputRow[];
  result: CodingResult;
  /** What the claims step did (tables, PTP, amounts), for the report's money labels. */
  claims?: ClaimsSummary;
  /** Where the rows came from, shown on the report sheet (e.g. the sheet name). */
  source?: string;
}

export interface ExcelReportOptions {
  /** The sheet with the infusion rows; default the active sheet (or, on a report sheet, the last coded one). */
  sheetName?: string;
  /** Options for this report; the stored options when absent. */
  options?: CodingOptionsInput | CodingOptions;
  /** Mapping corrections; the stored ones when absent. */
  mapping?: MappingOverride;
  /** Coded rows to report on instead of reading the sheet. */
  input?: ExcelReportInput;
  /** Request budget per sync in bytes (default the add-in's budget; never above 4 MB). */
  maxRequestBytes?: number;
  onProgress?: (p: Progress) => void;
  /** Checked between batches; the sheets written so far stay, and a rebuild replaces them. */
  signal?: CancelSignal;
}

export interface ExcelReportOutcome {
  /** Report sheets written, in order. */
  sheets: string[];
  /** True when PivotTables were added; false when the host lacks ExcelApi 1.8 and plain tables stand in. */
  pivotTables: boolean;
  chart: boolean;
  claimLines: number;
  /** One or two sentences for the task pane. */
  message: string;
  /** Sheets an earlier report made that were replaced. */
  replaced: string[];
}

/** A problem the task pane shows as it is (its message is for the biller). Nothing was written. */
export class ReportError extends Error {}
/** A user's own sheet carries a report sheet name: the report never deletes it. */
export class ReportSheetConflictError extends ReportError {}
/** No rows to report on (empty sheet, no header row, a report sheet active with nothing coded yet). */
export class ReportInputError extends ReportError {}

export const DEFAULT_MAX_REQUEST_BYTES = REQUEST_BUDGET_BYTES;
const OP_BYTES = OPERATION_OVERHEAD_BYTES;
const requestBytes = jsonSize;
const CHART_NAME = 'ICVolumeChart';
export const NO_PIVOTS_NOTE =
  'This version of Excel cannot create PivotTables from add-ins (it lacks ExcelApi 1.8), so the summaries below are plain tables. ' +
  'In Excel 2019, Excel 2021, Microsoft 365 or Excel on the web, Build report adds PivotTables.';
const PIVOTS_NOTE = `The PivotTables below read the table ${CLAIM_TABLE_NAME} on the sheet '${REPORT_SHEETS.claimLines}'; build the report again after coding to refresh them.`;

const NUM_FMT: Record<ColumnFormat, string> = {
  text: '@',
  integer: '0',
  number: '0.##',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  money: '$#,##0.00',
};

/** yyyy-mm-dd -> Excel date serial (1900 date system); other text is left as it is. */
export function excelDate(v: TableCell): TableCell {
  if (typeof v !== 'string') return v;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 + 25569 : v;
}

function cellValues(table: ReportTable, row: TableCell[]): (string | number)[] {
  return row.map((v, i) => {
    if (v === null) return '';
    return table.columns[i]?.format === 'date' ? (excelDate(v) as string | number) : v;
  });
}

/** Queues operations and syncs whenever the next one would take the batch over the byte budget. */
class Batcher {
  private bytes = 0;
  syncs = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly host: ExcelHost,
    readonly budget: number,
    private readonly signal: CancelSignal | undefined,
  ) {}

  /** Makes room for an operation of `bytes` (syncing first if it would not fit), then counts it. */
  async reserve(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes + OP_BYTES > this.budget) await this.sync();
    this.bytes += bytes + OP_BYTES;
  }

  async sync(): Promise<void> {
    throwIfCancelled(this.signal);
    const app = this.context.workbook.application;
    if (this.host.supports(6)) app.suspendApiCalculationUntilNextSync();
    if (this.host.supports(9)) app.suspendScreenUpdatingUntilNextSync();
    await this.context.sync();
    this.syncs += 1;
    this.bytes = 0;
  }
}

interface Placed {
  /** 1-based sheet rows of the header row and the last data row (the totals row is below it). */
  headerRow: number;
  lastRow: number;
  /** The first free row below the table (after its totals row). */
  next: number;
}

/**
 * Queues a ReportTable with its title at (top, column 1): title, header + rows as an Excel table (with
 * number formats set before the values so codes and months stay text), totals in bold right below.
 */
async function writeTable(
  batch: Batcher,
  ws: Excel.Worksheet,
  sheetName: string,
  table: ReportTable,
  top: number,
  style = 'TableStyleLight9',
): Promise<Placed> {
  const width = table.columns.length;
  const title = ws.getRange(`A${top}`);
  await batch.reserve(requestBytes(table.title));
  title.values = [[table.title]];
  title.format.font.bold = true;

  const headerRow = top + 1;
  // An Excel table needs one data row at least: an empty table gets a blank one.
  const body = table.rows.length > 0 ? table.rows.map((r) => cellValues(table, r)) : [table.columns.map(() => '')];
  const formats = table.columns.map((c) => NUM_FMT[c.format]);
  const values = [table.columns.map((c) => c.header), ...body];
  const numberFormat = [table.columns.map(() => '@'), ...body.map(() => formats)];
  const rect = { top: headerRow, left: 1, bottom: headerRow + body.length, right: width };
  await batch.reserve(requestBytes(values) + requestBytes(numberFormat));
  const range = ws.getRange(rectAddress(rect));
  range.numberFormat = numberFormat;
  range.values = values;
  const t = ws.tables.add(sheetAddress(sheetName, rectAddress(rect)), true);
  t.name = table.name;
  t.style = style;

  let next = rect.bottom + 1;
  if (table.totals) {
    await batch.reserve(requestBytes(table.totals) * 2);
    const totals = ws.getRange(rectAddress({ top: next, left: 1, bottom: next, right: width }));
    totals.numberFormat = [formats];
    totals.values = [cellValues(table, table.totals)];
    totals.format.font.bold = true;
    next += 1;
  }
  return { headerRow, lastRow: rect.bottom, next };
}

/** Rows a PivotTable may take in compact layout: headers, one row per item at each row level, grand total. */
export function pivotHeight(spec: PivotSpec, report: Report): number {
  const lines = report.claimLines as unknown as Record<string, unknown>[];
  const key = (header: string) => Object.entries(CLAIM_HEADERS).find(([, h]) => h === header)?.[0] ?? header;
  let body = 0;
  for (let level = 1; level <= spec.rows.length; level++) {
    const fields = spec.rows.slice(0, level).map(key);
    body += new Set(lines.map((l) => fields.map((f) => String(l[f] ?? '')).join('\u0000'))).size;
  }
  // Filter/values caption row, one row per column level, the row-labels row, grand total, and a margin.
  return 2 + spec.columns.length + Math.max(body, 1) + 1 + 3;
}


/** Sheets an earlier report made (to replace) and user sheets that carry a report name (to refuse). */
async function findEarlierSheets(context: Excel.RequestContext): Promise<{ ours: string[]; users: string[] }> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const named = sheets.items.filter((s) => REPORT_SHEET_NAMES.some((n) => n.toLowerCase() === s.name.toLowerCase()));
  if (named.length === 0) return { ours: [], users: [] };
  const tables = named.map((s) => {
    const t = s.tables;
    t.load('items/name');
    return t;
  });
  await context.sync();
  const ours: string[] = [];
  const users: string[] = [];
  named.forEach((s, i) => {
    const owner = sheetOwnership(
      s.name,
      tables[i].items.map((t) => t.name),
    );
    (owner === 'report' ? ours : users).push(s.name);
  });
  return { ours, users };
}


type ProgressFn = (phase: Progress['phase'], fraction: number, message: string) => void;

/**
 * Reads the rows sheet and codes it as "Code rows" does (stored mapping, options, drug map and MUE sheet).
 * On a report sheet, the sheet the add-in coded last is used instead.
 */
async function readAndCode(context: Excel.RequestContext, host: ExcelHost, opts: ExcelReportOptions, progress: ProgressFn): Promise<ExcelReportInput> {
  progress('reading', 0, 'Reading the sheet');
  let meta = await readMeta(context, host, opts.sheetName);
  const settings = parseSettings(meta.settingsRaw ?? undefined);
  if (!opts.sheetName && hasReportSheetName(meta.name)) {
    const last = Object.values(settings.ledgers).sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))[0];
    if (!last) throw new ReportInputError(`'${meta.name}' is a report sheet: select the sheet with your infusion rows, then Build report.`);
    meta = await readMeta(context, host, last.sheetId);
  }
  if (meta.empty) throw new ReportInputError(`${meta.name} is empty: there are no rows to report on.`);
  const grid = await readGrid(context, meta, {
    signal: opts.signal,
    onProgress: ({ rowsRead, totalRows }) =>
      progress('reading', 0.4 * (rowsRead / Math.max(1, totalRows)), `Reading rows: ${rowsRead.toLocaleString('en-US')} of ${totalRows.toLocaleString('en-US')}`),
  });
  const mueGrid = settings.mueSheet ? await readOtherSheet(context, host, settings.mueSheet) : null;
  const claimsSheets = await readClaimsSheets(context, host, settings);
  throwIfCancelled(opts.signal);
  progress('coding', 0.4, 'Coding rows');
  const options = resolveOptions(opts.options ?? settings.options);
  const { tables } = workbookTables(settings, mueGrid, claimsSheets.grids);
  const coded = codeGrid(grid, { options, mapping: opts.mapping ?? mappingFor(settings, meta), actions: settings.actions }, tables);
  if (!coded) {
    throw new ReportInputError(
      `No header row found on ${meta.name}: it needs at least three recognised headers, one of them a drug or a time (for example Drug, Start, Stop).`,
    );
  }
  // An action log's report counts administrations, not actions.
  const result = coded.input.source ? administrationResult(coded.input.source, coded.result) : coded.result;
  return { rows: coded.input.rows, result, source: `sheet '${meta.name}'`, claims: summarizeClaims(coded.result, tables.claims ?? {}, PANE_LOAD_HINTS) };
}

/**
 * "Build report": codes the rows sheet (or takes `opts.input`) and writes the report sheets. Throws a
 * ReportError with a message for the pane when there is nothing to report on or a user's own sheet is
 * named like a report sheet (nothing is written then); CancelledError when cancelled.
 */
export async function buildExcelReport(host: ExcelHost, opts: ExcelReportOptions = {}): Promise<ExcelReportOutcome> {
  const progress: ProgressFn = (phase, fraction, message) => opts.onProgress?.({ phase, fraction, message });
  const pivots = host.supports(8);
  const budget = Math.min(opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES, 4 * 1024 * 1024 - 64 * 1024);

  return host.run(async (context) => {
    const input = opts.input ?? (await readAndCode(context, host, opts, progress));
    const report = buildReport(input.rows, input.result, input.claims);
    const { ours, users } = await findEarlierSheets(context);
    if (users.length > 0) throw new ReportSheetConflictError(sheetConflictMessage(users));
    throwIfCancelled(opts.signal);
    progress('writing', 0.5, 'Writing the report');
    const batch = new Batcher(context, host, budget, opts.signal);

    // The report sheet first: its PivotTables read the claim-lines table, so they go before it is deleted.
    const order = [REPORT_SHEETS.overview, ...ours.filter((n) => n.toLowerCase() !== REPORT_SHEETS.overview.toLowerCase())];
    for (const name of order) {
      if (!ours.some((n) => n.toLowerCase() === name.toLowerCase())) continue;
      await batch.reserve(0);
      context.workbook.worksheets.getItem(name).delete();
    }
    const overview = context.workbook.worksheets.add(REPORT_SHEETS.overview);
    const claims = context.workbook.worksheets.add(REPORT_SHEETS.claimLines);
    const money = context.workbook.worksheets.add(REPORT_SHEETS.money);
    const quality = context.workbook.worksheets.add(REPORT_SHEETS.quality);
    await batch.reserve(0);

    // Claim Lines: header, then rows in chunks that fit the budget (dates as serials, codes as text).
    const table = report.claimTable;
    const width = table.columns.length;
    const formats = table.columns.map((c) => NUM_FMT[c.format]);
    const formatBytes = requestBytes(formats);
    const total = table.rows.length;
    const header = claims.getRange(rectAddress({ top: 1, left: 1, bottom: 1, right: width }));
    header.numberFormat = [table.columns.map(() => '@')];
    header.values = [table.columns.map((c) => c.header)];
    header.format.font.bold = true;
    let start = 0;
    while (start < total) {
      let end = start;
      let bytes = 0;
      const room = batch.budget - 2 * OP_BYTES - 1024;
      while (end < total) {
        const b = requestBytes(table.rows[end]) + formatBytes;
        if (end > start && bytes + b > room) break;
        bytes += b;
        end += 1;
      }
      await batch.reserve(bytes);
      const chunk = table.rows.slice(start, end).map((r) => cellValues(table, r));
      const range = claims.getRange(rectAddress({ top: start + 2, left: 1, bottom: end + 1, right: width }));
      range.numberFormat = chunk.map(() => formats);
      range.values = chunk;
      start = end;
      if (end < total) {
        await batch.sync();
        progress('writing', 0.5 + 0.4 * (end / total), `Writing claim lines: ${end.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
      }
    }
    const claimRect = { top: 1, left: 1, bottom: Math.max(2, total + 1), right: width };
    await batch.reserve(0);
    const claimTable = claims.tables.add(sheetAddress(REPORT_SHEETS.claimLines, rectAddress(claimRect)), true);
    claimTable.name = CLAIM_TABLE_NAME;
    claimTable.style = 'TableStyleMedium2';
    if (host.supports(7)) claims.freezePanes.freezeRows(1);
    claims.getRange(`A:${columnLetters(width)}`).format.autofitColumns();

    // Infusion Report: title, notes, headline figures, the chart and its month table, then the summaries.
    const head = overview.getRange('A1:A3');
    const source = input.source ? ` from ${input.source}` : '';
    await batch.reserve(1024);
    head.values = [['Infusion Report'], [`Built by Infusion Coder${source} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`], [pivots ? PIVOTS_NOTE : NO_PIVOTS_NOTE]];
    overview.getRange('A1').format.font.bold = true;
    overview.getRange('A1').format.font.size = 16;
    const figures = await writeTable(batch, overview, REPORT_SHEETS.overview, headlineTable(report), 5);

    const chartTop = figures.next + 1;
    const chartRows = 20;
    const monthTop = chartTop + chartRows + 1;
    const months = await writeTable(batch, overview, REPORT_SHEETS.overview, report.unitsByMonth, monthTop);
    let chart = false;
    const codes = report.unitsByMonth.columns.length - 1;
    if (codes > 0 && report.unitsByMonth.rows.length > 0) {
      // Months down, one series per CPT code: the month table without its totals row.
      const src = overview.getRange(rectAddress({ top: months.headerRow, left: 1, bottom: months.lastRow, right: 1 + codes }));
      await batch.reserve(512);
      const c = overview.charts.add('ColumnStacked', src, 'Columns');
      c.name = CHART_NAME;
      c.title.text = CHART_TITLE;
      c.axes.valueAxis.title.text = 'CPT units';
      c.legend.position = 'Right';
      c.setPosition(`A${chartTop}`, `J${chartTop + chartRows - 1}`);
      chart = true;
    } else {
      overview.getRange(`A${chartTop}`).values = [['No chart: there are no CPT lines to draw.']];
    }

    let top = months.next + 2;
    for (const spec of pivotSpecs(report)) {
      if (pivots) {
        await batch.reserve(2048);
        overview.getRange(`A${top}`).values = [[spec.title]];
        overview.getRange(`A${top}`).format.font.bold = true;
        const pt = overview.pivotTables.add(spec.name, context.workbook.tables.getItem(CLAIM_TABLE_NAME), overview.getRange(`A${top + 1}`));
        for (const f of spec.rows) pt.rowHierarchies.add(pt.hierarchies.getItem(f));
        for (const f of spec.columns) pt.columnHierarchies.add(pt.hierarchies.getItem(f));
        for (const f of spec.values) {
          const d = pt.dataHierarchies.add(pt.hierarchies.getItem(f));
          d.summarizeBy = 'Sum';
          d.name = `Sum of ${f}`;
        }
        top += 1 + pivotHeight(spec, report);
      } else if (spec.fallback.name !== report.unitsByMonth.name) {
        // The month table is already on the sheet (the chart's source); the others follow it.
        top = (await writeTable(batch, overview, REPORT_SHEETS.overview, spec.fallback, top)).next + 2;
      }
    }
    overview.getRange('A:A').format.columnWidth = 160;

    // Expected Payment: the note (an estimate, from which files), then payment and dollars at risk, stacked.
    await batch.reserve(requestBytes(report.money.note) + 512);
    money.getRange('A1').values = [[report.money.note]];
    money.getRange('A1').format.font.italic = true;
    let m = 3;
    const t = report.money;
    for (const table of [t.byMonth, t.byDrug, t.byProvider, t.byPayer, t.atRiskByFinding, t.atRiskByNurse]) {
      m = (await writeTable(batch, money, REPORT_SHEETS.money, table, m)).next + 2;
    }
    money.getRange(`A:${columnLetters(t.byMonth.columns.length)}`).format.autofitColumns();

    // Documentation Quality: the three quality tables, stacked.
    await batch.reserve(512);
    quality.getRange('A1').values = [['Share of rows carrying each finding (a row counts once per finding id); Status Error / Review as in the coded sheet.']];
    let q = 3;
    for (const t of [report.qualityByNurse, report.qualityByProvider, report.qualityByMonth]) {
      q = (await writeTable(batch, quality, REPORT_SHEETS.quality, t, q)).next + 2;
    }
    quality.getRange(`A:${columnLetters(report.qualityByNurse.columns.length)}`).format.autofitColumns();
    overview.activate();
    await batch.sync();
    progress('done', 1, 'Done');

    const n = report.claimLines.length;
    const message = pivots
      ? `Report built: ${n} claim lines, 4 PivotTables and a volume chart on '${REPORT_SHEETS.overview}', expected payment on '${REPORT_SHEETS.money}', quality on '${REPORT_SHEETS.quality}'.`
      : `Report built: ${n} claim lines. This Excel lacks ExcelApi 1.8, so '${REPORT_SHEETS.overview}' has plain summary tables instead of PivotTables.`;
    return {
      sheets: [REPORT_SHEETS.overview, REPORT_SHEETS.claimLines, REPORT_SHEETS.money, REPORT_SHEETS.quality],
      pivotTables: pivots,
      chart,
      claimLines: n,
      message,
      replaced: ours,
    };
  });
}
