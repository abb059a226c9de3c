/**
 * The file adapter of the command line: .xlsx and .csv files to Grids, and a WritePlan applied to a copy.
 * The only code of the command line that touches exceljs.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { CellValue } from '../rules/types';
import { FILL_ARGB, NOTE_PREFIX } from '../sheet/plan';
import { plainCell as plainValue } from '../sheet/cell';
import type { Grid, WritePlan } from '../sheet/types';
import { CsvError, cutLongFields, decodeCsvBytes, formatCsv, parseCsv, sniffDelimiter, type CsvWriteOptions } from './csv';
import { openWorkbook, type Workbook } from './package/workbook';
import { ZipReader } from './package/zip';
import { detectFileKind, type FileKind } from './fileType';

export type { FileKind };

/** A problem the user can fix (missing file, wrong format): shown as one line, never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface SourceFile {
  path: string;
  kind: FileKind;
  /** The loaded workbook (.xlsx input read with exceljs, for the report). */
  workbook?: ExcelJS.Workbook;
  /** The package, read as it streams (.xlsx input of `code`). */
  book?: Workbook;
  /** What was repaired while reading (invalid bytes, over-long cells), one line each. */
  warnings?: string[];
  /** The rows of a .csv input, as text. */
  csv?: { rows: string[][]; delimiter: string };
}

function describeFsError(file: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new CliError(`cannot read ${file}: no such file`);
  if (code === 'EISDIR') return new CliError(`cannot read ${file}: it is a folder, not a file`);
  if (code === 'EACCES' || code === 'EPERM') return new CliError(`cannot read ${file}: permission denied`);
  return new CliError(`cannot read ${file}: ${firstLine(err)}`);
}

export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split(/\r?\n/)[0] || 'unknown error').trim();
}

/**
 * Opens an input file, read as what its bytes say it is (`format` = `--format csv` reads any text file as
 * CSV). Missing, unreadable, damaged or foreign files become a CliError with one clear sentence.
 */
export async function openInput(file: string, format: FileKind | null = null, streaming = false): Promise<SourceFile> {
  let data: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    data = await fs.readFile(file);
  } catch (err) {
    throw describeFsError(file, err);
  }
  const verdict = detectFileKind(file, data, format);
  if ('problem' in verdict) throw new CliError(`cannot read ${file}: ${verdict.problem}`);
  if (verdict.kind === 'csv') {
    const { text, warnings } = decodeCsvBytes(data);
    const delimiter = path.extname(file).toLowerCase() === '.tsv' ? '\t' : sniffDelimiter(text);
    let rows: string[][];
    try {
      rows = parseCsv(text, delimiter);
    } catch (err) {
      if (err instanceof CsvError) throw new CliError(`cannot read ${file}: ${err.message}`);
      throw err;
    }
    warnings.push(...cutLongFields(rows));
    return { path: file, kind: 'csv', csv: { rows, delimiter }, warnings };
  }
  if (streaming) return { path: file, kind: 'xlsx', book: openPackage(file) };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new CliError(`cannot read ${file}: the workbook is damaged (${firstLine(err)})`);
  }
  if (workbook.worksheets.length === 0) throw new CliError(`cannot read ${file}: the workbook has no worksheets`);
  return { path: file, kind: 'xlsx', workbook };
}

