/**
 * RULES.md sections 4 and 5 for one encounter: access groups, the initial service of each group, bags
 * (mixtures, paused and restarted bags, new bags of the same drug), time slicing of overlapping lines,
 * the services outside the IV hierarchy, and the CPT codes with their units and explanations.
 * Code numbers come from the code table (codeTable.ts) by family and slot.
 */
import { keptRows, list, mapped } from './arrays';
import type { Service } from './classify';
import { formatClock, inIvHierarchy, rank } from './classify';
import { code, codeDef } from './codeTable';
import type { CodeFamily } from './codeTable';
import { codeLine, NO_MODIFIERS } from './codes';
import { sentence } from './sentences';
import { IMPLANTED_DEVICE_WORDS, PROLONGED_PUMP_MINUTES, SPLIT_DOSE_MINUTES } from './data/lists';
import { additionalHourUnits, HYDRATION_MIN_MINUTES, INFUSION_MIN_MINUTES, REPEAT_PUSH_MINUTES, wholeHourUnits } from './hours';
import type { Line } from './line';
import { dayText } from './line';
import type { CodingOptions } from './options';
import type { CodeLine, Setting } from './types';
import { notesAPause, words } from './vocabulary';

interface Interval {
  from: number;
  to: number;
}

const MIN = 60;
/** No spans: shared, never written (see arrays.ts for why it is not a literal). */
const NO_SPANS: Interval[] = list();

// The codes this file fills, by place (from the code table; no code number is written here).
const HYDRATION_INITIAL = code('hydration', 'initial-infusion');
const HYDRATION_HOUR = code('hydration', 'additional-hour');
const CONCURRENT = code('therapeutic', 'concurrent');
const REPEAT_PUSH = code('therapeutic', 'repeat-push');
const COMPLEX_INITIAL_INFUSION = code('complex', 'initial-infusion');
const COMPLEX_INITIAL_PUSH = code('complex', 'initial-push');
/** Per family of the IV hierarchy's drugs (looked up once, not for every line). */
const INITIAL_PUSH = { complex: COMPLEX_INITIAL_PUSH, therapeutic: code('therapeutic', 'initial-push') };
const INITIAL_INFUSION = { complex: COMPLEX_INITIAL_INFUSION, therapeutic: code('therapeutic', 'initial-infusion') };
const ADDITIONAL_HOUR = { complex: code('complex', 'additional-hour'), therapeutic: code('therapeutic', 'additional-hour') };
const SEQUENTIAL_INFUSION = { complex: code('complex', 'sequential-infusion'), therapeutic: code('therapeutic', 'sequential-infusion') };
const ADDITIONAL_PUSH = { complex: code('complex', 'additional-push'), therapeutic: code('therapeutic', 'additional-push') };

/**
 * `items` in `order` (a stable sort): the array itself when it is in order already, as an encounter's lines
 * usually are, else a sorted copy. Sorting allocates even when nothing moves, and this runs per encounter.
 */
function inOrder<T>(items: T[], order: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) if (order(items[i - 1], items[i]) > 0) return [...items].sort(order);
  return items;
}

/**
 * Sorts a list of our own in place, stably. A list of a few (the usual group) is sorted by insertion: the
 * built-in sort allocates a work area for each call, even for three items.
 */
function sortInPlace<T>(items: T[], order: (a: T, b: T) => number): T[] {
  if (items.length > 16) return items.sort(order);
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let j = i;
    for (; j > 0 && order(items[j - 1], item) > 0; j--) items[j] = items[j - 1];
    items[j] = item;
  }
  return items;
}

const byFrom = (a: Interval, b: Interval) => a.from - b.from;

/** The item a stable sort by `order` would put first, without sorting. */
function firstIn<T>(items: T[], order: (a: T, b: T) => number): T {
  let best = items[0];
  for (let i = 1; i < items.length; i++) if (order(items[i], best) < 0) best = items[i];
  return best;
}

/** Intervals merged into disjoint, sorted ones. */
function mergeSpans(spans: Interval[]): Interval[] {
  const sorted = inOrder(spans, byFrom);
  const out = list<Interval>();
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ from: s.from, to: s.to });
  }
  return out;
}

/** Total seconds covered by a set of intervals. */
function unionSeconds(spans: Interval[]): number {
  let total = 0;
  for (const s of mergeSpans(spans)) total += s.to - s.from;
  return total;
}

/** Disjoint sorted intervals (from mergeSpans) covering `span` entirely? Binary search: O(log n). */
function coveredBy(span: Interval, merged: Interval[]): boolean {
  let lo = 0;
  let hi = merged.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid].to < span.from) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo < merged.length && merged[lo].from <= span.from && merged[lo].to >= span.to;
}

/**
 * Spans placed one after another: for each, the seconds covered neither by `covers` nor by an earlier span
 * (null spans are not placed). A usual encounter has a handful of spans: they are measured one by one; a
 * long one is swept (ownSecondsBySweep), so the cost never grows with the square of its lines.
 */
function ownSeconds(spans: (Interval | null)[], covers: Interval[] = NO_SPANS): number[] {
  return spans.length + covers.length <= FEW_SPANS ? ownSecondsOneByOne(spans, covers) : ownSecondsBySweep(spans, covers);
}

/** Up to this many spans and covers, measuring each span against the ones before it is the cheaper way. */
const FEW_SPANS = 8;

/** The definition itself: each span's length outside the covers and the spans placed before it. */
export function ownSecondsOneByOne(spans: (Interval | null)[], covers: Interval[] = NO_SPANS): number[] {
  const own = list<number>();
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    own.push(s && s.to > s.from ? lengthOutside(s.from, s.to, covers, spans, i) : 0);
  }
  return own;
}

/**
 * The length of the span `from`-`to` that none of `covers` and `placed[0..count)` covers (empty and null ones
 * cover nothing). Most spans meet none or one of them: measured without a list (this runs for every line).
 */
function lengthOutside(from: number, to: number, covers: readonly Interval[], placed: readonly (Interval | null)[] = NO_SPANS, count = 0): number {
  let only: Interval | null = null;
  for (let k = 0; k < covers.length + count; k++) {
    const o = k < covers.length ? covers[k] : placed[k - covers.length];
    if (!o || !(o.to > o.from) || !(o.to > from && o.from < to)) continue;
    if (only) return lengthOutsideAll(from, to, covers, placed, count);
    only = o;
  }
  if (!only) return to - from;
  return (only.from > from ? only.from - from : 0) + (to > only.to ? to - only.to : 0);
}

/** The same, for a span that meets several: they are swept in start order. */
function lengthOutsideAll(from: number, to: number, covers: readonly Interval[], placed: readonly (Interval | null)[], count: number): number {
  const over = list<Interval>();
  for (let k = 0; k < covers.length + count; k++) {
    const o = k < covers.length ? covers[k] : placed[k - covers.length];
    if (o && o.to > o.from && o.to > from && o.from < to) over.push(o);
  }
  over.sort(byFrom);
  let at = from;
  let free = 0;
  for (const o of over) {
    if (o.from > at) free += o.from - at;
    if (o.to > at) at = o.to;
    if (at >= to) return free;
  }
  return free + to - at;
}

/**
 * One sweep over the sorted ends with a heap of the spans open at each point, the earliest placed owning the
 * time: n log n, so one encounter of 64,000 lines codes in seconds.
 */
export function ownSecondsBySweep(spans: (Interval | null)[], covers: Interval[] = NO_SPANS): number[] {
  const own = new Array<number>(spans.length).fill(0);
  const ends: { at: number; index: number; open: boolean }[] = []; // index -1: a cover
  spans.forEach((s, index) => {
    if (s && s.to > s.from) ends.push({ at: s.from, index, open: true }, { at: s.to, index, open: false });
  });
  for (const c of covers) if (c.to > c.from) ends.push({ at: c.from, index: -1, open: true }, { at: c.to, index: -1, open: false });
  ends.sort((a, b) => a.at - b.at);
  const open = new MinHeap();
  const closed = new Uint8Array(spans.length);
  let coverDepth = 0;
  let previous = 0;
  for (let k = 0; k < ends.length; ) {
    const at = ends[k].at;
    if (coverDepth === 0) {
      while (open.size > 0 && closed[open.peek()]) open.pop();
      if (open.size > 0) own[open.peek()] += at - previous;
    }
    for (; k < ends.length && ends[k].at === at; k++) {
      const { index, open: opening } = ends[k];
      if (index < 0) coverDepth += opening ? 1 : -1;
      else if (opening) open.push(index);
      else closed[index] = 1;
    }
    previous = at;
  }
  return own;
}

/** A binary min-heap of numbers (the placement order of open spans). */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): number {
    return this.items[0];
  }
  push(value: number): void {
    const a = this.items;
    let i = a.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= value) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = value;
  }
  pop(): void {
    const a = this.items;
    const last = a.pop() as number;
    if (a.length === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= a.length) break;
      if (child + 1 < a.length && a[child + 1] < a[child]) child++;
      if (a[child] >= last) break;
      a[i] = a[child];
      i = child;
    }
    a[i] = last;
  }
}

/** Whether `interval(line)` is not null (without making the interval). */
function hasInterval(line: Line): boolean {
  return line.start !== null && line.stop !== null && line.stop > line.start;
}

