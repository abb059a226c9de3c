/**
 * Lists with one elements kind, for the arrays the rules hand from function to function.
 *
 * V8 compiles a function for the kinds of array it has met; an array of another kind met later throws that
 * code away ("wrong map") and the function is compiled again. `Array.prototype.map` makes a packed array while
 * its caller is interpreted and a holey one once the caller is optimized, and an empty `[]` is an array of small
 * integers until an object is pushed. At 100,000 rows that cost the rules' biggest functions (codeGroup,
 * codeEncounter, assignDrugLines) two extra compilations a run, and the rows coded meanwhile ran slowly.
 * The lists made here are always packed arrays of any values, empty or not, so they keep one kind.
 */

/** An empty packed array of any values (a literal holding an object, emptied), copied by `list`. */
const EMPTY: unknown[] = [{}];
EMPTY.pop();

/** A new empty list of the one kind (push into it). */
export function list<T>(): T[] {
  return EMPTY.slice() as T[];
}

/** `items.map(fn)` as a list of the one kind. */
export function mapped<T, U>(items: readonly T[], fn: (item: T, index: number) => U): U[] {
  const out = list<U>();
  for (let i = 0; i < items.length; i++) out.push(fn(items[i], i));
  return out;
}

/**
 * Kept lists (a row's findings and lines, an encounter's lines and rows) are made here, at exactly their length.
 * Every row's result lives to the end of a run, and the garbage collector copies each kept object while it is
 * young; an array grown by `push` reserves room for 16 more items, which were copied too. Small lists are array
 * literals, whose arrays V8 can allocate straight into the old generation once it sees that they all live.
 * (Measured at 100,000 rows: 33 MB promoted per run before, 23 MB after.)
 */
export function kept<T>(items: readonly T[]): T[] {
  switch (items.length) {
    case 0:
      return [];
    case 1:
      return [items[0]];
    case 2:
      return [items[0], items[1]];
    case 3:
      return [items[0], items[1], items[2]];
    case 4:
      return [items[0], items[1], items[2], items[3]];
    default:
      return items.slice();
  }
}

/** Row numbers as a kept list (see `kept`): literals of their own, so each holds numbers only. */
export function keptRows(rows: readonly number[]): number[] {
  switch (rows.length) {
    case 1:
      return [rows[0]];
    case 2:
      return [rows[0], rows[1]];
    case 3:
      return [rows[0], rows[1], rows[2]];
    case 4:
      return [rows[0], rows[1], rows[2], rows[3]];
    default:
      return rows.slice();
  }
}
