/**
 * Finding the header row of a CMS or user file: rows above it (titles, copyright notices, "Effective
 * January 1, 2026") are skipped, and header names are matched loosely because CMS renames them from year
 * to year (`HCPCS Code`, `HCPCS_CODE`, `_2026_CODE`).
 */
import type { CellValue } from '../rules/types';
import { cellText, isBlank } from '../rules/values/cell';

/** How far down the header row is looked for. */
export const HEADER_SEARCH_ROWS = 60;

/** A header as a key: lower-case letters and digits, a leading or trailing year dropped (`_2026_CODE` -> `code`). */
export function headerKey(text: string): string {
  const key = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return key.replace(/^(?:19|20)\d\d(?=[a-z])/, '').replace(/(?<=[a-z])(?:19|20)\d\d$/, '');
}

export interface ColumnSpec {
  /** Name shown in messages (the header as CMS spells it). */
  label: string;
  /** Header keys (see headerKey) that name this column, or a test. */
  names: readonly string[] | ((key: string) => boolean);
  required: boolean;
}

export type Columns<K extends string> = Record<K, number | null>;

export interface HeaderHit<K extends string> {
  /** 0-based index of the header row in the grid. */
  headerRow: number;
  columns: Columns<K>;
}

/** The column a spec names: for a list of names, the first name that some column has wins. */
function columnOf(spec: ColumnSpec, keys: string[], used: Set<number>): number {
  const free = (k: string, i: number) => k !== '' && !used.has(i);
  const test = spec.names;
  if (typeof test === 'function') return keys.findIndex((k, i) => free(k, i) && test(k));
  for (const name of test) {
    const i = keys.findIndex((k, j) => free(k, j) && k === name);
    if (i >= 0) return i;
  }
  return -1;
}

/** Column index of each spec in one row (first match, each column used once), or null when a required one is missing. */
function matchRow<K extends string>(row: readonly CellValue[], specs: Record<K, ColumnSpec>): Columns<K> | null {
  const keys = row.map((v) => (typeof v === 'string' ? headerKey(v) : ''));
  const used = new Set<number>();
  const out = {} as Columns<K>;
  for (const name of Object.keys(specs) as K[]) {
    const spec = specs[name];
    const index = columnOf(spec, keys, used);
    if (index < 0 && spec.required) return null;
    out[name] = index < 0 ? null : index;
    if (index >= 0) used.add(index);
  }
  return out;
}

/** The first row (of the first 60) that names every required column. */
export function findHeader<K extends string>(grid: readonly (readonly CellValue[])[], specs: Record<K, ColumnSpec>): HeaderHit<K> | null {
  for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
    const columns = matchRow(grid[r] ?? [], specs);
    if (columns) return { headerRow: r, columns };
  }
  return null;
}

/** A file of the wrong kind: one message that names the columns expected and what the file has. */
export class WrongTableError extends Error {
  /** What the file has instead: the texts of its widest row near the top. */
  readonly found: string[];
  constructor(
    readonly kind: string,
    specs: Record<string, ColumnSpec>,
    grid: readonly (readonly CellValue[])[],
  ) {
    const expected = Object.values(specs)
      .filter((s) => s.required)
      .map((s) => s.label)
      .join(', ');
    const longest = grid.slice(0, HEADER_SEARCH_ROWS).reduce<readonly CellValue[]>((best, row) => (nonBlank(row) > nonBlank(best) ? row : best), []);
    // Each text short and printable: a binary or one-line file would otherwise fill the message.
    const shown = (t: string) => (t.length > 40 ? `${t.slice(0, 37)}...` : t).replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
    const found = longest.filter((v) => !isBlank(v)).slice(0, 8).map((v) => shown(cellText(v)));
    super(
      `this is not ${kind}: expected a header row with the columns ${expected}` +
        (found.length ? ` (its widest row has: ${found.join(', ')})` : ' (it has no rows)'),
    );
    this.found = found;
    this.name = 'WrongTableError';
  }
}

/** A file a table reader refuses as a whole, with one message (the columns it expects are added by the caller). */
export class RefusedTableError extends Error {}