function interval(line: Line): Interval | null {
  return line.start !== null && line.stop !== null && line.stop > line.start ? { from: line.start, to: line.stop } : null;
}

/** An interval for overlap tests between sites: a push occupies its minute. */
function presence(line: Line): Interval | null {
  if (line.start === null) return null;
  return { from: line.start, to: line.stop !== null && line.stop > line.start ? line.stop : line.start + MIN };
}

function overlaps(a: Interval, b: Interval): boolean {
  return a.from < b.to && b.from < a.to;
}

/** Does `span` overlap one of `merged` (disjoint, sorted: from mergeSpans)? Binary search: O(log n). */
function overlapsAny(span: Interval, merged: Interval[]): boolean {
  let lo = 0;
  let hi = merged.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid].to <= span.from) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo < merged.length && overlaps(span, merged[lo]);
}

/** Minutes between a time and an administration from `from` to `to` (0 when inside it). */
function distance(at: number, from: number, to: number): number {
  if (at < from) return Math.floor((from - at) / MIN);
  if (at > to) return Math.floor((at - to) / MIN);
  return 0;
}

function drugName(line: Line): string {
  if (line.drug) {
    if (line.mixture.length === 0) return line.drug.entry.name;
    return [line.drug.entry.name, ...line.mixture.map((m) => m.drug?.entry.name ?? m.text)].join(' + ');
  }
  if (line.fluid) return line.fluid.family;
  return line.drugText || 'the undocumented drug';
}

function byTime(a: Service, b: Service): number {
  const sa = a.line.start ?? Infinity;
  const sb = b.line.start ?? Infinity;
  return sa !== sb ? sa - sb : a.line.order - b.line.order;
}

export interface EncounterState {
  setting: Setting;
  options: CodingOptions;
  payer: string;
  /** 96368 is reported once per encounter. */
  concurrentUsed: boolean;
  /** Modifier on the encounter's initial code: the later of two encounters of one patient on one date (RULES.md 4). */
  initialModifier: string[];
  /** What the patient's other encounters code on the same dates (RULES.md 5.5, 3.8 speak of the patient's date). */
  elsewhere?: SameDayElsewhere;
  /** A line of the encounter is marked primary (set by assignEncounter). */
  primaryMarked?: boolean;
}

/** Per date of service: another encounter of the patient has an administration code, or a chemotherapy code. */
export interface SameDayElsewhere {
  administrationOn: ReadonlySet<string | null>;
  chemotherapyOn: ReadonlyMap<string | null, string>;
}

/** Per encounter: rows that share another row's administration, and the segments of joined bags. */
interface Bags {
  /** Lines whose rows are counted in a lead line's codes (a mixture bag, a restarted bag, a summed bag). */
  companions: Map<Line, Line[]>;
  /** A lead line's segments (its own interval plus those of restarted or summed bags). */
  segments: Map<Line, Interval[]>;
  /** Why segments were joined, for the explanation. */
  joinedWhy: Map<Line, string>;
  /** New bags of a drug already infused (RULES.md 5.3), with the first bag's line. */
  repeatOf: Map<Service, Service>;
}

/** Builds CPT lines; `units` 0 lines are never produced. */
class CptLines {
  readonly lines: CodeLine[] = list();
  /** A line's further dates of service (hours summed over midnight, a bag restarted the next day), with the line. */
  private alsoOn: [string | null, CodeLine][] | null = null;
  constructor(private readonly bags: Bags) {}

  /** A code for one line (nearly every code): no list of lines is made for it. */
  add(codeNumber: string, units: number, line: Line, explanation: string, modifiers: string[] = NO_MODIFIERS): CodeLine | null {
    if (units <= 0) return null;
    const companions = this.bags.companions;
    if (companions !== NO_LINES_MAP && companions.has(line)) return this.withCompanions(codeNumber, units, [line], explanation, modifiers);
    return this.push(codeNumber, units, line, [line.row], explanation, modifiers);
  }

  /** A code for several lines (and their companions), on the first line's row and date. */
  addAll(codeNumber: string, units: number, lines: Line[], explanation: string, modifiers: string[] = NO_MODIFIERS): CodeLine | null {
    if (lines.length === 1) return this.add(codeNumber, units, lines[0], explanation, modifiers);
    if (units <= 0 || lines.length === 0) return null;
    return this.withCompanions(codeNumber, units, lines, explanation, modifiers);
  }

  /** The rows of `lines` and their companions, and the further dates they run on. */
  private withCompanions(codeNumber: string, units: number, lines: Line[], explanation: string, modifiers: string[]): CodeLine {
    const first = lines[0];
    const companions = this.bags.companions;
    const all = new Set<number>();
    for (const l of lines) {
      all.add(l.row);
      for (const c of companions.get(l) ?? []) all.add(c.row);
    }
    const line = this.push(codeNumber, units, first, keptRows([...all]), explanation, modifiers);
    this.coverDates(lines, first, line);
    return line;
  }

  private push(codeNumber: string, units: number, first: Line, rows: number[], explanation: string, modifiers: string[]): CodeLine {
    const date = dayText(first.day);
    const line = codeLine('cpt', codeNumber, units, modifiers, first.row, rows, date, first.drug?.entry.name ?? first.fluid?.family ?? null, explanation);
    this.lines.push(line);
    return line;
  }

  /** Records the further dates of service `line`'s lines and their companions run on. */
  private coverDates(lines: Line[], first: Line, line: CodeLine): void {
    let seen: Set<number | null> | null = null;
    for (const l of lines) {
      for (const x of [l, ...(this.bags.companions.get(l) ?? [])]) {
        if (x.day === first.day || (seen ??= new Set()).has(x.day)) continue;
        seen.add(x.day);
        (this.alsoOn ??= []).push([dayText(x.day), line]);
      }
    }
  }

  /** Each line with every date it covers (its own first). */
  *byDate(): Iterable<[string | null, CodeLine]> {
    for (const l of this.lines) yield [l.date, l];
    if (this.alsoOn) yield* this.alsoOn;
  }

  /** Whether a line from index `from` on has one of two codes. */
  codedSince(from: number, a: string, b: string): boolean {
    for (let k = from; k < this.lines.length; k++) if (this.lines[k].code === a || this.lines[k].code === b) return true;
    return false;
  }
}

/** No services of a family (shared, never written). */
const NO_SERVICES: Service[] = list();

/** Most encounters join nothing: they share these empty (never written) tables. */
const NO_LINES_MAP: Map<Line, Line[]> = new Map();
const NO_SEGMENTS: Map<Line, Interval[]> = new Map();
const NO_WHY: Map<Line, string> = new Map();
const NO_REPEATS: Map<Service, Service> = new Map();

/** All administration codes of one encounter. */
export function assignEncounter(services: Service[], state: EncounterState): CodeLine[] {
  // One pass: the IV hierarchy, and the services outside it by family (most encounters have only the first).
  // (Usually every service is in it: then the list is `services` itself.)
  const iv: Service[] = allInIvHierarchy(services) ? services : list();
  let outside: Service[] | null = null;
  let flushes: Service[] | null = null;
  for (const s of services) {
    if (s.line.primary) state.primaryMarked = true;
    if (s.category === 'flush') (flushes ??= []).push(s);
    if (s.mode === null) continue;
    if (inIvHierarchy(s)) {
      if (iv !== services) iv.push(s);
    } else if (s.category !== 'flush') (outside ??= []).push(s);
  }
  const bags: Bags = { companions: NO_LINES_MAP, segments: NO_SEGMENTS, joinedWhy: NO_WHY, repeatOf: NO_REPEATS };
  const out = new CptLines(bags);

  const joined = iv.length > 1 ? joinBags(iv, bags, state.options) : iv;
  const groups = initialGroupFirst(accessGroups(joined), state.setting, bags);
  for (let index = 0; index < groups.length; index++) {
    const modifier = index === 0 ? state.initialModifier : siteModifier(state.options.separateSiteModifier);
    codeGroup(groups[index], modifier, state, out, index === 0, bags);
  }

  // Services outside the IV hierarchy (RULES.md 4): each family on its own.
  if (outside) {
    // Each family's services in time order, from one pass (most encounters here hold injections only: one
    // family needs no table).
    const ordered = inOrder(outside, byTime);
    const byFamily = oneFamily(ordered) ? null : familiesOf(ordered);
    const of = (category: Service['category']): Service[] => (byFamily ? byFamily.get(category) : category === ordered[0].category ? ordered : undefined) ?? NO_SERVICES;
    if (of('injection').length > 0) codeInjections(of('injection'), state.options, out);
    for (const s of of('on-body')) {
      const c = code('injection', 'on-body');
      out.add(c, 1, s.line, sentence`${c}: on-body injector applied for ${drugName(s.line)}, one per application (no injection code for the same drug).`);
    }
    if (of('sq-infusion').length > 0) codeSqInfusions(of('sq-infusion'), out, bags);
    for (const s of of('intra-arterial')) codeIntraArterial(s, out, bags);
    if (of('intracavitary').length > 0) codeIntracavitary(of('intracavitary'), out);
    for (const s of of('pump')) codePump(s, state, out);
    const refills = of('pump-refill');
    if (refills.length > 0) {
      // Per date, its first chemotherapy code (refills add none): bundles a refill on that date.
      const chemoOn = new Map<string | null, string>();
      for (const [date, l] of out.byDate()) if (isChemotherapyCode(l.code) && !chemoOn.has(date)) chemoOn.set(date, l.code);
      for (const [date, c] of state.elsewhere?.chemotherapyOn ?? []) if (!chemoOn.has(date)) chemoOn.set(date, c);
      for (const s of refills) codeRefill(s, out, chemoOn);
    }
  }
  if (flushes) codeFlushes(flushes, out, state.elsewhere?.administrationOn);
  return out.lines;
}

