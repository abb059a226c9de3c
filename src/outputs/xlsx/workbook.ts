/**
 * Reading an .xlsx package as it streams: the workbook's sheets and their parts, the shared strings, the
 * number formats that make a number a date, and one sheet's cells as a Grid. Only the small parts
 * (workbook, relationships, styles) are ever held as one string.
 */
import { posix as path } from 'path';
import type { CellValue } from '../../rules/types';
import { plainNumber } from '../../rules/values/exponent';
import type { Grid, GridWatcher } from '../../sheet/types';
import { ValuelessCells } from '../../sheet/valueless';
import { RowScanner, ScannedRow, skipSpace, startTagAt } from './sheetRows';
import { attribute, decodeExcelEscapes, parseXml, parseXmlStream, XmlStream } from './xml';
import { ZipReader, type ZipEntry } from './zip';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
};

export interface Relationship {
  id: string;
  type: string;
  /** Part name the target resolves to (absolute in the package, no leading slash); raw target when external. */
  target: string;
  external: boolean;
}

export interface SheetPart {
  name: string;
  /** The sheet's part, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  /** Its relationships part, e.g. `xl/worksheets/_rels/sheet1.xml.rels`. */
  relsPart: string;
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` -> `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPartOf(part: string): string {
  return path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
}

/** A relationship target resolved against the part that holds it. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.normalize(path.join(path.dirname(fromPart), target)).replace(/^\.\//, '');
}

/** The relationships of a part (none when it has no relationships part). */
export function readRelationships(zip: ZipReader, part: string): Relationship[] {
  const entry = zip.get(relsPartOf(part));
  if (!entry) return [];
  const out: Relationship[] = [];
  parseXml(zip.text(entry), {
    open(local, a) {
      if (local !== 'Relationship') return;
      const external = a.TargetMode === 'External';
      const target = a.Target ?? '';
      // Part names are case-insensitive (ECMA-376 part 2, 9.1.1.1): a target written `sheet1.xml` for the entry
      // `Sheet1.xml` names that entry, and is given as the entry is stored, so the writer knows it when it copies.
      const resolved = external ? target : resolveTarget(part, target);
      out.push({ id: a.Id ?? '', type: a.Type ?? '', target: external ? target : (zip.get(resolved)?.name ?? resolved), external });
    },
  });
  return out;
}

/** Excel's built-in number formats that show a date or time (ECMA-376 18.8.30, plus the East Asian ids). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date or time when, outside quotes, escapes and [colour] blocks, it has d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/general/gi, '');
  return /[dmyhs]/i.test(bare);
}

export interface Workbook {
  zip: ZipReader;
  workbookPart: string;
  sheets: SheetPart[];
  /** Worksheets the workbook lists whose part is not in the package (a damaged file). */
  missingSheets: string[];
  date1904: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
  /** Per cell style index (cellXfs), whether its number format is a date or time. */
  dateStyles: boolean[];
  /** Per cell style index, the unit its number format shows (`0.0 "g"`: `g`), or null. */
  styleUnits?: (string | null)[];
}

