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
import { CsvError, decodeCsvBytes, decodeWindows1252, parseCsv, sniffDelimiter } from './csv';
import { detectFileKind } from './fileType';
import { CliError, firstLine, gridOfWorksheet, readTableFile } from './workbookFile';
import { plainCell } from '../sheet/cell';
import type { CellValue } from '../rules/types';
import { WrongTableError } from '../claims/header';
import { NoPtpEditsError, PtpReader, type PtpTable } from '../claims/ptp';

const TABLE_EXT = /\.(csv|tsv|txt|xlsx|xlsm)$/i;

/**
 * Other CMS tables that share a layout with the one a flag asks for and come in the same .zip: the OPPS, AWP
 * and NOC NDC-HCPCS crosswalks beside the ASP one, the not-payable list beside the payment limits. Read only
 * when no other entry of the zip has the table's header.
 */
const OTHER_CMS_TABLE = /(?<![a-z])(?:opps|awp|noc)(?![a-z])|not[\s_-]*payable/i;

/**
 * The table entries of a CMS .zip in the order they are tried: .csv/.txt before .xlsx, another CMS table of
 * the same layout (OTHER_CMS_TABLE) last, else as the zip lists them (README, PDF and Mac resource entries skipped).
 */
function tableEntries(names: string[]): string[] {
  const tables = names.filter((n) => TABLE_EXT.test(n) && !/readme|disclaimer|license/i.test(path.basename(n)) && !/(^|\/)__MACOSX\//.test(n));
  const rank = (n: string) => (OTHER_CMS_TABLE.test(path.basename(n)) ? 2 : 0) + (/\.(csv|tsv|txt)$/i.test(n) ? 0 : 1);
  return tables.map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i).map((e) => e.n);
}

