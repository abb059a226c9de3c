/**
 * Cell values as Excel, exceljs or a CSV reader hand them over: blank markers, display text, the `Parsed`
 * result every value reader returns, and the small helpers the readers share. Pure: no Node, DOM or Excel.
 */

/** The result of reading one cell: a value, a blank cell, or a message a biller understands. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; blank: true } | { ok: false; blank: false; message: string };

/** The one blank result (frozen, shared). */
export const BLANK: { ok: false; blank: true } = Object.freeze({ ok: false as const, blank: true as const });

export function ok<T>(value: T): Parsed<T> {
  return Object.freeze({ ok: true as const, value });
}

export function fail<T = never>(message: string): Parsed<T> {
  return Object.freeze({ ok: false as const, blank: false as const, message });
}

/** "Nothing here" markers EHR exports write, and Excel error values (compared lower-case). */
const BLANK_MARKERS = new Set([
  '#n/a', 'n/a', 'na', '-', '--', 'null', 'none',
  '#value!', '#ref!', '#div/0!', '#name?', '#null!', '#num!', '#spill!', '#calc!', '#getting_data', '#field!', '#blocked!',
]);

const MAX_DEPTH = 4;

/** A blank cell: null/undefined/'' / spaces, a "nothing here" marker, an Excel error value or `{ error }`. */
export function isBlank(v: unknown): boolean {
  return blankAt(v, 0);
}

function blankAt(v: unknown, depth: number): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return isBlankText(v);
  if (typeof v !== 'object' || v instanceof Date || depth > MAX_DEPTH) return false;
  const o = v as Record<string, unknown>;
  if ('error' in o) return true;
  if ('richText' in o) return isBlankText(cellText(v));
  if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? blankAt(o.result, depth + 1) : true;
  if ('text' in o) return blankAt(o.text, depth + 1);
  return false;
}

/** A text cell's display text: '' when it is blank (see isBlank), else trimmed. */
export function blankOrTrimmed(s: string): string {
  // Fast path: printable ASCII at both ends is nothing to trim (most cells), and a blank marker only when it starts
  // like one. Calling trim on every cell cost more than the rest of reading it (100 M instructions per 100,000 rows).
  const n = s.length;
  if (n > 0) {
    const c = s.charCodeAt(0);
    const e = s.charCodeAt(n - 1);
    if (c > 32 && c < 127 && e > 32 && e < 127) {
      if ((c !== 35 && c !== 110 && c !== 78 && c !== 45) || n > 14) return s;
      return BLANK_MARKERS.has(s.toLowerCase()) ? '' : s;
    }
  }
  return isBlankText(s) ? '' : s.trim();
}

function isBlankText(s: string): boolean {
  // Fast path: every blank marker starts with '#', 'n', 'N' or '-' (after spaces), and most cells hold text.
  // (The empty string first: reading its first character is out of bounds, which optimized code does not expect.)
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  if (c !== 35 && c !== 110 && c !== 78 && c !== 45 && c > 32) return false;
  const t = s.trim();
  return t === '' || (t.length <= 14 && BLANK_MARKERS.has(t.toLowerCase()));
}

/**
 * Trimmed display text of a cell. Unwraps exceljs rich text (`{richText:[{text}]}`), formula results
 * (`{formula, result}`), hyperlinks (`{text, hyperlink}`) and errors (`{error}`). Dates become ISO text.
 * Any other object gives ''.
 */
export function cellText(v: unknown): string {
  return textAt(v, 0);
}

function textAt(v: unknown, depth: number): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string':
      return v.trim();
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    case 'bigint':
      return String(v);
    case 'object':
      break;
    default:
      return '';
  }
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString();
  if (depth > MAX_DEPTH) return '';
  const o = v as Record<string, unknown>;
  try {
    if (Array.isArray(o.richText)) {
      let s = '';
      for (const part of o.richText as unknown[]) {
        if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') s += (part as { text: string }).text;
      }
      return s.trim();
    }
    if ('error' in o) return typeof o.error === 'string' ? o.error.trim() : '#N/A';
    if ('formula' in o || 'sharedFormula' in o) return textAt(o.result, depth + 1);
    if ('text' in o) return textAt(o.text, depth + 1);
  } catch {
    return '';
  }
  return '';
}

/** A date as Excel shows it (its cell's wall clock is the date's UTC fields): `2026-03-02`, `2026-03-02 09:30`. */
function shownDate(d: Date): string {
  if (isNaN(d.getTime())) return 'Invalid Date';
  const iso = d.toISOString();
  if (!/^\d{4}-/.test(iso)) return iso; // a year before 0 or after 9999: no shorter form
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, iso.endsWith(':00.000Z') ? 16 : 19)}`;
}

/**
 * The value as a message shows it, without quotes: trimmed, shortened to 60 characters.
 * Objects that are not exceljs cells are shown as JSON (or their type when that fails).
 */
export function showValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = v.trim();
  else if (v instanceof Date) s = shownDate(v);
  else if (v !== null && typeof v === 'object') {
    s = cellText(v);
    if (s === '') {
      try {
        s = JSON.stringify(v) ?? String(v);
      } catch {
        s = Array.isArray(v) ? 'array' : 'object';
      }
    }
  } else s = String(v);
  s = s.replace(/\s+/g, ' ');
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** Exceljs wrappers (`{formula, result}`, `{richText}`, `{text}`) replaced by the value they show. */
export function unwrapCell(v: unknown): unknown {
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    if (v === null || typeof v !== 'object' || v instanceof Date) return v;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return cellText(v);
    if ('formula' in o || 'sharedFormula' in o) v = o.result;
    else if ('text' in o) v = o.text;
    else return v;
  }
  return v;
}

/**
 * A small cache of results per distinct text. The engine reads the same few values (times, doses, drug
 * names) over and over; clearing when full keeps memory bounded on pathological input.
 */
export class TextCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly limit = 50000) {}
  get(key: string): T | undefined {
    return this.map.get(key);
  }
  set(key: string, value: T): T {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

/**
 * Results per instant of a Date: a file reader hands every date or time cell over as its own Date, and a sheet
 * holds few distinct instants. Bounded like TextCache.
 */
export class InstantCache<T> {
  private readonly map = new Map<number, T>();
  constructor(private readonly limit = 50000) {}
  /** The result of `read(d)`, read once per instant (`read` is a module function: no closure per call). */
  of(d: Date, read: (d: Date) => T): T {
    const t = d.getTime();
    let value = this.map.get(t);
    if (value === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      value = read(d);
      this.map.set(t, value);
    }
    return value;
  }
}