function allInIvHierarchy(services: Service[]): boolean {
  for (const s of services) if (!inIvHierarchy(s)) return false;
  return true;
}

function oneFamily(services: Service[]): boolean {
  for (const s of services) if (s.category !== services[0].category) return false;
  return true;
}

/** Services by family, each family's in the order given. */
function familiesOf(services: Service[]): Map<Service['category'], Service[]> {
  const byFamily = new Map<Service['category'], Service[]>();
  for (const s of services) {
    const list = byFamily.get(s.category);
    if (list) list.push(s);
    else byFamily.set(s.category, [s]);
  }
  return byFamily;
}

/** Adds `line` to the lines counted in `lead`'s codes (the tables are made on first use). */
function addCompanion(bags: Bags, lead: Line, line: Line): void {
  if (bags.companions === NO_LINES_MAP) bags.companions = new Map();
  const list = bags.companions.get(lead);
  if (list) list.push(line);
  else bags.companions.set(lead, [line]);
}


/**
 * RULES.md 5.3 and 5.4 before time slicing: rows of one bag (same order/bag value, same start and stop) become
 * one administration led by the highest-ranked drug; a later row of a drug already infused on this access is
 * the same bag restarted (no dose of its own, the same bag value, or a pause noted) and its segment joins the
 * first; otherwise it is a new bag, summed into the first under option `sum`.
 */
function joinBags(iv: Service[], bags: Bags, options: CodingOptions): Service[] {
  if (!hasBagValue(iv) && !repeatsADrug(iv)) return iv; // the usual encounter: nothing to join
  let removed: Set<Service> | null = null;
  const join = (lead: Service, s: Service) => {
    (removed ??= new Set()).add(s);
    addCompanion(bags, lead.line, s.line);
  };

  // Mixtures of one bag over several rows.
  if (hasBagValue(iv)) {
    const byBag = new Map<string, Service>();
    for (const s of [...iv].sort((a, b) => rank(b) - rank(a) || byTime(a, b))) {
      if (!s.line.bag || s.line.start === null) continue;
      const key = `${s.line.bag}|${s.line.start}|${s.line.stop}|${s.line.site}`;
      const lead = byBag.get(key);
      if (!lead) byBag.set(key, s);
      else if (lead.line.identity !== s.line.identity) join(lead, s);
    }
  }

  // The same drug again: on the same access, or on another one it did not run beside (a new bag of a drug
  // already infused in the encounter, RULES.md 5.3, or the bag moved to a new site); one running at the same
  // time on a second access is that access's own.
  const firstOfDrug = new Map<string, Service>();
  /** Per drug, the latest stop of its bags so far (in start order): a bag starting before it ran beside one. */
  const runningUntil = new Map<string, number>();
  const infused = list<Service>();
  const inMixture = removed as Set<Service> | null; // (filled by `join` above)
  for (const x of iv) if (isDrugInfusion(x) && !inMixture?.has(x) && hasInterval(x.line)) infused.push(x);
  // The first bag of each drug on each access: a short list searched by drug and site (a key text made for each
  // line cost more than the search), or a map by key past a few lines (or if a `|` could make two keys alike).
  const firstOnAccess = infused.length > FEW_SPANS || infused.some((x) => x.line.identity.includes('|') || x.line.site.includes('|')) ? new Map<string, Service>() : null;
  const firstsOnAccess = list<Service>();
  for (const s of sortInPlace(infused, byTime)) {
    const key = firstOnAccess ? `${s.line.identity}|${s.line.site}` : '';
    let earlier = firstOnAccess ? firstOnAccess.get(key) : firstOnSite(firstsOnAccess, s.line);
    const from = s.line.start as number;
    const to = s.line.stop as number;
    const until = runningUntil.get(s.line.identity);
    if (until === undefined || to > until) runningUntil.set(s.line.identity, to);
    if (!earlier) {
      const other = firstOfDrug.get(s.line.identity);
      if (!other || (until !== undefined && from < until)) {
        if (firstOnAccess) firstOnAccess.set(key, s);
        else firstsOnAccess.push(s);
        if (!other) firstOfDrug.set(s.line.identity, s);
        // A mixture's drugs are each infused: one of them alone later is a new bag of it.
        for (const part of s.line.mixture) if (part.drug && !firstOfDrug.has(part.drug.entry.name.toLowerCase())) firstOfDrug.set(part.drug.entry.name.toLowerCase(), s);
        if (s.line.mixture.length > 0 && s.line.drug && !firstOfDrug.has(s.line.drug.entry.name.toLowerCase())) firstOfDrug.set(s.line.drug.entry.name.toLowerCase(), s);
        continue;
      }
      earlier = other;
    }
    const sameBag = s.line.bag !== '' && s.line.bag === earlier.line.bag;
    const paused = !s.line.hasOwnDose || sameBag || notesAPause(s.line);
    if (paused || options.repeatInfusion === 'sum') {
      join(earlier, s);
      if (bags.segments === NO_SEGMENTS) {
        bags.segments = new Map();
        bags.joinedWhy = new Map();
      }
      const segs = bags.segments.get(earlier.line) ?? [interval(earlier.line) as Interval];
      segs.push(interval(s.line) as Interval);
      bags.segments.set(earlier.line, segs);
      bags.joinedWhy.set(
        earlier.line,
        paused ? `${segs.length} segments of one bag joined (paused and restarted; paused minutes not counted)` : `${segs.length} bags of the same drug summed (option)`,
      );
    } else {
      if (bags.repeatOf === NO_REPEATS) bags.repeatOf = new Map();
      bags.repeatOf.set(s, earlier);
    }
  }
  return removed ? iv.filter((s) => !(removed as Set<Service>).has(s)) : iv;
}

/** The service of `firsts` with the line's drug and site. */
function firstOnSite(firsts: Service[], line: Line): Service | undefined {
  for (const f of firsts) if (f.line.identity === line.identity && f.line.site === line.site) return f;
  return undefined;
}

function hasBagValue(iv: Service[]): boolean {
  for (const s of iv) if (s.line.bag !== '') return true;
  return false;
}

function isDrugInfusion(s: Service): boolean {
  return s.mode === 'infusion' && s.category !== 'hydration';
}

/** Does a drug (not a fluid) appear on two infusion lines? Small encounters are checked without allocating. */
function repeatsADrug(iv: Service[]): boolean {
  let count = 0;
  let mixture = false;
  for (const s of iv) {
    if (!isDrugInfusion(s)) continue;
    count++;
    if (s.line.mixture.length > 0) mixture = true;
  }
  if (count < 2) return false;
  if (mixture) return true; // a mixture's drugs: looked at one by one
  if (count <= 16) {
    for (let i = 0; i < iv.length; i++) {
      if (!isDrugInfusion(iv[i])) continue;
      for (let j = i + 1; j < iv.length; j++) if (isDrugInfusion(iv[j]) && iv[i].line.identity === iv[j].line.identity) return true;
    }
    return false;
  }
  const drugs = iv.filter(isDrugInfusion);
  return new Set(drugs.map((s) => s.line.identity)).size < drugs.length;
}

function spansOf(s: Service, bags: Bags): Interval[] {
  const joined = bags.segments === NO_SEGMENTS ? undefined : bags.segments.get(s.line);
  if (joined) return joined;
  const span = interval(s.line);
  return span ? [span] : list();
}

function minutesOf(s: Service, bags: Bags): number {
  if (bags.segments === NO_SEGMENTS) return s.line.minutes ?? 0;
  const joined = bags.segments.get(s.line);
  if (!joined) return s.line.minutes ?? 0;
  return joined.reduce((n, sp) => n + Math.floor((sp.to - sp.from) / MIN), 0);
}

/**
 * RULES.md 4: lines on one site form a group; a different site that overlaps the first group in time
 * is a separate access (its own initial code, modifier 59); one that does not is a restarted IV.
 */
