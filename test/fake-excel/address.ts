/** Address parsing and formatting for the fake (kept apart from src/excel so a shared bug cannot hide). */
import type { Rect } from './model';

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

export function letters(column: number): string {
  let s = '';
  let n = column;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colNum(l: string): number {
  let n = 0;
  for (const ch of l.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export class FakeAddressError extends Error {
  code = 'InvalidArgument';
}

/** Splits `Sheet!A1:B2` / `'My Sheet'!A1` into sheet name (or null) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.*)$/.exec(address.trim());
  if (!m) return { sheet: null, local: address.trim() };
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), local: m[3] };
}

/** One area: `A1`, `A1:C3`, `A:C`, `3:7`, `$A$1`. */
export function parseArea(area: string): Rect {
  const text = area.trim().replace(/\$/g, '');
  const parts = text.split(':');
  if (parts.length > 2 || !parts[0]) throw new FakeAddressError(`The argument is invalid: '${area}'`);
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  const cell = /^([A-Za-z]{1,3})(\d+)$/;
  const col = /^([A-Za-z]{1,3})$/;
  const row = /^(\d+)$/;
  let ma = cell.exec(a);
  let mb = cell.exec(b);
  if (ma && mb) {
    return norm({ top: +ma[2], left: colNum(ma[1]), bottom: +mb[2], right: colNum(mb[1]) });
  }
  ma = col.exec(a);
  mb = col.exec(b);
  if (ma && mb) return norm({ top: 1, left: colNum(ma[1]), bottom: MAX_ROWS, right: colNum(mb[1]) });
  ma = row.exec(a);
  mb = row.exec(b);
  if (ma && mb) return norm({ top: +ma[1], left: 1, bottom: +mb[1], right: MAX_COLUMNS });
  throw new FakeAddressError(`The argument is invalid: '${area}'`);
}

function norm(r: Rect): Rect {
  const out = {
    top: Math.min(r.top, r.bottom),
    bottom: Math.max(r.top, r.bottom),
    left: Math.min(r.left, r.right),
    right: Math.max(r.left, r.right),
  };
  if (out.top < 1 || out.left < 1 || out.bottom > MAX_ROWS || out.right > MAX_COLUMNS) {
    throw new FakeAddressError(`The argument is invalid: out of the sheet`);
  }
  return out;
}

/** A RangeAreas address: areas separated by commas, each optionally sheet-qualified. */
export function parseAreas(address: string): { sheet: string | null; rects: Rect[] } {
  if (address.length >= 8192) throw new FakeAddressError('The address is 8,192 characters or longer.');
  let sheet: string | null = null;
  const rects = address.split(',').map((part) => {
    const s = splitSheet(part);
    if (s.sheet !== null) sheet = s.sheet;
    return parseArea(s.local);
  });
  return { sheet, rects };
}

export function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function localAddress(r: Rect): string {
  const a = `${letters(r.left)}${r.top}`;
  if (r.top === r.bottom && r.left === r.right) return a;
  return `${a}:${letters(r.right)}${r.bottom}`;
}

export function fullAddress(sheetName: string, r: Rect): string {
  return `${quote(sheetName)}!${localAddress(r)}`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top > r.bottom || r.left > r.right ? null : r;
}

export function cellCount(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}
