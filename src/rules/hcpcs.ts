/**
 * RULES.md section 6 for one encounter: HCPCS drug lines (one per drug per date of service), IV solution
 * bags by volume, unclassified J3490, and the JW/JZ modifiers for Medicare single-dose containers.
 */
import type { DatedEntry, DrugCatalog, DrugEntry, FluidMatch } from './catalog/catalog';
import type { Service } from './classify';
import { keptRows, list } from './arrays';
import { carrierText } from './mixture';
import { codeLine, NO_MODIFIERS } from './codes';
import { BAG_MIN_ML, UNCLASSIFIED_DRUG_CODES } from './data/lists';
import { sentence } from './sentences';
import type { Line } from './line';
import { dayText } from './line';
import type { CodingOptions } from './options';
import type { CodeLine, Field, InputRow } from './types';
import { cellText, isBlank } from './values/cell';
import { dayFromCivil } from './values/date';
import type { Amount } from './values/dose';
import { parseDose, strengthsIn } from './values/dose';
import { notesAPause, words } from './vocabulary';

/** (The bag threshold lives with the rules' other numbers; exported here for older imports.) */
export { BAG_MIN_ML };

/**
 * First dates of service of the waste modifiers (RULES.md §6.5): JW (amount discarded) from 2017-01-01
 * (CMS MLN Matters MM9603), JZ (nothing discarded) from 2023-07-01 (CMS JW/JZ policy FAQ).
 */
export const JW_FROM = '2017-01-01';
export const JZ_FROM = '2023-07-01';
/** The one JZ modifier list (frozen, shared: a kept list per line is what the garbage collector copies). */
const JZ: string[] = Object.freeze(['JZ']) as unknown as string[];

const JW_FROM_DAY = dayFromCivil(2017, 1, 1);
const JZ_FROM_DAY = dayFromCivil(2023, 7, 1);

type Uom = NonNullable<DrugEntry['unitUom']>;

/** Amount in the entry's billing measure, or null when the dimensions differ (mL given for a mg drug). */
function inUom(amount: Amount, uom: Uom): number | null {
  switch (uom) {
    case 'mg':
      return amount.dim === 'mass' ? amount.value : null;
    case 'mcg':
      return amount.dim === 'mass' ? amount.value * 1000 : null;
    case 'g':
      return amount.dim === 'mass' ? amount.value / 1000 : null;
    case 'ml':
      return amount.dim === 'volume' ? amount.value : null;
    case 'units':
      return amount.dim === 'units' ? amount.value : null;
    case 'meq':
      return amount.dim === 'meq' ? amount.value : null;
  }
}

/**
 * A dose written as a volume (`10 mL`) in the entry's billing measure, from the one strength the drug text states
 * (`iron sucrose 20 mg/mL` -> 200 mg); null when it states none, several, or one of another measure. It was a
 * `dose-unit-mismatch` and no drug line, though the chart said how much drug the volume held.
 */
function volumeAtStrength(ml: number, drugText: string, uom: Uom): number | null {
  const strengths = strengthsIn(drugText);
  if (strengths.length !== 1) return null;
  const perMl = inUom(strengths[0].amount, uom);
  return perMl === null ? null : Math.round((perMl / strengths[0].ml) * ml * 1e6) / 1e6;
}

/** ceil(total / unit), tolerant of floating error (1.75 g / 500 mg = 3.5 -> 4; 1000 / 250 -> 4). */
export function billingUnits(total: number, unit: number): number {
  const ratio = Math.round((total / unit) * 1e6) / 1e6;
  return Math.max(1, Math.ceil(ratio));
}

function fmt(n: number): string {
  return String(shown(n));
}

/**
 * The number `fmt` writes (to 3 decimals). Sentences take it as a number: `${shown(n)}` reads as fmt(n), and a
 * number is found in the sentence tables without a text to make and read.
 */
function shown(n: number): number {
  return Number.isInteger(n) ? n : Math.round(n * 1000) / 1000;
}

interface DrugTotal {
  entry: DrugEntry;
  /** Rows of the drug in effect that differ only by unit size (the total picks one), else null: just the entry. */
  sizes: readonly DrugEntry[] | null;
  day: number | null;
  lines: Line[];
  total: number;
  /** Summed waste in the entry's measure; null when some line of a JW/JZ drug left it blank. */
  waste: number | null;
  wasteApplies: boolean;
}

