/**
 * The rows of a sheet as nearly every writer makes them, read without a tokenizer (issue 13: the tokenizer
 * took two thirds of reading a sheet). A row like
 *
 *   <row r="4" spans="1:17"><c r="A4" s="1" t="s"><v>12</v></c><c r="B4"><f>A4*2</f><v>24</v></c></row>
 *
 * is read here with string searches; a row that holds anything else (a prefix, a comment, an entity, a CR,
 * CDATA, rich text, quotes other than double) is left to the XML parser, which reads every row the same way.
 * So this is only a faster path, never a second reading of XML: a row it cannot read exactly, it does not read.
 */

/** Cell types as the reader names them (the `t` attribute; `n` when absent). */
const CELL_TYPES = ['s', 'n', 'str', 'inlineStr', 'b', 'e', 'd'];

/** One cell of a row read here: what the XML parser's handlers would have gathered for it. */
export interface ScannedCell {
  /** Column from the `r` reference (0 when the cell has none: the next column). */
  column: number;
  type: string;
  style: number;
  raw: string;
  inline: boolean;
}

/** One row read here: its `r` attribute as written (undefined when absent) and its cells, in order. */
export class ScannedRow {
  ref: string | undefined = undefined;
  count = 0;
  /** Reused from row to row (only the first `count` are this row's). */
  readonly cells: ScannedCell[] = [];
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** The index of the first character at or after `from` that is not XML white space. */
export function skipSpace(xml: string, from: number, to = xml.length): number {
  let p = from;
  while (p < to && isSpace(xml.charCodeAt(p))) p++;
  return p;
}

/** Whether the start tag of element `name` (unprefixed, written with its `<`) begins at `at`. */
export function startTagAt(xml: string, at: number, name: string): boolean {
  if (!xml.startsWith(name, at)) return false;
  const c = xml.charCodeAt(at + name.length);
  return isSpace(c) || c === 62 /* > */ || c === 47 /* / */;
}

/** Where an attribute list ends (the `>` or `/>`), read by `attributes`. */
interface Tag {
  /** Index just after the tag. */
  end: number;
  selfClosing: boolean;
}

/** Called with where an attribute's name and value are; false stops the reading (the tag is not read here). */
type EachAttribute = (nameAt: number, nameLength: number, valueAt: number, valueEnd: number) => boolean;

/**
 * Reads the attributes of a start tag from `from` (just after its name) and calls `each` with the range of
 * every value. False when the tag is not of the plain form: double quotes, no spaces around `=`, and no
 * `<`, `>` or `&` in a value (a `>` in a value would have ended the tag early).
 */
function attributes(xml: string, from: number, end: number, tag: Tag, each: EachAttribute): boolean {
  let p = from;
  for (;;) {
    p = skipSpace(xml, p, end);
    if (p >= end) return false;
    const c = xml.charCodeAt(p);
    if (c === 62 /* > */) {
      tag.end = p + 1;
      tag.selfClosing = false;
      return true;
    }
    if (c === 47 /* / */) {
      if (xml.charCodeAt(p + 1) !== 62) return false;
      tag.end = p + 2;
      tag.selfClosing = true;
      return true;
    }
    const nameAt = p;
    while (p < end) {
      const n = xml.charCodeAt(p);
      if (n === 61 /* = */ || isSpace(n) || n === 62 || n === 47 || n === 60 || n === 34 || n === 39) break;
      p++;
    }
    if (p === nameAt || xml.charCodeAt(p) !== 61 || xml.charCodeAt(p + 1) !== 34) return false;
    const valueAt = p + 2;
    const valueEnd = xml.indexOf('"', valueAt);
    if (valueEnd < 0 || valueEnd >= end) return false;
    if (!plainValue(xml, valueAt, valueEnd)) return false;
    if (!each(nameAt, p - nameAt, valueAt, valueEnd)) return false;
    p = valueEnd + 1;
    // Attributes are separated by white space.
    const next = xml.charCodeAt(p);
    if (!isSpace(next) && next !== 62 && next !== 47) return false;
  }
}

/** Text between `from` and `to` that reads as it is written: no entity, no CR (XML reads CRLF as LF), no markup. */
function plainText(xml: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (c === 38 || c === 13 || c === 60) return false;
  }
  return true;
}

/** The column of a reference like `AB12` (letters then digits), or -1 when it is not of that form. */
function refColumnAt(xml: string, from: number, to: number): number {
  let column = 0;
  let k = from;
  for (; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (c >= 65 && c <= 90) column = column * 26 + (c - 64);
    else break;
  }
  if (k === from || k === to || k - from > 3) return -1;
  for (; k < to; k++) {
    const c = xml.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
  }
  return column;
}