function accessGroups(iv: Service[]): Service[][] {
  if (iv.length === 0) return [];
  const sorted = inOrder(iv, byTime);
  const firstSite = sorted.find((s) => s.line.site !== '')?.line.site ?? '';
  // The usual case: one site (or blanks) for the whole encounter.
  if (sorted.every((s) => s.line.site === '' || s.line.site === firstSite)) return [sorted];
  const main: Service[] = [];
  const bySite = new Map<string, Service[]>();
  for (const s of sorted) {
    if (s.line.site === '' || s.line.site === firstSite) main.push(s);
    else {
      const siteLines = bySite.get(s.line.site);
      if (siteLines) siteLines.push(s);
      else bySite.set(s.line.site, [s]);
    }
  }
  const groups: Service[][] = [main];
  // The first group's time as disjoint spans, searched: a second site of thousands of lines stays n log n.
  const mainSpans = mergeSpans(mapped(main, (s) => presence(s.line)).filter((x): x is Interval => x !== null));
  for (const members of bySite.values()) {
    const spans = mapped(members, (s) => presence(s.line)).filter((x): x is Interval => x !== null);
    const concurrent = spans.some((a) => overlapsAny(a, mainSpans));
    if (concurrent && main.length > 0) {
      groups.push(members);
    } else {
      members[0].line.findings.add('site-restart', 'site', { site: members[0].line.text.site ?? '' });
      for (const s of members) main.push(s); // a loop: spreading thousands of lines would overflow the stack
    }
  }
  return groups.filter((g) => g.length > 0);
}

/**
 * RULES.md 4: an encounter has one initial service, chosen by the hierarchy (office: the line marked primary);
 * a second access running at the same time takes 59 on its own initial code. So the group holding the
 * encounter's initial service is coded first, unmodified, whichever site was started first: otherwise a
 * chemotherapy infusion on a port accessed after a peripheral line would carry 59 and the lesser therapeutic
 * initial none (the modifier belongs on the secondary code, RULES-SOURCES-2 section 12).
 */
function initialGroupFirst(groups: Service[][], setting: Setting, bags: Bags): Service[][] {
  if (groups.length < 2) return groups;
  let lead = setting === 'office' ? groups.findIndex((g) => g.some((s) => s.line.primary)) : -1;
  if (lead < 0) {
    // The order codeGroup picks an initial by; a new bag of a drug already infused is never one.
    const byHierarchy = hierarchyOrder(bags);
    const bestOf = (g: Service[]) => {
      const candidates = g.filter((s) => !bags.repeatOf.has(s));
      return candidates.length > 0 ? firstIn(candidates, byHierarchy) : null;
    };
    let best = bestOf(groups[0]);
    lead = 0;
    for (let i = 1; i < groups.length; i++) {
      const b = bestOf(groups[i]);
      if (b !== null && (best === null || byHierarchy(b, best) < 0)) [best, lead] = [b, i];
    }
  }
  if (lead <= 0) return groups;
  return [groups[lead], ...groups.slice(0, lead), ...groups.slice(lead + 1)];
}

interface HydrationBlock {
  services: Service[];
  /** Minutes that count (overlap with drug infusions removed; segments summed or per line). */
  minutes: number;
}

/** A line's one span, as a list (the line has one: hasInterval). */
function lineSpans(line: Line): Interval[] {
  return [interval(line) as Interval];
}

/** Whether two of the lines' spans overlap (past a few lines, assumed so: then measured by ownSeconds). */
function anyOverlap(services: Service[]): boolean {
  if (services.length > FEW_SPANS) return true;
  for (let i = 0; i < services.length; i++) {
    const a = services[i].line;
    if (!hasInterval(a)) continue;
    for (let j = i + 1; j < services.length; j++) {
      const b = services[j].line;
      if (hasInterval(b) && (a.start as number) < (b.stop as number) && (b.start as number) < (a.stop as number)) return true;
    }
  }
  return false;
}

function holdsHydration(group: Service[]): boolean {
  for (const s of group) if (s.category === 'hydration') return true;
  return false;
}

/** The drug infusions' spans (joined bags' segments each). */
function infusionSpans(drugs: Service[], bags: Bags): Interval[] {
  const spans = list<Interval>();
  for (const s of drugs) if (s.mode === 'infusion') for (const span of spansOf(s, bags)) spans.push(span);
  return spans;
}

/**
 * The order codeGroup picks an initial by: rank, minutes (a joined bag's summed), then time. Without joined
 * bags it is one shared function, not a closure made per group.
 */
function hierarchyOrder(bags: Bags): (a: Service, b: Service) => number {
  if (bags.segments === NO_SEGMENTS) return byHierarchyUnjoined;
  return (a, b) => rank(b) - rank(a) || minutesOf(b, bags) - minutesOf(a, bags) || byTime(a, b);
}

function byHierarchyUnjoined(a: Service, b: Service): number {
  return rank(b) - rank(a) || (b.line.minutes ?? 0) - (a.line.minutes ?? 0) || byTime(a, b);
}

function familyOf(s: Service): 'complex' | 'therapeutic' {
  return s.category === 'complex' ? 'complex' : 'therapeutic';
}