function nonBlank(row: readonly CellValue[]): number {
  return row.filter((v) => !isBlank(v)).length;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = new RegExp(`\\b(${MONTHS.map((m) => m.slice(0, 3)).join('|')})[a-z]*\\.?\\s+(?:\\d{1,2},?\\s+)?((?:19|20)\\d\\d)\\b`, 'i');
const QUARTER_RE = /\b(?:q([1-4])\s*[-_ ]?\s*((?:19|20)\d\d)|((?:19|20)\d\d)\s*[-_ ]?\s*q([1-4]))\b/i;

/**
 * The edition a file names, as `2026-01` (month) : from the notice rows above its header, else from its
 * file name (`January 2026 ASP Pricing File.csv`, `2026Q1`); null when neither says.
 */
export function editionOf(notices: readonly (readonly CellValue[])[], fileName: string): string | null {
  const texts = [...notices.flatMap((row) => row.filter((v) => typeof v === 'string') as string[]), fileName.replace(/[_]+/g, ' ')];
  for (const text of texts) {
    const m = MONTH_RE.exec(text);
    if (m) return `${m[2]}-${String(MONTHS.findIndex((x) => x.startsWith(m[1].toLowerCase())) + 1).padStart(2, '0')}`;
    const q = QUARTER_RE.exec(text);
    if (q) {
      const quarter = Number(q[1] ?? q[4]);
      return `${q[2] ?? q[3]}-${String(quarter * 3 - 2).padStart(2, '0')}`;
    }
  }
  return null;
}

/** Rows a table reader skips: counted, and the first three named (with why) for the summary line. */
export class SkippedRows {
  count = 0;
  readonly problems: string[] = [];
  /** `row`: the 0-based grid row (named 1-based, as the sheet shows it). */
  add(row: number, why: string): void {
    this.count++;
    if (this.problems.length < 3) this.problems.push(`row ${row + 1}: ${why}`);
  }
}

/** Text of a cell, trimmed ('' for blanks). */
export function text(v: CellValue | undefined): string {
  return isBlank(v) ? '' : cellText(v).trim();
}

/**
 * A money or count cell: `$1,234.50`, `12.5`, a number; null when unreadable or blank. A decimal comma as
 * European files write it is read as one: `95,00`, `0,5`, `1.041,79` (a comma before one or two digits, after
 * a zero, or after dots grouping thousands). `25,479` alone stays twenty-five thousand (three digits after a comma
 * group thousands) unless `decimalComma` says how the file writes its numbers (decimalCommaColumn).
 */
export function money(v: CellValue | undefined, decimalComma: boolean | null = null): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  let t = text(v).replace(/[$\s]/g, '');
  const comma = decimalComma ?? writtenWithDecimalComma(t);
  if (comma && !/^-?\d{1,3}(,\d{3})+\.\d+$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  if (!/^-?\d*\.?\d+$/.test(t)) return null;
  return Number(t);
}

/**
 * A number that can only be written with a decimal comma: a comma before one or two digits (`95,00`), or four
 * or more, after a zero (`0,394`: no thousands group starts with 0), or after dots grouping thousands (`1.041,79`).
 */
function writtenWithDecimalComma(t: string): boolean {
  return /^-?\d+,(\d{1,2}|\d{4,})$/.test(t) || /^-?0,\d+$/.test(t) || /^-?\d{1,3}(\.\d{3})+,\d+$/.test(t);
}

/**
 * Whether a column of amounts is written with decimal commas: one of its cells can only be read that way and none
 * only with a decimal point (`1,234.50`, `12.5`). A file is written one way, so `25,479` beside `0,394` is 25.479
 * (a CMS payment limit has three decimals), and beside `1,234.50` twenty-five thousand. Null: the cells alone say.
 */
export function decimalCommaColumn(cells: Iterable<CellValue | undefined>): boolean | null {
  let comma = false;
  let point = false;
  for (const v of cells) {
    if (typeof v !== 'string') continue;
    const t = v.replace(/[$\s]/g, '');
    if (writtenWithDecimalComma(t)) comma = true;
    else if (/^-?\d*\.\d+$/.test(t) || /^-?\d{1,3}(,\d{3})+\.\d+$/.test(t)) point = true;
    if (comma && point) return null;
  }
  return comma ? true : point ? false : null;
}

/** A HCPCS/CPT code as written (`J9271`, `96365`, `0001A`), upper-cased; null when it is not one. */
export function procedureCode(v: CellValue | undefined): string | null {
  const t = typeof v === 'number' && Number.isInteger(v) ? String(v).padStart(5, '0') : text(v).toUpperCase();
  return /^[A-Z0-9]\d{3}[A-Z0-9]$/.test(t) ? t : null;
}
