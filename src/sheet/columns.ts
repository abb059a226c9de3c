/** Spreadsheet column letters, shared by the Excel adapter, the file adapter and the report writer. */

/** 1-based column number -> letters (1 -> A, 27 -> AA). */
export function columnLetters(column: number): string {
  let n = Math.floor(column);
  if (n < 1) throw new RangeError(`column ${column} is not a sheet column`);
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Letters -> 1-based column number (A -> 1, AA -> 27). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new RangeError(`'${letters}' is not a column`);
    n = n * 26 + (code - 64);
  }
  return n;
}

/** A1-style address of one cell (row and column 1-based). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** Excel's last column (XFD). */
export const MAX_COLUMN = 16384;