function codeGroup(group: Service[], modifier: string[], state: EncounterState, out: CptLines, firstGroup: boolean, bags: Bags): void {
  const { setting, options } = state;
  // Most groups hold no hydration: their drugs are the group itself (no lists made).
  let drugs = group;
  let hydration = NO_SERVICES;
  if (holdsHydration(group)) {
    drugs = list();
    hydration = list();
    for (const s of group) {
      if (s.category !== 'hydration') drugs.push(s);
      else if (hasInterval(s.line)) hydration.push(s);
    }
  }
  const byHierarchy = hierarchyOrder(bags);

  // Initial service: office follows the line marked primary; facility (or no mark) the hierarchy. A new bag
  // of a drug already infused is never the initial service.
  let initial: Service | 'hydration' | null = null;
  let initialWhy = 'the highest service in the hierarchy';
  if (setting === 'office') {
    const marked = group.find((s) => s.line.primary);
    if (marked) {
      initial = marked.category === 'hydration' ? 'hydration' : marked;
      initialWhy = 'marked as the primary reason for the visit';
    } else if (firstGroup && group.length > 1 && !state.primaryMarked) {
      // (A line marked primary outside the IV hierarchy, an injection, says which service the visit was for.)
      group[0].line.findings.add('no-primary-marked', 'primary');
    }
  }
  if (initial === 'hydration' && hydrationTotal(hydration, infusionSpans(drugs, bags)) < HYDRATION_MIN_MINUTES) initial = null;
  const candidates = bags.repeatOf === NO_REPEATS ? drugs : drugs.filter((s) => !bags.repeatOf.has(s));
  if (initial === null) initial = candidates.length > 0 ? firstIn(candidates, byHierarchy) : hydration.length > 0 ? 'hydration' : null;
  if (initial === null) return;
  if (group.length === 1) initialWhy = 'the only service on this access';

  // Drug infusions, placed by hierarchy: each line's own minutes are those not covered by lines placed before it.
  // (The time placed is only measured against hydration: kept only when the group holds some.)
  const placed: Interval[] | null = hydration.length > 0 ? list() : null;
  const placedComplex = PLACED_COMPLEX;
  placedComplex.reset();
  const hourCodeOf = HOUR_CODES;
  hourCodeOf.reset();
  let pushes: Service[] | null = null;
  const given = GIVEN;
  given.reset();
  const initialService = initial === 'hydration' ? null : initial;
  const groupStart = out.lines.length;
  // Whether this group has coded a complex initial infusion: only its initial service codes one, and that is
  // placed first (infusions[0] below).
  let complexInitial = false;

  // An initial push is coded first so the claim lists the initial service first.
  if (initialService?.mode === 'push') {
    const line = initialService.line;
    const c = INITIAL_PUSH[familyOf(initialService)];
    out.add(c, 1, line, sentence`${c}${suffix(modifier)}: ${drugName(line)} ${describePush(initialService)}, the initial service (${initialWhy}).`, modifier);
    if (line.start !== null) addGiven(given, line, line.start, line.start);
  }

  const infusions = list<Service>();
  for (const s of drugs) if (s.mode === 'infusion' && (bags.repeatOf === NO_REPEATS || !bags.repeatOf.has(s))) infusions.push(s);
  sortInPlace(infusions, byHierarchy);
  if (initialService?.mode === 'infusion' && infusions[0] !== initialService) {
    infusions.splice(infusions.indexOf(initialService), 1);
    infusions.unshift(initialService);
  }
  // New bags of a drug already infused come after every other infusion (they never take a first-hour code).
  if (bags.repeatOf !== NO_REPEATS) for (const s of inOrder(drugs.filter((d) => d.mode === 'infusion' && bags.repeatOf.has(d)), byTime)) infusions.push(s);
  // Each line's own time in one sweep (the first placed owns shared time); a joined bag owns the sum of its segments.
  // Without joined bags a line has one span or none, made only where it is kept or compared (`spans` below); and
  // usually no two infusions of a group overlap, so each owns all its time (`ownOf` stays null).
  const spanLists = bags.segments === NO_SEGMENTS ? null : mapped(infusions, (s) => spansOf(s, bags));
  let ownOf: number[] | null = null;
  if (!spanLists) {
    if (anyOverlap(infusions)) ownOf = ownSeconds(mapped(infusions, (s) => interval(s.line)));
  } else {
    const flat: Interval[] = [];
    const ownerOf: number[] = [];
    spanLists.forEach((spans, index) => {
      for (const span of spans) {
        flat.push(span);
        ownerOf.push(index);
      }
    });
    const own = new Array<number>(infusions.length).fill(0);
    ownSeconds(flat).forEach((seconds, k) => (own[ownerOf[k]] += seconds));
    ownOf = own;
  }
  for (let index = 0; index < infusions.length; index++) {
    const s = infusions[index];
    const line = s.line;
    let spans: Interval[] | null = spanLists ? spanLists[index] : null;
    if (spans ? spans.length === 0 : !hasInterval(line)) continue;
    let totalSeconds = 0;
    if (spans) for (const span of spans) totalSeconds += span.to - span.from;
    else totalSeconds = (line.stop as number) - (line.start as number);
    const own = Math.floor((ownOf ? ownOf[index] : totalSeconds) / MIN);
    const beside = Math.floor(totalSeconds / MIN) - own;
    const name = drugName(line);
    const family = familyOf(s);
    const joined = bags.joinedWhy.get(line);
    const joinedNote = joined ? ` (${joined})` : '';
    const firstBag = bags.repeatOf.get(s);
    if (s === initialService) {
      const c = INITIAL_INFUSION[family];
      const addOn = ADDITIONAL_HOUR[family];
      const kind = family === 'complex' ? 'complex/chemotherapy infusion' : 'therapeutic infusion';
      out.add(c, 1, line, sentence`${c}${suffix(modifier)}: ${name} ran ${own} min${joinedNote}${computedNote(line)}, the initial service (${kind}, ${initialWhy}).`, modifier);
      addHours(out, addOn, own, line, name);
      hourCodeOf.set(line.identity, addOn);
      if (family === 'complex') complexInitial = true;
    } else if (firstBag && own >= INFUSION_MIN_MINUTES) {
      codeRepeatBag(s, firstBag, own, hourCodeOf.get(line.identity) ?? ADDITIONAL_HOUR[family], state, out);
    } else if (own >= INFUSION_MIN_MINUTES) {
      const sameDrugHours = hourCodeOf.get(line.identity);
      if (sameDrugHours) {
        // The same drug on another row that was not recognised as a bag of its own: its time extends that drug's hours.
        const units = wholeHourUnits(own);
        if (units > 0) out.add(sameDrugHours, units, line, sentence`${sameDrugHours} x${units}: ${name} infused again for ${own} min of its own time.`);
        else line.findings.add('below-threshold', 'stop', { variant: 'repeat-bag', drug: name, minutes: own, code: sameDrugHours, needed: HYDRATION_MIN_MINUTES });
      } else if (family === 'complex' && complexInitial) {
        const c = SEQUENTIAL_INFUSION.complex;
        out.add(c, 1, line, sentence`${c}: ${name} was a sequential infusion of another complex drug (${own} min of its own time${joinedNote}${computedNote(line)}).`);
        addHours(out, ADDITIONAL_HOUR.complex, own, line, name);
        hourCodeOf.set(line.identity, ADDITIONAL_HOUR.complex);
      } else {
        const c = SEQUENTIAL_INFUSION.therapeutic;
        out.add(c, 1, line, sentence`${c}: ${name} was a sequential infusion of a new drug (${own} min of its own time${joinedNote}${computedNote(line)}).`);
        addHours(out, ADDITIONAL_HOUR.therapeutic, own, line, name);
        hourCodeOf.set(line.identity, ADDITIONAL_HOUR.therapeutic);
      }
    } else if (beside >= INFUSION_MIN_MINUTES) {
      const complexBeside = family === 'complex' ? placedComplex.firstOverlapping((spans ??= lineSpans(line))) : undefined;
      if (complexBeside !== undefined) {
        line.findings.add('concurrent-complex-drug', null, { drug: name, other: complexBeside, minutes: beside });
      } else if (!state.concurrentUsed) {
        state.concurrentUsed = true;
        out.add(CONCURRENT, 1, line, sentence`${CONCURRENT}: ${name} ran at the same time as another infusion for ${beside} min (concurrent, once per encounter).`);
      } else {
        line.findings.add('concurrent-limit', null, { drug: name, code: CONCURRENT });
      }
    } else {
      (pushes ??= list()).push(s); // 15 minutes or less of its own: a push
      if (placed) for (const span of (spans ??= lineSpans(line))) placed.push(span);
      continue;
    }
    // Loops, not spreads: a bag paused and restarted all day has as many segments as rows.
    if (placed) for (const span of (spans ??= lineSpans(line))) placed.push(span);
    if (family === 'complex') {
      if (spans) for (const span of spans) placedComplex.add(span.from, span.to, name);
      else placedComplex.add(line.start as number, line.stop as number, name);
    }
    if (spans) for (const span of spans) addGiven(given, line, span.from, span.to);
    else addGiven(given, line, line.start as number, line.stop as number);
  }

  // Pushes, in time order: a new drug (96375/96411), or the same drug again (96376, facility), whichever came first.
  for (const s of drugs) if (s.mode === 'push' && s !== initialService) (pushes ??= list()).push(s);
  // Whether a complex initial service was coded in this group: looked up once (the pushes add no initial code).
  let complexStarted: boolean | null = null;
  for (const s of pushes ? sortInPlace(pushes, byTime) : NO_SERVICES) {
    const line = s.line;
    const name = drugName(line);
    const complex = s.category === 'complex';
    const at = line.start;
    if (given.has(line.identity)) {
      const near = at === null ? null : given.nearest(line.identity, at);
      const gap = near === null ? null : near.minutes;
      if (gap === null || near === null) {
        line.findings.add('below-threshold', 'start', { variant: 'repeat-no-time', drug: name, code: REPEAT_PUSH, gap: REPEAT_PUSH_MINUTES });
      } else if (gap <= REPEAT_PUSH_MINUTES) {
        line.findings.add('below-threshold', 'start', { variant: near.first ? 'first-too-soon' : 'repeat-too-soon', drug: name, minutes: gap, code: REPEAT_PUSH, gap: REPEAT_PUSH_MINUTES });
      } else if (setting === 'office') {
        line.findings.add('below-threshold', 'start', { variant: near.first ? 'first-office' : 'repeat-office', drug: name, minutes: gap, code: REPEAT_PUSH });
      } else {
        out.add(REPEAT_PUSH, 1, line, sentence`${REPEAT_PUSH}: ${name} pushed again, ${gap} min ${near.first ? 'before its other administration' : 'after its last dose'} (a repeat push of the same drug, more than ${REPEAT_PUSH_MINUTES} min apart; facility).`);
      }
    } else if (complex && (complexStarted ??= out.codedSince(groupStart, COMPLEX_INITIAL_PUSH, COMPLEX_INITIAL_INFUSION))) {
      const c = ADDITIONAL_PUSH.complex;
      out.add(c, 1, line, sentence`${c}: ${name}, another complex drug ${describePush(s)}, after the initial service.`);
    } else {
      const c = ADDITIONAL_PUSH.therapeutic;
      out.add(c, 1, line, sentence`${c}: ${name} ${describePush(s)}, a new drug after the initial service.`);
    }
    if (at !== null) addGiven(given, line, at, at);
  }

  if (placed) codeHydration(hydration, placed, initial === 'hydration', modifier, options, out, initialWhy);
}

/** RULES.md 5.3: a new bag of a drug already infused earns that drug's extra hours by its own minutes (option repeatInfusion). */
function codeRepeatBag(s: Service, firstBag: Service, own: number, hourCode: string, state: EncounterState, out: CptLines): void {
  const line = s.line;
  const name = drugName(line);
  const firstRow = firstBag.line.row;
  if (state.options.repeatInfusion === 'push-code') {
    if (state.setting === 'office') {
      line.findings.add('below-threshold', 'start', { variant: 'repeat-office', drug: name, minutes: own, code: REPEAT_PUSH });
      return;
    }
    out.add(REPEAT_PUSH, 1, line, sentence`${REPEAT_PUSH}: a new bag of ${name} (first bag on row ${firstRow}), coded as a repeat of the same drug (option).`);
    return;
  }
  const units = wholeHourUnits(own);
  if (units === 0) {
    line.findings.add('below-threshold', 'stop', { variant: 'repeat-bag', drug: name, minutes: own, code: hourCode, needed: HYDRATION_MIN_MINUTES });
    return;
  }
  out.add(hourCode, units, line, sentence`${hourCode} x${units}: a new bag of ${name} (first bag on row ${firstRow}) ran ${own} min of its own time${computedNote(line)}; the same drug again earns its extra hours, not a new-drug code.`);
}

/**
 * When each drug was given (infusion segments, push minutes): the nearest one to a push in log time. Spans added
 * before the first question (the infusions, in hierarchy order) are sorted once then; the pushes come after, in
 * time order, and are appended to a second sorted list. Anything added out of order joins the first list, which
 * is sorted again only when next asked (re-sorting one list for every push grew with the square of the encounter).
 */
/**
 * Records when a line's drug was given: a mixture's drugs each on their own too, so `ondansetron` pushed later is
 * the same drug again (RULES.md 5.3), not a new one.
 */
function addGiven(given: Given, line: Line, from: number, to: number): void {
  given.add(line.identity, from, to);
  if (line.mixture.length === 0) return;
  if (line.drug) given.add(line.drug.entry.name.toLowerCase(), from, to);
  for (const part of line.mixture) if (part.drug) given.add(part.drug.entry.name.toLowerCase(), from, to);
}

/** Up to this many administrations, a group's are kept in two flat lists and searched one by one. */
const FEW_GIVEN = 16;

