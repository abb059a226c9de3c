/**
 * Reading the claims tables from files as CMS publishes them (.csv, .txt, .xlsx, or the .zip they come in).
 * Small tables are read whole; NCCI PTP files (millions of rows) are streamed row by row, so memory holds
 * only the pairs kept. Node only: the command line and the bench use it.
 */
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './loadExcelJs';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { CsvError, decodeCsvBytes, parseCsv, sniffDelimiter } from './csv';
import { detectFileKind } from './fileType';
import { CliError, firstLine, gridOfWorksheet, readTableFile } from './workbookFile';
import { plainCell } from '../sheet/cell';
import type { CellValue } from '../rules/types';
import { WrongTableError } from '../claims/header';
import { NoPtpEditsError, PtpReader, type PtpTable } from '../claims/ptp';

const TABLE_EXT = /\.(csv|tsv|txt|xlsx|xlsm)$/i;

/** The table inside a CMS .zip: its first .csv/.txt, else its first .xlsx (README and PDF entries skipped). */
function chooseEntry(names: string[], file: string): string {
  const tables = names.filter((n) => TABLE_EXT.test(n) && !/readme|disclaimer|license/i.test(path.basename(n)));
  const text = tables.find((n) => /\.(csv|tsv|txt)$/i.test(n));
  const chosen = text ?? tables[0];
  if (!chosen) throw new CliError(`cannot read ${file}: the zip holds no .csv, .txt or .xlsx file (it has ${names.slice(0, 5).join(', ') || 'nothing'})`);
  return chosen;
}

function zipNames(data: Uint8Array): string[] {
  const names: string[] = [];
  unzipSync(data, {
    filter: (f) => {
      names.push(f.name);
      return false;
    },
  });
  return names;
}

async function gridOfXlsx(data: Buffer, file: string): Promise<CellValue[][]> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${firstLine(err)}`);
  }
  const ws = workbook.worksheets.find((w) => w.actualRowCount > 0) ?? workbook.worksheets[0];
  return ws ? gridOfWorksheet(ws).values : [];
}

/** A whole small table (ASP file, crosswalk, fees, payers) as a grid; a .zip gives its table entry. */
export async function readGrid(file: string, accepts?: (grid: CellValue[][]) => boolean, warn?: (warning: string) => void): Promise<CellValue[][]> {
  if (path.extname(file).toLowerCase() !== '.zip') return readTableFile(file, accepts, warn);
  const data = await readFile(file);
  let names: string[];
  let bytes: Uint8Array;
  try {
    names = zipNames(data);
  } catch (err) {
    throw new CliError(`cannot read ${file}: the zip is damaged (${firstLine(err)})`);
  }
  const entry = chooseEntry(names, file);
  try {
    bytes = unzipSync(data, { filter: (f) => f.name === entry })[entry];
  } catch (err) {
    throw new CliError(`cannot read ${file}: the zip is damaged (${firstLine(err)})`);
  }
  if (/\.xlsx?m?$/i.test(entry)) return gridOfXlsx(Buffer.from(bytes), `${file} (${entry})`);
  // Decoded as any CSV is: UTF-8 (bad bytes replaced), Latin-1 only when the entry is not UTF-8 at all.
  const { text, warnings } = decodeCsvBytes(bytes);
  if (warn) for (const w of warnings) warn(`${entry}: ${w}`);
  return parseCsv(text, sniffDelimiter(text));
}

async function readFile(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : firstLine(err)}`);
  }
}

/** Splits one line of a delimited file: tab-separated (the CMS .txt) or CSV with quotes. */
export function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  // Tab-separated fields may each be quoted ("96374"<tab>"96361"); a stray quote inside one (a rationale's 12")
  // is kept, as a tab never sits inside a field.
  if (delimiter === '\t') return line.split('\t').map(unquoted);
  return parseCsv(line, delimiter)[0] ?? [];
}

/** A wholly quoted field without its quotes (doubled quotes inside made single); any other field as written. */
function unquoted(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : field;
}

/**
 * Feeds text chunks to a PTP reader, one line at a time (CR/LF or LF), without holding the file. Until the
 * reader finds its header, each line is split by its own delimiter (a tab, else four or more semicolons or
 * commas: a PTP header has seven columns), so a notice line full of commas above a tab-separated header cannot
 * decide wrongly; the header's delimiter then splits every later line.
 */
class LineSplitter {
  private rest = '';
  private delimiter: string | null = null;
  private lineNumber = 0;
  constructor(private readonly reader: PtpReader) {}
  push(chunk: string): void {
    const text = this.rest + chunk;
    const lines = text.split(/\r?\n/);
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }
  end(): void {
    if (this.rest !== '') this.line(this.rest);
    this.rest = '';
  }
  private line(line: string): void {
    this.lineNumber++;
    const delimiter = this.delimiter ?? delimiterOf(line);
    let cells: string[];
    try {
      cells = delimiter === null ? [line] : splitLine(line, delimiter);
    } catch (err) {
      // A quote that never closes on its line: named by the line of the file, not of the one-line parse.
      if (err instanceof CsvError) throw new CsvError(`line ${this.lineNumber} opens a quoted field that never closes`);
      throw err;
    }
    this.reader.push(cells);
    if (this.delimiter === null && delimiter !== null && this.reader.hasHeader) this.delimiter = delimiter;
  }
}

