/**
 * The steps every table reader shares (the flat sheet's detectTable, the action log's detectActionLog):
 * which row of the first ones is the header, which column each field takes, and which rows below the header
 * hold data. Each reader says what a header row is and what a data row is; these walk the grid.
 */
import type { CellValue, Field } from '../rules/types';
import { isEmptyCell } from './cell';
import { columnNumber } from './columns';
import { DERIVED_HEADERS } from './plan';
import type { ColumnMapping, DetectedTable, Grid } from './types';
import { spansMeet } from './valueless';

/** Rows searched for the header (title rows, notices and blank rows may sit above it). */
export const HEADER_SCAN_ROWS = 100;

/**
 * The header row: of the first rows, the one `map` reads as a header (`isHeader`) with the highest `score`;
 * the first of equals wins. `index` is 0-based within the grid.
 */
export function bestHeaderRow<M>(
  grid: Grid,
  map: (cells: CellValue[], index: number) => M,
  isHeader: (m: M) => boolean,
  score: (m: M) => number,
): { index: number; m: M } | null {
  let best: { index: number; m: M; score: number } | null = null;
  const scan = Math.min(grid.values.length, HEADER_SCAN_ROWS);
  for (let index = 0; index < scan; index++) {
    const cells = grid.values[index] ?? [];
    if (cells.length === 0) continue;
    const m = map(cells, index);
    if (!isHeader(m)) continue;
    const s = score(m);
    if (!best || s > best.score) best = { index, m, score: s };
  }
  return best && { index: best.index, m: best.m };
}

/** A header cell that names a field, and how strongly (lower ranks win). */
export interface FieldHit {
  column: number;
  field: Field;
  rank: number;
}

/**
 * Fields to columns: the user's override first (a column of 0 unmaps the field), then the hits, strongest
 * first and left to right, each field and each column taken once. `mapped` counts the fields the hits took.
 */
export function assignFields(hits: FieldHit[], override?: ColumnMapping): { mapping: ColumnMapping; used: Set<number>; mapped: number } {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const unmapped = new Set<Field>();
  for (const [field, column] of Object.entries(override ?? {}) as [Field, number | undefined][]) {
    if (column === undefined) continue;
    if (column > 0) {
      mapping[field] = column;
      used.add(column);
    } else unmapped.add(field);
  }
  let mapped = 0;
  for (const hit of [...hits].sort((a, b) => a.rank - b.rank || a.column - b.column)) {
    if (mapping[hit.field] !== undefined || unmapped.has(hit.field) || used.has(hit.column)) continue;
    mapping[hit.field] = hit.column;
    used.add(hit.column);
    mapped++;
  }
  return { mapping, used, mapped };
}

/** A header row as the readers map it: header texts, fields and the product's derived columns, by sheet column. */
export interface HeaderCells {
  headers: Map<number, string>;
  mapping: ColumnMapping;
  derived: Map<string, number>;
}

/**
 * The table under a header row (`headerIndex`, 0-based in the grid): its data rows (rows `isData`
 * accepts), the last row holding a user value or an earlier run's values right below, and the last user column: the last header that is not one of
 * the product's derived columns, any of `userColumns`, or a value right of them in a row. Rows and
 * columns in the result are 1-based sheet rows and columns.
 */
