/**
 * The coded sheet's XML rewritten as it streams: every element and every user cell is copied as written;
 * only our cells change (the derived block and earlier derived columns between the header and the last
 * row), plus what must describe them: the dimension, our column widths, a row's spans, our conditional
 * formats (the highlight fills and status colours), the legacy drawing that shows notes, and the layout
 * (frozen header, filter, print setup: layout.ts).
 */
import { columnLetters } from '../../sheet/columns';
import type { WritePlan } from '../../sheet/types';
import { isStatusFormat, layoutHead, layoutTail, statusFormats, withRowHeight, wrappedHeight, type SheetLayoutEdit } from './layout';
import { escapeText } from './xml';
import { parseRef } from './workbook';

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32767;

/** Our conditional formats are recognised by this formula (always true), never by their colour. */
export const CF_FINGERPRINT = '"Infusion Coder"&lt;&gt;""';

export interface SheetEdit {
  plan: WritePlan;
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
  const source = chunks[Symbol.asyncIterator]();
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
  yield patchHead(buf.slice(0, m.index), p, edit, lastColumn);
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
      const cells = ourCells(r, p, edit);
      if (cells) emit(`${withSpans(`<${p}row r="${r}">`, edit, r)}${cells}</${p}row>`);
    }
  };
  const rowOpen = `<${p}row`;
  const dataClose = `</${p}sheetData>`;
  const rowClose = `</${p}row>`;
  while (!selfClosing) {
    const lt = buf.indexOf('<', pos);
    if (lt < 0 || lt + dataClose.length > buf.length) {
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
    const rAttr = /\sr="(\d+)"/.exec(startTag);
    const r = rAttr ? Number(rAttr[1]) : previousRow + 1;
    emitMissingRows(r);
    if (r >= plan.headerRow && r <= plan.lastRow) emit(patchRow(startTag, empty ? '' : buf.slice(gt + 1, end - rowClose.length), r, p, ours, edit));
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
  yield patchTail(buf.slice(pos), p, edit);
}

/** Our cells of one row, as XML, or '' when the row has none. */
function ourCells(r: number, p: string, edit: SheetEdit): string {
  const { plan } = edit;
  const values = r === plan.headerRow ? plan.headers : plan.values[r - plan.headerRow - 1];
  if (!values) return '';
  let out = '';
  for (let j = 0; j < values.length; j++) {
    const value = values[j];
    if (value === null || value === undefined || value === '') continue;
    const style = r === plan.headerRow ? edit.styles.header : edit.wrapColumns.has(j) ? edit.styles.wrap : -1;
    out += cellXml(`${columnLetters(plan.firstColumn + j)}${r}`, value, style, p);
  }
  return out;
}

/** One cell of ours: a number, or text as an inline string (cut to Excel's limit); style -1 for none. */
export function cellXml(ref: string, value: string | number, style: number, p = ''): string {
  const s = style >= 0 ? ` s="${style}"` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<${p}c r="${ref}"${s}><${p}v>${value}</${p}v></${p}c>` : '';
  const text = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value;
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeText(text)}</${p}t></${p}is></${p}c>`;
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
function patchRow(startTag: string, inner: string, r: number, p: string, ours: Set<number>, edit: SheetEdit): string {
  const fast = appendToRow(startTag, inner, r, p, edit);
  if (fast !== null) return fast;
  const kept: { column: number; xml: string }[] = [];
  let trailing = '';
  let column = 0;
  const cellOpen = `<${p}c`;
  const cellClose = `</${p}c>`;
  let at = 0;
  while (at < inner.length) {
    const lt = inner.indexOf('<', at);
    if (lt < 0) break;
    const gt = inner.indexOf('>', lt);
    if (inner.startsWith(cellOpen, lt) && /[\s/>]/.test(inner[lt + cellOpen.length])) {
      const close = inner[gt - 1] === '/' ? gt - cellClose.length + 1 : inner.indexOf(cellClose, gt);
      if (close < 0) throw new Error(`row ${r} has a cell without an end`);
      const end = close + cellClose.length;
      const xml = inner.slice(at, end); // whitespace before a cell stays with it
      const ref = /\sr="([A-Za-z]+\d+)"/.exec(inner.slice(lt, gt + 1));
      const parsed = ref ? parseRef(ref[1]) : null;
      column = parsed ? parsed[1] : column + 1;
      if (!ours.has(column)) kept.push({ column, xml });
      at = end;
    } else {
      trailing = inner.slice(at); // extLst and anything after the cells
      break;
    }
  }
  const { plan } = edit;
  const mine = ourCells(r, p, edit);
  let cells = '';
  let placed = mine === '';
  for (const cell of kept) {
    if (!placed && cell.column > plan.firstColumn) {
      cells += mine;
      placed = true;
    }
    cells += cell.xml;
  }
  if (!placed) cells += mine;
  let tag = startTag.endsWith('/>') ? `${startTag.slice(0, -2)}>` : startTag;
  if (mine !== '') tag = withSpans(tag, edit, r);
  return `${tag}${cells}${trailing}</${p}row>`;
}

/**
 * The usual row of a first run: every cell left of our block and nothing after the cells, so our cells go
 * at the end (the cells are in column order in a valid sheet). Null when the row needs the full splice.
 */
function appendToRow(startTag: string, inner: string, r: number, p: string, edit: SheetEdit): string | null {
  if (edit.plan.staleColumns.length > 0 || startTag.endsWith('/>')) return null;
  const last = inner.lastIndexOf(`<${p}c `);
  if (last < 0) return null;
  const whole = inner.endsWith(`</${p}c>`) || (inner.endsWith('/>') && inner.indexOf('>', last) === inner.length - 1);
  if (!whole) return null;
  const ref = /^[^>]*?\sr="([A-Za-z]+)\d+"/.exec(inner.slice(last, last + 200));
  const parsed = ref ? parseRef(`${ref[1]}1`) : null;
  if (!parsed || parsed[1] >= edit.plan.firstColumn) return null;
  const mine = ourCells(r, p, edit);
  return `${mine === '' ? startTag : withSpans(startTag, edit, r)}${inner}${mine}</${p}row>`;
}

/** A row's start tag with its spans (when it has them) widened to our block, tall enough for our wrapped cells. */
function withSpans(tag: string, edit: SheetEdit, r: number): string {
  const { plan } = edit;
  if (edit.layout && r > plan.headerRow) {
    tag = withRowHeight(tag, wrappedHeight(plan.values[r - plan.headerRow - 1] ?? [], edit.widths, edit.wrapColumns, edit.layout.lineHeight));
  }
  const spans = /\sspans="(\d+):(\d+)"/.exec(tag);
  if (!spans) return tag;
  const first = Math.min(Number(spans[1]), plan.firstColumn);
  const last = Math.max(Number(spans[2]), plan.firstColumn + plan.headers.length - 1);
  return tag.replace(spans[0], ` spans="${first}:${last}"`);
}

/** The head: dimension widened to our block, our column widths (user widths outside our block kept). */
function patchHead(head: string, p: string, edit: SheetEdit, lastColumn: number): string {
  const { plan } = edit;
  if (edit.layout) head = layoutHead(head, p, edit.layout);
  head = head.replace(new RegExp(`(<(?:${NAME}:)?dimension\\b[^>]*?\\sref=")([^"]*)(")`), (whole, a: string, ref: string, b: string) => {
    const [from, to] = ref.split(':');
    const start = parseRef(from);
    const end = parseRef(to ?? from);
    if (!start || !end) return whole;
    const right = Math.max(end[1], lastColumn);
    const bottom = Math.max(end[0], plan.lastRow);
    return `${a}${columnLetters(start[1])}${start[0]}:${columnLetters(right)}${bottom}${b}`;
  });
  const ourCols = edit.widths
    .map((w, i) => `<${p}col min="${plan.firstColumn + i}" max="${plan.firstColumn + i}" width="${w}"${edit.wrapColumns.has(i) ? ` style="${edit.styles.wrap}"` : ''} customWidth="1"/>`)
    .join('');
  const cols = new RegExp(`<(?:${NAME}:)?cols\\b[^>]*>([\\s\\S]*?)</(?:${NAME}:)?cols>|<(?:${NAME}:)?cols\\s*/>`).exec(head);
  if (!cols) return `${head}<${p}cols>${ourCols}</${p}cols>`;
  const entries: { min: number; xml: string }[] = [];
  for (const col of (cols[1] ?? '').match(new RegExp(`<(?:${NAME}:)?col\\b[^>]*?/>`, 'g')) ?? []) {
    const min = Number(/\smin="(\d+)"/.exec(col)?.[1] ?? 0);
    const max = Number(/\smax="(\d+)"/.exec(col)?.[1] ?? min);
    if (max < plan.firstColumn || min > lastColumn) entries.push({ min, xml: col });
    else {
      // A user's width over our block is kept on either side of it.
      if (min < plan.firstColumn) entries.push({ min, xml: col.replace(/\smax="\d+"/, ` max="${plan.firstColumn - 1}"`) });
      if (max > lastColumn) entries.push({ min: lastColumn + 1, xml: col.replace(/\smin="\d+"/, ` min="${lastColumn + 1}"`) });
    }
  }
  entries.push({ min: plan.firstColumn, xml: ourCols });
  entries.sort((a, b) => a.min - b.min);
  return `${head.slice(0, cols.index)}<${p}cols>${entries.map((e) => e.xml).join('')}</${p}cols>${head.slice(cols.index + cols[0].length)}`;
}

/** Elements that follow conditionalFormatting in a worksheet (ECMA-376 18.3.1.99). */
const AFTER_CONDITIONAL = ['dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
const AFTER_LEGACY_DRAWING = AFTER_CONDITIONAL.slice(AFTER_CONDITIONAL.indexOf('legacyDrawingHF'));

/** Inserts `xml` before the first of `followers` present in the tail (else before </worksheet>). */
function insertBefore(tail: string, xml: string, followers: string[]): string {
  let at = -1;
  for (const name of followers) {
    const m = new RegExp(`<(?:${NAME}:)?${name}[\\s/>]`).exec(tail);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = tail.search(new RegExp(`</(?:${NAME}:)?worksheet>`));
  if (at < 0) throw new Error('the sheet has no end');
  return tail.slice(0, at) + xml + tail.slice(at);
}

/** Cell references as an sqref, consecutive rows of a column joined into ranges. */
export function sqrefOf(cells: { row: number; column: number }[]): string {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].column === sorted[i].column && sorted[j + 1].row <= sorted[j].row + 1) j++;
    const letters = columnLetters(sorted[i].column);
    parts.push(sorted[j].row === sorted[i].row ? `${letters}${sorted[i].row}` : `${letters}${sorted[i].row}:${letters}${sorted[j].row}`);
    i = j + 1;
  }
  return parts.join(' ');
}

/** The tail: our earlier conditional formats out, this run's in, the note drawing referred to, the layout. */
function patchTail(tail: string, p: string, edit: SheetEdit): string {
  tail = tail.replace(new RegExp(`<(${NAME}:)?conditionalFormatting\\b[\\s\\S]*?</\\1?conditionalFormatting>`, 'g'), (cf) => (cf.includes(CF_FINGERPRINT) || isStatusFormat(cf) ? '' : cf));
  let priority = 0;
  for (const m of tail.matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  let formats = '';
  for (const fill of ['error', 'warning'] as const) {
    const cells = edit.plan.highlights.filter((h) => h.fill === fill);
    if (cells.length === 0) continue;
    formats +=
      `<${p}conditionalFormatting sqref="${sqrefOf(cells)}"><${p}cfRule type="expression" dxfId="${edit.styles.dxf[fill]}" priority="${++priority}">` +
      `<${p}formula>${CF_FINGERPRINT}</${p}formula></${p}cfRule></${p}conditionalFormatting>`;
  }
  if (edit.layout) formats += statusFormats(edit.layout.layout, p, edit.styles.dxf, priority).xml;
  if (formats !== '') tail = insertBefore(tail, formats, AFTER_CONDITIONAL);
  if (edit.legacyDrawing) tail = insertBefore(tail, `<${p}legacyDrawing xmlns:r="${R_NS}" r:id="${edit.legacyDrawing}"/>`, AFTER_LEGACY_DRAWING);
  return edit.layout ? layoutTail(tail, p, edit.layout) : tail;
}