export interface DrugContext {
  catalog: DrugCatalog;
  options: CodingOptions;
  payer: string;
}

/** Per options object, per payer text: whether JW/JZ apply (a sheet repeats a few payer names). */
const jwJzCache = new WeakMap<CodingOptions, Map<string, boolean>>();

function jwJzApplies(payer: string, options: CodingOptions): boolean {
  let byPayer = jwJzCache.get(options);
  if (!byPayer) jwJzCache.set(options, (byPayer = new Map()));
  let applies = byPayer.get(payer);
  if (applies === undefined) {
    // `MCR`, `MCARE`: a financial class's abbreviations of Medicare (Meditech and many billing systems).
    const p = ` ${words(payer).replace(/\b(?:mcr|mcare)\b/g, 'medicare')} `;
    applies = options.jwJzPayers.some((name) => {
      const w = words(name);
      return w.length > 0 && p.includes(` ${w} `);
    });
    if (byPayer.size < 1000) byPayer.set(payer, applies);
  }
  return applies;
}

/** Waste as documented: 0 for "0"/"none"/"no waste", an amount in the drug's measure, or null when blank or unreadable. */
function readWaste(line: Line, entry: DrugEntry): number | null | 'unreadable' {
  const raw = line.input.values.waste;
  const text = cellText(raw).trim().toLowerCase();
  if (/^(0+(\.0*)?\s*[a-z]*|none|no|no waste|nil|zero|not wasted|nothing)$/.test(text)) return 0;
  if (isBlank(raw)) return null;
  const parsed = parseDose(raw, null);
  if (!parsed.ok || !entry.unitUom) return 'unreadable';
  const d = parsed.value;
  if (d.amount) return inUom(d.amount, entry.unitUom) ?? 'unreadable';
  return d.unitlessValue;
}