const anyAttribute: EachAttribute = () => true;

/** Reads rows of the common shape; one instance per sheet being read. */
export class RowScanner {
  private readonly tag: Tag = { end: 0, selfClosing: false };
  /** The text being read, and the row or cell whose attributes are being read (one callback each, made once). */
  private xml = '';
  private row: ScannedRow | null = null;
  private cellRef = -1;
  private cellType = 'n';
  private cellStyle = 0;

  /** Where the last row start tag read ends, and whether it was `<row .../>`. */
  get tagEnd(): number {
    return this.tag.end;
  }
  get selfClosing(): boolean {
    return this.tag.selfClosing;
  }

  /**
   * Reads the start tag of the row at `from` (`<row` and a space, `>` or `/`) into `row.ref`: false when it is
   * not of the plain form (`attributes`), so where it ends is not known without the XML parser.
   */
  rowStart(xml: string, from: number, row: ScannedRow): boolean {
    this.xml = xml;
    this.row = row;
    row.ref = undefined;
    row.count = 0;
    return attributes(xml, from + 4, xml.length, this.tag, this.rowAttribute);
  }

  /**
   * Reads the cells of the row whose start tag `rowStart` read, up to `to` (the end of its `</row>`, or of
   * the start tag when it closes itself). False, with `row` to be ignored, when the row holds anything this
   * path does not read exactly.
   */
  rowCells(xml: string, to: number, row: ScannedRow): boolean {
    if (this.tag.selfClosing) return true;
    const close = to - 6; // where `</row>` starts
    let p = this.tag.end;
    for (;;) {
      if (isSpace(xml.charCodeAt(p))) p = skipSpace(xml, p, close);
      if (p === close) return true;
      if (!startTagAt(xml, p, '<c')) return false;
      p = this.cell(xml, p, close, row);
      if (p < 0) return false;
    }
  }

  /** One `<c>` element from `from`; the index after it, or -1. */
  private cell(xml: string, from: number, close: number, row: ScannedRow): number {
    const tag = this.tag;
    if (!this.usualCellStart(xml, from + 2, close) && !this.cellStart(xml, from + 2, close)) return -1;
    const cell = row.cells[row.count] ?? (row.cells[row.count] = { column: 0, type: 'n', style: 0, raw: '', inline: false });
    cell.column = this.cellRef;
    cell.type = this.cellType;
    cell.style = this.cellStyle;
    cell.raw = '';
    cell.inline = false;
    row.count++;
    if (tag.selfClosing) return tag.end;
    let p = tag.end;
    // The usual content: one value, then the end of the cell.
    if (xml.startsWith('<v>', p)) {
      const end = xml.indexOf('<', p + 3);
      if (end > 0 && end < close && xml.startsWith('</v></c>', end) && plainText(xml, p + 3, end)) {
        cell.raw = xml.slice(p + 3, end);
        return end + 8;
      }
    }
    for (;;) {
      if (isSpace(xml.charCodeAt(p))) p = skipSpace(xml, p, close);
      if (xml.startsWith('</c>', p)) return p + 4;
      if (xml.startsWith('<v>', p)) {
        const end = xml.indexOf('</v>', p + 3);
        if (end < 0 || end > close || !plainText(xml, p + 3, end)) return -1;
        cell.raw += xml.slice(p + 3, end);
        p = end + 4;
      } else if (xml.startsWith('<v/>', p)) {
        p += 4;
      } else if (startTagAt(xml, p, '<f')) {
        // A formula: its cached result is the <v> that follows; the formula itself is not read.
        if (!attributes(xml, p + 2, close, tag, anyAttribute)) return -1;
        if (tag.selfClosing) p = tag.end;
        else {
          const end = xml.indexOf('</f>', tag.end);
          if (end < 0 || end > close || xml.indexOf('<', tag.end) !== end) return -1;
          p = end + 4;
        }
      } else if (xml.startsWith('<is>', p)) {
        cell.inline = true;
        p += 4;
        p = skipSpace(xml, p, close);
        if (!startTagAt(xml, p, '<t')) return -1;
        if (!attributes(xml, p + 2, close, tag, anyAttribute)) return -1;
        p = tag.end;
        if (!tag.selfClosing) {
          const end = xml.indexOf('</t>', p);
          if (end < 0 || end > close || !plainText(xml, p, end)) return -1;
          cell.raw += xml.slice(p, end);
          p = end + 4;
        }
        p = skipSpace(xml, p, close);
        if (!xml.startsWith('</is>', p)) return -1;
        p += 5;
      } else {
        return -1;
      }
    }
  }

