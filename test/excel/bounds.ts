/** The sync bound the adapter promises, shared by the big-sheet tests. */
import { CHUNK_CELLS } from '../../src/excel/limits';
import { DERIVED_HEADERS, FLAGS_HEADER } from '../../src/sheet';

/** Columns the add-in writes: the derived columns and IC Flags. */
export const BLOCK_WIDTH = DERIVED_HEADERS.length + [FLAGS_HEADER].length;

/**
 * One sync to learn the sheet, one per CHUNK_CELLS cells read, one per CHUNK_CELLS cells written, and one
 * for marks that do not fit in the spare bytes of the value batches (rules, notes, the ledger).
 */
export function syncBound(readCells: number, writtenCells: number): number {
  return 2 + Math.ceil(readCells / CHUNK_CELLS) + Math.ceil(writtenCells / CHUNK_CELLS);
}