export function assignDrugLines(services: Service[], ctx: DrugContext): CodeLine[] {
  const out: CodeLine[] = [];
  const totals = new DrugTotals();
  const medicareLike = jwJzApplies(ctx.payer, ctx.options);
  // The lists below are made when first needed: most encounters have no bag, and each list was garbage.
  /** `ndc`: the bag's own NDC when the row is the solution itself (not a bag a drug was mixed into). */
  let bagLines: BagLine[] | null = null;
  /** Fluids charted on rows of their own, by volume: a drug's bag named in its cell is not listed again beside one. */
  let fluidRows: { volume: number; line: Line }[] | null = null;
  const restarted = restartedLines(services);
  const restated = restatedLines(services);
  /** Drugs given in a bag of 250 mL or more (listed after the loop, once the encounter's own fluid rows are known). */
  let carried: { line: Line; bagMl: number; drug: string }[] | null = null;

  for (const s of services) {
    if (s.category === 'not-coded') continue;
    const line = s.line;
    // A bag restarted after a pause has no dose of its own: its drug was counted on the row that hung it.
    if (restarted?.has(line)) continue;
    // A later segment of the same bag that repeats its dose: the dose was given once.
    if (restated?.has(line)) continue;
    const dated = line.drug ? ctx.catalog.atDate(line.drug.entry, line.day) : null;
    const entry = dated?.entry;
    const isFluid = line.fluid !== null || entry?.drugClass === 'H';

    if (isFluid) {
      const volume = fluidVolume(line);
      if (volume === null) {
        if (line.dose === null && !line.findings.has('unparseable-dose')) line.findings.add('missing-dose', 'dose', { variant: 'fluid' });
        continue;
      }
      if (s.category === 'diluent' && volume < BAG_MIN_ML) continue;
      const family = line.fluid;
      const bags = family ? family.bags(volume) : entry && entry.unitAmount ? [{ entry, units: billingUnits(volume, entry.unitAmount) }] : [];
      const what = family?.family ?? entry?.name ?? 'IV solution';
      const computed = volume === rateVolume(line) ? sentence` (${shown(line.rate?.mlPerHour ?? 0)} mL/hr for ${line.minutes} min)` : '';
      for (const b of bags) (bagLines ??= []).push({ entry: b.entry, units: b.units, line, why: sentence`${shown(volume)} mL of ${what}${computed}`, ndc: line.ndc });
      (fluidRows ??= []).push({ volume, line });
      continue;
    }
    if (!entry || !dated) continue;
    if (dated.notEffective) {
      line.findings.add('code-not-effective', 'drug', { drug: entry.name, date: dayText(line.day) ?? 'this date', code: entry.hcpcs });
    }

    // The drug itself. An unclassified code is paid from the NDC, whatever unit a drug map gives it: say which one,
    // or that the claim needs one (a claim without it is returned unprocessed; docs/coding-rules.md, NDCs).
    const dose = line.dose;
    if (entry.unitKind === 'noc' || UNCLASSIFIED_DRUG_CODES.values.has(entry.hcpcs)) {
      if (line.ndc) line.findings.add('unclassified-drug', 'drug', { variant: 'with-ndc', drug: entry.name, code: entry.hcpcs, ndc: line.ndc });
      else {
        line.findings.add('unclassified-drug', 'drug', { drug: entry.name, code: entry.hcpcs });
        line.findings.add('missing-ndc', ndcFindingField(line.input), { variant: 'unclassified', drug: entry.name, code: entry.hcpcs });
      }
    }
    if (entry.unitKind === 'noc') {
      if (!dose && !line.findings.has('unparseable-dose')) line.findings.add('missing-dose', 'dose', { variant: 'unclassified', drug: entry.name });
      addTotal(totals, entry, dated, line, 0, medicareLike);
    } else if (!dose) {
      if (!line.findings.has('unparseable-dose')) line.findings.add('missing-dose', 'dose', { drug: entry.name });
    } else if (entry.unitUom && entry.unitAmount) {
      let amount: number | null = null;
      if (dose.amount) {
        amount = inUom(dose.amount, entry.unitUom);
        // `ondansetron 2 mg/mL` given as `2 mL`: the volume at the strength the drug cell states (one strength).
        if (amount === null && dose.amount.dim === 'volume') amount = volumeAtStrength(dose.amount.value, line.drugText, entry.unitUom);
        if (amount === null) {
          line.findings.add('dose-unit-mismatch', 'dose', { dose: line.text.dose ?? '', uom: entry.unitUom ?? '', code: entry.hcpcs });
        }
      } else if (dose.unitlessValue !== null) {
        amount = dose.unitlessValue;
        line.findings.add('dose-unit-mismatch', 'dose', { variant: 'no-unit', dose: line.text.dose ?? '', amount: fmt(amount), uom: entry.unitUom ?? '' });
      }
      if (amount !== null && amount > 0) addTotal(totals, entry, dated, line, amount, medicareLike);
    }

    // A drug added to a bag of 250 mL or more lists the bag too.
    if (dose && dose.bagMl !== null && dose.bagMl >= BAG_MIN_ML) (carried ??= []).push({ line, bagMl: dose.bagMl, drug: entry.name });
  }
  // A drug's bag, unless a row of its own charts a bag of that volume hung at the same time (`vancomycin 1 g in NS
  // 250 mL` beside its `NS 250 mL` row is one bag; a second 1000 mL bag running beside another is a bag of its own).
  if (carried) for (const c of carried) {
    if (fluidRows?.some((f) => f.volume === c.bagMl && hungTogether(f.line, c.line))) continue;
    const line = c.line;
    const fluid = ctx.catalog.fluid(line.text.dose ?? '') ?? carrierIn(line.drugText, ctx.catalog) ?? carrierAfterVolume(line.drugText, ctx.catalog) ?? ctx.catalog.fluid('normal saline');
    if (fluid) for (const b of fluid.bags(c.bagMl)) (bagLines ??= []).push({ entry: b.entry, units: b.units, line, why: sentence`${shown(c.bagMl)} mL ${fluid.family} bag carrying ${c.drug}`, ndc: '' });
  }

  // One HCPCS line per drug per date of service (plus a JW line for billable waste).
  for (const t of totals.list) {
    const entry = unitSize(t.sizes, t.entry, t.total);
    const date = dayText(t.day);
    const rows = distinctRows(t.lines);
    const row = t.lines[0].row;
    // The NDC of the row the line is shown on, else of another row of the drug that day.
    const ndc = firstNdc(t.lines);
    if (entry.unitKind === 'noc' || !entry.unitAmount || !entry.unitUom) {
      out.push(codeLine('hcpcs', entry.hcpcs, 1, NO_MODIFIERS, row, rows, date, entry.name, sentence`${entry.hcpcs} x1: ${entry.name} is billed as an unclassified drug, one unit per line (NDC and dose go on the claim).`, ndc));
      continue;
    }
    const units = billingUnits(t.total, entry.unitAmount);
    const per = sentence`${shown(entry.unitAmount)} ${entry.unitUom}`;
    const ratio = t.total / entry.unitAmount;
    const how = entry.unitKind === 'up_to'
      ? sentence`${entry.hcpcs} counts each ${per} or part of it`
      : Number.isInteger(Math.round(ratio * 1e6) / 1e6)
        ? sentence`at ${per} per unit`
        : sentence`at ${per} per unit = ${shown(ratio)}, rounded up`;
    let modifiers: string[] = NO_MODIFIERS;
    let jw: CodeLine | null = null;
    let jz = '';
    if (t.wasteApplies) {
      if (t.waste === null) {
        for (const l of t.lines) {
          if (!l.findings.has('missing-waste')) l.findings.add('missing-waste', 'waste', { drug: entry.name, payer: ctx.payer });
        }
      } else {
        // Waste that fits inside the rounded-up units is already billed: JZ, no JW line (RULES.md §6.5).
        const wasteUnits = t.waste > 0 ? billingUnits(t.total + t.waste, entry.unitAmount) - units : 0;
        if (wasteUnits > 0) {
          jw = codeLine('hcpcs', entry.hcpcs, wasteUnits, ['JW'], row, rows, date, entry.name, sentence`${entry.hcpcs}-JW x${wasteUnits}: ${shown(t.waste)} ${entry.unitUom} of ${entry.name} discarded from a single-dose container (${ctx.payer}).`, ndc);
        } else if (t.day === null || t.day >= JZ_FROM_DAY) {
          modifiers = JZ;
          jz = t.waste === 0
            ? ' JZ: nothing was discarded from the single-dose container.'
            : sentence` JZ: the ${shown(t.waste)} ${entry.unitUom} discarded fits inside the ${units} units billed, so no JW line.`;
        }
      }
    }
    const mod = modifiers === JZ ? '-JZ' : modifiers.length ? `-${modifiers.join('-')}` : ''; // JZ: no text joined per line
    out.push(codeLine('hcpcs', entry.hcpcs, units, modifiers, row, rows, date, entry.name, sentence`${entry.hcpcs}${mod} x${units}: ${shown(t.total)} ${entry.unitUom} of ${entry.name} ${how}.${jz}`, ndc));
    if (jw) out.push(jw);
  }

  if (bagLines) listBags(bagLines, out);
  return out;
}

