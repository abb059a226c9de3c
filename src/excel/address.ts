/**
 * A1 addresses and cell grouping: pure helpers, no Office.js. Excel rejects address strings of 8,192
 * characters or more, so groups of cells become rectangles, and rectangles become address lists under a
 * caller-given length.
 */

export { cellAddress, columnLetters, columnNumber } from '../sheet/columns';
import { cellAddress, columnNumber } from '../sheet/columns';

/** A rectangle of cells, 1-based and inclusive. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rectAddress(rect: Rect): string {
  const a = cellAddress(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right ? a : `${a}:${cellAddress(rect.bottom, rect.right)}`;
}

/** Quote a sheet name for an address when Excel would ('My Sheet'!A1; quotes doubled). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function sheetAddress(sheetName: string, local: string): string {
  return `${quoteSheetName(sheetName)}!${local}`;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parse `B7`, `A1:C3`, `Sheet1!A1:C3` or `'My Sheet'!B2` (whole rows/columns are not accepted here). */
export function parseRect(address: string): Rect {
  const bang = address.lastIndexOf('!');
  const local = bang >= 0 ? address.slice(bang + 1) : address;
  const [a, b = a] = local.split(':');
  const ma = CELL_RE.exec(a.trim());
  const mb = CELL_RE.exec(b.trim());
  if (!ma || !mb) throw new RangeError(`'${address}' is not a cell range`);
  const r1 = Number(ma[2]);
  const r2 = Number(mb[2]);
  const c1 = columnNumber(ma[1]);
  const c2 = columnNumber(mb[1]);
  return { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}

export interface Cell {
  row: number;
  column: number;
}

/**
 * Groups cells into few rectangles: runs of consecutive rows in one column first, then runs with the
 * same row span in neighbouring columns are merged. Deterministic, and exact (covers the cells, nothing else).
 */
export function groupCells(cells: Iterable<Cell>): Rect[] {
  const byColumn = new Map<number, number[]>();
  const seen = new Set<string>();
  for (const { row, column } of cells) {
    const key = `${row}:${column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let rows = byColumn.get(column);
    if (!rows) byColumn.set(column, (rows = []));
    rows.push(row);
  }
  // Vertical runs per column.
  const runs: Rect[] = [];
  for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = byColumn.get(column)!.sort((a, b) => a - b);
    let start = rows[0];
    let prev = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      const r = rows[i];
      if (r === prev + 1) {
        prev = r;
        continue;
      }
      runs.push({ top: start, bottom: prev, left: column, right: column });
      start = r;
      prev = r;
    }
  }
  // Merge runs with the same rows in adjacent columns (runs are sorted by column, then row).
  const open = new Map<string, Rect>();
  const out: Rect[] = [];
  for (const run of runs) {
    const key = `${run.top}:${run.bottom}`;
    const prev = open.get(key);
    if (prev && prev.right === run.left - 1) {
      prev.right = run.right;
    } else {
      const rect = { ...run };
      open.set(key, rect);
      out.push(rect);
    }
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** The cells of rectangles, row by row. */
export function* cellsOf(rects: Iterable<Rect>): Generator<Cell> {
  for (const r of rects) {
    for (let row = r.top; row <= r.bottom; row++) {
      for (let column = r.left; column <= r.right; column++) yield { row, column };
    }
  }
}

/** Excel's limit is 8,192 characters; stay well under it. */
export const MAX_AREAS_ADDRESS_LENGTH = 8000;

/** Joins rectangle addresses into comma-separated RangeAreas addresses, each shorter than maxLength. */
export function areaAddresses(rects: Iterable<Rect>, maxLength = MAX_AREAS_ADDRESS_LENGTH): string[] {
  const out: string[] = [];
  let current = '';
  for (const rect of rects) {
    const a = rectAddress(rect);
    if (current && current.length + 1 + a.length >= maxLength) {
      out.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) out.push(current);
  return out;
}
