/**
 * The coded sheet's XML rewritten as it streams: every element and every user cell is copied as written;
 * only our cells change (the derived block and earlier derived columns between the header and the last
 * row, and the IC Flags column), plus what must describe them: the dimension, our column widths, a row's
 * spans, our conditional formats (the highlights and status colours), the legacy drawing that shows notes,
 * and the layout (frozen header, filter, print setup: layout.ts).
 *
 * Highlights follow the data as in the add-in (sheet/marks.ts): each row's IC Flags cell names what to fill
 * on that row, and one rule per highlighted column and severity, over the whole column of the table, fills a
 * cell when its row's flags name it. A sort in Excel moves the flags with their rows, so the fills move too.
 */
import { columnLetters } from '../../sheet/columns';
import { FLAGS_HEADER, isOurRuleOn, type FlagsPlan } from '../../sheet/marks';
import type { WritePlan } from '../../sheet/types';
import { insertBefore, layoutHead, layoutTail, statusFormats, withRowHeight, wrappedHeight, wrappedLines, type SheetLayoutEdit } from './layout';
import { escapeText, unescapeXml } from './xml';
import { parseRef } from './workbook';

import { cutToCellLimit } from '../cellLimit';

/** The formula (always true) of the address-fixed highlights an earlier version wrote: removed on a re-run. */
const EARLIER_FINGERPRINT = '"Infusion Coder"<>""';

/** Width (characters) of the IC Flags column: enough to read a few tokens, the rest is cut. */
export const FLAGS_WIDTH = 16;

export interface SheetEdit {
  plan: WritePlan;
  /** The IC Flags cells and the highlight rules reading them. */
  flags: FlagsPlan;
  styles: { header: number; wrap: number; dxf: { error: number; warning: number } };
  /** Widths (characters) of the derived columns, in order. */
  widths: number[];
  /** Derived columns whose cells wrap their text (1-based index into plan.headers). */
  wrapColumns: Set<number>;
  /** The relationship id of the note drawing, when the sheet must start referring to one. */
  legacyDrawing: string | null;
  /** The plan's layout as this sheet takes it (null: none). */
  layout: SheetLayoutEdit | null;
}