/** A line's own delimiter before the header is found: a tab, else the commoner of ; and , when 4 or more. */
function delimiterOf(line: string): string | null {
  if (line.includes('\t')) return '\t';
  const commas = countOf(line, ',');
  const semicolons = countOf(line, ';');
  if (Math.max(commas, semicolons) < 4) return null;
  return semicolons > commas ? ';' : ',';
}

function countOf(line: string, ch: string): number {
  let n = 0;
  for (let i = line.indexOf(ch); i >= 0; i = line.indexOf(ch, i + 1)) n++;
  return n;
}

async function streamText(stream: AsyncIterable<Buffer | string>, reader: PtpReader): Promise<void> {
  const splitter = new LineSplitter(reader);
  for await (const chunk of stream) splitter.push(typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
  splitter.end();
}

async function streamXlsx(input: string | Readable, reader: PtpReader): Promise<void> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const worksheet of workbook) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      reader.push(values.slice(1).map(plainCell));
    }
    break;
  }
}

/** The decompressed bytes of one zip entry, streamed in chunks (the compressed file is read whole). */
function streamZipEntry(data: Uint8Array, entry: string, onChunk: (chunk: Uint8Array) => void): void {
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (file.name !== entry) return;
    file.ondata = (err, chunk) => {
      if (err) throw err;
      onChunk(chunk);
    };
    file.start();
  };
  const STEP = 1 << 20;
  for (let i = 0; i < data.length; i += STEP) unzip.push(data.subarray(i, Math.min(i + STEP, data.length)), i + STEP >= data.length);
}

/**
 * What a PTP file's first bytes say, before it is streamed: a folder, a missing file, an .xlsx that is not
 * one, an old Office, OpenDocument or binary file get the same sentences as the input, not a dump of bytes.
 */
async function checkPtpFile(file: string): Promise<void> {
  const st = await fs.stat(file).catch(() => null);
  if (!st) throw new CliError(`cannot read ${file}: no such file`);
  if (st.isDirectory()) throw new CliError(`cannot read ${file}: it is a folder`);
  const handle = await fs.open(file, 'r');
  const head = Buffer.alloc(Math.min(st.size, 64 * 1024));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const ext = path.extname(file).toLowerCase();
  const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b;
  const zipName = ext === '.xlsx' || ext === '.xlsm' || ext === '.zip';
  if (zip && zipName) return; // the CMS .zip, or an .xlsx
  if (zipName) throw new CliError(`cannot read ${file}: it is not a ${ext} file (no zip package inside)`);
  const verdict = detectFileKind(file, head, zip ? null : 'csv');
  if ('problem' in verdict) throw new CliError(`cannot read ${file}: ${verdict.problem}`);
}

/**
 * Streams one NCCI PTP file (.txt, .csv, .xlsx or the CMS .zip) through a reader that keeps the pairs
 * `keep` accepts. Memory: the pairs kept, plus the compressed bytes of a .zip.
 */
export async function loadPtpFile(file: string, keep?: (code: string) => boolean): Promise<PtpTable> {
  const name = path.basename(file);
  const reader = new PtpReader(name, keep);
  await checkPtpFile(file);
  try {
    const ext = path.extname(file).toLowerCase();
    if (ext === '.zip') {
      const data = await readFile(file);
      const entry = chooseEntry(zipNames(data), file);
      if (/\.xlsx?m?$/i.test(entry)) {
        const parts: Uint8Array[] = [];
        streamZipEntry(data, entry, (c) => parts.push(c));
        await streamXlsx(Readable.from([Buffer.concat(parts)]), reader);
      } else {
        const splitter = new LineSplitter(reader);
        const decoder = new TextDecoder('latin1');
        streamZipEntry(data, entry, (c) => splitter.push(decoder.decode(c, { stream: true })));
        splitter.end();
      }
    } else if (ext === '.xlsx' || ext === '.xlsm') {
      await streamXlsx(file, reader);
    } else {
      await streamText(createReadStream(file, { highWaterMark: 1 << 20 }), reader);
    }
    return reader.finish();
  } catch (err) {
    if (err instanceof WrongTableError || err instanceof NoPtpEditsError) throw new CliError(`${file}: ${err.message}`);
    if (err instanceof CliError) throw err;
    const workbook = /\.xlsx?m?$/i.test(file);
    throw new CliError(`cannot read ${file}: ${workbook ? `the workbook is damaged (${firstLine(err)})` : firstLine(err)}`);
  }
}
