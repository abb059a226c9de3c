/**
 * Cells a file holds without a value: a styled blank (Excel writes one for every cell of a bordered or filled
 * range) and a formula with no result or an empty one (`=IF(G2="","",...)`; openpyxl writes no results at all).
 * A grid of values cannot show them, yet they are the user's: our columns must never be placed over them.
 * Kept per column as row spans, so a formatted column of a million rows is one pair.
 */
export class ValuelessCells {
  private readonly spans = new Map<number, number[]>();

  /** A valueless cell at a 1-based row and column. */
  add(row: number, column: number): void {
    const list = this.spans.get(column);
    if (!list) {
      this.spans.set(column, [row, row]);
      return;
    }
    const last = list.length - 1;
    if (row >= list[last - 1] && row <= list[last] + 1) {
      if (row > list[last]) list[last] = row;
    } else list.push(row, row);
  }

  get size(): number {
    return this.spans.size;
  }

  /** Per 1-based column, its [first, last] row pairs. */
  get byColumn(): ReadonlyMap<number, readonly number[]> {
    return this.spans;
  }
}

/** Whether any of a column's spans (from `ValuelessCells`) meets the rows `first` to `last`. */
export function spansMeet(spans: readonly number[], first: number, last: number): boolean {
  for (let i = 0; i < spans.length; i += 2) if (spans[i] <= last && spans[i + 1] >= first) return true;
  return false;
}
