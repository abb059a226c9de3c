/**
 * Excel hands a custom function its arguments as 2-D arrays (the parameters are declared `any[][]` so
 * one call can take a cell or a whole range). These helpers turn them into plain values and shapes.
 */
import type { CellValue } from '../rules/types';
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

/** Blank for a function argument: omitted, empty text or spaces. */
export function isBlankArg(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
