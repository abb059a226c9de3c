/**
 * CSV in and out (RFC 4180: quoted fields, doubled quotes, CR/LF line ends). Values stay text, exactly as
 * written (`0930` stays `0930`): the rules module reads times, dates and doses from text.
 */
import { cutToCellLimit, MAX_CELL_CHARS } from '../outputs/cellLimit';
import { TextPool } from '../outputs/xlsx/workbook';

export { MAX_CELL_CHARS };

/** Picks the delimiter of the first lines: comma, semicolon or tab, whichever splits them most evenly. */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t']) {
    const counts = sample.map((l) => countOutsideQuotes(l, d));
    const max = Math.max(0, ...counts);
    // The header and most lines share the count; a title line above it may have none.
    const score = counts.filter((c) => c === max).length * max;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** A CSV problem the user must fix, naming the line. */
export class CsvError extends Error {}


/**
 * Parses CSV text into rows of strings ('' for an empty field). A leading byte-order mark is dropped. A quote
 * that never closes is an error naming its line (it would otherwise swallow the rest of the file).
 */
export function parseCsv(input: string, delimiter = sniffDelimiter(input)): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const pool = new TextPool();
  const d = delimiter.charCodeAt(0);
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = text.length;
  // Each run of plain characters is taken in one piece: a field built a character at a time is a chain of
  // hundreds of bytes in V8 (a million-row file held 900 MB of them), and reading it so was slow.
  while (i < n) {
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === d || c === 10 || c === 13 || c === 34) break;
    }
    if (j > i) field += text.slice(i, j);
    if (j >= n) break;
    const c = text.charCodeAt(j);
    if (c === 34) {
      // A quote opens a quoted field only at its start (after spaces); elsewhere it is a character.
      if (field.trim() !== '') {
        field += '"';
        i = j + 1;
        continue;
      }
      const quoteLine = line;
      field = '';
      let k = j + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) throw new CsvError(`line ${quoteLine} opens a quoted field that never closes (a missing " ); fix that line and run again`);
        line += lineEnds(text, k, q);
        if (q > k) field += text.slice(k, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          k = q + 2;
          continue;
        }
        k = q + 1;
        break;
      }
      i = k;
    } else if (c === d) {
      row.push(pool.text(field));
      field = '';
      i = j + 1;
    } else {
      row.push(pool.text(field));
      rows.push(row);
      row = [];
      field = '';
      line++;
      i = c === 13 && text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(pool.text(field));
    rows.push(row);
  }
  return rows;
}

/** Line ends in `text` from `from` to before `to`: LF, or CR not followed by LF. */
function lineEnds(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) count++;
  }
  return count;
}