const NAME = '[A-Za-z_][\\w.-]*';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The sheet part's text with the plan applied, chunk by chunk, as it streams in. */
export async function* patchSheetXml(chunks: AsyncIterable<string>, edit: SheetEdit): AsyncGenerator<string> {
  const { plan } = edit;
  const lastColumn = plan.firstColumn + plan.headers.length - 1;
  const ours = new Set<number>(plan.staleColumns);
  for (let c = plan.firstColumn; c <= lastColumn; c++) ours.add(c);
  ours.add(edit.flags.column);
  const source = chunks[Symbol.asyncIterator]();
  const writer = new OurCells(edit);
  let buf = '';
  let pos = 0;
  const more = async (): Promise<boolean> => {
    const next = await source.next();
    if (next.done) return false;
    buf = buf.slice(pos) + next.value;
    pos = 0;
    return true;
  };

  // The head, up to <sheetData>.
  const sheetDataRe = new RegExp(`<(${NAME}:)?sheetData\\b[^>]*?(/?)>`);
  let m: RegExpExecArray | null;
  while (!(m = sheetDataRe.exec(buf))) if (!(await more())) throw new Error('the sheet has no cell data');
  const p = m[1] ?? '';
  yield patchHead(buf.slice(0, m.index), p, edit);
  yield `<${p}sheetData>`;
  pos = m.index + m[0].length;
  const selfClosing = m[2] === '/';

  // The rows: ours spliced into the rows between the header and the last row, others copied.
  let out: string[] = [];
  let outLength = 0;
  const emit = (s: string) => {
    out.push(s);
    outLength += s.length;
  };
  let previousRow = 0;
  const emitMissingRows = (before: number) => {
    for (let r = Math.max(previousRow + 1, plan.headerRow); r < before && r <= plan.lastRow; r++) {
      const cells = writer.row(r, p);
      if (cells) emit(`${writer.startTag(`<${p}row r="${r}">`, r)}${cells}</${p}row>`);
    }
  };
  const rowOpen = `<${p}row`;
  const dataClose = `</${p}sheetData>`;
  const rowClose = `</${p}row>`;
  while (!selfClosing) {
    const lt = buf.indexOf('<', pos);
    if (lt < 0) {
      // Text between rows (white space, however long: a few hundred MB of it deflate to a few hundred kB) is
      // copied as it comes: held, it grew past the longest string V8 makes ("Invalid string length") after
      // minutes. Copied in whole pieces from where it starts, never where a chunk ends, so the copy's bytes do
      // not depend on how the input inflated (a second run gives the same file).
      while (buf.length - pos >= BETWEEN_ROWS_PIECE) {
        emit(buf.slice(pos, pos + BETWEEN_ROWS_PIECE));
        pos += BETWEEN_ROWS_PIECE;
        if (outLength > 1 << 16) {
          yield out.join('');
          out = [];
          outLength = 0;
        }
      }
      if (!(await more())) throw new Error('the sheet data ends early');
      continue;
    }
    if (lt + dataClose.length > buf.length) {
      if (!(await more())) throw new Error('the sheet data ends early');
      continue;
    }
    if (lt > pos) emit(buf.slice(pos, lt));
    pos = lt;
    if (buf.startsWith(dataClose, lt)) {
      pos = lt + dataClose.length;
      break;
    }
    const gt = buf.indexOf('>', lt);
    if (gt < 0) {
      if (!(await more())) throw new Error('the sheet data ends early');
      continue;
    }
    if (!buf.startsWith(rowOpen, lt) || !/[\s/>]/.test(buf[lt + rowOpen.length])) {
      emit(buf.slice(lt, gt + 1)); // a comment or an element we do not know: copied
      pos = gt + 1;
      continue;
    }
    const empty = buf[gt - 1] === '/';
    let end = gt + 1;
    if (!empty) {
      const close = buf.indexOf(rowClose, gt);
      if (close < 0) {
        if (!(await more())) throw new Error('the sheet data ends early');
        continue;
      }
      end = close + rowClose.length;
    }
    const startTag = buf.slice(lt, gt + 1);
    const r = rowNumberOf(startTag) ?? previousRow + 1;
    emitMissingRows(r);
    if (r >= plan.headerRow && r <= plan.lastRow) emit(patchRow(startTag, empty ? '' : buf.slice(gt + 1, end - rowClose.length), r, p, ours, writer));
    else emit(buf.slice(lt, end));
    previousRow = r;
    pos = end;
    if (outLength > 1 << 16) {
      yield out.join('');
      out = [];
      outLength = 0;
    }
  }
  emitMissingRows(plan.lastRow + 1);
  out.push(`</${p}sheetData>`);
  yield out.join('');

  // The tail, after </sheetData>: small (merges, formats, validations, drawings, tables).
  while (await more());
  yield patchTail(buf.slice(pos), p, edit, ours);
}

/** Text between rows is copied in pieces of this many characters once it is this long (sheetXml's loop). */
const BETWEEN_ROWS_PIECE = 1 << 16;

/** Whether `c` is white space as a regular expression's `\s` reads it (an attribute may follow any). */
const isSpaceCode = (c: number) => c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));

