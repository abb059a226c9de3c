/**
 * The file adapter of the command line: .xlsx and .csv files to Grids (the writers are in src/outputs).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './loadExcelJs';
import type { CellValue } from '../rules/types';
import { plainCell as plainValue } from '../sheet/cell';
import type { Grid } from '../sheet/types';
import { CsvError, cutLongFields, decodeCsvBytes, parseCsv, sniffDelimiter } from './csv';
import { openWorkbook, type Workbook } from '../outputs/xlsx/workbook';
import { ZipReader } from '../outputs/xlsx/zip';
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
  /** `cut`: cells cut to Excel's cell limit (cutLongFields). */
  csv?: { rows: string[][]; delimiter: string; cut?: Map<number, Map<number, number>> };
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
  return shortLine(text.split(/\r?\n/)[0] || 'unknown error');
}

/** A message line as a terminal shows it: control characters out, at most 600 characters. */
export function shortLine(text: string): string {
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?').trim();
  return clean.length > 600 ? `${clean.slice(0, 597)}...` : clean;
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
    const long = cutLongFields(rows);
    for (const w of long.warnings) warnings.push(w);
    return { path: file, kind: 'csv', csv: { rows, delimiter, cut: long.cut }, warnings };
  }
  if (streaming) return { path: file, kind: 'xlsx', book: openPackage(file) };
  const ExcelJS = await loadExcelJs();
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
export function gridOfCsv(rows: string[][], cut?: Map<number, Map<number, number>>): Grid {
  const values = rows.map((r) => r.map((v) => (v === '' ? null : v)));
  return cut && cut.size > 0 ? { values, firstRow: 1, firstColumn: 1, cut } : { values, firstRow: 1, firstColumn: 1 };
}

/** The first sheet of a .xlsx or a .csv as a 0-based array of rows (for the drug map and the MUE file). */
export async function readTableFile(file: string, accepts?: (grid: CellValue[][]) => boolean, warn?: (warning: string) => void): Promise<CellValue[][]> {
  const src = await openInput(file);
  // Bytes replaced, Latin-1 chosen, cells cut: said once per file, as for the input.
  if (warn) for (const w of src.warnings ?? []) warn(w);
  if (src.csv) return gridOfCsv(src.csv.rows).values;
  // The first sheet whose header the table's reader knows (a Read Me sheet may come first), else the first
  // sheet with rows, whose message then names the columns it has.
  const filled = src.workbook!.worksheets.filter((w) => w.actualRowCount > 0);
  const grids = filled.map((w) => gridOfWorksheet(w).values);
  const known = accepts ? grids.find(accepts) : undefined;
  return known ?? grids[0] ?? gridOfWorksheet(src.workbook!.worksheets[0]).values;
}

/** Excel's 31-character sheet name, without the characters it forbids. */
export function sheetNameFor(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[[\]:*?/\\]/g, ' ').trim();
  return (base || 'Sheet1').slice(0, 31);
}

