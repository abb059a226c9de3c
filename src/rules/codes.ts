/** The one constructor of CodeLine objects (the code table itself is data in codeTable.ts). */
import type { CodeKind, CodeLine } from './types';

/** Every CodeLine is made here, so all share one object shape (this matters at 100,000 rows). */
export function codeLine(
  kind: CodeKind,
  code: string,
  units: number,
  modifiers: string[],
  row: number,
  rows: number[],
  date: string | null,
  drug: string | null,
  explanation: string,
): CodeLine {
  return { kind, code, units, modifiers, row, rows, date, drug, explanation: flat(explanation) };
}

/**
 * A string built by concatenation is a tree of its pieces in V8 (several hundred bytes for a sentence);
 * converting it to a number flattens it into one block. At 100,000 rows this halves the result's memory
 * and the garbage collector's work.
 */
export function flat(text: string): string {
  _flatSink = (text as unknown as number) | 0;
  return text;
}
let _flatSink = 0;

/** The code table lives in codeTable.ts; kept here for older imports. */
export { orphanAddOns } from './codeTable';