/** A bag to list: its code and units, its row, and why (`1000 mL of normal saline`); `ndc` as in assignDrugLines. */
interface BagLine {
  entry: DrugEntry;
  units: number;
  line: Line;
  why: string;
  ndc: string;
}

/** The NDC of the first of `lines` that has one (undefined when none does). */
function firstNdc(lines: Line[]): string | undefined {
  for (let k = 0; k < lines.length; k++) if (lines[k].ndc) return lines[k].ndc;
  return undefined;
}

/** The bags' lines, merged per code per date of service, onto `out`. */
function listBags(bagLines: BagLine[], out: CodeLine[]): void {
  const bagTotals = new Map<string, { entry: DrugEntry; units: number; lines: Line[]; why: string[]; whySeen: Set<string> | null; ndc: string }>();
  for (const b of bagLines) {
    const key = `${b.entry.hcpcs}|${b.line.day}`;
    const cur = bagTotals.get(key) ?? { entry: b.entry, units: 0, lines: [], why: [], whySeen: null, ndc: '' };
    cur.units += b.units;
    cur.lines.push(b.line);
    // Each reason once: a few are searched, more go through a set.
    if (cur.whySeen === null && cur.why.length >= 8) cur.whySeen = new Set(cur.why);
    if (!(cur.whySeen ? cur.whySeen.has(b.why) : cur.why.includes(b.why))) {
      cur.whySeen?.add(b.why);
      cur.why.push(b.why);
    }
    if (!cur.ndc) cur.ndc = b.ndc;
    bagTotals.set(key, cur);
  }
  for (const b of bagTotals.values()) {
    const first = b.lines[0];
    const explanation = sentence`${b.entry.hcpcs} x${b.units}: ${b.why.length === 1 ? b.why[0] : b.why.join(', ')}, one unit per ${b.entry.unitKind === 'up_to' ? sentence`${shown(b.entry.unitAmount ?? 0)} mL or part of it` : 'bag'}.`;
    const rows = distinctRows(b.lines);
    out.push(codeLine('hcpcs', b.entry.hcpcs, b.units, [], first.row, rows, dayText(first.day), b.entry.name, explanation, b.ndc || undefined));
  }
}