/** Opens the package and reads its structure: sheets in workbook order, the date system, the date styles. */
export function openWorkbook(zip: ZipReader): Workbook {
  const root = readRelationships(zip, '');
  const office = root.find((r) => r.type === REL.officeDocument || r.type.endsWith('/officeDocument'));
  const entry = zip.get(office?.target ?? 'xl/workbook.xml');
  if (!entry) throw new Error('it has no workbook part');
  const workbookPart = entry.name; // as stored, whatever the case the relationship gave it
  const rels = readRelationships(zip, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetPart[] = [];
  const missingSheets: string[] = [];
  let date1904 = false;
  parseXml(zip.text(entry), {
    open(local, a) {
      if (local === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (local !== 'sheet') return;
      const rel = byId.get(attribute(a, 'id') ?? '');
      // Chart sheets and dialog sheets have other relationship types: they are not coded.
      if (!rel || rel.external || !rel.type.endsWith('/worksheet')) return;
      if (!zip.get(rel.target)) {
        missingSheets.push(a.name ?? '');
        return;
      }
      sheets.push({ name: a.name ?? '', part: rel.target, relsPart: relsPartOf(rel.target) });
    },
  });
  const find = (type: string) => rels.find((r) => r.type === type && !r.external && zip.get(r.target))?.target ?? null;
  const stylesPart = find(REL.styles);
  return {
    zip,
    workbookPart,
    sheets,
    missingSheets,
    date1904,
    sharedStringsPart: find(REL.sharedStrings),
    stylesPart,
    ...(stylesPart ? readNumberStyles(zip, zip.get(stylesPart) as ZipEntry) : { dateStyles: [], styleUnits: [] }),
  };
}

/** Units a number format may show after the number: a dose, a volume, a rate, a duration (`2` shown `2.0 hrs`). */
const FORMAT_UNIT = /^(?:mg|g|gm|grams?|mcg|ug|µg|units?|u|iu|meq|ml|l|cc|mg\/kg|mg\/m2|ml\/hr?|min|mins|minutes|hrs?|hours?)$/i;

/**
 * The unit a number format shows after the number: the literal text of its first section (`0.0 "g"`, `0" mg"`,
 * `#,##0\ "mL"`), when it is a unit; a biller sees `1.0 g` where the cell holds 1.
 */
export function formatUnit(code: string): string | null {
  const section = code.split(';')[0];
  let text = '';
  for (const m of section.matchAll(/"([^"]*)"|\\(.)/g)) text += m[1] ?? m[2];
  const unit = text.trim();
  // `0000" hrs"` shows a military time (0930 hrs): the cell's number is already the time.
  if (/^0{4}\b|^0{4}["\\ ]/.test(section)) return null;
  return unit && FORMAT_UNIT.test(unit) && /[0#?]/.test(section) ? unit : null;
}

function readNumberStyles(zip: ZipReader, entry: ZipEntry): { dateStyles: boolean[]; styleUnits: (string | null)[] } {
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  parseXml(zip.text(entry), {
    open(local, a) {
      if (local === 'numFmt') formats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (local === 'cellXfs') inCellXfs = true;
      else if (local === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(local) {
      if (local === 'cellXfs') inCellXfs = false;
    },
  });
  const dateStyles = xfFormats.map((id) => {
    const code = formats.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
  const styleUnits = xfFormats.map((id, i) => {
    const code = formats.get(id);
    return code !== undefined && !dateStyles[i] ? formatUnit(code) : null;
  });
  return { dateStyles, styleUnits };
}

/** The shared strings, in order (rich text runs joined, phonetic guides left out). */
export async function readSharedStrings(book: Workbook): Promise<string[]> {
  const out: string[] = [];
  if (!book.sharedStringsPart) return out;
  let current = '';
  let inText = false;
  let phonetic = 0;
  await parseXmlStream(book.zip.textStream(book.zip.get(book.sharedStringsPart) as ZipEntry), {
    open(local, _a, selfClosing) {
      if (local === 'si') current = '';
      else if (local === 't' && !selfClosing) inText = phonetic === 0;
      else if (local === 'rPh' && !selfClosing) phonetic++;
    },
    close(local) {
      if (local === 't') inText = false;
      else if (local === 'rPh') phonetic--;
      else if (local === 'si') out.push(ownCopy(decodeExcelEscapes(current)));
    },
    text(t) {
      if (inText) current += t;
    },
  });
  return out;
}

const DAY_MS = 86400000;
/** Serial of 1970-01-01 in the 1900 date system; the 1904 system starts 1,462 days later. */
const EPOCH_1900 = 25569;
const OFFSET_1904 = 1462;
/** Serial of 9999-12-31, Excel's last date. */
const LAST_SERIAL = 2958465;

/**
 * A date-formatted number as a Date (UTC parts), following Excel's 1900 date system: serials below 60 are
 * one day later than a plain count gives (Excel counts a 1900-02-29 that never was), serial 60 is that
 * day and comes back as its text. Numbers outside Excel's dates stay numbers (never an Invalid Date).
 */
export function serialToDate(serial: number, date1904: boolean): CellValue {
  if (!Number.isFinite(serial) || serial < 0) return serial;
  // A time alone (serial below 1) is a time in either date system: never 1904-01-01 in a 1904 workbook.
  const s = date1904 && serial >= 1 ? serial + OFFSET_1904 : serial;
  if (s >= LAST_SERIAL + 1) return serial;
  if (!date1904 && s >= 60 && s < 61) return '1900-02-29';
  // A time alone (serial below 1) stays on 1899-12-30, as exceljs and Office.js hand it over.
  const days = !date1904 && s >= 1 && s < 60 ? s - EPOCH_1900 + 1 : s - EPOCH_1900;
  return new Date(Math.round(days * DAY_MS));
}

/** Where a reference's column letters end (`B12` -> 1). */
function lettersEnd(ref: string): number {
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32; // lower case
    if (c < 97 || c > 122) break;
  }
  return i;
}

/** The column the letters before `end` name (`B` -> 2). */
function lettersColumn(ref: string, end: number): number {
  let column = 0;
  for (let i = 0; i < end; i++) column = column * 26 + ((ref.charCodeAt(i) | 32) - 96);
  return column;
}

/** `B12` -> [12, 2]; null for anything else. */
export function parseRef(ref: string): [number, number] | null {
  const end = lettersEnd(ref);
  if (end === 0 || end === ref.length) return null;
  const column = lettersColumn(ref, end);
  const row = Number(ref.slice(end).replace(/\$/g, ''));
  return Number.isInteger(row) && row > 0 && column > 0 ? [row, column] : null;
}

/**
 * The column of a cell reference (`B12` -> 2), 0 when it is not one: parseRef's answer without its array,
 * for the reader's hot path (one call per cell).
 */
function refColumn(ref: string): number {
  const end = lettersEnd(ref);
  if (end === 0 || end === ref.length) return 0;
  // The usual row part, plain digits not starting with 0; anything else as parseRef reads it.
  const first = ref.charCodeAt(end);
  let digits = first >= 49 && first <= 57 && ref.length - end <= 15;
  for (let k = end + 1; digits && k < ref.length; k++) {
    const c = ref.charCodeAt(k);
    if (c < 48 || c > 57) digits = false;
  }
  return digits ? lettersColumn(ref, end) : (parseRef(ref)?.[1] ?? 0);
}

/** How a sheet is read: `fastRows: false` gives every row to the XML parser (tests compare the two). */
export interface SheetReadOptions {
  fastRows?: boolean;
  /** Text of one row held while waiting for its end, before the XML parser takes over (tests lower it). */
  maxRowText?: number;
}

/** `<sheetData>` without a prefix, as nearly every writer writes it (anything else: the XML parser reads it all). */
const SHEET_DATA_OPEN = /<sheetData\b[^>]*>/;
/** A head this long without `<sheetData>` is not one this path reads. */
const MAX_HEAD = 16 << 20;
/** A row this long (or a part cut inside a row) streams through the XML parser instead of being held whole. */
const MAX_ROW_TEXT = 32 << 20;

/**
 * One sheet's values as a Grid from A1, streamed cell by cell: shared and inline strings, numbers, dates
 * (by the cell's number format), booleans, error values, formula results. Merged cells read their master.
 *
 * The XML parser reads the part; the rows of the common shape (sheetRows.ts) are read without it, and any
 * row it cannot read exactly goes to the parser, as does everything after the first thing that is not a row.
 */
export function readSheetGrid(
  book: Workbook,
  sheet: SheetPart,
  strings: string[],
  onRow?: (count: number) => void,
  watcher?: GridWatcher,
  options: SheetReadOptions = {},
): Promise<Grid> {
  return readSheetXml(book.zip.textStream(book.zip.get(sheet.part) as ZipEntry), book, strings, onRow, watcher, options);
}

/** The same from a sheet part's text as it streams, in any pieces. */
export async function readSheetXml(
  chunks: AsyncIterable<string>,
  book: Pick<Workbook, 'dateStyles' | 'date1904' | 'styleUnits'>,
  strings: string[],
  onRow?: (count: number) => void,
  watcher?: GridWatcher,
  options: SheetReadOptions = {},
): Promise<Grid> {
  const values: CellValue[][] = [];
  const merges: string[] = [];
  let rowNumber = 0;
  let cells: CellValue[] = [];
  let column = 0;
  let type = '';
  let style = 0;
  let raw = '';
  let collecting = false;
  let inline = false;
  let phonetic = 0;
  let count = 0;
  let ordered = true;
  const dateStyles = book.dateStyles;
  const units = book.styleUnits;
  const date1904 = book.date1904;
  const pool = new ValuePool();
  const valueless = new ValuelessCells();

  const openRow = (ref: string | undefined) => {
    const r = ref !== undefined ? Number(ref) : rowNumber + 1;
    const next = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
    if (next <= rowNumber) ordered = false; // a row again, or out of order: earlier rows may change
    rowNumber = next;
    cells = [];
    values[rowNumber - 1] = cells;
    column = 0;
    if (onRow && ++count % 10000 === 0) onRow(count);
  };
  /** A cell's column (0: none given, the next one), type and style. */
  const openCell = (at: number, t: string, s: number) => {
    column = at > 0 ? at : column + 1;
    type = t;
    style = s;
    raw = '';
    inline = false;
  };
  const closeCell = () => {
    const value = cellValue(type, raw, inline, style, dateStyles, strings, date1904, pool, column, units);
    if (value !== null) cells[column - 1] = value;
    if (value === null || value === '') valueless.add(rowNumber, column);
  };

  const xml = new XmlStream({
    open(local, a, selfClosing) {
      switch (local) {
        case 'row':
          openRow(a.r);
          break;
        case 'c':
          openCell(a.r !== undefined ? refColumn(a.r) : 0, a.t ?? 'n', a.s !== undefined ? Number(a.s) : 0);
          break;
        case 'v':
          collecting = !selfClosing;
          break;
        case 'is':
          inline = true;
          break;
        case 'rPh':
          if (!selfClosing) phonetic++;
          break;
        case 't':
          collecting = inline && phonetic === 0 && !selfClosing;
          break;
        case 'mergeCell':
          if (a.ref) merges.push(a.ref);
          break;
      }
    },
    close(local) {
      if (local === 'v' || local === 't') collecting = false;
      else if (local === 'rPh') phonetic--;
      else if (local === 'c') closeCell();
    },
    text(t) {
      if (collecting) raw += t;
    },
  });

  // Head: to the XML parser up to <sheetData>; rows: read here while they have the common shape.
  let mode: 'head' | 'rows' | 'parser' = options.fastRows === false ? 'parser' : 'head';
  let buf = '';
  let pos = 0;
  const scanner = new RowScanner();
  const row = new ScannedRow();
  const inSheetData = () => xml.depth === 2 && xml.current === 'sheetData';
  const toParser = () => {
    xml.write(pos === 0 ? buf : buf.slice(pos));
    buf = '';
    pos = 0;
    mode = 'parser';
  };
  const readRows = (final: boolean) => {
    if (mode === 'head') {
      const m = SHEET_DATA_OPEN.exec(buf);
      if (!m) {
        if (final || buf.length > MAX_HEAD) toParser();
        return;
      }
      const end = m.index + m[0].length;
      xml.write(buf.slice(0, end));
      pos = end;
      // Only a real <sheetData> start (not one in a comment, not `<sheetData/>`) leaves the parser in it.
      if (m[0].endsWith('/>') || !inSheetData()) return toParser();
      mode = 'rows';
    }
    while (mode === 'rows') {
      pos = skipSpace(buf, pos);
      if (buf.length - pos < 6) break;
      if (!startTagAt(buf, pos, '<row')) return toParser();
      if (buf.indexOf('>', pos) < 0) break;
      // A start tag of another form may hold a `>` in a value: where it ends is the parser's to find.
      if (!scanner.rowStart(buf, pos, row)) return toParser();
      let to = scanner.tagEnd;
      if (!scanner.selfClosing) {
        const close = buf.indexOf('</row>', to);
        if (close < 0) break;
        to = close + 6;
      }
      if (scanner.rowCells(buf, to, row)) {
        openRow(row.ref);
        // openCell and closeCell for each cell, with the row's state in locals.
        const rowCells = cells;
        let at = 0;
        for (let k = 0; k < row.count; k++) {
          const c = row.cells[k];
          at = c.column > 0 ? c.column : at + 1;
          const value = cellValue(c.type, c.raw, c.inline, c.style, dateStyles, strings, date1904, pool, at, units);
          if (value !== null) rowCells[at - 1] = value;
          if (value === null || value === '') valueless.add(rowNumber, at);
        }
        column = at;
      } else {
        // The parser reads this row. The first `</row>` after a plain start tag closes it, unless it is in a
        // comment or CDATA: then the parser is still in the row, and it reads the rest of the part too.
        xml.write(buf.slice(pos, to));
        if (!inSheetData()) {
          pos = to;
          return toParser();
        }
      }
      pos = to;
    }
    if (mode === 'rows') {
      buf = buf.slice(pos);
      pos = 0;
      if (final || buf.length > (options.maxRowText ?? MAX_ROW_TEXT)) toParser();
    }
  };

  for await (const chunk of chunks) {
    if (mode === 'parser') xml.write(chunk);
    else {
      buf = pos === 0 && buf.length === 0 ? chunk : buf.slice(pos) + chunk;
      pos = 0;
      readRows(false);
    }
    // The row being read may continue in the next chunk: the rows before it are complete.
    watcher?.rows(values, ordered ? Math.max(0, rowNumber - 1) : -1);
  }
  if (mode !== 'parser') readRows(true);
  xml.end();
  for (let r = 0; r < values.length; r++) if (!values[r]) values[r] = [];
  watcher?.merged(merges);
  for (const ref of merges) fillMerge(values, ref);
  return { values, firstRow: 1, firstColumn: 1, merges, valueless: valueless.size ? valueless.byColumn : undefined };
}

/**
 * One copy of each short text, each holding its own characters (ownCopy): a sheet or a CSV repeats its routes,
 * drugs and names on every row, and each arrives as a new string. Bounded, so unique texts cannot grow it without end.
 */
export class TextPool {
  private readonly pool = new Map<string, string>();
  text(text: string): string {
    if (text.length > 48) return ownCopy(text);
    let own = this.pool.get(text);
    if (own === undefined) {
      if (this.pool.size >= 200000) this.pool.clear();
      own = ownCopy(text);
      this.pool.set(own, own);
    }
    return own;
  }
}

/**
 * One copy of each short text and each date: inline strings (unlike shared strings) arrive as a new string each
 * time. At a million rows this halves the grid.
 */
class ValuePool extends TextPool {
  /**
   * One Date per serial: a sheet repeats its dates and times (a day has 1,440 minutes), and a million rows of
   * date, start and stop cells would otherwise be three million objects. Cell values are never changed.
   */
  private readonly dates = new Map<number, CellValue>();
  /** Each column's last serial and its value: a visit's rows share their date, and a comparison beats a lookup. */
  private readonly lastSerial: number[] = [];
  private readonly lastDate: CellValue[] = [];
  date(serial: number, date1904: boolean, column: number): CellValue {
    if (this.lastSerial[column] === serial) return this.lastDate[column];
    let value = this.dates.get(serial);
    if (value === undefined) {
      value = serialToDate(serial, date1904);
      if (this.dates.size >= 100000) this.dates.clear();
      this.dates.set(serial, value);
    }
    this.lastSerial[column] = serial;
    this.lastDate[column] = value;
    return value;
  }
}

/**
 * A string that holds its own characters. Text the parser cuts out of a 1 MB chunk is a slice of it, and
 * one kept slice keeps the whole chunk alive: kept cells would hold the sheet's whole XML in memory.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

function cellValue(
  type: string,
  raw: string,
  inline: boolean,
  style: number,
  dateStyles: boolean[],
  strings: string[],
  date1904: boolean,
  pool: ValuePool,
  column: number,
  units: readonly (string | null)[] | undefined,
): CellValue {
  if (inline || type === 'inlineStr') return raw === '' ? null : pool.text(decodeExcelEscapes(raw));
  if (raw === '') return null;
  switch (type) {
    case 's':
      return strings[Number(raw)] ?? null;
    case 'str':
      return pool.text(decodeExcelEscapes(raw));
    case 'b':
      return raw === '1' || raw === 'true';
    case 'e':
      return raw;
    case 'd': {
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
      return Number.isNaN(d.getTime()) ? raw : d;
    }
    default: {
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      if (dateStyles[style]) return pool.date(n, date1904, column);
      // A number shown with its unit (`1` formatted `0.0 "g"`) reads as the biller sees it: `1 g`.
      const unit = units?.[style];
      return unit ? pool.text(`${plainNumber(n)} ${unit}`) : n;
    }
  }
}

function fillMerge(values: CellValue[][], ref: string): void {
  const [from, to] = ref.split(':');
  const a = parseRef(from);
  const b = to ? parseRef(to) : a;
  if (!a || !b) return;
  const master = values[a[0] - 1]?.[a[1] - 1];
  if (master === undefined || master === null) return;
  // Down the master's own column only: a visit number merged down its rows belongs to each of them, but a label
  // merged across a row (a section heading, a footer) is not the value of every field it covers.
  const lastRow = Math.min(b[0], values.length);
  for (let r = a[0] + 1; r <= lastRow; r++) {
    const row = values[r - 1];
    if (row) row[a[1] - 1] = master;
  }
}
