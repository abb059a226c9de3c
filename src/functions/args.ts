/**
 * Excel hands a custom function its arguments as 2-D arrays (the parameters are declared `any[][]` so
 * one call can take a cell or a whole range). These helpers turn them into plain values and shapes.
 */
import type { CellValue } from '../rules/types';
import { formatDay } from '../rules/values/date';
import { parseTime } from '../rules/values/time';
import { plainCell } from '../sheet/cell';
import { invalid } from './errors';

/** An argument as Excel passes it: a matrix, a scalar (direct calls from code), or null/undefined when omitted. */
export type Arg = unknown;

/** A rectangle of cell values, rows of equal width. */
export type Matrix = CellValue[][];

/** The argument as a rectangle, or null when it was omitted. A scalar becomes a 1x1 matrix. */
export function toMatrix(arg: Arg): Matrix | null {
  if (arg === undefined || arg === null) return null;
  if (!Array.isArray(arg)) return [[toCell(arg)]];
  if (arg.length === 0) return null;
  // The common case, one cell: no width scan.
  if (arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1) return [[toCell(arg[0][0])]];
  if (!arg.some((row) => Array.isArray(row))) return [arg.map(toCell)];
  let width = 0;
  for (const row of arg) width = Math.max(width, Array.isArray(row) ? row.length : 1);
  return arg.map((row) => {
    const cells = Array.isArray(row) ? row.map(toCell) : [toCell(row)];
    while (cells.length < width) cells.push(null);
    return cells;
  });
}

/** Values Excel can pass in a cell, as the one cell reader reads them (entity values give their display value). */
const toCell = plainCell;

export interface Shape {
  rows: number;
  cols: number;
}

/**
 * Line-form arguments: each is one cell or a range of the common shape (a column of starts beside a
 * column of stops), Excel's broadcasting. Returns the common shape, or a #VALUE! error naming the
 * argument whose size does not fit.
 */
export function broadcastShape(args: { name: string; value: Matrix | null }[]): Shape {
  let rows = 1;
  let cols = 1;
  for (const { value } of args) {
    if (!value) continue;
    rows = Math.max(rows, value.length);
    cols = Math.max(cols, value[0]?.length ?? 1);
  }
  for (const { name, value } of args) {
    if (!value) continue;
    const r = value.length;
    const c = value[0]?.length ?? 1;
    if ((r !== 1 && r !== rows) || (c !== 1 && c !== cols)) {
      throw invalid(
        `${name} covers ${r} x ${c} cells but the other ranges cover ${rows} x ${cols}: give one cell or a range of the same size`,
      );
    }
  }
  return { rows, cols };
}

/** The value of a broadcast argument at (r, c): a single cell repeats, an omitted argument is null. */
export function at(value: Matrix | null, r: number, c: number): CellValue {
  if (!value) return null;
  const row = value.length === 1 ? value[0] : value[r];
  if (!row) return null;
  return row.length === 1 ? row[0] : (row[c] ?? null);
}

/** Text of a value for a message: quoted as the user typed it. */
export function shown(value: CellValue): string {
  if (value === null || value === undefined) return "''";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).trim()}'`;
}

/**
 * A time argument for a message, as the user sees the cell: Excel passes a cell formatted as a time as its
 * serial (0.375, or 46083.958333333336 with a date), which a message quoting it as typed showed as
 * "Stop time 0.3333333333333333 is before start time 0.375". A number that reads as a time is shown as
 * `08:00` (`2026-03-02 23:00` with its date); typed text is quoted as typed.
 */
export function shownTime(value: CellValue): string {
  if (typeof value !== 'number' && !(value instanceof Date)) return shown(value);
  const parsed = parseTime(value);
  if (!parsed.ok) return shown(value);
  const m = Math.floor(parsed.value.seconds / 60);
  const clock = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return parsed.value.day === null ? clock : `${formatDay(parsed.value.day)} ${clock}`;
}

/** Blank for a function argument: omitted, empty text or spaces. */
export function isBlankArg(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * The arguments of one call without the blank rows at the end of an open-ended range. A whole-column
 * reference (`=IV.INFUSIONCODES(A:P)`, `B:B`, or `A2:P1048576`) passes every row down to the sheet's last:
 * coding and spilling a million rows took over a second and, from any cell below row 1, could only end in
 * #SPILL! (the spill does not fit). The rows after the last filled one give blank results, so they are left
 * out; the spill still starts with the range's first row and lines up with it. A range that stops above
 * the sheet's end (B2:B500) keeps its blank rows, one result per row. Only ranges of the call's longest
 * height are cut, and only when every multi-row range has that height, so a size mismatch is still named.
 */
export function withoutTrailingBlankRows<T extends Record<string, Arg>>(args: T): T {
  const values = Object.values(args);
  let height = 1;
  for (const v of values) if (Array.isArray(v)) height = Math.max(height, v.length);
  if (height < OPEN_ENDED_ROWS) return args;
  const ranges = values.filter((v): v is unknown[] => Array.isArray(v) && v.length > 1);
  if (ranges.some((v) => v.length !== height)) return args;
  // Two rows at least: a range cut to one row would turn the call into a one-line call, where a single
  // drug cell beside it fills the line by itself (=IV.INFUSIONCODES(B:B,,"IV push",,"ondansetron") on a
  // blank column B would code a push).
  let keep = 2;
  for (const range of ranges) keep = Math.max(keep, filledRows(range, keep));
  if (keep === height) return args;
  const out: Record<string, Arg> = {};
  for (const [key, v] of Object.entries(args)) out[key] = Array.isArray(v) && v.length === height ? v.slice(0, keep) : v;
  return out as T;
}

/** Rows of a range down to its last row with a value; scans up from the end, no lower than `floor`. */
function filledRows(range: unknown[], floor: number): number {
  for (let r = range.length; r > floor; r--) {
    const row = range[r - 1];
    const cells = Array.isArray(row) ? row : [row];
    for (const cell of cells) if (!isBlankArg(toCell(cell))) return r;
  }
  return floor;
}

/** Rows of a worksheet; a range this tall, give or take title rows above it, runs to the sheet's end. */
const SHEET_ROWS = 1048576;
const OPEN_ENDED_ROWS = SHEET_ROWS - 1000;