/** The package of an .xlsx, its structure read (the sheets' cells are read later, one sheet at a time). */
export function openPackage(file: string): Workbook {
  let zip: ZipReader | null = null;
  try {
    zip = new ZipReader(file);
    const book = openWorkbook(zip);
    if (book.sheets.length === 0) throw new CliError(`cannot read ${file}: the workbook has no worksheets`);
    return book;
  } catch (err) {
    zip?.close();
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${file}: the workbook is damaged (${firstLine(err)})`);
  }
}


/** Cells a row really holds (exceljs keeps them in a sparse array; walking it creates no empty cells). */
function existingCells(row: ExcelJS.Row): ExcelJS.Cell[] {
  const cells = (row as unknown as { _cells?: (ExcelJS.Cell | undefined)[] })._cells;
  if (Array.isArray(cells)) return cells.filter((c): c is ExcelJS.Cell => !!c);
  const out: ExcelJS.Cell[] = [];
  row.eachCell({ includeEmpty: false }, (c) => out.push(c));
  return out;
}

/** Rows a worksheet really holds, values or not (walking them creates no empty rows). */
function existingRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows = (ws as unknown as { _rows?: (ExcelJS.Row | undefined)[] })._rows;
  if (Array.isArray(rows)) return rows.filter((r): r is ExcelJS.Row => !!r);
  const out: ExcelJS.Row[] = [];
  ws.eachRow({ includeEmpty: false }, (r) => out.push(r));
  return out;
}

/** A worksheet's values from A1; merged cells all read their master's value. */
export function gridOfWorksheet(ws: ExcelJS.Worksheet, onRow?: (count: number) => void): Grid {
  const values: CellValue[][] = [];
  let count = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const raw = row.values as unknown[];
    const out: CellValue[] = new Array(Math.max(0, raw.length - 1));
    for (let c = 1; c < raw.length; c++) out[c - 1] = plainValue(raw[c]);
    values[rowNumber - 1] = out;
    if (onRow && ++count % 10000 === 0) onRow(count);
  });
  for (let r = 0; r < values.length; r++) if (!values[r]) values[r] = [];
  return { values, firstRow: 1, firstColumn: 1 };
}

/** A CSV file's rows as a Grid from A1 (empty fields are blank cells, everything else stays text). */
export function gridOfCsv(rows: string[][]): Grid {
  return { values: rows.map((r) => r.map((v) => (v === '' ? null : v))), firstRow: 1, firstColumn: 1 };
}

/** The first sheet of a .xlsx or a .csv as a 0-based array of rows (for the drug map and the MUE file). */
export async function readTableFile(file: string): Promise<CellValue[][]> {
  const src = await openInput(file);
  if (src.csv) return gridOfCsv(src.csv.rows).values;
  const ws = src.workbook!.worksheets.find((w) => w.actualRowCount > 0) ?? src.workbook!.worksheets[0];
  return gridOfWorksheet(ws).values;
}

/** Text of a note as exceljs holds it (a string, or rich text runs). */
function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  if (note && typeof note === 'object' && Array.isArray((note as { texts?: unknown }).texts)) {
    return ((note as { texts: { text?: string }[] }).texts).map((t) => t?.text ?? '').join('');
  }
  return '';
}

const APPENDED = `\n\n${NOTE_PREFIX}`;

/**
 * exceljs has no way to delete a note: drop the cell's comment, and the copy a loaded cell keeps in its
 * value model (written back otherwise).
 */
function removeNote(cell: ExcelJS.Cell): void {
  const c = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  c._comment = undefined;
  if (c._value?.model && 'comment' in c._value.model) delete c._value.model.comment;
}

function isOurFill(fill: ExcelJS.Fill | undefined): boolean {
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return false;
  const argb = fill.fgColor?.argb?.toUpperCase();
  return argb === FILL_ARGB.error || argb === FILL_ARGB.warning;
}

/**
 * Removes the marks of an earlier run: our notes (or the part we appended to a user's note) and, on those
 * cells, a fill of exactly our colour. Other notes and fills are the user's and stay.
 */
export function clearEarlierMarks(ws: ExcelJS.Worksheet): number {
  let removed = 0;
  for (const row of existingRows(ws)) {
    for (const cell of existingCells(row)) {
      const note = (cell as unknown as { _comment?: unknown })._comment ? cell.note : undefined;
      if (note === undefined) continue;
      const text = noteText(note);
      let ours = false;
      if (text.startsWith(NOTE_PREFIX)) {
        removeNote(cell);
        ours = true;
      } else {
        const at = text.indexOf(APPENDED);
        if (at >= 0) {
          cell.note = trimNote(note, at);
          ours = true;
        }
      }
      if (ours && isOurFill(cell.fill)) {
        const style = { ...cell.style };
        delete style.fill;
        cell.style = style;
      }
      if (ours) removed++;
    }
  }
  return removed;
}

/** A user's note cut back to its first `length` characters (rich text runs kept). */
function trimNote(note: unknown, length: number): string | ExcelJS.Comment {
  if (typeof note === 'string') return note.slice(0, length);
  const rich = note as ExcelJS.Comment;
  const texts: ExcelJS.RichText[] = [];
  let left = length;
  for (const run of rich.texts ?? []) {
    if (left <= 0) break;
    const text = run.text ?? '';
    texts.push({ ...run, text: text.slice(0, left) });
    left -= text.length;
  }
  return { ...rich, texts };
}

/** Alignment of every derived cell: text wraps (one finding, one sentence per line), top-aligned. */
const WRAP_TOP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** The plan's layout: frozen header, filter over the table, fitted widths, wrapped cells, print setup. */
export function applyLayout(ws: ExcelJS.Worksheet, plan: WritePlan): void {
  const { layout } = plan;
  if (!layout) return;
  const view = (ws.views?.[0] ?? {}) as Partial<ExcelJS.WorksheetView>;
  const xSplit = view.state === 'frozen' ? ((view as ExcelJS.WorksheetViewFrozen).xSplit ?? 0) : 0;
  const common = { ...(view as Partial<ExcelJS.WorksheetViewCommon>) };
  delete (common as { activeCell?: string }).activeCell;
  ws.views = [{ ...common, state: 'frozen', xSplit, ySplit: layout.freezeRows } as ExcelJS.WorksheetView];
  const f = layout.autoFilter;
  ws.autoFilter = { from: { row: f.row, column: f.firstColumn }, to: { row: f.lastRow, column: f.lastColumn } };
  for (const { column, width } of layout.columnWidths) ws.getColumn(column).width = width;
  for (const column of layout.wrapColumns) {
    for (let r = plan.headerRow; r <= plan.lastRow; r++) {
      const cell = ws.findRow(r)?.findCell(column);
      if (cell && cell.value !== null && cell.value !== undefined) cell.alignment = WRAP_TOP;
    }
  }
  const status = layout.statusColumn;
  for (let r = status.firstRow; r <= status.lastRow; r++) {
    const cell = ws.findRow(r)?.findCell(status.column);
    const fill = cell && (cell.value === 'Error' || cell.value === 'Review') ? status.fills[cell.value] : null;
    if (cell && fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_ARGB[fill] } };
  }
  const p = layout.print;
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    printTitlesRow: `${p.repeatRows.first}:${p.repeatRows.last}`,
  };
}

/** Our fill on a derived cell (the status colour of an earlier run) goes: the plan says what it is now. */
function clearDerivedFills(ws: ExcelJS.Worksheet, plan: WritePlan): void {
  const columns = [...plan.staleColumns];
  for (let j = 0; j < plan.headers.length; j++) columns.push(plan.firstColumn + j);
  for (let r = plan.headerRow + 1; r <= plan.lastRow; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (const c of columns) {
      const cell = row.findCell(c);
      if (cell && isOurFill(cell.fill)) {
        const style = { ...cell.style };
        delete style.fill;
        cell.style = style;
      }
    }
  }
}

/**
 * Applies a plan to a worksheet: earlier marks removed, derived columns written, cells behind errors and
 * warnings filled and noted, status cells coloured, and the layout (freeze, filter, widths, wrap, print).
 */
export function applyPlan(ws: ExcelJS.Worksheet, plan: WritePlan, onRow?: (count: number) => void): void {
  clearEarlierMarks(ws);
  clearDerivedFills(ws, plan);
  const setIfPresent = (r: number, c: number, value: string | number | null) => {
    if (value !== null) {
      ws.getRow(r).getCell(c).value = value;
      return;
    }
    const row = ws.findRow(r);
    const cell = row?.findCell(c);
    if (cell && cell.value !== null && cell.value !== undefined) cell.value = null;
  };
  for (const column of plan.staleColumns) {
    for (let r = plan.headerRow; r <= plan.lastRow; r++) setIfPresent(r, column, null);
  }
  plan.headers.forEach((header, i) => {
    const cell = ws.getRow(plan.headerRow).getCell(plan.firstColumn + i);
    cell.value = header;
    cell.style = { ...cell.style, font: { ...(cell.style.font ?? {}), bold: true } };
  });
  for (let i = 0; i < plan.values.length; i++) {
    const r = plan.headerRow + 1 + i;
    const values = plan.values[i];
    for (let j = 0; j < values.length; j++) setIfPresent(r, plan.firstColumn + j, values[j]);
    if (onRow && (i + 1) % 10000 === 0) onRow(i + 1);
  }
  for (const h of plan.highlights) {
    const cell = ws.getRow(h.row).getCell(h.column);
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_ARGB[h.fill] } },
    };
  }
  for (const n of plan.notes) {
    const cell = ws.getRow(n.row).getCell(n.column);
    const existing = (cell as unknown as { _comment?: unknown })._comment ? cell.note : undefined;
    const text = existing === undefined ? '' : noteText(existing);
    if (text === '') cell.note = n.text;
    else if (typeof existing === 'string') cell.note = text + '\n\n' + n.text;
    else {
      const rich = existing as ExcelJS.Comment;
      cell.note = { ...rich, texts: [...(rich.texts ?? []), { text: '\n\n' + n.text }] };
    }
  }
  applyLayout(ws, plan);
}

/** Excel's 31-character sheet name, without the characters it forbids. */
export function sheetNameFor(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[[\]:*?/\\]/g, ' ').trim();
  return (base || 'Sheet1').slice(0, 31);
}

/** A CSV field as an Excel value: plain numbers become numbers (as Excel opens a CSV), the rest stays text. */
function csvCell(v: string): string | number | null {
  if (v === '') return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

/** A workbook holding the rows of a CSV input on one sheet. */
export function workbookFromCsv(rows: string[][], sheetName: string): { workbook: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheetName);
  rows.forEach((r, i) => {
    if (r.every((v) => v === '')) return;
    const row = ws.getRow(i + 1);
    r.forEach((v, j) => {
      const value = csvCell(v);
      if (value !== null) row.getCell(j + 1).value = value;
    });
  });
  return { workbook, ws };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Text of a value for a CSV output: dates as yyyy-mm-dd, times as HH:MM, date-times as both. */
export function textOf(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const y = value.getUTCFullYear();
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}${value.getUTCSeconds() ? ':' + pad(value.getUTCSeconds()) : ''}`;
    if (y < 1900 || (y === 1900 && value.getUTCMonth() === 0 && value.getUTCDate() === 0)) return time;
    const date = `${y}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const midnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0;
    return midnight ? date : `${date} ${time}`;
  }
  return String(value);
}

/** The grid with the plan's derived columns written in, as CSV text. */
export function csvWithPlan(grid: Grid, plan: WritePlan, delimiter = ',', options: CsvWriteOptions = {}): string {
  const rows: (string | number | null)[][] = grid.values.map((r) => r.map((v) => textOf(v)));
  const width = plan.firstColumn - 1 + plan.headers.length;
  const put = (r: number, c: number, v: string | number | null) => {
    const row = (rows[r - 1] ??= []);
    while (row.length < c) row.push('');
    row[c - 1] = v ?? '';
  };
  for (const column of plan.staleColumns) for (let r = plan.headerRow; r <= plan.lastRow; r++) if (rows[r - 1]) put(r, column, '');
  plan.headers.forEach((h, i) => put(plan.headerRow, plan.firstColumn + i, h));
  plan.values.forEach((vals, i) => vals.forEach((v, j) => put(plan.headerRow + 1 + i, plan.firstColumn + j, v)));
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] ??= []);
    if (r + 1 >= plan.headerRow && r + 1 <= plan.lastRow) while (row.length < width) row.push('');
  }
  return formatCsv(rows, delimiter, options);
}
