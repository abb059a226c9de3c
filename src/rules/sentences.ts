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

/** Per template: a map per value in turn, the last one to the sentence. */
type Level = Map<SentenceValue, Level | string>;


/** Bounded, so values that never repeat (row numbers, odd minutes) cannot grow the tables without end. */
const MAX_ENTRIES = 50000;

let templates = new Map<object, Level>();
let entries = 0;

/** The map that holds, under the last value, the sentence of `site` with `values` (made as needed; 1+ values). */
function levelOf(site: object, values: ArrayLike<SentenceValue>): Level {
  let level = templates.get(site);
  if (level === undefined) {
    level = new Map();
    templates.set(site, level);
  }
  for (let i = 0; i < values.length - 1; i++) {
    let next = level.get(values[i]) as Level | undefined;
    if (next === undefined) {
      next = new Map();
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
 * gives the same text as the plain literal, the same string object each time.
 */
export function sentence(pieces: TemplateStringsArray, ...values: SentenceValue[]): string {
  return sentenceOf(pieces, values);
}

/**
 * The same with the pieces as an array: `pieces[0] + values[0] + pieces[1] + ...`. `pieces` must be one
 * array per template (a template literal's, or one made once), since sentences are found by its identity.
 */
export function sentenceOf(pieces: readonly string[], values: readonly SentenceValue[]): string {
  const n = values.length;
  if (n === 0) return pieces[0];
  const level = levelOf(pieces, values);
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
export function joinSentences(list: readonly string[], separator = ' '): string {
  if (list.length === 1) return list[0];
  if (list.length === 0) return '';
  let sites = JOINED.get(separator);
  if (!sites) JOINED.set(separator, (sites = []));
  const site = (sites[list.length] ??= {});
  const level = levelOf(site, list);
  const known = level.get(list[list.length - 1]);
  return known !== undefined ? (known as string) : keep(level, list[list.length - 1], list.join(separator));
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
