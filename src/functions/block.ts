/**
 * The block form: `=IV.INFUSIONCODES(A2:P500, [A1:P1])` codes every encounter of a table with the full
 * rules (hierarchy, overlaps, access sites, HCPCS) in one call and spills one row per input row.
 * The header row is the second argument, or found in the block itself (below any title rows).
 */
import { codeGrid } from '../pipeline';
import type { CellValue, RowResult } from '../rules/types';
import type { Grid } from '../sheet/types';
import type { Matrix } from './args';
import { functionRun } from './engine';
import { invalid } from './errors';

/** What each row of the block is: the header row, a coded data row, or nothing to code (blank, title). */
export type BlockRow = { kind: 'header' } | { kind: 'data'; result: RowResult } | { kind: 'none' };

/** Columns INFUSIONCODES spills for a block. */
export const BLOCK_COLUMNS = ['CPT', 'HCPCS', 'Modifiers', 'Status', 'Findings'] as const;

const HEADER_HINT = 'Start, Stop, Drug, Route, Dose';

/** Codes a block; one entry per row of `block`, in order. */
export function codeBlock(block: Matrix, headers: Matrix | null): BlockRow[] {
  const headerRows = headers ?? [];
  const width = Math.max(block[0]?.length ?? 0, ...headerRows.map((r) => r.length));
  const values: CellValue[][] = [];
  for (const row of headerRows) values.push(pad(row, width));
  for (const row of block) values.push(pad(row, width));
  const grid: Grid = { values, firstRow: 1, firstColumn: 1 };

  const { settings, tables } = functionRun();
  const coded = codeGrid(grid, settings, tables);
  if (!coded) {
    throw invalid(
      headers
        ? `The header row names too few known columns: it needs at least three, such as ${HEADER_HINT}`
        : `No header row found in the block: include the header row (${HEADER_HINT}...) or give it as the second argument, for example =IV.INFUSIONCODES(A2:P500, A1:P1)`,
    );
  }
  // Sheet row (1-based within `values`) of the block's first row.
  const offset = headerRows.length + 1;
  const table = coded.input.table;
  const out: BlockRow[] = block.map(() => ({ kind: 'none' }));
  const headerIndex = table.headerRow - offset;
  if (headerIndex >= 0 && headerIndex < out.length) out[headerIndex] = { kind: 'header' };
  if (table.dataRows.length === 0) return out;

  for (const result of coded.result.rows) {
    const index = result.row - offset;
    if (index >= 0 && index < out.length) out[index] = { kind: 'data', result };
  }
  return out;
}

function pad(row: CellValue[], width: number): CellValue[] {
  if (row.length >= width) return row;
  const out = row.slice();
  while (out.length < width) out.push(null);
  return out;
}
