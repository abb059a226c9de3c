/**
 * Explanation and finding sentences, each kept once.
 *
 * The same sentence comes back encounter after encounter (`96375: ondansetron by IV push, ...`). Building it
 * again each time costs more than the coding around it: the pieces are joined into a tree of strings, and
 * keeping each text once means flattening and hashing it before the lookup. So a sentence is found by its
 * template and the values put in it: `sentence` is a template tag, and a template literal's pieces are one
 * object per place in the code, so a known sentence costs one map lookup per value and builds nothing.
 * 100,000 rows then keep a few thousand sentences instead of a few hundred thousand, and the garbage
 * collector, which copies every result while it is young, copies far less.
 */

/** What a sentence may hold: text and numbers (an object would be keyed by identity, not by what it says). */
export type SentenceValue = string | number | null | undefined;

/** No value yet (a value is never this object). */
const NOTHING = {};

/**
 * Per template: a map per value in turn, the last one to the sentence. Each level remembers the last value found
 * in it: a level is mostly asked for the value it was asked for last (three lookups in four at 100,000 rows),
 * and a comparison is cheaper than a map lookup.
 */
class Level {
  private readonly map = new Map<SentenceValue, Level | string>();
  private lastKey: unknown = NOTHING;
  private last: Level | string | undefined = undefined;

  get(key: SentenceValue): Level | string | undefined {
    // `===` equal values are equal map keys (the map's SameValueZero differs only for NaN, which is looked up).
    if (key === this.lastKey) return this.last;
    const found = this.map.get(key);
    // Remembered only when it changes: a store into this long-lived object is a cost of its own.
    if (found !== undefined) {
      this.lastKey = key;
      this.last = found;
    }
    return found;
  }

  set(key: SentenceValue, value: Level | string): void {
    this.map.set(key, value);
    this.lastKey = key;
    this.last = value;
  }
}

/** Bounded, so values that never repeat (row numbers, odd minutes) cannot grow the tables without end. */
const MAX_ENTRIES = 50000;

let templates = new Map<object, Level>();
let entries = 0;

/** The level that holds, under the last value, the sentence of `site` with the `n` first `values` (n >= 1). */
function levelOf(site: object, values: ArrayLike<SentenceValue>, n: number): Level {
  let level = templates.get(site);
  if (level === undefined) {
    level = new Level();
    templates.set(site, level);
  }
  for (let i = 0; i < n - 1; i++) {
    let next = level.get(values[i]) as Level | undefined;
    if (next === undefined) {
      next = new Level();
      level.set(values[i], next);
      entries++;
    }
    level = next;
  }
  return level;
}

/** Keeps `text` under `key` of `level`. */
function keep(level: Level, key: SentenceValue, text: string): string {
  const own = flat(text);
  level.set(key, own);
  if (++entries > MAX_ENTRIES) {
    templates = new Map();
    entries = 0;
  }
  return own;
}

/**
 * A sentence from a template literal, kept once: sentence`${code} x${units}: ${name} ran ${minutes} min.`
 * gives the same text as the plain literal, the same string object each time. Up to 8 values, taken one by one
 * into one list for every sentence: a rest parameter made a list per sentence (29 MB per 100,000 rows; walking
 * the parameters one by one without a list measured slower).
 */
export function sentence(
  pieces: TemplateStringsArray,
  v0?: SentenceValue, v1?: SentenceValue, v2?: SentenceValue, v3?: SentenceValue,
  v4?: SentenceValue, v5?: SentenceValue, v6?: SentenceValue, v7?: SentenceValue,
): string {
  const values = VALUES;
  values[0] = v0;
  values[1] = v1;
  values[2] = v2;
  values[3] = v3;
  values[4] = v4;
  values[5] = v5;
  values[6] = v6;
  values[7] = v7;
  return find(pieces, values, pieces.length - 1);
}
/** The values of the sentence being found (nothing keeps this list: `find` only reads it). */
const VALUES: SentenceValue[] = [null, null, null, null, null, null, null, null];

/**
 * The same with the pieces as an array: `pieces[0] + values[0] + pieces[1] + ...`. `pieces` must be one
 * array per template (a template literal's, or one made once), since sentences are found by its identity.
 */
export function sentenceOf(pieces: readonly string[], values: readonly SentenceValue[]): string {
  return find(pieces, values, values.length);
}

/** The sentence of `pieces` with the `n` first `values`, kept once. */
function find(pieces: readonly string[], values: readonly SentenceValue[], n: number): string {
  if (n === 0) return pieces[0];
  const level = levelOf(pieces, values, n);
  const known = level.get(values[n - 1]);
  if (known !== undefined) return known as string;
  let text = pieces[0];
  for (let i = 0; i < n; i++) text += `${values[i]}${pieces[i + 1]}`;
  return keep(level, values[n - 1], text);
}

/**
 * Texts joined by `separator` (a space: a row's explanation is its lines' sentences in turn), kept once.
 * Best for texts that are kept themselves (from `sentence`): those are found without reading them.
 */
export function joinSentences(list: readonly string[], separator = ' ', count = list.length): string {
  // `count`: the first texts of a list that is reused (setting a list's length goes through the runtime).
  if (count === 1) return list[0];
  if (count === 0) return '';
  let sites = JOINED.get(separator);
  if (!sites) JOINED.set(separator, (sites = []));
  const site = (sites[count] ??= {});
  const level = levelOf(site, list, count);
  const known = level.get(list[count - 1]);
  return known !== undefined ? (known as string) : keep(level, list[count - 1], (count === list.length ? list : list.slice(0, count)).join(separator));
}
/** One site per separator and count of texts (under a site, every key path has the same length). */
const JOINED = new Map<string, object[]>();

/**
 * One flat copy of a text, the first of its kind. A string built by concatenation is a tree of its pieces in
 * V8 (several hundred bytes for a sentence); converting it to a number flattens it into one block.
 */
function flat(text: string): string {
  const own = texts.get(text);
  if (own !== undefined) return own;
  _flatSink = (text as unknown as number) | 0;
  if (texts.size >= MAX_ENTRIES) texts.clear();
  texts.set(text, text);
  return text;
}
let _flatSink = 0;
/** Each text once, whichever template made it. */
const texts = new Map<string, string>();

/** For tests: how many values the tables hold (the bound is MAX_ENTRIES). */
export function keptCount(): number {
  return entries;
}
