/**
 * RULES.md sections 4 and 5 for one encounter: access groups, the initial service of each group,
 * time slicing of overlapping lines, and the CPT codes with their units and explanations.
 */
import type { Service } from './classify';
import { codeLine } from './codes';
import { rank } from './classify';
import { additionalHourUnits, HYDRATION_MIN_MINUTES, INFUSION_MIN_MINUTES, REPEAT_PUSH_MINUTES, wholeHourUnits } from './hours';
import type { Line } from './line';
import { dayText, missingTimeWords } from './line';
import type { CodingOptions } from './options';
import type { CodeLine, Setting } from './types';

interface Interval {
  from: number;
  to: number;
}

const MIN = 60;

/** Intervals merged into disjoint, sorted ones. */
function mergeSpans(spans: Interval[]): Interval[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ from: s.from, to: s.to });
  }
  return out;
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
 * (null spans are not placed). One sweep over the sorted ends with a heap of the spans open at each point,
 * the earliest placed owning the time: n log n, so one encounter of 64,000 lines codes in seconds.
 */
function ownSeconds(spans: (Interval | null)[], covers: Interval[] = []): number[] {
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

function drugName(line: Line): string {
  if (line.drug) return line.drug.entry.name;
  if (line.fluid) return line.fluid.family;
  return line.drugText || 'the undocumented drug';
}

function byTime(a: Service, b: Service): number {
  const sa = a.line.start ?? Infinity;
  const sb = b.line.start ?? Infinity;
  return sa !== sb ? sa - sb : a.line.order - b.line.order;
}

/** Facility hierarchy order: higher rank, then the longest, then the earliest. */
function byHierarchy(a: Service, b: Service): number {
  return rank(b) - rank(a) || (b.line.minutes ?? 0) - (a.line.minutes ?? 0) || byTime(a, b);
}

export interface EncounterState {
  setting: Setting;
  options: CodingOptions;
  /** 96368 is reported once per encounter. */
  concurrentUsed: boolean;
}

/** Builds CPT lines; `units` 0 lines are never produced. */
class CptLines {
  readonly lines: CodeLine[] = [];
  add(code: string, units: number, lines: Line[], explanation: string, modifiers: string[] = []): CodeLine | null {
    if (units <= 0 || lines.length === 0) return null;
    const first = lines[0];
    const rows = lines.length === 1 ? [first.row] : [...new Set(lines.map((l) => l.row))];
    const date = dayText(first.day);
    const line = codeLine('cpt', code, units, modifiers, first.row, rows, date, first.drug?.entry.name ?? first.fluid?.family ?? null, explanation);
    this.lines.push(line);
    return line;
  }
}

/** All administration codes of one encounter. */
export function assignEncounter(services: Service[], state: EncounterState): CodeLine[] {
  const out = new CptLines();

  const iv = services.filter((s) => s.mode !== null && (s.category === 'complex' || s.category === 'therapeutic' || s.category === 'hydration'));
  const groups = accessGroups(iv);
  groups.forEach((group, index) => {
    const modifier = index === 0 ? [] : [state.options.separateSiteModifier];
    codeGroup(group, modifier, state, out, index === 0);
  });

  // IM / SQ injections sit outside the hierarchy: one 96372 each.
  for (const s of services.filter((x) => x.category === 'injection' && x.mode !== null).sort(byTime)) {
    out.add('96372', 1, [s.line], `96372: ${drugName(s.line)} given by ${s.line.route === 'im' ? 'intramuscular' : 'subcutaneous'} injection.`);
  }
  return out.lines;
}

/**
 * RULES.md 4: lines on one site form a group; a different site that overlaps the first group in time
 * is a separate access (its own initial code, modifier 59); one that does not is a restarted IV.
 */
function accessGroups(iv: Service[]): Service[][] {
  if (iv.length === 0) return [];
  const sorted = [...iv].sort(byTime);
  const firstSite = sorted.find((s) => s.line.site !== '')?.line.site ?? '';
  // The usual case: one site (or blanks) for the whole encounter.
  if (sorted.every((s) => s.line.site === '' || s.line.site === firstSite)) return [sorted];
  const main: Service[] = [];
  const bySite = new Map<string, Service[]>();
  for (const s of sorted) {
    if (s.line.site === '' || s.line.site === firstSite) main.push(s);
    else bySite.set(s.line.site, [...(bySite.get(s.line.site) ?? []), s]);
  }
  const groups: Service[][] = [main];
  const mainSpans = main.map((s) => presence(s.line)).filter((x): x is Interval => x !== null);
  for (const members of bySite.values()) {
    const spans = members.map((s) => presence(s.line)).filter((x): x is Interval => x !== null);
    const concurrent = spans.some((a) => mainSpans.some((b) => overlaps(a, b)));
    if (concurrent && main.length > 0) {
      groups.push(members);
    } else {
      members[0].line.findings.add(
        'site-restart',
        'site',
        `IV site changed to '${members[0].line.text.site}' without running at the same time as the first site: treated as a restarted IV, not a separate access.`,
      );
      main.push(...members);
    }
  }
  return groups.filter((g) => g.length > 0);
}

interface HydrationBlock {
  services: Service[];
  /** Minutes that count (overlap with drug infusions removed; segments summed or per line). */
  minutes: number;
}

function codeGroup(group: Service[], modifier: string[], state: EncounterState, out: CptLines, firstGroup: boolean): void {
  const { setting, options } = state;
  const drugs = group.filter((s) => s.category !== 'hydration');
  const hydration = group.filter((s) => s.category === 'hydration' && interval(s.line) !== null);

  // Initial service: office follows the line marked primary; facility (or no mark) the hierarchy.
  let initial: Service | 'hydration' | null = null;
  let initialWhy = 'the highest service in the hierarchy';
  if (setting === 'office') {
    const marked = group.find((s) => s.line.primary);
    if (marked) {
      initial = marked.category === 'hydration' ? 'hydration' : marked;
      initialWhy = 'marked as the primary reason for the visit';
    } else if (firstGroup && group.length > 1) {
      group[0].line.findings.add(
        'no-primary-marked',
        'primary',
        'Office encounter with no line marked primary: the initial service follows the facility hierarchy.',
      );
    }
  }
  const drugSpans = drugs.filter((s) => s.mode === 'infusion').map((s) => interval(s.line)).filter((x): x is Interval => x !== null);
  if (initial === 'hydration' && hydrationTotal(hydration, drugSpans) < HYDRATION_MIN_MINUTES) initial = null;
  if (initial === null) initial = drugs.length > 0 ? [...drugs].sort(byHierarchy)[0] : hydration.length > 0 ? 'hydration' : null;
  if (initial === null) return;
  if (group.length === 1) initialWhy = 'the only service on this access';

  // Drug infusions, placed by hierarchy: each line's own minutes are those not covered by lines placed before it.
  const placed: Interval[] = [];
  /** Per drug with a first-hour code in this group, the add-on its further hours take (96366 or 96415). */
  const hourCodeOf = new Map<string, string>();
  const pushes: Service[] = [];
  /** When each drug was given (push time or infusion end), for 96376. */
  const given = new Map<string, number[]>();
  const initialService = initial === 'hydration' ? null : initial;
  /** This group's initial code when it is complex (96413, or 96409 for a push): later complex drugs take 96417/96411. */
  let complexInitial: '96409' | '96413' | null = null;

  // An initial push is coded first so the claim lists the initial service first.
  if (initialService?.mode === 'push') {
    const line = initialService.line;
    const code = initialService.category === 'complex' ? '96409' : '96374';
    const how = line.route === 'infusion' || line.minutes !== null ? describePushReason(line) : 'by IV push';
    out.add(code, 1, [line], `${code}${suffix(modifier)}: ${drugName(line)} ${how}, the initial service (${initialWhy}).`, modifier);
    if (code === '96409') complexInitial = code;
    if (line.start !== null) remember(given, line.identity, line.start);
  }

  const infusions = drugs.filter((s) => s.mode === 'infusion').sort(byHierarchy);
  if (initialService?.mode === 'infusion') {
    infusions.splice(infusions.indexOf(initialService), 1);
    infusions.unshift(initialService);
  }
  const ownOf = ownSeconds(infusions.map((s) => interval(s.line)));
  infusions.forEach((s, index) => {
    const line = s.line;
    const span = interval(line);
    if (!span) return;
    const own = Math.floor(ownOf[index] / MIN);
    const beside = Math.floor((span.to - span.from) / MIN) - own;
    const name = drugName(line);
    const complex = s.category === 'complex';
    if (s === initialService) {
      const code = complex ? '96413' : '96365';
      const addOn = complex ? '96415' : '96366';
      const family = complex ? 'complex/chemotherapy infusion' : 'therapeutic infusion';
      out.add(code, 1, [line], `${code}${suffix(modifier)}: ${name} ran ${own} min, the initial service (${family}, ${initialWhy}).`, modifier);
      if (code === '96413') complexInitial = code;
      addHours(out, addOn, own, line, name);
      hourCodeOf.set(line.identity, addOn);
    } else if (own >= INFUSION_MIN_MINUTES) {
      const sameDrugHours = hourCodeOf.get(line.identity);
      if (sameDrugHours) {
        // The same drug infused again: its time extends that drug's infusion (the add-on of its first-hour code).
        const units = wholeHourUnits(own);
        if (units > 0) out.add(sameDrugHours, units, [line], `${sameDrugHours} x${units}: ${name} infused again for ${own} min of its own time.`);
        else line.findings.add('below-threshold', 'stop', `${name} infused again for ${own} min; ${sameDrugHours} needs 31.`);
      } else if (complex && complexInitial === '96413') {
        out.add('96417', 1, [line], `96417: ${name} was a sequential infusion of another complex drug (${own} min of its own time).`);
        addHours(out, '96415', own, line, name);
        hourCodeOf.set(line.identity, '96415');
      } else {
        out.add('96367', 1, [line], `96367: ${name} was a sequential infusion of a new drug (${own} min of its own time).`);
        addHours(out, '96366', own, line, name);
        hourCodeOf.set(line.identity, '96366');
      }
    } else if (beside >= INFUSION_MIN_MINUTES) {
      if (!state.concurrentUsed) {
        state.concurrentUsed = true;
        out.add('96368', 1, [line], `96368: ${name} ran at the same time as another infusion for ${beside} min (concurrent, once per encounter).`);
      } else {
        line.findings.add('concurrent-limit', null, `${name} ran concurrently, but 96368 is reported once per encounter.`);
      }
    } else {
      pushes.push(s); // 15 minutes or less of its own: a push
      placed.push(span);
      return;
    }
    placed.push(span);
    if (line.stop !== null) remember(given, line.identity, line.stop);
  });

  // Pushes, in time order: the initial push, a new drug (96375/96411), or the same drug again (96376, facility).
  pushes.push(...drugs.filter((s) => s.mode === 'push' && s !== initialService));
  pushes.sort(byTime);
  for (const s of pushes) {
    const line = s.line;
    const name = drugName(line);
    const complex = s.category === 'complex';
    const how = s.mode === 'infusion' || line.route === 'infusion' || line.minutes !== null ? describePushReason(line) : 'by IV push';
    const at = line.start;
    const last = lastBefore(given.get(line.identity), at);
    if (last !== undefined) {
      const gap = at !== null ? Math.floor((at - last) / MIN) : null;
      if (gap === null) {
        line.findings.add('below-threshold', 'start', `${name} was given again with no time documented; 96376 needs more than 30 min since the last dose.`);
      } else if (gap <= REPEAT_PUSH_MINUTES) {
        line.findings.add('below-threshold', 'start', `${name} was pushed again ${gap} min after its last dose; 96376 needs more than 30.`);
      } else if (setting === 'office') {
        line.findings.add('below-threshold', 'start', `${name} was pushed again ${gap} min after its last dose; 96376 is not reported in the office setting.`);
      } else if (complex) {
        line.findings.add('below-threshold', 'start', `${name} (complex drug) was pushed again ${gap} min later; no additional code applies.`);
      } else {
        out.add('96376', 1, [line], `96376: ${name} pushed again ${gap} min after its last dose (more than 30; facility).`);
      }
    } else if (complex && complexInitial !== null) {
      out.add('96411', 1, [line], `96411: ${name}, another complex drug ${how}, after the initial service.`);
    } else {
      out.add('96375', 1, [line], `96375: ${name} ${how}, a new drug after the initial service.`);
    }
    if (at !== null) remember(given, line.identity, at);
  }

  codeHydration(hydration, placed, initial === 'hydration', modifier, options, out, initialWhy);
}

/** Adds a time to the drug's times, kept sorted (pushes come in time order, so this appends in practice). */
function remember(given: Map<string, number[]>, identity: string, at: number): void {
  const times = given.get(identity);
  if (!times) given.set(identity, [at]);
  else if (times.length === 0 || times[times.length - 1] <= at) times.push(at);
  else times.splice(firstAfter(times, at), 0, at);
}

/** Index of the first sorted time after `at`. */
function firstAfter(times: number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The latest time a drug was given at or before `at` (any time when `at` is unknown). */
function lastBefore(times: number[] | undefined, at: number | null): number | undefined {
  if (!times || times.length === 0) return undefined;
  if (at === null) return times[times.length - 1];
  const index = firstAfter(times, at);
  return index > 0 ? times[index - 1] : undefined;
}

function suffix(modifier: string[]): string {
  return modifier.length ? `-${modifier.join('-')} (separate IV access running at the same time)` : '';
}

function describePushReason(line: Line): string {
  if (line.minutes === null) return `infused without a documented ${missingTimeWords(line)}, so coded as a push`;
  if (line.minutes < INFUSION_MIN_MINUTES) return `ran ${line.minutes} min (15 or less counts as a push)`;
  return 'had 15 min or less of its own time beside other infusions, so it counts as a push';
}

function addHours(out: CptLines, code: string, minutes: number, line: Line, name: string): void {
  const units = additionalHourUnits(minutes);
  if (units === 0) return;
  const beyond = minutes - 60;
  const reason = units === 1 ? `${beyond} min beyond the first hour exceeds 30` : `${beyond} min beyond the first hour earns ${units} units (each needs more than 30 min past an hour)`;
  out.add(code, units, [line], `${code} x${units}: ${name} ran ${minutes} min; ${reason}.`);
}

/** Union of hydration time with the drug-infusion time removed (hydration beside an infusion is never reported). */
function hydrationTotal(hydration: Service[], drugSpans: Interval[]): number {
  const spans = hydration.map((s) => interval(s.line)).filter((x): x is Interval => x !== null);
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

  const drugTime = mergeSpans(drugSpans);
  blocks.forEach((block, i) => {
    const contributing = block.services.filter((s) => {
      const span = interval(s.line);
      return span !== null && !coveredBy(span, drugTime);
    });
    const lines = (contributing.length ? contributing : block.services).map((s) => s.line);
    const n = block.minutes;
    const segments = block.services.length > 1 ? ` (${block.services.length} segments summed)` : '';
    if (isInitial && i === 0) {
      if (n < HYDRATION_MIN_MINUTES) {
        for (const l of lines) l.findings.add('below-threshold', 'stop', `Hydration ran ${n} min; 96360 needs ${HYDRATION_MIN_MINUTES}.`);
        return;
      }
      out.add('96360', 1, lines, `96360${suffix(modifier)}: hydration ran ${n} min${segments}, the initial service (${initialWhy}).`, modifier);
      const units = additionalHourUnits(n);
      if (units > 0) {
        out.add('96361', units, lines, `96361 x${units}: hydration ran ${n} min; ${n - 60} min beyond the first hour ${units === 1 ? 'exceeds 30' : `earns ${units} units`}.`);
      }
      return;
    }
    const units = wholeHourUnits(n);
    if (units === 0) {
      for (const l of lines) {
        l.findings.add('below-threshold', 'stop', `Hydration had ${n} min of its own time beside other services; 96361 needs ${HYDRATION_MIN_MINUTES}.`);
      }
      return;
    }
    const raw = hydrationTotal(block.services, []);
    const removed = raw > n ? `; ${raw - n} min that ran beside a drug infusion do not count` : '';
    out.add('96361', units, lines, `96361 x${units}: ${n} min of hydration${segments} beside a different initial service${removed}.`);
  });
}

/** Summing switched off: each hydration line on its own; the longest is the initial block. */
function hydrationPerLine(hydration: Service[], drugSpans: Interval[]): HydrationBlock[] {
  const ordered = [...hydration].sort((a, b) => (b.line.minutes ?? 0) - (a.line.minutes ?? 0) || byTime(a, b));
  const own = ownSeconds(ordered.map((s) => interval(s.line)), drugSpans);
  return ordered.map((s, i) => ({ services: [s], minutes: Math.floor(own[i] / MIN) }));
}