/**
 * An encounter's drug totals in the order of their first lines, one per drug (its first unit size) and date. Most
 * encounters have a few: they are searched, with no key to build (a key string and a map per encounter were
 * 17 MB per 100,000 rows); past 16, a map by key finds them.
 */
class DrugTotals {
  readonly list: DrugTotal[] = list();
  private byKey: Map<string, DrugTotal> | null = null;
  private static readonly SEARCHED = 16;

  find(drug: DrugEntry, day: number | null): DrugTotal | undefined {
    if (this.byKey) return this.byKey.get(totalKey(drug, day));
    const list = this.list;
    for (let k = 0; k < list.length; k++) {
      const t = list[k];
      // As the key: an HCPCS code holds no `|`, nor does a day, so equal fields are an equal key.
      const first = keyEntry(t);
      if (t.day === day && first.hcpcs === drug.hcpcs && first.name === drug.name) return t;
    }
    return undefined;
  }

  add(t: DrugTotal): void {
    this.list.push(t);
    if (this.byKey) this.byKey.set(totalKey(keyEntry(t), t.day), t);
    else if (this.list.length > DrugTotals.SEARCHED) {
      this.byKey = new Map();
      for (const u of this.list) this.byKey.set(totalKey(keyEntry(u), u.day), u);
    }
  }
}

/** The entry a total is found by: its largest unit size, else its entry. */
function keyEntry(t: DrugTotal): DrugEntry {
  return t.sizes ? t.sizes[0] : t.entry;
}

function totalKey(drug: DrugEntry, day: number | null): string {
  return `${drug.hcpcs}|${drug.name}|${day}`;
}

/**
 * Adds a line's amount to its drug's total of the date (one HCPCS line per drug per date of service). Not nested in
 * assignDrugLines: a nested function holds that function's variables in a context object made on every call.
 */
function addTotal(totals: DrugTotals, entry: DrugEntry, dated: DatedEntry, line: Line, amount: number, medicareLike: boolean): void {
  const sizes = unitSizes(dated, entry);
  // No waste modifier existed before JW (2017-01-01): nothing to document then.
  const wasteApplies = medicareLike && entry.singleDose && (line.day === null || line.day >= JW_FROM_DAY);
  let t = totals.find(sizes ? sizes[0] : entry, line.day);
  if (!t) {
    // A list of the first line: most drugs have one line a date (a list grown by push reserved room for 16 more).
    t = { entry, sizes, day: line.day, lines: [line], total: 0, waste: 0, wasteApplies };
    totals.add(t);
  } else t.lines.push(line);
  t.total += amount;
  if (wasteApplies) {
    const w = readWaste(line, entry);
    if (w === 'unreadable') {
      line.findings.add('unparseable-dose', 'waste', { variant: 'waste', waste: cellText(line.input.values.waste), drug: entry.name });
      t.waste = null;
    } else if (w === null || t.waste === null) t.waste = null;
    else t.waste += w;
  }
}

/**
 * A bag that runs: an infusion, or a keep-vein-open fluid (no code of its own, mode null, but its bag is listed): a
 * KVO bag paused and restarted (a FHIR segment `partOf` it, charting only its 20 mL/hr) is one bag, and its later
 * segment's rate x time was billed as a second bag (J7050 beside the J7030).
 */
const runs = (s: Service) => s.mode === 'infusion' || s.category === 'kvo';

/**
 * Lines without a dose of their own that continue an earlier line of the same drug on the same access which has
 * one (RULES.md 5.3: a paused and restarted bag); null when there are none (most encounters).
 */
