/**
 * The block form: `=IV.INFUSIONCODES(A2:P500, [A1:P1])` codes every encounter of a table with the full
 * rules (hierarchy, overlaps, access sites, HCPCS) in one call and spills one row per input row.
 * The header row is the second argument, or found in the block itself (below any title rows).
 */
import { eachCodedBatch, readInput } from '../pipeline';
import type { CellValue, RowResult } from '../rules/types';
import { isEmptyCell } from '../sheet/cell';
import { detectTable } from '../sheet/headers';
import type { Grid } from '../sheet/types';
import type { Matrix } from './args';
import { functionRun } from './engine';
import { invalid } from './errors';

/** What a block spills per row: the header row's cells, a data row's cells from its result, a blank row's. */
export interface BlockSpill<T> {
  header: () => T;
  data: (result: RowResult) => T;
  blank: () => T;
}

/** Columns INFUSIONCODES spills for a block. */
export const BLOCK_COLUMNS = ['CPT', 'HCPCS', 'Modifiers', 'Status', 'Findings'] as const;

const HEADER_HINT = 'Start, Stop, Drug, Route, Dose';

/**
 * Codes a block; one entry per row of `block`, in order. Each coded row is turned into its cells as soon as
 * its batch is coded, so a 100,000-row block never holds its whole coding result (see eachCodedBatch).
 */
export function codeBlock<T>(block: Matrix, headers: Matrix | null, spill: BlockSpill<T>): T[] {
  // A header given as whole columns (A:H) holds the data below it too, and a million rows: its rows down to
  // its header row (found as on a sheet, among its first rows) are the header, never a second copy of the data.
  const headerRows = headers ? headerPart(headers) : [];
  // A header of another width than the table (A1:D1 for A2:H500) would leave columns unnamed and report
  // their fields missing: the ranges are named instead.
  const header = headerRows[headerRows.length - 1];
  if (header && block.length > 0 && header.length !== block[0].length) {
    throw invalid(`The header row has ${header.length} columns and the table ${block[0].length}: give a header row as wide as the table`);
  }
  let width = block[0]?.length ?? 0;
  for (const row of headerRows) if (row.length > width) width = row.length; // a loop: never spread a range into a call
  const values: CellValue[][] = [];
  for (const row of headerRows) values.push(pad(row, width));
  for (const row of block) values.push(pad(row, width));
  const grid: Grid = { values, firstRow: 1, firstColumn: 1 };

  const { settings, tables } = functionRun();
  const input = readInput(grid, settings);
  if (!input) {
    throw invalid(
      headers
        ? `The header row names too few known columns: it needs at least three, such as ${HEADER_HINT}`
        : `No header row found in the block: include the header row (${HEADER_HINT}...) or give it as the second argument, for example =IV.INFUSIONCODES(A2:P500, A1:P1)`,
    );
  }
  // Sheet row (1-based within `values`) of the block's first row.
  const offset = headerRows.length + 1;
  const table = input.table;
  const out: (T | undefined)[] = new Array(block.length);
  const headerIndex = table.headerRow - offset;
  if (headerIndex >= 0 && headerIndex < out.length) out[headerIndex] = spill.header();
  if (table.dataRows.length > 0) {
    eachCodedBatch(input, settings, tables, (result) => {
      for (const r of result.rows) {
        const index = r.row - offset;
        if (index >= 0 && index < out.length) out[index] = spill.data(r);
      }
    });
  }
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = spill.blank();
  return out as T[];
}

function headerPart(rows: Matrix): Matrix {
  const top = rows.length > HEADER_ROWS_SEARCHED ? rows.slice(0, HEADER_ROWS_SEARCHED) : rows;
  const table = detectTable({ values: top, firstRow: 1, firstColumn: 1 });
  if (table) return top.slice(0, table.headerRow);
  let end = top.length;
  while (end > 0 && top[end - 1].every((v) => isEmptyCell(v))) end--;
  return top.slice(0, end);
}
/** Rows of a header argument searched for its header row (as many as a sheet's header search reads). */
const HEADER_ROWS_SEARCHED = 100;

function pad(row: CellValue[], width: number): CellValue[] {
  if (row.length >= width) return row;
  const out = row.slice();
  while (out.length < width) out.push(null);
  return out;
}
