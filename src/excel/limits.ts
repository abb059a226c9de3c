/**
 * Payload and batching limits. Excel rejects a request or a response over 5 MB (Excel on the web), so every
 * batch is planned to stay under REQUEST_BUDGET_BYTES, with a margin for the protocol's own wrapping.
 */

/** Cells read or written per context.sync(). */
export const CHUNK_CELLS = 50_000;

/**
 * Cells of the first chunk a read takes, before it knows how heavy the rows are: under the byte budget even at
 * 600 bytes a cell (whole paragraphs in every column).
 */
export const PROBE_CELLS = 5_000;

/** Bytes a batch may carry (requests and, for reads, the expected response); below the 4 MB we promise. */
export const REQUEST_BUDGET_BYTES = 3_000_000;

/** Per-operation overhead we assume when estimating a batch (object path, method, ids). */
export const OPERATION_OVERHEAD_BYTES = 120;

/** Existing notes/comments located per sync when looking for cells that already have one. */
export const NOTE_SCAN_PER_SYNC = 2_000;

/** Fill colours of the highlights: the one palette of src/sheet/palette.ts. */
export { FILL_COLORS } from '../sheet/palette';

/** Bytes of a value as JSON (UTF-8), the way the Office.js protocol carries it. */
export function jsonSize(value: unknown): number {
  const s = JSON.stringify(value);
  if (s === undefined) return 0;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 ? 1 : 2;
  }
  return n;
}