class Given {
  /**
   * The first few administrations: the drug of each, and its from and to in turn. A group gives a handful, and
   * lists cost less than a map of sorted lists of interval objects per drug (the same answers: the nearest of all).
   */
  private count = 0;
  private readonly drugs: string[] = list();
  /** Numbers only: stored unboxed (a list of any values boxes each time, which is not a small integer). */
  private readonly times: number[] = [];
  /** Past FEW_GIVEN (a group of thousands of lines stays n log n). */
  private byDrug: Map<string, GivenLists> | null = null;

  /**
   * Emptied for the next group: one Given serves every group in turn (codeGroup never runs inside itself), its
   * lists written over, so a group makes none.
   */
  reset(): void {
    this.count = 0;
    this.byDrug = null;
  }

  add(identity: string, from: number, to: number): void {
    if (this.byDrug) return this.addSorted(identity, { from, to });
    const k = this.count++;
    this.drugs[k] = identity;
    this.times[2 * k] = from;
    this.times[2 * k + 1] = to;
    if (this.count <= FEW_GIVEN) return;
    this.byDrug = new Map();
    for (let j = 0; j < this.count; j++) this.addSorted(this.drugs[j], { from: this.times[2 * j], to: this.times[2 * j + 1] });
  }

  private addSorted(identity: string, span: Interval): void {
    const byDrug = this.byDrug as Map<string, GivenLists>;
    let lists = byDrug.get(identity);
    if (!lists) byDrug.set(identity, (lists = { base: [], sorted: true, recent: [], asked: false }));
    const recent = lists.recent;
    if (lists.asked && (recent.length === 0 || span.from >= recent[recent.length - 1].from)) recent.push(span);
    else {
      if (lists.base.length > 0 && span.from < lists.base[lists.base.length - 1].from) lists.sorted = false;
      lists.base.push(span);
    }
  }

  has(identity: string): boolean {
    if (this.byDrug) return this.byDrug.has(identity);
    for (let k = 0; k < this.count; k++) if (this.drugs[k] === identity) return true;
    return false;
  }

  /** Minutes between `at` and the nearest administration of the drug; `first` when every one starts later. */
  nearest(identity: string, at: number): { minutes: number; first: boolean } | null {
    if (this.byDrug) return this.nearestSorted(identity, at);
    let minutes = Infinity;
    let first = true;
    for (let k = 0; k < this.count; k++) {
      if (this.drugs[k] !== identity) continue;
      const from = this.times[2 * k];
      minutes = Math.min(minutes, distance(at, from, this.times[2 * k + 1]));
      if (from <= at) first = false;
    }
    return minutes === Infinity ? null : { minutes, first };
  }

  private nearestSorted(identity: string, at: number): { minutes: number; first: boolean } | null {
    const lists = this.byDrug?.get(identity);
    if (!lists || lists.base.length + lists.recent.length === 0) return null;
    lists.asked = true;
    if (!lists.sorted) {
      lists.base.sort((a, b) => a.from - b.from);
      lists.sorted = true;
    }
    const a = nearestIn(lists.base, at);
    const b = nearestIn(lists.recent, at);
    return { minutes: Math.min(a.minutes, b.minutes), first: a.before === 0 && b.before === 0 };
  }
}

interface GivenLists {
  /** Sorted by start when `sorted`. */
  base: Interval[];
  sorted: boolean;
  /** Added after the first question, each starting no earlier than the one before. */
  recent: Interval[];
  asked: boolean;
}

/** In a list sorted by start: the minutes to the nearest span, and how many start at or before `at`. */
function nearestIn(list: Interval[], at: number): { minutes: number; before: number } {
  const i = firstStartAfter(list, at);
  let best = i < list.length ? distance(at, list[i].from, list[i].to) : Infinity;
  // Earlier starts: the few nearest (spans of one drug on one access rarely nest deeper than this).
  for (let j = i - 1; j >= 0 && j >= i - 16; j--) best = Math.min(best, distance(at, list[j].from, list[j].to));
  return { minutes: best, before: i };
}

/**
 * Spans placed so far, each with a value, asked for the first placed that overlaps given spans. Kept in buckets
 * of an hour, so a question looks at the spans of the hours it covers, not at every span placed before (a scan
 * of all of them grew with the square of an encounter of many overlapping infusions).
 */
/**
 * Per drug with a first-hour code in a group, the add-on its further hours take: a few drugs per group, kept in
 * two short lists (a map per group cost more than the lookups it saved).
 */
class HourCodes {
  /** The first few, in lists that are written over by the next group (see `reset`). */
  private count = 0;
  private readonly drugs: string[] = list();
  private readonly codes: string[] = list();
  /** Past a few drugs (a group of thousands stays linear). */
  private byDrug: Map<string, string> | null = null;

  /** Emptied for the next group: one table serves every group in turn (codeGroup never runs inside itself). */
  reset(): void {
    this.count = 0;
    this.byDrug = null;
  }

  get(identity: string): string | undefined {
    if (this.byDrug) return this.byDrug.get(identity);
    for (let at = this.count - 1; at >= 0; at--) if (this.drugs[at] === identity) return this.codes[at];
    return undefined;
  }

  set(identity: string, code: string): void {
    if (!this.byDrug && this.count >= 16) {
      this.byDrug = new Map();
      for (let i = 0; i < this.count; i++) this.byDrug.set(this.drugs[i], this.codes[i]);
    }
    if (this.byDrug) this.byDrug.set(identity, code);
    else {
      this.drugs[this.count] = identity;
      this.codes[this.count++] = code;
    }
  }
}

/** Past this many spans placed, they are kept in buckets of an hour. */
const FEW_PLACED = 16;

class PlacedSpans<T> {
  /** The first few, from and to in turn, with their values: searched one by one (lists written over, see `reset`). */
  private readonly times: number[] = [];
  private readonly values: T[] = list();
  /** Made past FEW_PLACED. */
  private buckets: Map<number, { order: number; span: Interval; value: T }[]> | null = null;
  private count = 0;

  /** Emptied for the next group: one table serves every group in turn (codeGroup never runs inside itself). */
  reset(): void {
    this.count = 0;
    this.buckets = null;
  }

  add(from: number, to: number, value: T): void {
    if (!this.buckets && this.count < FEW_PLACED) {
      this.times[2 * this.count] = from;
      this.times[2 * this.count + 1] = to;
      this.values[this.count++] = value;
      return;
    }
    if (!this.buckets) {
      this.buckets = new Map();
      const few = this.count;
      this.count = 0;
      for (let k = 0; k < few; k++) this.addToBuckets({ from: this.times[2 * k], to: this.times[2 * k + 1] }, this.values[k]);
    }
    this.addToBuckets({ from, to }, value);
  }

  private addToBuckets(span: Interval, value: T): void {
    const entry = { order: this.count++, span, value };
    const buckets = this.buckets as Map<number, { order: number; span: Interval; value: T }[]>;
    for (let b = bucketOf(span.from), last = bucketOf(Math.max(span.from, span.to - 1)); b <= last; b++) {
      const list = buckets.get(b);
      if (list) list.push(entry);
      else buckets.set(b, [entry]);
    }
  }

  /** The value of the first placed span that overlaps one of `spans`, else undefined. */
  firstOverlapping(spans: readonly Interval[]): T | undefined {
    if (!this.buckets) {
      for (let k = 0; k < this.count; k++) {
        const from = this.times[2 * k];
        const to = this.times[2 * k + 1];
        for (const sp of spans) if (sp.from < to && from < sp.to) return this.values[k];
      }
      return undefined;
    }
    let best: { order: number; value: T } | undefined;
    for (const sp of spans) {
      for (let b = bucketOf(sp.from), last = bucketOf(Math.max(sp.from, sp.to - 1)); b <= last; b++) {
        for (const e of this.buckets.get(b) ?? NO_ENTRIES) {
          if (best !== undefined && e.order >= best.order) break; // a bucket lists its spans in placing order
          if (overlaps(sp, e.span)) {
            best = e;
            break;
          }
        }
      }
    }
    return best?.value;
  }
}

/**
 * A group's tables, emptied (`reset`) and filled again by each group in turn: codeGroup never runs inside
 * itself, and tables of their own cost every group a handful of objects and lists.
 */
/** Spans of complex drugs placed in the group, with the drug's name (concurrent-complex-drug). */
const PLACED_COMPLEX = new PlacedSpans<string>();
/** Per drug with a first-hour code in the group, the add-on its further hours take (96366 or 96415). */
const HOUR_CODES = new HourCodes();
/** When each drug was given (infusion segments, push minutes), for the repeat push (96376). */
const GIVEN = new Given();

const HOUR = 3600;
const NO_ENTRIES: never[] = [];
function bucketOf(seconds: number): number {
  return Math.floor(seconds / HOUR);
}

