/**
 * A block of sheet rows as it crosses to the coding thread. Copied as it is, every cell's text is written and
 * read again (a sheet repeats its drugs, routes and names on every row): for 100,000 rows that took a quarter
 * of a second, and made the coding thread allocate a string per cell. Packed, each distinct value is sent once,
 * and where each cell's value is goes as one block of numbers.
 */
import type { CellValue } from '../rules/types';

export interface PackedCells {
  /** Each distinct value once (a Date by identity: the reader shares one Date per serial). */
  values: CellValue[];
  /**
   * Per row: its cell count (-1: no row), then per cell its column (0-based) and the index of its value. Only
   * cells that hold a value are listed, so a sparse row stays small.
   */
  layout: Int32Array;
}

export function packCells(rows: readonly (CellValue[] | undefined)[]): PackedCells {
  const values: CellValue[] = [];
  const index = new Map<CellValue, number>();
  let size = rows.length;
  for (const row of rows) {
    if (row) for (let c = 0; c < row.length; c++) if (row[c] !== undefined) size += 2;
  }
  const layout = new Int32Array(size);
  let at = 0;
  for (const row of rows) {
    if (!row) {
      layout[at++] = -1;
      continue;
    }
    const countAt = at++;
    let count = 0;
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      if (value === undefined) continue; // a hole or an empty cell: read as undefined either way
      let k = Object.is(value, -0) ? undefined : index.get(value);
      if (k === undefined) {
        k = values.length;
        values.push(value);
        if (!Object.is(value, -0)) index.set(value, k);
      }
      layout[at++] = c;
      layout[at++] = k;
      count++;
    }
    layout[countAt] = count;
  }
  return { values, layout };
}

export function unpackCells(packed: PackedCells): (CellValue[] | undefined)[] {
  const { values, layout } = packed;
  const rows: (CellValue[] | undefined)[] = [];
  let at = 0;
  while (at < layout.length) {
    const count = layout[at++];
    if (count < 0) {
      rows.push(undefined);
      continue;
    }
    const row: CellValue[] = [];
    for (let k = 0; k < count; k++) {
      const column = layout[at++];
      row[column] = values[layout[at++]];
    }
    rows.push(row);
  }
  return rows;
}