function quote(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A plain number (`-5`, `+1.5`, `-.5`, `1e3`): a leading sign is then not a formula. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Text a spreadsheet would run as a formula when the CSV is opened (OWASP "CSV injection"): starting with
 * =, +, - (unless a number), @, tab or carriage return. It is written with a leading apostrophe.
 */
export function neutralise(text: string): string {
  const c = text.charAt(0);
  if (c === '=' || c === '@' || c === '\t' || c === '\r') return `'${text}`;
  if ((c === '+' || c === '-') && !NUMBER.test(text)) return `'${text}`;
  return text;
}

export interface CsvWriteOptions {
  /** Neutralise text that would run as a formula (default true; --no-csv-guard turns it off). */
  guard?: boolean;
}

/** Writes rows as CSV text with CRLF line ends (what Excel writes); cells cut to Excel's limit. */
export function formatCsv(rows: (string | number | null | undefined)[][], delimiter = ',', options: CsvWriteOptions = {}): string {
  const guard = options.guard ?? true;
  let out = '';
  for (const row of rows) {
    out +=
      row
        .map((v) => {
          if (v === null || v === undefined) return '';
          let text = String(v);
          text = cutToCellLimit(text);
          return quote(guard && typeof v === 'string' ? neutralise(text) : text, delimiter);
        })
        .join(delimiter) + '\r\n';
  }
  return out;
}

export interface DecodedText {
  text: string;
  /** One line per problem ("line 4: invalid UTF-8 byte 0xE9 replaced"), or the encoding chosen. */
  warnings: string[];
}

/**
 * Bytes of a text file as text: UTF-16 LE with its mark; UTF-8, each invalid byte replaced by U+FFFD with a
 * warning naming its line; Latin-1 only when the file is not UTF-8 at all (invalid bytes and not one valid
 * multi-byte character).
 */
export function decodeCsvBytes(data: Uint8Array): DecodedText {
  const decoded = decodeText(data);
  return decoded.text.includes('\u0000') ? withoutNul(decoded) : decoded;
}

/** NUL characters (which no cell shows) removed, with one warning naming the first line that held one. */
function withoutNul({ text, warnings }: DecodedText): DecodedText {
  const at = text.indexOf('\u0000');
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  const count = text.split('\u0000').length - 1;
  return {
    text: text.replace(/\u0000/g, ''),
    warnings: [...warnings, `line ${line}: ${count === 1 ? 'a NUL byte (0x00) removed' : `${count.toLocaleString('en-US')} NUL bytes (0x00) removed, the first on this line`}`],
  };
}

function decodeText(data: Uint8Array): DecodedText {
  if (data[0] === 0xff && data[1] === 0xfe) return { text: Buffer.from(data.buffer, data.byteOffset + 2, data.byteLength - 2).toString('utf16le'), warnings: [] };
  if (data[0] === 0xfe && data[1] === 0xff) {
    // UTF-16 big-endian with its mark: the same bytes pairwise swapped are little-endian.
    const swapped = Buffer.from(data.subarray(2, 2 + ((data.byteLength - 2) & ~1)));
    return { text: swapped.swap16().toString('utf16le'), warnings: [] };
  }
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // A UTF-8 byte-order mark says the file is UTF-8: bad bytes in it are replaced, never a reason for Latin-1.
  const marked = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const fast = buf.toString('utf8');
  if (!fast.includes('\ufffd')) return { text: fast, warnings: [] };
  let out = '';
  let start = 0;
  let line = 1;
  let validMultiByte = 0;
  const bad: { line: number; byte: number }[] = [];
  for (let i = 0; i < buf.length; ) {
    const b = buf[i];
    if (b < 0x80) {
      if (b === 0x0a) line++;
      i++;
      continue;
    }
    const length = sequenceLength(buf, i);
    if (length > 0) {
      if (!(b === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf && i === 0)) validMultiByte++;
      i += length;
      continue;
    }
    out += buf.toString('utf8', start, i) + '\ufffd';
    bad.push({ line, byte: b });
    i++;
    start = i;
  }
  if (validMultiByte === 0 && !marked) return { text: decodeWindows1252(buf), warnings: ['the file is not UTF-8: read as Latin-1 (Windows) text'] };
  out += buf.toString('utf8', start);
  const shown = bad.slice(0, 5).map((x) => `line ${x.line}: invalid UTF-8 byte 0x${x.byte.toString(16).toUpperCase().padStart(2, '0')} replaced by \ufffd`);
  if (bad.length > 5) shown.push(`... ${bad.length - 5} more invalid UTF-8 bytes replaced by \ufffd`);
  return { text: out, warnings: shown };
}

/**
 * Windows-1252 for the bytes 0x80-0x9F (where Windows puts smart quotes, dashes, the euro sign, ...); plain
 * ISO Latin-1 reads them as invisible C1 control characters, so a Windows file's "quoted" - 5 EUR note lost
 * its quotes, dash and euro sign. The five bytes Windows-1252 leaves undefined stay their C1 character, as
 * the WHATWG decoder keeps them (Node's own TextDecoder('windows-1252') drops them, so it is not used).
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Bytes read as Windows text (Windows-1252, which is Latin-1 except for 0x80-0x9F). */
export function decodeWindows1252(data: Uint8Array): string {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
}

/** Length of the valid UTF-8 sequence starting at i (2-4), or 0 when the byte there starts none. */
function sequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i];
  const cont = (k: number) => i + k < buf.length && (buf[i + k] & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const b1 = buf[i + 1];
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f)) return 0;
    return 3;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const b1 = buf[i + 1];
    if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return 0;
    return 4;
  }
  return 0;
}

/**
 * Fields over Excel's cell limit, cut in place: one warning per cut cell (line and column), and the cells by
 * 1-based row and column with their length before, for a `cell-cut` finding on the row.
 */
export function cutLongFields(rows: string[][]): { warnings: string[]; cut: Map<number, Map<number, number>> } {
  const warnings: string[] = [];
  const cut = new Map<number, Map<number, number>>();
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v.length > MAX_CELL_CHARS) {
        row[c] = cutToCellLimit(v);
        warnings.push(`row ${r + 1}, column ${c + 1}: ${v.length.toLocaleString('en-US')} characters, over Excel's 32,767-character cell limit: cut to 32,767`);
        let cells = cut.get(r + 1);
        if (!cells) cut.set(r + 1, (cells = new Map()));
        cells.set(c + 1, v.length);
      }
    }),
  );
  return { warnings, cut };
}