export function tableBelowHeader(
  grid: Grid,
  headerIndex: number,
  header: HeaderCells,
  isData: (cells: CellValue[]) => boolean,
  userColumns: Iterable<number> = [],
): DetectedTable {
  const derivedColumns = new Set(header.derived.values());
  let lastUserColumn = 0;
  for (const column of header.headers.keys()) if (!derivedColumns.has(column)) lastUserColumn = Math.max(lastUserColumn, column);
  for (const column of userColumns) lastUserColumn = Math.max(lastUserColumn, column);
  const dataRows: number[] = [];
  let lastRow = grid.firstRow + headerIndex;
  // Where an earlier run's block starts, and the columns there that hold a user value under no header (one typed
  // into a column inserted among ours): the block may not go back over them.
  let blockStart = Infinity;
  for (const column of derivedColumns) blockStart = Math.min(blockStart, column);
  const blockValueColumns = new Set<number>();
  for (let r = headerIndex + 1; r < grid.values.length; r++) {
    const cells = grid.values[r] ?? [];
    if (blockStart !== Infinity) {
      for (let column = blockStart; column < blockStart + DERIVED_HEADERS.length; column++) {
        if (!derivedColumns.has(column) && !isEmptyCell(cells[column - grid.firstColumn])) blockValueColumns.add(column);
      }
    }
    // The last user cell of the row (derived columns of an earlier run skipped): scanned from the right. A text
    // that reads as blank (`N/A`, `-`) is still the user's cell, never ours to write over.
    let any = false;
    let user = false;
    for (let c = cells.length - 1; c >= 0; c--) {
      const value = cells[c];
      if (value === undefined || value === null || value === '') continue;
      const empty = isEmptyCell(value);
      if (!empty) any = true;
      const column = grid.firstColumn + c;
      if (derivedColumns.has(column)) continue;
      if (column > lastUserColumn && (!empty || typeof value !== 'string' || value.trim() !== '')) lastUserColumn = column;
      if (empty) continue;
      user = true;
      break;
    }
    if (!any) continue;
    // A row with values in our columns only is an earlier run's, left below the data, while it follows the table
    // without a blank row; after one, it is something the user typed there (a total) and is not ours to clear.
    if (!user && grid.firstRow + r !== lastRow + 1) continue;
    lastRow = grid.firstRow + r;
    if (isData(cells)) dataRows.push(grid.firstRow + r);
  }
  // Cells the file holds without a value (a styled blank, a formula with no result) in the table's rows are the user's.
  for (const [column, spans] of grid.valueless ?? []) {
    if (derivedColumns.has(column) || !spansMeet(spans, grid.firstRow + headerIndex, lastRow)) continue;
    if (column > lastUserColumn) lastUserColumn = column;
    if (column >= blockStart && column < blockStart + DERIVED_HEADERS.length) blockValueColumns.add(column);
  }
  // A merged range over the header or a data row covers the cells right of its first one, empty as they are in
  // the file: they are the user's too (reports exported from Crystal or SSRS merge a value across empty columns).
  // A cell of ours there would sit hidden under the merge.
  const headerRow = grid.firstRow + headerIndex;
  for (const ref of grid.merges ?? []) {
    const range = mergedRange(ref);
    if (!range) continue;
    const [top, left, bottom, right] = range;
    if (right <= lastUserColumn && (right < blockStart || left >= blockStart + DERIVED_HEADERS.length)) continue;
    if (!(top <= headerRow && bottom >= headerRow) && !anyBetween(dataRows, top, bottom)) continue;
    // Our columns under it too (an earlier version wrote there): the block then moves right of the merge.
    if (right > lastUserColumn) lastUserColumn = right;
    for (let column = Math.max(left, blockStart); column <= right && column < blockStart + DERIVED_HEADERS.length; column++) {
      if (!derivedColumns.has(column)) blockValueColumns.add(column);
    }
  }
  return {
    headerRow,
    headers: header.headers,
    mapping: header.mapping,
    derivedColumns: header.derived,
    lastUserColumn,
    dataRows,
    lastRow,
    blockValueColumns,
  };
}

/** A merged range's `[top, left, bottom, right]` (1-based) from `B3:K3` (or one cell), or null. */
function mergedRange(ref: string): [number, number, number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const a = [Number(m[2]), columnNumber(m[1])];
  const b = m[3] ? [Number(m[4]), columnNumber(m[3])] : a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
}

/** Whether sorted `rows` hold one in `[first, last]` (a binary search: an export may merge thousands of ranges). */
function anyBetween(rows: readonly number[], first: number, last: number): boolean {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] < first) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length && rows[lo] <= last;
}