function restartedLines(services: Service[]): Set<Line> | null {
  // Only a line with no dose of its own can be a restart: most encounters have none, and need no table.
  let candidates = false;
  for (const s of services) if (!s.line.hasOwnDose && runs(s)) candidates = true;
  if (!candidates) return null;
  let firstDosed: Map<string, Line> | null = null;
  for (const s of services) {
    const l = s.line;
    if (!l.hasOwnDose || l.start === null || !runs(s)) continue;
    const key = `${l.identity}|${l.site}`;
    const first = (firstDosed ??= new Map()).get(key);
    if (first === undefined || l.start < (first.start as number)) firstDosed.set(key, l);
  }
  if (!firstDosed) return null;
  let out: Set<Line> | null = null;
  for (const s of services) {
    const l = s.line;
    // Only a line with nothing to bill from (no dose, volume, or a fluid's rate): a restarted fluid's rate still gives
    // its volume, unless its bag's volume was charted (one 1000 mL bag, whatever ran of it: a segment of the same
    // bag adds none); a drug's rate alone (a paused bag's later segment) bills nothing of its own.
    if (l.hasOwnDose || l.dose !== null || l.volumeMl !== null || l.start === null || !runs(s)) continue;
    const first = firstDosed.get(`${l.identity}|${l.site}`);
    if (first === undefined || (first.start as number) >= l.start) continue;
    const bagCharted = first.bag !== '' && first.bag === l.bag && (first.dose?.amount?.dim === 'volume' || first.dose?.bagMl != null || first.volumeMl !== null);
    if (l.rate !== null && l.fluid !== null && !bagCharted) continue;
    (out ??= new Set()).add(l);
  }
  return out;
}

/** The solution a drug cell names as its carrier (`magnesium sulfate 2 g in 500 mL D5W`), or null. */
/** The solution written after a premix's volume (`heparin 25,000 units/250 mL D5W`, `vancomycin 1 g/250 mL D5W`), or null. */
function carrierAfterVolume(drugText: string, catalog: DrugCatalog): FluidMatch | null {
  const after = /\/\s*\d+(?:\.\d+)?\s*ml\b\s*(.+)$/i.exec(drugText)?.[1];
  return after ? catalog.fluid(after) : null;
}

/**
 * Two lines hung together: starts within a few minutes (a bag and its drug charted on two rows, `09:00` and
 * `09:02`), or two rows without times (read as one bag: billed twice is the worse mistake).
 */
function hungTogether(a: Line, b: Line): boolean {
  if (a.start === null || b.start === null) return a.start === b.start;
  return Math.abs(a.start - b.start) <= HUNG_TOGETHER_SECONDS;
}
const HUNG_TOGETHER_SECONDS = 5 * 60;

function carrierIn(drugText: string, catalog: DrugCatalog): FluidMatch | null {
  const text = carrierText(drugText, '', catalog)?.text ?? drugText; // `D5W 500 mL + magnesium sulfate 2 g` too
  const at = text.toLowerCase().lastIndexOf(' in ');
  return at < 0 ? null : catalog.fluid(text.slice(at + 4));
}

/** A paused bag restarted within this many seconds of its last segment's stop; a later dose is a new bag. */
const RESTART_GAP_SECONDS = 4 * 3600;

/**
 * Later segments of a paused and restarted bag that repeat the bag's dose (RULES.md 5.3: rows sharing the order or
 * bag value, or noted as paused, are one administration): the same dose written again was given once. A different
 * dose, or one long after (a q12h dose of one order), is a dose of its own. Null when there are none.
 */
function restatedLines(services: Service[]): Set<Line> | null {
  if (!repeatsDosedInfusion(services)) return null;
  const dosed: Line[] = [];
  let joinable = false; // a bag value or a pause noted: without either no dose is a restatement
  for (const s of services) {
    if (!isDosedInfusion(s)) continue;
    dosed.push(s.line);
    if (!joinable && (s.line.bag !== '' || notesAPause(s.line))) joinable = true;
  }
  if (!joinable) return null;
  dosed.sort((a, b) => (a.start as number) - (b.start as number) || a.order - b.order);
  const latest = new Map<string, Line>();
  let out: Set<Line> | null = null;
  for (const l of dosed) {
    const key = `${l.identity}|${l.site}`;
    const before = latest.get(key);
    latest.set(key, l);
    if (!before) continue;
    const sameBag = l.bag !== '' && l.bag === before.bag;
    const sameDose = (l.text.dose ?? '') === (before.text.dose ?? '') && l.drugText === before.drugText;
    const gap = (l.start as number) - (before.stop ?? (before.start as number));
    if ((sameBag || notesAPause(l)) && sameDose && gap <= RESTART_GAP_SECONDS) (out ??= new Set()).add(l);
  }
  return out;
}