/** Index of the first span starting after `at` (spans sorted by start). */
function firstStartAfter(list: Interval[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].from <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first entry starting at or after `at` (entries in start order). */
function firstStartAtOrAfter(list: { start: number }[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Modifier lists remember why they were added, for the explanation. */
const SITE_MODIFIERS = new WeakSet<string[]>();

function siteModifier(modifier: string): string[] {
  const list = [modifier];
  SITE_MODIFIERS.add(list);
  return list;
}

function suffix(modifier: string[]): string {
  if (modifier.length === 0) return '';
  const why = SITE_MODIFIERS.has(modifier) ? 'separate IV access running at the same time' : 'a separate encounter of the patient earlier that day';
  return `-${modifier.join('-')} (${why})`;
}

function computedNote(line: Line): string {
  return line.stopComputed ? `; stop computed from volume and rate (${line.rateMinutes} min)` : '';
}

function describePush(s: Service): string {
  const line = s.line;
  if (line.route === 'push' && line.minutes === null) return 'by IV push';
  if (line.minutes === null) {
    return line.start === null
      ? 'infused with no documented time, so coded as a push (option)'
      : 'infused without a documented stop time, so coded as a push';
  }
  if (line.minutes < INFUSION_MIN_MINUTES) return `ran ${line.minutes} min (15 or less counts as a push)`;
  return 'had 15 min or less of its own time beside other infusions, so it counts as a push';
}

function addHours(out: CptLines, codeNumber: string, minutes: number, line: Line, name: string): void {
  const units = additionalHourUnits(minutes);
  if (units === 0) return;
  const beyond = minutes - 60;
  // Two whole templates rather than a reason text built for each line (a kept sentence is then found without building it).
  out.add(
    codeNumber,
    units,
    line,
    units === 1
      ? sentence`${codeNumber} x${units}: ${name} ran ${minutes} min; ${beyond} min beyond the first hour exceeds 30.`
      : sentence`${codeNumber} x${units}: ${name} ran ${minutes} min; ${beyond} min beyond the first hour earns ${units} units (each needs more than 30 min past an hour).`,
  );
}

/** Union of hydration time with the drug-infusion time removed (hydration beside an infusion is never reported). */
function hydrationTotal(hydration: Service[], drugSpans: Interval[]): number {
  if (hydration.length === 1 && drugSpans.length < FEW_SPANS) {
    // One hydration line (the usual): its time outside the drug infusions, measured without making its interval.
    const line = hydration[0].line;
    return hasInterval(line) ? Math.floor(lengthOutside(line.start as number, line.stop as number, drugSpans) / MIN) : 0;
  }
  const spans = mapped(hydration, (s) => interval(s.line)).filter((x): x is Interval => x !== null);
  let seconds = 0;
  for (const own of ownSeconds(mergeSpans(spans), drugSpans)) seconds += own;
  return Math.floor(seconds / MIN);
}

function codeHydration(
  hydration: Service[],
  drugSpans: Interval[],
  isInitial: boolean,
  modifier: string[],
  options: CodingOptions,
  out: CptLines,
  initialWhy: string,
): void {
  if (hydration.length === 0) return;
  const blocks: HydrationBlock[] = options.sumHydrationSegments
    ? [{ services: hydration, minutes: hydrationTotal(hydration, drugSpans) }]
    : hydrationPerLine(hydration, drugSpans);

  let drugTime: Interval[] | null = null; // merged when a block of several lines needs it
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    // A block of one line is coded on that line whether or not the drugs cover it.
    const lines = block.services.length === 1 ? [block.services[0].line] : contributingLines(block.services, (drugTime ??= mergeSpans(drugSpans)));
    const n = block.minutes;
    const segments = block.services.length > 1 ? ` (${block.services.length} segments summed)` : '';
    let computed = '';
    for (const l of lines) if (l.stopComputed) computed = '; a stop was computed from volume and rate';
    if (isInitial && i === 0) {
      if (n < HYDRATION_MIN_MINUTES) {
        for (const l of lines) l.findings.add('below-threshold', 'stop', { variant: 'hydration-initial', minutes: n, code: HYDRATION_INITIAL, needed: HYDRATION_MIN_MINUTES });
        continue;
      }
      out.addAll(HYDRATION_INITIAL, 1, lines, sentence`${HYDRATION_INITIAL}${suffix(modifier)}: hydration ran ${n} min${segments}${computed}, the initial service (${initialWhy}).`, modifier);
      const units = additionalHourUnits(n);
      if (units > 0) {
        out.addAll(
          HYDRATION_HOUR,
          units,
          lines,
          units === 1
            ? sentence`${HYDRATION_HOUR} x${units}: hydration ran ${n} min; ${n - 60} min beyond the first hour exceeds 30.`
            : sentence`${HYDRATION_HOUR} x${units}: hydration ran ${n} min; ${n - 60} min beyond the first hour earns ${units} units.`,
        );
      }
      continue;
    }
    const units = wholeHourUnits(n);
    if (units === 0) {
      for (const l of lines) l.findings.add('below-threshold', 'stop', { variant: 'hydration-beside', minutes: n, code: HYDRATION_HOUR, needed: HYDRATION_MIN_MINUTES });
      continue;
    }
    const raw = hydrationTotal(block.services, NO_SPANS);
    if (raw > n) {
      out.addAll(HYDRATION_HOUR, units, lines, sentence`${HYDRATION_HOUR} x${units}: ${n} min of hydration${segments}${computed} beside a different initial service; ${raw - n} min that ran beside a drug infusion do not count.`);
    } else out.addAll(HYDRATION_HOUR, units, lines, sentence`${HYDRATION_HOUR} x${units}: ${n} min of hydration${segments}${computed} beside a different initial service.`);
  }
}

/** The lines of a block of several whose time is not all under drug infusions (`drugTime` merged), else all of them. */
function contributingLines(services: Service[], drugTime: Interval[]): Line[] {
  const contributing = services.filter((s) => {
    const span = interval(s.line);
    return span !== null && !coveredBy(span, drugTime);
  });
  return mapped(contributing.length ? contributing : services, (s) => s.line);
}

/** Summing switched off: each hydration line on its own; the longest is the initial block. */
function hydrationPerLine(hydration: Service[], drugSpans: Interval[]): HydrationBlock[] {
  const ordered = [...hydration].sort((a, b) => (b.line.minutes ?? 0) - (a.line.minutes ?? 0) || byTime(a, b));
  const own = ownSeconds(mapped(ordered, (s) => interval(s.line)), drugSpans);
  return mapped(ordered, (s, i) => ({ services: [s], minutes: Math.floor(own[i] / MIN) }));
}

/**
 * RULES.md 3.3 and 5.4: one code per injection by the drug's class and purpose; syringes of one drug within
 * 15 minutes of each other (or of one order) are one dose: one code and `split-dose` (option: per syringe).
 */
function codeInjections(injections: Service[], options: CodingOptions, out: CptLines): void {
  // One injection (the usual) is one dose: no tables to find its dose.
  const doses = injections.length === 1 ? [injections] : splitDoses(injections, options);
  for (const dose of doses) {
    const lead = dose[0];
    const injection = lead.injection ?? { slot: 'injection' as const, why: `${drugName(lead.line)} given by injection` };
    const c = code('injection', injection.slot);
    if (dose.length === 1) {
      out.add(c, 1, lead.line, sentence`${c}: ${injection.why}.`);
      continue;
    }
    out.addAll(c, 1, mapped(dose, (s) => s.line), sentence`${c}: ${injection.why}; ${dose.length} syringes at one time are one dose.`);
    const at = lead.line.start !== null ? formatClock(lead.line.start % 86400) : '';
    for (const s of dose) s.line.findings.add('split-dose', null, { drug: drugName(lead.line), syringes: dose.length, time: at, code: c });
  }
}

/** Injections (in time order) by dose, each a list of syringes (see codeInjections). */
function splitDoses(injections: Service[], options: CodingOptions): Service[][] {
  const doses: Service[][] = [];
  // A syringe joins the earliest dose of its drug with its order, or whose first syringe is within the window.
  // Injections come in time order, so each drug's doses start in order: found by lookup and binary search,
  // an encounter of thousands of injections stays n log n.
  const window = SPLIT_DOSE_MINUTES.values * MIN;
  const byBag = new Map<string, number>();
  const byStart = new Map<string, { start: number; index: number }[]>();
  for (const s of injections) {
    const line = s.line;
    let index = -1;
    if (options.splitDose === 'one') {
      if (line.bag !== '') index = byBag.get(`${line.identity}\u0000${line.bag}`) ?? -1;
      const starts = line.start !== null ? byStart.get(line.identity) : undefined;
      if (starts && line.start !== null) {
        const k = firstStartAtOrAfter(starts, line.start - window);
        if (k < starts.length && Math.abs(line.start - starts[k].start) <= window && (index < 0 || starts[k].index < index)) index = starts[k].index;
      }
    }
    if (index >= 0) {
      doses[index].push(s);
      continue;
    }
    index = doses.length;
    doses.push([s]);
    const bagKey = `${line.identity}\u0000${line.bag}`;
    if (line.bag !== '' && !byBag.has(bagKey)) byBag.set(bagKey, index);
    if (line.start !== null) {
      const starts = byStart.get(line.identity);
      if (starts) starts.push({ start: line.start, index });
      else byStart.set(line.identity, [{ start: line.start, index }]);
    }
  }
  return doses;
}

/** RULES.md 3.5: SQ infusion 96369 (first hour, set-up and its sites), 96370 extra hours, 96371 per extra set-up. */
function codeSqInfusions(rows: Service[], out: CptLines, bags: Bags): void {
  const injection = code('injection', 'injection');
  const setups: Service[] = [];
  /** Each start's first setup (a map: thousands of lines in one encounter stay linear). */
  const setupAt = new Map<number | null, Service>();
  for (const s of rows) {
    if (s.mode === 'push') {
      if (s.line.minutes !== null) s.line.findings.add('short-sc-infusion', null, { minutes: s.line.minutes, code: injection });
      const why = s.line.minutes !== null ? `ran ${s.line.minutes} min (15 or less)` : 'has no documented stop time';
      out.add(injection, 1, s.line, sentence`${injection}: subcutaneous infusion of ${drugName(s.line)} ${why}, so it is coded as an injection.`);
      continue;
    }
    const sameSetup = setupAt.get(s.line.start);
    if (sameSetup) addCompanion(bags, sameSetup.line, s.line);
    else {
      setups.push(s);
      setupAt.set(s.line.start, s);
    }
  }
  if (setups.length === 0) return;
  const first = setups[0];
  const total = Math.floor(unionSeconds(mapped(setups, (s) => interval(s.line)).filter((x): x is Interval => x !== null)) / MIN);
  const initial = code('sq-infusion', 'initial-infusion');
  const sites = (bags.companions.get(first.line)?.length ?? 0) + 1;
  out.add(initial, 1, first.line, sentence`${initial}: subcutaneous infusion of ${drugName(first.line)}, first hour with the pump set-up${sites > 1 ? ` and its ${sites} sites` : ''}${computedNote(first.line)}.`);
  const hours = additionalHourUnits(total);
  const hourCode = code('sq-infusion', 'additional-hour');
  if (hours > 0) out.add(hourCode, hours, first.line, sentence`${hourCode} x${hours}: subcutaneous infusion ran ${total} min; each hour past the first needs more than 30 min.`);
  const setupCode = code('sq-infusion', 'additional-setup');
  for (const s of setups.slice(1)) {
    out.add(setupCode, 1, s.line, sentence`${setupCode}: another pump set-up for ${drugName(s.line)} at ${s.line.start !== null ? formatClock(s.line.start % 86400) : 'a new time'} with new sites.`);
  }
}

/** RULES.md 3.6: 96373 per non-complex injection; a complex drug 96420 push, 96422 + 96423 hours, 96425 over 8 hours with a pump. */
function codeIntraArterial(s: Service, out: CptLines, bags: Bags): void {
  const line = s.line;
  const name = drugName(line);
  const complex = line.drug?.entry.drugClass === 'C' || line.purpose === 'chemotherapy';
  if (!complex) {
    const c = code('intra-arterial', 'injection');
    out.add(c, 1, line, sentence`${c}: ${name} by intra-arterial injection.`);
    return;
  }
  if (s.mode === 'push') {
    const c = code('intra-arterial', 'chemo-push');
    out.add(c, 1, line, sentence`${c}: ${name}, complex drug by intra-arterial push${line.minutes !== null ? ` (${line.minutes} min)` : ''}.`);
    return;
  }
  const minutes = minutesOf(s, bags);
  if (minutes > PROLONGED_PUMP_MINUTES.values && /\bpump\b/i.test(line.text.route ?? '')) {
    const c = code('intra-arterial', 'chemo-prolonged-pump');
    out.add(c, 1, line, sentence`${c}: ${name} by intra-arterial infusion over 8 hours with a pump (${minutes} min).`);
    return;
  }
  const c = code('intra-arterial', 'chemo-initial-infusion');
  out.add(c, 1, line, sentence`${c}: ${name}, complex drug by intra-arterial infusion, ${minutes} min${computedNote(line)}.`);
  addHours(out, code('intra-arterial', 'chemo-additional-hour'), minutes, line, name);
}

const CAVITY_SLOT = { intrapleural: 'pleural', intraperitoneal: 'peritoneal', intrathecal: 'intrathecal', reservoir: 'reservoir' } as const;

/** RULES.md 3.7: one code per cavity per session (date), whatever the number of agents or the time. */
function codeIntracavitary(rows: Service[], out: CptLines): void {
  const sessions = new Map<string, Service[]>();
  for (const s of rows) {
    const complex = s.line.drug?.entry.drugClass === 'C' || s.line.purpose === 'chemotherapy';
    if (!complex) {
      s.line.findings.add('unlisted-service', 'route', { what: `${drugName(s.line)} by route '${s.line.text.route ?? ''}'`, code: code('unlisted', 'unlisted-drug') });
      continue;
    }
    const key = `${s.line.route}|${s.line.day}`;
    const list = sessions.get(key);
    if (list) list.push(s);
    else sessions.set(key, [s]);
  }
  for (const session of sessions.values()) {
    const route = session[0].line.route as keyof typeof CAVITY_SLOT;
    const c = code('intracavitary', CAVITY_SLOT[route]);
    const agents = session.length > 1 ? ` (${session.length} agents, one session)` : '';
    out.addAll(c, 1, mapped(session, (s) => s.line), sentence`${c}: ${session.map((s) => drugName(s.line)).join(', ')} given ${route === 'reservoir' ? 'through a subcutaneous reservoir' : route}${agents}; not time-based.`);
  }
}

/** RULES.md 3.8: a prolonged chemotherapy infusion started with a pump: 96416, or G0498 for the payers of the option. */
function codePump(s: Service, state: EncounterState, out: CptLines): void {
  const payer = ` ${words(state.payer)} `;
  const g = state.options.g0498Payers.some((p) => words(p).length > 0 && payer.includes(` ${words(p)} `));
  const c = g ? code('pump', 'prolonged-pump-g') : code('pump', 'prolonged-pump');
  const how = s.line.minutes === null ? 'sent home running on the pump' : `running ${s.line.minutes} min`;
  out.add(c, 1, s.line, sentence`${c}: ${drugName(s.line)} started on a pump for more than 8 hours (${how}); no extra hours, the disconnect is not coded${g ? `; ${state.payer} takes G0498 (option)` : ''}.`);
}

/** RULES.md 3.8: pump refill and maintenance, portable 96521 or implantable 96522. Bundled on chemotherapy dates (checked at the end). */
function codeRefill(s: Service, out: CptLines, chemoOn: Map<string | null, string>): void {
  const line = s.line;
  // The pump's own words decide: a portable (ambulatory, external) pump is refilled through a port as often as
  // not, so a site naming the port does not make the pump implanted.
  const said = `${line.text.route ?? ''} ${line.drugText}`;
  const implantable = !PORTABLE_PUMP_WORDS.test(said) && IMPLANTED_DEVICE_WORDS.values.test(`${said} ${line.text.site ?? ''}`);
  const date = dayText(line.day);
  const chemo = chemoOn.get(date);
  if (chemo) {
    line.findings.add('pump-refill-bundled', null, { date: date ?? 'this date', code: chemo });
    return;
  }
  const c = code('pump', implantable ? 'refill-implantable' : 'refill-portable');
  out.add(c, 1, line, sentence`${c}: refill and maintenance of ${implantable ? 'an implantable' : 'a portable'} pump${line.drugText ? ` (${drugName(line)})` : ''}.`);
}

/** Words of a route or drug that name an external pump (96521). */
const PORTABLE_PUMP_WORDS = /\b(?:portable|ambulatory|external|elastomeric|cadd|home)\b/i;

const NO_DATES: ReadonlySet<string | null> = new Set();

const CHEMO_FAMILIES = new Set<CodeFamily>(['complex', 'pump', 'intracavitary']);

export function isChemotherapyCode(c: string): boolean {
  const d = codeDef(c);
  if (!d) return false;
  if (CHEMO_FAMILIES.has(d.family) && d.slot !== 'refill-portable' && d.slot !== 'refill-implantable') return true;
  return d.slot === 'injection-hormonal' || d.slot === 'injection-non-hormonal' || d.slot.startsWith('chemo-');
}

/**
 * RULES.md 5.5: a port irrigation is 96523 only when it is the only administration service of its date;
 * any flush beside another administration is part of it (`flush-bundled`).
 */
function codeFlushes(flushes: Service[], out: CptLines, elsewhere: ReadonlySet<string | null> = NO_DATES): void {
  const irrigationCode = code('irrigation', 'irrigation');
  const coded = new Set<string | null>();
  // Per date, its first administration code other than an irrigation (this loop adds only irrigations).
  const otherOn = new Map<string | null, CodeLine>();
  for (const [date, l] of out.byDate()) if (l.code !== irrigationCode && !otherOn.has(date)) otherOn.set(date, l);
  for (const s of flushes) {
    const line = s.line;
    const date = dayText(line.day);
    const other = otherOn.get(date);
    if (other || elsewhere.has(date)) {
      line.findings.add('flush-bundled', null, s.irrigation ? { variant: 'irrigation', date: date ?? 'this date', code: irrigationCode } : { variant: 'after-infusion' });
      continue;
    }
    if (!s.irrigation || coded.has(date)) continue;
    coded.add(date);
    out.add(irrigationCode, 1, line, sentence`${irrigationCode}: irrigation of an implanted venous access device, the only administration service on ${date ?? 'this date'}.`);
  }
}