/** The table inside a CMS .zip that is read first (tableEntries). */
function chooseEntry(names: string[], file: string): string {
  const chosen = tableEntries(names)[0];
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

async function gridOfXlsx(data: Buffer, file: string, accepts?: (grid: CellValue[][]) => boolean): Promise<CellValue[][]> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${firstLine(err)}`);
  }
  // As readTableFile: the first sheet with the table's header (a notes sheet may come first), else the first with rows.
  const grids = workbook.worksheets.filter((w) => w.actualRowCount > 0).map((w) => gridOfWorksheet(w).values);
  const known = accepts ? grids.find(accepts) : undefined;
  return known ?? grids[0] ?? [];
}

/**
 * A whole small table (ASP file, crosswalk, fees, payers) as a grid; a .zip gives its table entry: the first
 * (tableEntries) whose grid `accepts`, as CMS zips hold several tables (the ASP crosswalk beside the OPPS, AWP
 * and NOC ones), so the entry the zip happens to list first is never taken for the table asked for. When the zip
 * holds several, the entry read is named on `warn`.
 */
export async function readGrid(file: string, accepts?: (grid: CellValue[][]) => boolean, warn?: (warning: string) => void): Promise<CellValue[][]> {
  if (path.extname(file).toLowerCase() !== '.zip') return readTableFile(file, accepts, warn);
  const data = await readFile(file);
  let names: string[];
  try {
    names = zipNames(data);
  } catch (err) {
    throw new CliError(`cannot read ${file}: the zip is damaged (${firstLine(err)})`);
  }
  const entries = tableEntries(names);
  chooseEntry(names, file); // throws when the zip holds no table
  let first: { grid: CellValue[][]; warnings: string[] } | null = null;
  for (const entry of entries) {
    const read = await gridOfEntry(data, entry, file, accepts);
    if (accepts && !accepts(read.grid)) {
      first ??= read;
      continue;
    }
    if (warn) {
      for (const w of read.warnings) warn(w);
      if (entries.length > 1) warn(`read '${entry}' of the ${entries.length} tables in the zip`);
    }
    return read.grid;
  }
  // No entry has the header: the first one's grid, so the message names the columns it has.
  if (warn) for (const w of first!.warnings) warn(w);
  return first!.grid;
}

/** One table entry of a zip as a grid, with the warnings of its decoding (given only for the entry read). */
async function gridOfEntry(data: Buffer, entry: string, file: string, accepts?: (grid: CellValue[][]) => boolean): Promise<{ grid: CellValue[][]; warnings: string[] }> {
  let bytes: Uint8Array;
  try {
    bytes = unzipSync(data, { filter: (f) => f.name === entry })[entry];
  } catch (err) {
    throw new CliError(`cannot read ${file}: the zip is damaged (${firstLine(err)})`);
  }
  if (/\.xlsx?m?$/i.test(entry)) return { grid: await gridOfXlsx(Buffer.from(bytes), `${file} (${entry})`, accepts), warnings: [] };
  // Decoded as any CSV is: UTF-8 (bad bytes replaced), Latin-1 only when the entry is not UTF-8 at all.
  const { text, warnings } = decodeCsvBytes(bytes);
  return { grid: parseCsv(text, sniffDelimiter(text)), warnings: warnings.map((w) => `${entry}: ${w}`) };
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

/** Lines one record may span: a quoted header cell of a few lines is read whole, a quote that never closes is not the rest of the file. */
const MAX_RECORD_LINES = 100;

/**
 * Feeds text chunks to a PTP reader, one record at a time (CR/LF or LF line ends; a quoted field may hold line
 * ends, as Excel saves a header cell of several lines), without holding the file. Until the reader finds its
 * header, each record is split by its own delimiter (a tab, else four or more semicolons or commas: a PTP header
 * has seven columns), so a notice line full of commas above a tab-separated header cannot decide wrongly; the
 * header's delimiter then splits every later record.
 */
class LineSplitter {
  private rest = '';
  private delimiter: string | null = null;
  private lineNumber = 0;
  /** The lines so far of a record whose quoted field is still open, and the line it began on. */
  private open: string | null = null;
  private openLine = 0;
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
    if (this.open !== null) throw this.neverCloses();
  }
  private line(line: string): void {
    this.lineNumber++;
    if (this.open === null) this.openLine = this.lineNumber;
    const record = this.open === null ? line : `${this.open}\n${line}`;
    const delimiter = this.delimiter ?? delimiterOf(record);
    if (endsInQuote(record, delimiter ?? ',;\t')) {
      if (this.lineNumber - this.openLine + 1 >= MAX_RECORD_LINES) throw this.neverCloses();
      this.open = record;
      return;
    }
    this.open = null;
    let cells: string[];
    try {
      cells = delimiter === null ? [record] : splitLine(record, delimiter);
    } catch (err) {
      if (err instanceof CsvError) throw this.neverCloses();
      throw err;
    }
    this.reader.push(cells);
    if (this.delimiter === null && delimiter !== null && this.reader.hasHeader) this.delimiter = delimiter;
  }
  /** A quote that never closes: named by the line of the file it opened on. */
  private neverCloses(): CsvError {
    return new CsvError(`line ${this.openLine} opens a quoted field that never closes`);
  }
}

/**
 * Whether a record ends inside a quoted field: a quote opens one only at the start of a field (after blanks),
 * as parseCsv reads, so a rationale's stray 12" is text; a doubled quote inside a quoted field is a quote.
 */
function endsInQuote(record: string, delimiters: string): boolean {
  if (!record.includes('"')) return false;
  let fieldStart = true;
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (fieldStart && c === '"') {
      let close = record.indexOf('"', i + 1);
      while (close >= 0 && record[close + 1] === '"') close = record.indexOf('"', close + 2);
      if (close < 0) return true;
      i = close;
      fieldStart = false;
    } else if (delimiters.includes(c)) fieldStart = true;
    else if (!(fieldStart && c.trim() === '')) fieldStart = false;
  }
  return false;
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

const UTF8_MARK = Uint8Array.of(0xef, 0xbb, 0xbf);

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Decodes a text file that arrives in byte chunks as the other table readers decode a file whole (the input's
 * decodeCsvBytes): UTF-16 with its byte-order mark, else UTF-8 with each invalid byte replaced, else Latin-1
 * when the text is not UTF-8. decodeCsvBytes is given whole lines (a character never holds an LF), and the
 * first lines with a byte above ASCII decide between UTF-8 and Latin-1 for the rest of the file: a mark put
 * before each later piece makes decodeCsvBytes read it so. Its warnings (bytes replaced, Latin-1 chosen) are
 * passed on once per file, with the file's line numbers.
 */
class ChunkDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private started = false;
  /** The byte-order mark each piece is decoded with: the file's, or UTF-8's once the text is known to be UTF-8. */
  private mark: Uint8Array | null = null;
  private utf16: 'le' | 'be' | null = null;
  private latin1 = false;
  /** Lines decoded before the current piece, until the warnings are given. */
  private lines = 0;
  private warned = false;
  constructor(private readonly warn?: (warning: string) => void) {}

  push(chunk: Uint8Array): string {
    let bytes = this.pending.length > 0 ? joined(this.pending, chunk) : chunk;
    if (!this.started) {
      if (bytes.length < 3) {
        this.pending = bytes.slice();
        return '';
      }
      bytes = this.withoutMark(bytes);
    }
    const end = this.lastLineEnd(bytes);
    this.pending = bytes.slice(end);
    return this.decode(bytes.subarray(0, end));
  }

  end(): string {
    const rest = this.started ? this.pending : this.withoutMark(this.pending);
    this.pending = new Uint8Array(0);
    return this.decode(rest);
  }

  /** The file's own byte-order mark, taken off its first bytes and kept for every piece. */
  private withoutMark(bytes: Uint8Array): Uint8Array {
    this.started = true;
    const [a, b, c] = bytes;
    if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
      this.utf16 = a === 0xff ? 'le' : 'be';
      this.mark = bytes.slice(0, 2);
      return bytes.subarray(2);
    }
    if (a === 0xef && b === 0xbb && c === 0xbf) {
      this.mark = UTF8_MARK;
      return bytes.subarray(3);
    }
    return bytes;
  }

  /** Where the last whole line of the bytes ends (after its LF), 0 when none does. */
  private lastLineEnd(bytes: Uint8Array): number {
    if (this.utf16 === null) return bytes.lastIndexOf(0x0a) + 1;
    const [first, second] = this.utf16 === 'le' ? [0x0a, 0x00] : [0x00, 0x0a];
    for (let i = (bytes.length & ~1) - 2; i >= 0; i -= 2) if (bytes[i] === first && bytes[i + 1] === second) return i + 2;
    return 0;
  }

  private decode(piece: Uint8Array): string {
    if (piece.length === 0) return '';
    if (this.latin1) return decodeWindows1252(piece);
    let decoded = decodeCsvBytes(this.mark ? joined(this.mark, piece) : piece);
    if (!this.mark && /[^\x00-\x7f]/.test(decoded.text)) {
      // The first bytes above ASCII: UTF-8 unless decodeCsvBytes read them as Latin-1 (it reads UTF-8 when marked).
      const utf8 = decodeCsvBytes(joined(UTF8_MARK, piece));
      if (utf8.text.slice(1) === decoded.text) {
        this.mark = UTF8_MARK;
        decoded = utf8;
      } else this.latin1 = true;
    }
    const text = this.mark === UTF8_MARK ? decoded.text.slice(1) : decoded.text;
    if (!this.warned) {
      if (decoded.warnings.length > 0) {
        this.warned = true;
        for (const w of decoded.warnings) this.warn?.(w.replace(/^line (\d+)/, (_, n: string) => `line ${Number(n) + this.lines}`));
      } else for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lines++;
    }
    return text;
  }
}

async function streamText(stream: AsyncIterable<Buffer>, reader: PtpReader, warn?: (warning: string) => void): Promise<void> {
  const splitter = new LineSplitter(reader);
  const decoder = new ChunkDecoder(warn);
  for await (const chunk of stream) splitter.push(decoder.push(chunk));
  splitter.push(decoder.end());
  splitter.end();
}

/**
 * Streams the first worksheet that holds a PTP header into a reader of its own (a notice or Read Me sheet may
 * come first, as the other table readers allow); without one, the reader of the first sheet with rows, whose
 * message then names the columns it has.
 */
async function streamXlsx(input: string | Readable, newReader: () => PtpReader): Promise<PtpReader> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let firstFilled: PtpReader | null = null;
  for await (const worksheet of workbook) {
    const reader = newReader();
    let rows = 0;
    let notPtp = false;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      rows++;
      if (notPtp) continue; // the rest of a sheet without the header is read past, not kept
      try {
        reader.push((row.values as unknown[]).slice(1).map(plainCell));
      } catch (err) {
        if (!(err instanceof WrongTableError)) throw err;
        notPtp = true;
      }
    }
    if (reader.hasHeader) return reader;
    if (rows > 0) firstFilled ??= reader;
  }
  return firstFilled ?? newReader();
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
 * `keep` accepts. Memory: the pairs kept, plus the compressed bytes of a .zip. `warn` hears how the text was
 * decoded (bytes replaced, Latin-1), once per file.
 */
export async function loadPtpFile(file: string, keep?: (code: string) => boolean, warn?: (warning: string) => void): Promise<PtpTable> {
  const name = path.basename(file);
  const newReader = () => new PtpReader(name, keep);
  await checkPtpFile(file);
  try {
    const ext = path.extname(file).toLowerCase();
    let reader: PtpReader;
    if (ext === '.zip') {
      const data = await readFile(file);
      const entry = chooseEntry(zipNames(data), file);
      if (/\.xlsx?m?$/i.test(entry)) {
        const parts: Uint8Array[] = [];
        streamZipEntry(data, entry, (c) => parts.push(c));
        reader = await streamXlsx(Readable.from([Buffer.concat(parts)]), newReader);
      } else {
        reader = newReader();
        const splitter = new LineSplitter(reader);
        const decoder = new ChunkDecoder(warn && ((w) => warn(`${entry}: ${w}`)));
        streamZipEntry(data, entry, (c) => splitter.push(decoder.push(c)));
        splitter.push(decoder.end());
        splitter.end();
      }
    } else if (ext === '.xlsx' || ext === '.xlsm') {
      reader = await streamXlsx(file, newReader);
    } else {
      reader = newReader();
      await streamText(createReadStream(file, { highWaterMark: 1 << 20 }), reader, warn);
    }
    return reader.finish();
  } catch (err) {
    if (err instanceof WrongTableError || err instanceof NoPtpEditsError) throw new CliError(`${file}: ${err.message}`);
    if (err instanceof CliError) throw err;
    const workbook = /\.xlsx?m?$/i.test(file);
    throw new CliError(`cannot read ${file}: ${workbook ? `the workbook is damaged (${firstLine(err)})` : firstLine(err)}`);
  }
}
