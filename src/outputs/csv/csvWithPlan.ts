/**
 * The CSV writer: the source grid with the plan's derived columns written in, and the product's own tables
 * as CSV files beside it (`out.administrations.csv`).
 */
import * as path from 'path';
import type { OutputTable } from '../../inputs/types';
import type { CellValue } from '../../rules/types';
import type { Grid, WritePlan } from '../../sheet/types';
import { formatCsv, type CsvWriteOptions } from '../../cli/csv';
import { parseRef } from '../xlsx/workbook';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Text of a value for a CSV output: dates as yyyy-mm-dd, times as HH:MM, date-times as both. */
export function textOf(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const y = value.getUTCFullYear();
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}${value.getUTCSeconds() ? ':' + pad(value.getUTCSeconds()) : ''}`;
    if (y < 1900 || (y === 1900 && value.getUTCMonth() === 0 && value.getUTCDate() === 0)) return time;
    const date = `${y}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const midnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0;
    return midnight ? date : `${date} ${time}`;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'; // as Excel shows and writes them
  return String(value);
}

/** The grid with the plan's derived columns written in, as CSV text. */
export function csvWithPlan(grid: Grid, plan: WritePlan, delimiter = ',', options: CsvWriteOptions = {}): string {
  const rows: (string | number | null)[][] = grid.values.map((r) => r.map((v) => textOf(v)));
  // A merged range shows its value once, in its first cell (the grid gave it to every cell for the coding).
  for (const ref of grid.merges ?? []) blankMergedCopies(rows, ref, grid);
  const width = plan.firstColumn - 1 + plan.headers.length;
  const put = (r: number, c: number, v: string | number | null) => {
    const row = (rows[r - 1] ??= []);
    while (row.length < c) row.push('');
    row[c - 1] = v ?? '';
  };
  for (const column of plan.staleColumns) for (let r = plan.headerRow; r <= plan.lastRow; r++) if (rows[r - 1]) put(r, column, '');
  plan.headers.forEach((h, i) => put(plan.headerRow, plan.firstColumn + i, h));
  plan.values.forEach((vals, i) => vals.forEach((v, j) => put(plan.headerRow + 1 + i, plan.firstColumn + j, v)));
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] ??= []);
    if (r + 1 >= plan.headerRow && r + 1 <= plan.lastRow) while (row.length < width) row.push('');
  }
  return formatCsv(rows, delimiter, options);
}

function blankMergedCopies(rows: (string | number | null)[][], ref: string, grid: Grid): void {
  const [from, to] = ref.split(':');
  const a = parseRef(from);
  const b = to ? parseRef(to) : a;
  if (!a || !b) return;
  for (let r = a[0]; r <= b[0]; r++) {
    const row = rows[r - grid.firstRow];
    if (!row) continue;
    for (let c = a[1]; c <= b[1]; c++) if ((r !== a[0] || c !== a[1]) && c - grid.firstColumn < row.length) row[c - grid.firstColumn] = '';
  }
}

/** `out.csv` + `IC Administrations` -> `out.administrations.csv`, with the table as CSV text. */
export function ownedCsvFiles(outPath: string, tables: OutputTable[], delimiter = ',', options: CsvWriteOptions = {}): { file: string; text: string }[] {
  const base = path.basename(outPath, path.extname(outPath));
  return tables.map((t) => {
    const suffix = t.name.replace(/^IC\s+/i, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return { file: path.join(path.dirname(outPath), `${base}.${suffix}.csv`), text: formatCsv([t.headers, ...t.rows], delimiter, options) };
  });
}