/** The number in a row start tag's `r="…"` (the first such attribute of digits), or undefined. */
function rowNumberOf(tag: string): number | undefined {
  for (let at = tag.indexOf('r="'); at > 0; at = tag.indexOf('r="', at + 1)) {
    if (!isSpaceCode(tag.charCodeAt(at - 1))) continue;
    let k = at + 3;
    while (k < tag.length && tag.charCodeAt(k) >= 48 && tag.charCodeAt(k) <= 57) k++;
    if (k > at + 3 && tag.charCodeAt(k) === 34) return Number(tag.slice(at + 3, k));
  }
  // XML also allows `r='5'` and `r = "5"` (some writers): read so, the rare tag only.
  const other = ROW_NUMBER_ANY_QUOTE.exec(tag);
  return other ? Number(other[2]) : undefined;
}
const ROW_NUMBER_ANY_QUOTE = /\sr\s*=\s*(["'])(\d+)\1/;

/** Entries kept per column of the cell-text caches below (a sheet's texts repeat: codes, statuses, explanations). */
const CACHED_TEXTS = 50000;

/**
 * Our cells of each row as XML, written a million times: what does not change from row to row (column
 * letters, style attributes, each text's escaped cell, each wrapped text's line count) is worked out once.
 */
class OurCells {
  private readonly plan: WritePlan;
  private readonly letters: string[];
  private readonly flagsLetters: string;
  /** Per derived column: the cell's XML after its reference, by value (text) for that column's style. */
  private readonly tails: Map<string, string>[];
  private readonly flagTails = new Map<string, string>();
  /** Per wrapped column: lines each text takes. */
  private readonly lines: Map<string, number>[];
  private readonly spans = new Map<string, string>();
  private prefix = '';

  constructor(readonly edit: SheetEdit) {
    const { plan } = edit;
    this.plan = plan;
    this.letters = plan.headers.map((_, j) => columnLetters(plan.firstColumn + j));
    this.flagsLetters = columnLetters(edit.flags.column);
    this.tails = plan.headers.map(() => new Map());
    this.lines = plan.headers.map(() => new Map());
  }

  /** The row's cells (the derived block's, then the flags cell), or ''. */
  row(r: number, p: string): string {
    return this.block(r, p) + this.flags(r, p);
  }

  /** The row's cells of the derived block, or ''. */
  block(r: number, p: string): string {
    const { plan, edit } = this;
    const values = r === plan.headerRow ? plan.headers : plan.values[r - plan.headerRow - 1];
    if (!values) return '';
    if (r === plan.headerRow) {
      let out = '';
      for (let j = 0; j < values.length; j++) {
        const value = values[j];
        if (value !== null && value !== undefined && value !== '') out += cellXml(`${this.letters[j]}${r}`, value, edit.styles.header, p);
      }
      return out;
    }
    this.usePrefix(p);
    let out = '';
    for (let j = 0; j < values.length; j++) {
      const value = values[j];
      if (value === null || value === undefined || value === '') continue;
      const style = edit.wrapColumns.has(j) ? edit.styles.wrap : -1;
      if (typeof value === 'number') out += cellXml(`${this.letters[j]}${r}`, value, style, p);
      else out += `<${p}c r="${this.letters[j]}${r}${this.tail(this.tails[j], value, style, p)}`;
    }
    return out;
  }

  /** The row's IC Flags cell (the header on the header row), or ''. */
  flags(r: number, p: string): string {
    const { plan, edit } = this;
    if (r === plan.headerRow) return cellXml(`${this.flagsLetters}${r}`, FLAGS_HEADER, edit.styles.header, p);
    const text = edit.flags.rows.get(r);
    if (text === undefined) return '';
    this.usePrefix(p);
    return `<${p}c r="${this.flagsLetters}${r}${this.tail(this.flagTails, text, -1, p)}`;
  }

  /** A row's start tag with its spans (when it has them) widened to our block, tall enough for our wrapped cells. */
  startTag(tag: string, r: number): string {
    const { plan, edit } = this;
    if (edit.layout && r > plan.headerRow) tag = withRowHeight(tag, wrappedHeight(plan.values[r - plan.headerRow - 1] ?? [], edit.widths, edit.wrapColumns, edit.layout.lineHeight, this.linesOf));
    if (tag.indexOf('spans=') < 0) return tag;
    const spans = /\sspans="(\d+):(\d+)"/.exec(tag);
    if (!spans) return tag;
    let widened = this.spans.get(spans[0]);
    if (widened === undefined) {
      const first = Math.min(Number(spans[1]), plan.firstColumn);
      const last = Math.max(Number(spans[2]), plan.firstColumn + plan.headers.length - 1, edit.flags.column);
      widened = ` spans="${first}:${last}"`;
      if (this.spans.size < CACHED_TEXTS) this.spans.set(spans[0], widened);
    }
    return tag.replace(spans[0], () => widened as string);
  }

  /** wrappedLines, each text's count worked out once per column. */
  private readonly linesOf = (text: string, width: number | undefined, column: number): number => {
    const cache = this.lines[column];
    let lines = cache.get(text);
    if (lines === undefined) {
      lines = wrappedLines(text, width);
      if (cache.size >= CACHED_TEXTS) cache.clear();
      cache.set(text, lines);
    }
    return lines;
  };

  /** What follows `<c r="A1` for a text cell: its cached XML (the caches hold one namespace prefix's XML). */
  private tail(cache: Map<string, string>, text: string, style: number, p: string): string {
    let tail = cache.get(text);
    if (tail === undefined) {
      const s = style >= 0 ? ` s="${style}"` : '';
      tail = `"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapedCellText(text)}</${p}t></${p}is></${p}c>`;
      if (cache.size >= CACHED_TEXTS) cache.clear();
      cache.set(text, tail);
    }
    return tail;
  }

  private usePrefix(p: string): void {
    if (p === this.prefix) return;
    this.prefix = p;
    for (const cache of this.tails) cache.clear();
    this.flagTails.clear();
  }
}

/** One cell of ours: a number, or text as an inline string (cut to Excel's limit); style -1 for none. */
export function cellXml(ref: string, value: string | number, style: number, p = ''): string {
  const s = style >= 0 ? ` s="${style}"` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<${p}c r="${ref}"${s}><${p}v>${value}</${p}v></${p}c>` : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapedCellText(value)}</${p}t></${p}is></${p}c>`;
}

/**
 * A cell text cut to Excel's limit and escaped, once per text: the plan shares one copy of each repeated
 * text (codes, statuses, most explanations), and a million rows write it millions of times.
 */
const ESCAPED = new Map<string, string>();
function escapedCellText(value: string): string {
  let escaped = ESCAPED.get(value);
  if (escaped === undefined) {
    escaped = escapeText(cutToCellLimit(value));
    if (ESCAPED.size >= 100000) ESCAPED.clear();
    ESCAPED.set(value, escaped);
  }
  return escaped;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A sheet the product owns (IC Administrations): header row frozen, bold and filtered, then the rows. */
export function* ownedSheetXml(headers: string[], rows: (string | number | null)[][], headerStyle: number): Generator<string> {
  const last = columnLetters(Math.max(1, headers.length));
  const widths = headers.map((h, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(40, Math.max(10, h.length + 2))}" customWidth="1"/>`).join('');
  yield (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${R_NS}">` +
    `<dimension ref="A1:${last}${rows.length + 1}"/><sheetViews><sheetView workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `${widths === '' ? '' : `<cols>${widths}</cols>`}<sheetData>`
  );
  let out = `<row r="1">${headers.map((h, i) => cellXml(`${columnLetters(i + 1)}1`, h, headerStyle)).join('')}</row>`;
  for (let i = 0; i < rows.length; i++) {
    out += `<row r="${i + 2}">`;
    rows[i].forEach((v, j) => {
      if (v !== null && v !== '') out += cellXml(`${columnLetters(j + 1)}${i + 2}`, v, -1);
    });
    out += '</row>';
    if (out.length > 1 << 16) {
      yield out;
      out = '';
    }
  }
  yield `${out}</sheetData>${headers.length > 0 ? `<autoFilter ref="A1:${last}1"/>` : ''}</worksheet>`;
}

/** One row between the header and the last row: user cells as written, ours replaced, in column order. */
function patchRow(startTag: string, inner: string, r: number, p: string, ours: Set<number>, writer: OurCells): string {
  const fast = appendToRow(startTag, inner, r, p, writer);
  if (fast !== null) return fast;
  const kept: { column: number; xml: string }[] = [];
  let trailing = '';
  let column = 0;
  const cellOpen = `<${p}c`;
  const cellClose = `</${p}c>`;
  let at = 0;
  let scan = 0;
  while (at < inner.length) {
    const lt = inner.indexOf('<', scan);
    if (lt < 0) {
      trailing = inner.slice(at);
      break;
    }
    // A comment or processing instruction between cells stays with the cell after it, as whitespace does.
    const skip = inner.startsWith('<!--', lt) ? inner.indexOf('-->', lt + 4) + 3 : inner.startsWith('<?', lt) ? inner.indexOf('?>', lt + 2) + 2 : -1;
    if (skip > 1) {
      scan = skip;
      continue;
    }
    const gt = inner.indexOf('>', lt);
    if (inner.startsWith(cellOpen, lt) && /[\s/>]/.test(inner[lt + cellOpen.length])) {
      const close = inner[gt - 1] === '/' ? gt - cellClose.length + 1 : inner.indexOf(cellClose, gt);
      if (close < 0) throw new Error(`row ${r} has a cell without an end`);
      const end = close + cellClose.length;
      const xml = inner.slice(at, end); // whitespace before a cell stays with it
      const ref = CELL_REF.exec(inner.slice(lt, gt + 1));
      const parsed = ref ? parseRef(ref[1]) : null;
      column = parsed ? parsed[1] : column + 1;
      if (!ours.has(column)) kept.push({ column, xml });
      at = scan = end;
    } else {
      trailing = inner.slice(at); // extLst and anything after the cells
      break;
    }
  }
  // Ours in column order among the user's: the block at its first column, the flags cell at its column (the
  // two are apart when a user column sits right of the block).
  const mine = [
    { column: writer.edit.plan.firstColumn, xml: writer.block(r, p) },
    { column: writer.edit.flags.column, xml: writer.flags(r, p) },
  ].filter((o) => o.xml !== '');
  let cells = '';
  let next = 0;
  for (const cell of kept) {
    while (next < mine.length && mine[next].column < cell.column) cells += mine[next++].xml;
    cells += cell.xml;
  }
  while (next < mine.length) cells += mine[next++].xml;
  let tag = startTag.endsWith('/>') ? `${startTag.slice(0, -2)}>` : startTag;
  if (mine.length > 0) tag = writer.startTag(tag, r);
  return `${tag}${cells}${trailing}</${p}row>`;
}

/**
 * The usual row of a first run: every cell left of our block and nothing after the cells, so our cells go
 * at the end (the cells are in column order in a valid sheet). Null when the row needs the full splice.
 */
function appendToRow(startTag: string, inner: string, r: number, p: string, writer: OurCells): string | null {
  const { plan } = writer.edit;
  if (plan.staleColumns.length > 0 || startTag.endsWith('/>')) return null;
  const last = inner.lastIndexOf(`<${p}c `);
  if (last < 0) return null;
  const whole = inner.endsWith(`</${p}c>`) || (inner.endsWith('/>') && inner.indexOf('>', last) === inner.length - 1);
  if (!whole) return null;
  // The last cell's column: its `r` within the first 200 characters of its start tag.
  LAST_CELL_REF.lastIndex = last;
  const ref = LAST_CELL_REF.exec(inner);
  if (!ref || LAST_CELL_REF.lastIndex > last + 200 || lettersColumn(ref[1]) >= plan.firstColumn) return null;
  const mine = writer.row(r, p);
  return `${mine === '' ? startTag : writer.startTag(startTag, r)}${inner}${mine}</${p}row>`;
}

const LAST_CELL_REF = /[^>]*?\sr\s*=\s*["']([A-Za-z]+)\d+["']/y;
/** A cell's reference, in either quote (`r="B5"`, `r='B5'`). */
const CELL_REF = /\sr\s*=\s*["']([A-Za-z]+\d+)["']/;

/** The column named by letters (`AB` -> 28), either case. */
function lettersColumn(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + ((letters.charCodeAt(i) | 32) - 96);
  return column;
}

/** `[min, max]` without the columns of `ranges` (sorted, apart): the pieces left, in order. */
function without(min: number, max: number, ranges: [number, number][]): [number, number][] {
  const pieces: [number, number][] = [];
  let from = min;
  for (const [a, b] of ranges) {
    if (b < from || a > max) continue;
    if (a > from) pieces.push([from, a - 1]);
    from = b + 1;
  }
  if (from <= max) pieces.push([from, max]);
  return pieces;
}

/**
 * A `<col>` as any writer puts it: empty (`<col .../>`) or with an end tag (`<col ...></col>`), its `min` and
 * `max` in either quote with space around `=` (XML allows all of them). One not read so was dropped, or kept
 * over our columns, where Excel finds overlapping ranges and repairs the file.
 */
const COL = new RegExp(`<(?:${NAME}:)?col\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:${NAME}:)?col>)`, 'g');
const COL_MIN = /\smin\s*=\s*["'](\d+)["']/;
const COL_MAX = /\smax\s*=\s*["'](\d+)["']/;

/** The head: dimension widened to our columns, our column widths (user widths outside our columns kept). */
function patchHead(head: string, p: string, edit: SheetEdit): string {
  const { plan, flags } = edit;
  const lastColumn = plan.firstColumn + plan.headers.length - 1;
  if (edit.layout) head = layoutHead(head, p, edit.layout);
  // The ref in either quote (`ref='A1:G5'`): a reader that trusts the dimension (openpyxl's read-only mode) stops there.
  head = head.replace(new RegExp(`(<(?:${NAME}:)?dimension\\b[^>]*?\\sref\\s*=\\s*(["']))(.*?)(\\2)`), (whole, a: string, _q: string, ref: string, b: string) => {
    const [from, to] = ref.split(':');
    const start = parseRef(from);
    const end = parseRef(to ?? from);
    if (!start || !end) return whole;
    const right = Math.max(end[1], lastColumn, flags.column);
    const bottom = Math.max(end[0], plan.lastRow);
    return `${a}${columnLetters(start[1])}${start[0]}:${columnLetters(right)}${bottom}${b}`;
  });
  const blockCols = edit.widths
    .map((w, i) => `<${p}col min="${plan.firstColumn + i}" max="${plan.firstColumn + i}" width="${w}"${edit.wrapColumns.has(i) ? ` style="${edit.styles.wrap}"` : ''} customWidth="1"/>`)
    .join('');
  const flagsCol = `<${p}col min="${flags.column}" max="${flags.column}" width="${FLAGS_WIDTH}" customWidth="1"/>`;
  const ranges: [number, number][] = flags.column === lastColumn + 1 ? [[plan.firstColumn, flags.column]] : [[plan.firstColumn, lastColumn], [flags.column, flags.column]];
  const cols = new RegExp(`<(?:${NAME}:)?cols\\b[^>]*>([\\s\\S]*?)</(?:${NAME}:)?cols>|<(?:${NAME}:)?cols\\s*/>`).exec(head);
  if (!cols) return `${head}<${p}cols>${blockCols}${flagsCol}</${p}cols>`;
  const entries: { min: number; xml: string }[] = [
    { min: plan.firstColumn, xml: blockCols },
    { min: flags.column, xml: flagsCol },
  ];
  for (const col of (cols[1] ?? '').match(COL) ?? []) {
    const min = Number(COL_MIN.exec(col)?.[1] ?? 0);
    const max = Number(COL_MAX.exec(col)?.[1] ?? min);
    // A user's width over our columns is kept on either side of them.
    const pieces = without(min, max, ranges);
    if (pieces.length === 1 && pieces[0][0] === min && pieces[0][1] === max) entries.push({ min, xml: col });
    else for (const [a, b] of pieces) entries.push({ min: a, xml: col.replace(COL_MIN, ` min="${a}"`).replace(COL_MAX, ` max="${b}"`) });
  }
  entries.sort((a, b) => a.min - b.min);
  return `${head.slice(0, cols.index)}<${p}cols>${entries.map((e) => e.xml).join('')}</${p}cols>${head.slice(cols.index + cols[0].length)}`;
}

/** Elements that follow conditionalFormatting in a worksheet (ECMA-376 18.3.1.99). */
const AFTER_CONDITIONAL = ['dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
const AFTER_LEGACY_DRAWING = AFTER_CONDITIONAL.slice(AFTER_CONDITIONAL.indexOf('legacyDrawingHF'));

/** Inserts `xml` before the first of `followers` at sheet level in the tail (else before </worksheet>). */
function insertInTail(tail: string, xml: string, followers: string[]): string {
  const end = tail.search(new RegExp(`</(?:${NAME}:)?worksheet>`));
  if (end < 0) throw new Error('the sheet has no end');
  return insertBefore(tail, xml, followers, end, true);
}

const CONDITIONAL_FORMATTING = new RegExp(`<(${NAME}:)?conditionalFormatting\\b[\\s\\S]*?</\\1?conditionalFormatting>`, 'g');
const CF_RULE = new RegExp(`<(${NAME}:)?cfRule\\b[^>]*?(?:/>|>[\\s\\S]*?</\\1?cfRule>)`, 'g');
const FORMULA = new RegExp(`<(${NAME}:)?formula>([\\s\\S]*?)</\\1?formula>`);

/** Is this cfRule element one of ours: a highlight or status colour (by formula shape), or an earlier version's? */
function isOurCfRule(rule: string, ourColumns: ReadonlySet<number>): boolean {
  const formula = FORMULA.exec(rule);
  if (!formula) return false;
  const text = unescapeXml(formula[2]);
  return text === EARLIER_FINGERPRINT || isOurRuleOn(`=${text}`, ourColumns);
}

/**
 * The tail without our conditional-format rules, from this version or an earlier one, recognised by their
 * formula (never by colour or range). A format holding a user's rule beside ours (Excel groups rules of the
 * same range in one element) keeps the user's; a format left with no rule goes. The rest is untouched.
 */
export function withoutOurFormats(tail: string, ourColumns: ReadonlySet<number>): string {
  return tail.replace(CONDITIONAL_FORMATTING, (cf) => {
    let removed = 0;
    let kept = 0;
    const rest = cf.replace(CF_RULE, (rule) => {
      if (isOurCfRule(rule, ourColumns)) {
        removed++;
        return '';
      }
      kept++;
      return rule;
    });
    if (removed === 0) return cf;
    return kept === 0 ? '' : rest;
  });
}

/** The highlight rules as conditional formats, the one that wins first (Excel's priority 1 is the highest). */
function flagFormats(edit: SheetEdit, p: string, priority: number): { xml: string; priority: number } {
  let xml = '';
  for (const rule of [...edit.flags.rules].reverse()) {
    const letters = columnLetters(rule.column);
    const sqref = rule.lastRow > rule.firstRow ? `${letters}${rule.firstRow}:${letters}${rule.lastRow}` : `${letters}${rule.firstRow}`;
    xml +=
      `<${p}conditionalFormatting sqref="${sqref}"><${p}cfRule type="expression" dxfId="${edit.styles.dxf[rule.fill]}" priority="${++priority}">` +
      `<${p}formula>${escapeText(rule.formula.slice(1))}</${p}formula></${p}cfRule></${p}conditionalFormatting>`;
  }
  return { xml, priority };
}

/** The tail: our earlier conditional formats out, this run's in, the note drawing referred to, the layout. */
function patchTail(tail: string, p: string, edit: SheetEdit, ourColumns: ReadonlySet<number>): string {
  tail = withoutOurFormats(tail, ourColumns);
  let priority = 0;
  for (const m of tail.matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  const highlights = flagFormats(edit, p, priority);
  let formats = highlights.xml;
  if (edit.layout) formats += statusFormats(edit.layout.layout, p, edit.styles.dxf, highlights.priority).xml;
  if (formats !== '') tail = insertInTail(tail, formats, AFTER_CONDITIONAL);
  if (edit.legacyDrawing) tail = insertInTail(tail, `<${p}legacyDrawing xmlns:r="${R_NS}" r:id="${edit.legacyDrawing}"/>`, AFTER_LEGACY_DRAWING);
  return edit.layout ? layoutTail(tail, p, edit.layout) : tail;
}
