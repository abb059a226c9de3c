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