function isDosedInfusion(s: Service): boolean {
  return s.mode === 'infusion' && s.line.hasOwnDose && s.line.start !== null;
}

/** Do two dosed infusions name one drug? A few are compared pairwise (most encounters: none, and nothing is made). */
function repeatsDosedInfusion(services: Service[]): boolean {
  if (services.length > 16) {
    const dosed = services.filter(isDosedInfusion);
    return new Set(dosed.map((s) => s.line.identity)).size < dosed.length;
  }
  for (let i = 1; i < services.length; i++) {
    if (!isDosedInfusion(services[i])) continue;
    for (let j = 0; j < i; j++) if (isDosedInfusion(services[j]) && services[i].line.identity === services[j].line.identity) return true;
  }
  return false;
}

/** The rows of `lines`, each once, in order (most drug lines have one row). */
function distinctRows(lines: Line[]): number[] {
  if (lines.length === 1) return [lines[0].row];
  if (lines.length === 2) return lines[0].row === lines[1].row ? [lines[0].row] : [lines[0].row, lines[1].row];
  return keptRows([...new Set(lines.map((l) => l.row))]);
}

/** Where a finding about a row's NDC goes: the NDC cell when the sheet has an NDC column, else the drug cell. */
export function ndcFindingField(input: InputRow): Field {
  return input.columns?.ndc !== undefined ? 'ndc' : 'drug';
}

/**
 * Rows of one drug in effect that differ from the entry only by unit size (methotrexate 5 mg / 50 mg;
 * methylprednisolone acetate 20 / 40 / 80 mg before 2024-04-01), largest unit first; null (just the entry) when
 * none does. Rows that differ by class or indication (leuprolide J9217 / J1950) are the rules' pick.
 */
function unitSizes(dated: DatedEntry, entry: DrugEntry): readonly DrugEntry[] | null {
  if (dated.candidates.length < 2 || entry.unitKind !== 'per' || !entry.unitUom) return null;
  const sizes = dated.candidates.filter(
    (c) => c.drugClass === entry.drugClass && c.antineoplastic === entry.antineoplastic && c.unitKind === 'per' && c.unitUom === entry.unitUom && c.unitAmount,
  );
  return sizes.length < 2 ? null : sizes.sort((a, b) => (b.unitAmount as number) - (a.unitAmount as number));
}

/** The largest unit that bills the day's total in whole units, else the smallest unit. */
function unitSize(sizes: readonly DrugEntry[] | null, entry: DrugEntry, total: number): DrugEntry {
  if (!sizes) return entry;
  return sizes.find((c) => Number.isInteger(Math.round((total / (c.unitAmount as number)) * 1e6) / 1e6)) ?? sizes[sizes.length - 1];
}

/**
 * Volume of an IV solution line: the dose's volume, its bag, the volume in the drug name (`NS 1000`), else
 * the documented rate times the running time (RULES.md §6.3: a computed volume counts like a documented one).
 */
function fluidVolume(line: Line): number | null {
  const d = line.dose;
  if (d?.amount?.dim === 'volume') return d.bagMl !== null && d.bagMl > d.amount.value ? d.bagMl : d.amount.value;
  if (d?.bagMl) return d.bagMl;
  if (d?.unitlessValue && !d.amount) return d.unitlessValue; // a bare `1000` on a fluid line is mL
  return line.fluid?.nameMl ?? rateVolume(line) ?? (line.drug?.entry.drugClass === 'H' && line.drug.entry.unitUom === 'ml' ? line.drug.entry.unitAmount : null);
}

/** mL/hr from the rate column times the line's minutes, or null. */
function rateVolume(line: Line): number | null {
  const mlPerHour = line.rate?.mlPerHour;
  return mlPerHour && mlPerHour > 0 && line.minutes ? (mlPerHour * line.minutes) / 60 : null;
}