  private readonly rowAttribute: EachAttribute = (nameAt, nameLength, valueAt, valueEnd) => {
    if (nameLength === 1 && this.xml.charCodeAt(nameAt) === 114 /* r */ && this.row) this.row.ref = this.xml.slice(valueAt, valueEnd);
    return true;
  };

  /**
   * cellStart for the start tag nearly every writer makes, `<c r="B4" s="3" t="s">` with `s` and `t` optional
   * and in that order, checked character by character; false (nothing read) for any other, which cellStart reads.
   */
  private usualCellStart(xml: string, from: number, close: number): boolean {
    if (!xml.startsWith(' r="', from)) return false;
    let k = from + 4;
    let column = 0;
    for (; k < from + 7; k++) {
      const c = xml.charCodeAt(k);
      if (c < 65 || c > 90) break;
      column = column * 26 + (c - 64);
    }
    if (column === 0) return false;
    const digitsAt = k;
    while (k < close && xml.charCodeAt(k) >= 48 && xml.charCodeAt(k) <= 57) k++;
    if (k === digitsAt || xml.charCodeAt(k) !== 34) return false;
    k++;
    let style = 0;
    if (xml.startsWith(' s="', k)) {
      k += 4;
      const at = k;
      while (k < close && k - at < 9 && xml.charCodeAt(k) >= 48 && xml.charCodeAt(k) <= 57) style = style * 10 + (xml.charCodeAt(k++) - 48);
      if (k === at || xml.charCodeAt(k) !== 34) return false;
      k++;
    }
    let type = 'n';
    if (xml.startsWith(' t="', k)) {
      const end = xml.indexOf('"', k + 4);
      if (end < 0 || end >= close) return false;
      const known = cellTypeAt(xml, k + 4, end);
      if (known === null) return false;
      type = known;
      k = end + 1;
    }
    const tag = this.tag;
    const c = xml.charCodeAt(k);
    if (c === 62 /* > */ && k < close) {
      tag.end = k + 1;
      tag.selfClosing = false;
    } else if (c === 47 /* / */ && xml.charCodeAt(k + 1) === 62 && k + 1 < close) {
      tag.end = k + 2;
      tag.selfClosing = true;
    } else return false;
    this.cellRef = column;
    this.cellStyle = style;
    this.cellType = type;
    return true;
  }

  /**
   * The attributes of any other cell start tag from `from` (just after `<c`): `r`, `s` and `t` into cellRef,
   * cellStyle and cellType (any other is ignored, as the reader ignores it), where the tag ends into `tag`.
   * False when the tag is not read here.
   */
  private cellStart(xml: string, from: number, close: number): boolean {
    this.cellRef = 0;
    this.cellType = 'n';
    this.cellStyle = 0;
    return attributes(xml, from, close, this.tag, this.cellAttribute);
  }

  /** One attribute of a cell; false (the tag is left to the parser) for an `r`, `s` or `t` not of the usual form. */
  private readonly cellAttribute: EachAttribute = (nameAt, nameLength, valueAt, valueEnd) => {
    const xml = this.xml;
    if (nameLength !== 1) return true;
    switch (xml.charCodeAt(nameAt)) {
      case 114 /* r */:
        this.cellRef = refColumnAt(xml, valueAt, valueEnd);
        return this.cellRef >= 0;
      case 115 /* s */: {
        if (valueEnd === valueAt || valueEnd - valueAt > 9) return false;
        let style = 0;
        for (let k = valueAt; k < valueEnd; k++) {
          const d = xml.charCodeAt(k);
          if (d < 48 || d > 57) return false;
          style = style * 10 + (d - 48);
        }
        this.cellStyle = style;
        return true;
      }
      case 116 /* t */: {
        const type = cellTypeAt(xml, valueAt, valueEnd);
        if (type === null) return false;
        this.cellType = type;
        return true;
      }
      default:
        return true;
    }
  };
}

/** The cell type written between `from` and `to`, or null when it is not one the reader knows. */
function cellTypeAt(xml: string, from: number, to: number): string | null {
  for (const type of CELL_TYPES) if (type.length === to - from && xml.startsWith(type, from)) return type;
  return null;
}

/** An attribute value with no `<`, `>` or `&` (a `>` in a value would have ended the tag early). */
function plainValue(xml: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const v = xml.charCodeAt(k);
    if (v === 60 || v === 62 || v === 38) return false;
  }
  return true;
}
