/**
 * The drug catalog: finds a catalog entry for the drug text a row documents (generic or brand names,
 * salts, words in parentheses, misspellings, contrast concentrations), and recognises IV solutions and
 * splits their volume into billable bags. Built from plain entries (built-in table plus the user's map).
 */
import { list, mapped } from '../arrays';
import { IODINATED_AGENTS, LOCM_BANDS } from '../data/contrast';
import { BIOSIMILAR_CODES, DRUG_SPELLINGS, PRODUCT_PARTNER_WORDS, SALT_SPECIFIC_BASES } from '../data/drugNames';
import { FLUID_SPELLINGS, OTHER_STRENGTH_SOLUTIONS } from '../data/fluids';
import { formatDay } from '../values/date';
import { BUILT_IN_DRUGS } from './drugs2026';

export type UnitUom = 'mg' | 'mcg' | 'g' | 'ml' | 'units' | 'meq';
/** T therapeutic, C chemotherapy/complex biologic, H hydration fluid, X contrast, F line-patency flush. */
export type DrugClass = 'T' | 'C' | 'H' | 'X' | 'F';
/** RULES.md §3.3: hormonal anti-neoplastics take 96402 for cancer, non-hormonal ones 96401; null: not stated. */
export type Antineoplastic = 'hormonal' | 'non-hormonal' | null;

/** One catalog row (drugs-2026.csv columns; the user's drug map may set every one). */
export interface DrugEntry {
  name: string;
  synonyms: string[];
  hcpcs: string;
  /** Billing unit amount (`250` for "per 250 mg"), null for unclassified (noc) codes. */
  unitAmount: number | null;
  unitUom: UnitUom | null;
  unitKind: 'per' | 'up_to' | 'noc';
  drugClass: DrugClass;
  antineoplastic: Antineoplastic;
  /** Single-dose container (JW/JZ apply); false also when unknown. */
  singleDose: boolean;
  /** First date of service the code is valid (yyyy-mm-dd), null: since before the catalog's sources. */
  effectiveFrom: string | null;
  /** Last date of service the code is valid (yyyy-mm-dd), null: still current. */
  effectiveTo: string | null;
  /** HCPCS codes this row replaced (J2506 replaces J2505). */
  replaces: string[];
  /** Where the code and billing unit come from (pages, files); empty for a user row without one. */
  source: string;
  notes: string;
}

/** A catalog row from its name, code and any other columns; the rest take the blank CSV values. */
export function drugEntry(fields: Pick<DrugEntry, 'name' | 'hcpcs'> & Partial<DrugEntry>): DrugEntry {
  return {
    synonyms: [], unitAmount: null, unitUom: null, unitKind: 'noc', drugClass: 'T', antineoplastic: null, singleDose: false,
    effectiveFrom: null, effectiveTo: null, replaces: [], source: '', notes: '', ...fields,
  };
}

/** The row of a drug that applies on a date of service. */
export interface DatedEntry {
  /** The first candidate; when no row is in effect, the drug's current row. */
  entry: DrugEntry;
  /**
   * Every row of the drug in effect on the date, table order: several when they differ by indication
   * (leuprolide J9217 for cancer, J1950 otherwise) or by unit size (methotrexate J9250 / J9260).
   * A row replaced by another candidate (`replaces`) is left out. Just the entry when none is in effect.
   */
  candidates: readonly DrugEntry[];
  /** True when no row of the drug is in effect on the date (`code-not-effective`). */
  notEffective: boolean;
}

export interface DrugMatch extends DatedEntry {
  /** True when the text matched only as a misspelling: say so in a finding. */
  guessed: boolean;
  /** The catalog name or synonym that matched (its catalog spelling). */
  text: string;
}

/** A date of service: a day number (days since 1970-01-01), `yyyy-mm-dd`, or null / undefined (no date: current rows). */
export type ServiceDate = number | string | null | undefined;

function isoDate(date: ServiceDate): string | null {
  if (typeof date === 'number') return formatDay(date) || null;
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return null;
}

/** Whether a row is in effect on a yyyy-mm-dd date (ISO dates compare as text). */
export function inEffect(entry: DrugEntry, iso: string): boolean {
  return (entry.effectiveFrom === null || entry.effectiveFrom <= iso) && (entry.effectiveTo === null || iso <= entry.effectiveTo);
}

export interface FluidMatch {
  /** Family name (the catalog name without its volume), e.g. `normal saline`. */
  family: string;
  /** A volume written in the drug name (`NS 1000`, `normal saline 500 mL`), else null. */
  nameMl: number | null;
  /** Billable lines for a volume: fixed bags largest first, or ceil(volume / unit) for per/up-to codes. */
  bags(volumeMl: number): { entry: DrugEntry; units: number }[];
}

/** A catalog name or synonym: which entry it names and how it is spelled there. */
interface Key {
  entry: DrugEntry;
  text: string;
  fluid: boolean;
  /** A solution of another strength than the isotonic families (`hypertonic saline`). */
  otherStrength: boolean;
  /** The distinctive salts the entry's name states (`acetate`), to turn down a text naming another salt. */
  salts: string[];
  /**
   * The product-partner words (PRODUCT_PARTNER_WORDS) the entry's name and synonyms carry, to turn down a text
   * naming another product of the drug (`daratumumab and hyaluronidase` is not daratumumab).
   */
  partners: ReadonlySet<string>;
}

/** The row to show when none is in effect: the entry if it is still open-ended, else the latest row. */
function currentRow(entry: DrugEntry, group: readonly DrugEntry[]): DrugEntry {
  if (entry.effectiveTo === null) return entry;
  let best = entry;
  for (const e of group) {
    if (e.effectiveTo === null) return e;
    if (best.effectiveTo !== null && e.effectiveTo > best.effectiveTo) best = e;
  }
  return best;
}

interface Family {
  name: string;
  entries: DrugEntry[];
  bags(volumeMl: number): { entry: DrugEntry; units: number }[];
}

/** Salt words ignored in matching (not where the salt is the drug: those names match whole first). */
const SALTS = new Set([
  'sodium', 'disodium', 'hydrochloride', 'hcl', 'hydrobromide', 'sulfate', 'sulphate', 'phosphate', 'succinate',
  'acetate', 'citrate', 'mesylate', 'tartrate', 'bitartrate', 'maleate', 'fumarate', 'besylate', 'trihydrate',
  'monohydrate', 'dihydrate', 'anhydrous',
]);

/** Salts that name a different product of the same base (methylprednisolone acetate is not the succinate). */
const DISTINCT_SALTS = new Set(['acetate', 'succinate', 'sulfate', 'sulphate', 'phosphate', 'citrate', 'mesylate', 'tartrate', 'bitartrate', 'maleate', 'fumarate', 'besylate', 'hydrobromide']);

function distinctSalts(words: string[]): string[] {
  return words.filter((w) => DISTINCT_SALTS.has(w)).map((w) => (w === 'sulphate' ? 'sulfate' : w));
}

/** Words that may be joined to a drug name by `-` or `/` without making it another drug (`vancomycin/NS`). */
const JOIN_OK = new Set([
  ...SALTS, 'iv', 'im', 'sq', 'sc', 'ivpb', 'ivp', 'push', 'drip', 'infusion', 'inj', 'injection', 'premix', 'premixed',
  'bag', 'solution', 'soln', 'sol', 'saline', 'dextrose', 'water', 'ns', 'nss', 'lr', 'd5w', 'nacl', 'chloride', 'pf', 'vial',
  'dose', 'bolus', 'load', 'loading', 'maintenance', 'flush',
]);

const MGI_RE = /(\d{3})\s*(?:mg\s*i\b|mgi\b|mg\s*iodine|mg\/ml)/;
const OTHER_STRENGTH_RE = OTHER_STRENGTH_SOLUTIONS.values;
const VOLUME_RE = /(?<![\w.])(\d+(?:\.\d+)?)\s*(ml|mls|cc|l|liters?|litres?)(?![a-z])/;
const BARE_VOLUME_RE = /(?<![\w.%/])(\d{2,4})(?![\d.%/]|\s*%)/;
const VOLUME_ANY_RE = /(?<![\w.])\d+(?:\.\d+)?\s*(?:ml|mls|cc|l|liters?|litres?)(?![a-z])/gi;
const MAX_KEY_WORDS = 8;

/** Lower case, no accents or apostrophes, punctuation as spaces (keeps `0.9%`); `\u0001` marks a `-`/`/` joint. */
function normalize(text: string): string {
  let s = text.toLowerCase();
  if (/[^\x00-\x7f]/.test(s)) s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  s = s
    .replace(/['’`]/g, '')
    // `Vitamin B-12`, `K-1`: one letter and its number are one word (`b12`), not a drug joined to another (as
    // two words, `vitamin b 12` was guessed as vitamin K, J3430 instead of J3420).
    .replace(/\b([a-z])\s*-\s*(\d{1,2})\b/g, '$1$2')
    .replace(/\b(vitamin|vit)\s+([a-z])\s+(\d{1,2})\b/g, '$1 $2$3')
    .replace(/([a-z0-9%])\s*[-/+]\s*(?=[a-z0-9.])/g, '$1 \u0001 ')
    .replace(/[^a-z0-9.%\u0001]+/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s;
}

/** The words of a normalised text and, per word, whether it was joined to the previous one by `-` or `/`. */
function splitWords(norm: string): { words: string[]; joined: boolean[] } {
  const words: string[] = [];
  const joined: boolean[] = [];
  let join = false;
  for (const w of norm.split(' ')) {
    if (w === '') continue;
    if (w === '\u0001') {
      join = words.length > 0;
      continue;
    }
    words.push(w);
    joined.push(join);
    join = false;
  }
  return { words, joined };
}

/** The key form of a name: normalised words joined by single spaces. */
function keyOf(text: string): string {
  return splitWords(normalize(text)).words.join(' ');
}

function stripSalts(words: string[]): string[] {
  return words.filter((w) => !SALTS.has(w));
}

/** The letters a-z a text uses, one bit each. */
function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) mask |= 1 << c;
  }
  return mask;
}

function bitCount(n: number): number {
  let count = 0;
  for (let v = n; v !== 0; v &= v - 1) count++;
  return count;
}

/** Optimal-string-alignment (restricted Damerau-Levenshtein) distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/**
 * Whether a candidate within the edit distance of a name is another word rather than a slip: a word whose first
 * letter differs, or a word further from its counterpart than its own length allows. Drug names that share a stem
 * differ in their first letters (`gemtuzumab` is not alemtuzumab, `teplizumab` not mepolizumab) and a short word
 * is a word of its own (`vitamin D` is not vitamin K): a typing slip keeps a word's first letter.
 */
function slipsAcrossWords(candidate: string, key: string): boolean {
  const a = candidate.split(' ');
  const b = key.split(' ');
  // A word more or fewer: a slip joins or splits words, never drops a short one (`vitamin` is not vitamin K).
  if (a.length !== b.length) return a[0][0] !== b[0][0] || [...a, ...b].some((w) => w.length <= 2);
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing++;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const x = soundsAlike(a[i]);
    const y = soundsAlike(b[i]);
    // The first two letters swapped (`apclitaxel`) is a slip too.
    if (x[0] !== y[0] && !(x[0] === y[1] && x[1] === y[0])) return true;
    // A short word (`lok`, `aicd`, a biosimilar's `dyby`) may take one slip when every other word is exact.
    const letters = y.replace(/[^a-z]/g, '').length;
    const tol = Math.max(tolerance(letters), differing === 1 && a.length > 1 && letters >= 3 ? 1 : 0);
    if (editDistance(x, y, tol) > tol) return true;
  }
  return false;
}

/** A word as it sounds at its start: `ph` is written `f` (`Fenergan` for Phenergan). */
function soundsAlike(word: string): string {
  return word.startsWith('ph') ? `f${word.slice(2)}` : word;
}

/** Misspelling tolerance for a name of this many letters (0: exact only). */
function tolerance(letters: number): number {
  return letters >= 8 ? 2 : letters >= 5 ? 1 : 0;
}

function fluidName(entry: DrugEntry): string {
  return entry.name.replace(VOLUME_ANY_RE, ' ').replace(/\s+/g, ' ').trim();
}

function makeFamily(name: string, entries: DrugEntry[]): Family {
  const sized = new Map<number, DrugEntry>();
  for (const e of entries) {
    if (e.unitUom === 'ml' && e.unitAmount !== null && e.unitAmount > 0 && !sized.has(e.unitAmount)) sized.set(e.unitAmount, e);
  }
  const sizes = [...sized.keys()].sort((a, b) => b - a);
  // The bags of a volume, per volume: asked of every fluid line, and a sheet's fluids come in few volumes (the
  // lists are only read). Bounded like the other caches.
  const known = new Map<number, { entry: DrugEntry; units: number }[]>();
  const bags = (volumeMl: number): { entry: DrugEntry; units: number }[] => {
    if (typeof volumeMl !== 'number') return bagsOf(volumeMl);
    let hit = known.get(volumeMl);
    if (hit === undefined) {
      hit = bagsOf(volumeMl);
      if (known.size >= 10000) known.clear();
      known.set(volumeMl, hit);
    }
    return hit;
  };
  const bagsOf = (volumeMl: number): { entry: DrugEntry; units: number }[] => {
    if (typeof volumeMl !== 'number' || !Number.isFinite(volumeMl) || volumeMl <= 0) return list();
    if (sizes.length === 0) return entries.length > 0 ? [{ entry: entries[0], units: 1 }] : list();
    if (sizes.length === 1) return [{ entry: sized.get(sizes[0]) as DrugEntry, units: Math.ceil(volumeMl / sizes[0] - 1e-9) }];
    // Fixed bag sizes: the largest bags first, then the smallest bag that holds what is left.
    const units = new Map<number, number>();
    let rest = volumeMl;
    for (const size of sizes) {
      const n = Math.floor(rest / size + 1e-9);
      if (n > 0) {
        units.set(size, n);
        rest -= n * size;
      }
    }
    if (rest > 1e-6) {
      let fit = sizes[0];
      for (const size of sizes) if (size >= rest) fit = size;
      units.set(fit, (units.get(fit) ?? 0) + 1);
    }
    return mapped(sizes.filter((s) => units.has(s)), (s) => ({ entry: sized.get(s) as DrugEntry, units: units.get(s) as number }));
  };
  return { name, entries, bags };
}

/** Dose units: a name that is one of these once its salt is dropped (`Mg sulfate`) is not looked up by it. */
const UNIT_WORDS = new Set(['mg', 'g', 'gm', 'mcg', 'ml', 'l', 'cc', 'u', 'iu', 'unit', 'units', 'meq', 'kg']);

/** Words of a drug text searched for misspelt names (a drug cell names its drug in its first few words). */
const MAX_MISSPELT_WORDS = 24;

export class DrugCatalog {
  readonly entries: readonly DrugEntry[];
  /** Normalised name/synonym (and its salt-free form) -> key; the first entry to claim a key keeps it. */
  private readonly keys = new Map<string, Key>();
  private readonly byCode = new Map<string, DrugEntry>();
  private readonly guessKeys: { key: string; letters: number; words: number; mask: number; target: Key }[] = [];
  private readonly families: Family[] = [];
  private readonly familyAliases = new Map<string, Family>();
  /** Every row of one drug (the rows sharing a normalised name: dated versions, indications, unit sizes). */
  private readonly groups = new Map<DrugEntry, readonly DrugEntry[]>();
  /** Per text: its undated match, and whether that is a plain entry (no dated rows: the answer for every date). */
  private readonly lookupCache = new Map<string, { match: DrugMatch | null; plain: boolean }>();
  private readonly parentCache = new Map<string, DrugEntry | null>();
  private readonly partnerCache = new Map<DrugEntry, ReadonlySet<string>>();
  /** Matches of dated or multi-row drugs per text and date (`text \u0000 yyyy-mm-dd`). */
  private readonly datedCache = new Map<string, DrugMatch | null>();
  private readonly fluidCache = new Map<string, FluidMatch | null>();
  private static builtInCatalog: DrugCatalog | null = null;
  /** The entries before any additions, the user's aliases, and the additions (see the constructor). */
  private readonly own: readonly DrugEntry[];
  private readonly aliases: readonly [string, DrugEntry][];
  private readonly additions: readonly DrugEntry[];

  /**
   * @param entries earlier entries win a shared name or synonym.
   * @param aliases extra spellings for entries (used by withEntries: a replaced built-in's synonyms).
   * @param additions entries from a CMS file (withAdditions): they take only the names and synonyms no entry or
   *   alias above answers, and never join another entry's drug (its dated rows, its candidates).
   */
  constructor(entries: readonly DrugEntry[], aliases: readonly [string, DrugEntry][] = [], additions: readonly DrugEntry[] = []) {
    this.entries = Object.freeze([...entries, ...additions]);
    this.own = entries;
    this.aliases = aliases;
    this.additions = additions;
    // A name with a parenthesised qualifier (`leuprolide acetate (for depot suspension)`) is also found by the
    // words outside it (`leuprolide acetate`, `leuprolide`), but only when no other drug shares those words:
    // `immune globulin` names a dozen products (`immune globulin (privigen)` ...) and stays unmatched.
    const outsideOwners = new Map<string, Set<string>>();
    for (const e of this.entries) {
      if (e.name.indexOf('(') < 0) continue;
      const outside = keyOf(e.name.replace(/\([^()]*\)?/g, ' '));
      if (outside === '') continue;
      const owners = outsideOwners.get(outside) ?? new Set<string>();
      owners.add(keyOf(e.name));
      outsideOwners.set(outside, owners);
    }
    this.index(entries, outsideOwners);
    for (const [text, entry] of aliases) this.add(text, entry);
    // Charted abbreviations the catalog rows don't carry (`Vanc`, `Mag sulfate`): after every name and synonym,
    // so a spelling the user's map gives another drug keeps it.
    for (const [name, spellings] of Object.entries(DRUG_SPELLINGS.values)) {
      const entry = entries.find((e) => keyOf(e.name) === keyOf(name));
      if (entry) for (const s of spellings) this.add(s, entry);
    }
    this.index(additions, outsideOwners);
    this.buildFamilies();
  }

  /** Indexes a name or synonym of an entry; a key already taken keeps its entry. */
  private add(text: string, entry: DrugEntry): void {
    const { words } = splitWords(normalize(text));
    if (words.length === 0) return;
    const target: Key = {
      entry, text, fluid: entry.drugClass === 'H', otherStrength: OTHER_STRENGTH_RE.test(`${entry.name} ${text}`.toLowerCase()),
      salts: distinctSalts(splitWords(normalize(entry.name)).words),
      partners: this.partnersOf(entry),
    };
    const key = words.join(' ');
    if (!this.keys.has(key)) {
      this.keys.set(key, target);
      const letters = key.replace(/[^a-z]/g, '').length;
      if (letters >= 5 && !/\d/.test(key)) this.guessKeys.push({ key, letters, words: words.length, mask: letterMask(key), target });
    }
    const bare = stripSalts(words).join(' ');
    // `Mg sulfate` without its salt is `mg`: a dose unit in every dose text, never a drug name on its own. A base
    // whose salts are other products (`methylprednisolone`: the acetate is J1010, the succinate is not in the
    // catalog) names none of them: `methylprednisolone 125 mg IV` was billed as Depo-Medrol.
    if (bare !== '' && bare !== key && !UNIT_WORDS.has(bare) && !SALT_SPECIFIC_BASES.values.has(bare) && !this.keys.has(bare)) {
      this.keys.set(bare, target);
    }
  }

  /** The product-partner words of an entry's name and synonyms (most entries: none). */
  private partnersOf(entry: DrugEntry): ReadonlySet<string> {
    let partners = this.partnerCache.get(entry);
    if (!partners) {
      const found = new Set<string>();
      for (const t of [entry.name, ...entry.synonyms]) {
        for (const w of splitWords(normalize(t)).words) if (PRODUCT_PARTNER_WORDS.values.has(w)) found.add(w);
      }
      partners = found;
      this.partnerCache.set(entry, partners);
    }
    return partners;
  }

  /** The names, synonyms, codes and drug groups of a run of entries (earlier entries win a shared key). */
  private index(entries: readonly DrugEntry[], outsideOwners: ReadonlyMap<string, ReadonlySet<string>>): void {
    const byName = new Map<string, DrugEntry[]>();
    for (const e of entries) {
      this.add(e.name, e);
      for (const s of e.synonyms) {
        this.add(s, e);
        // `5-FU`, `CPT-11` are also written `5FU`, `CPT11`.
        const { words } = splitWords(normalize(s));
        if (words.length > 1 && words.length <= 3 && words.some((w) => /\d/.test(w))) this.add(words.join(''), e);
      }
      if (!this.byCode.has(e.hcpcs)) this.byCode.set(e.hcpcs, e);
      const name = keyOf(e.name);
      const group = byName.get(name);
      if (group) group.push(e);
      else byName.set(name, [e]);
    }
    // A combination product named with its hyaluronidase's or conjugate's suffix (`trastuzumab and
    // hyaluronidase-oysk`, `polatuzumab vedotin-piiq`) is also found without it, unless another row has that
    // name. A single generic without its suffix stays the reference product (`trastuzumab` is not Q5146).
    for (const e of entries) {
      const base = /^(.+ .+)-[a-z]{4}$/i.exec(e.name.trim());
      if (base && !this.keys.has(keyOf(base[1]))) this.add(base[1], e);
    }
    // A reference product named with its own suffix (`ravulizumab-cwvz`, `cemiplimab-rwlc`: FDA names every new
    // biologic so since 2017) is also found by its generic alone, when it is the one row of that generic and not a
    // biosimilar: `cemiplimab` was an unknown drug. `trastuzumab` stays J9355, never a biosimilar's row.
    const suffixed = new Map<string, DrugEntry[]>();
    for (const e of entries) {
      const m = /^([a-z]+)-[a-z]{4}$/i.exec(e.name.trim());
      if (m) suffixed.set(keyOf(m[1]), [...(suffixed.get(keyOf(m[1])) ?? []), e]);
    }
    for (const [generic, rows] of suffixed) {
      const names = new Set(rows.map((e) => keyOf(e.name)));
      if (names.size === 1 && !rows.some((e) => BIOSIMILAR_CODES.values.test(e.hcpcs)) && !this.keys.has(generic)) this.add(generic, rows[0]);
    }
    // A conjugate named without its USAN prefix (`trastuzumab emtansine`, the INN of `ado-trastuzumab
    // emtansine`): it was read as trastuzumab (J9355), a tenth of the units of another drug.
    for (const e of entries) {
      const rest = /^(?:ado|fam)-([a-z].* .+)$/i.exec(e.name.trim()); // USAN's conjugate prefixes only (`low-osmolar` is no prefix)
      if (rest && !this.keys.has(keyOf(rest[1]))) this.add(rest[1], e);
    }
    for (const e of entries) {
      if (e.name.indexOf('(') < 0) continue;
      const outsideText = e.name.replace(/\([^()]*\)?/g, ' ');
      if (outsideOwners.get(keyOf(outsideText))?.size === 1) this.add(outsideText, e);
    }
    for (const group of byName.values()) {
      const frozen = Object.freeze(group);
      for (const e of group) this.groups.set(e, frozen);
    }
  }

  /** The built-in catalog (drugs2026.ts), built once. */
  static builtIn(): DrugCatalog {
    if (!DrugCatalog.builtInCatalog) DrugCatalog.builtInCatalog = new DrugCatalog(BUILT_IN_DRUGS);
    return DrugCatalog.builtInCatalog;
  }

  /**
   * This catalog plus the user's entries. A user entry wins any name or synonym it shares with an entry
   * here; an entry here whose own name the user redefines is replaced (its other synonyms follow the user's).
   */
  withEntries(extra: readonly DrugEntry[]): DrugCatalog {
    if (extra.length === 0) return this;
    const userKeys = new Map<string, DrugEntry>();
    for (const e of extra) {
      for (const t of [e.name, ...e.synonyms]) {
        const k = keyOf(t);
        if (k !== '' && !userKeys.has(k)) userKeys.set(k, e);
      }
    }
    const kept: DrugEntry[] = [];
    const aliases: [string, DrugEntry][] = [];
    for (const e of this.own) {
      const replacement = userKeys.get(keyOf(e.name));
      if (replacement) {
        for (const s of e.synonyms) aliases.push([s, replacement]);
      } else kept.push(e);
    }
    return new DrugCatalog([...extra, ...kept], aliases, this.additions);
  }

  /**
   * This catalog plus codes a CMS file adds (the ASP codes it lacks): each joins without taking a name or
   * synonym this catalog already answers, so the built-in drugs and the user's map keep theirs (`dexamethasone`
   * stays J1100 when the file adds J1094 `dexamethasone acetate`).
   */
  withAdditions(extra: readonly DrugEntry[]): DrugCatalog {
    if (extra.length === 0) return this;
    return new DrugCatalog(this.own, this.aliases, [...this.additions, ...extra]);
  }

  /** The first entry with this HCPCS code (user entries first). */
  byHcpcs(code: string): DrugEntry | null {
    return this.byCode.get(code.trim().toUpperCase()) ?? null;
  }

  /**
   * The catalog entry a drug text names on a date of service, or null. The date picks among the drug's
   * dated rows (J2505 until 2021-12-31, J2506 from 2022-01-01); `candidates` lists every row in effect
   * (leuprolide: J9217 for cancer, J1950 otherwise) for the rules to pick by purpose or diagnosis.
   * Without a date: the current rows. Cached per text (and date, for drugs with several rows).
   */
  /**
   * The catalog drug a text names another product of (`Darzalex Faspro`, `daratumumab and hyaluronidase-fihj` ->
   * daratumumab), or null: the text itself matches no row (PRODUCT_PARTNER_WORDS), but its administration is that
   * drug's kind (a complex biologic stays one).
   */
  parentProduct(text: string): DrugEntry | null {
    // Asked of every row whose drug the catalog lacks (a fluid, an unknown drug): cached per text.
    let parent = this.parentCache.get(text);
    if (parent === undefined) {
      parent = this.findParent(text);
      if (this.parentCache.size > 50000) this.parentCache.clear();
      this.parentCache.set(text, parent);
    }
    return parent;
  }

  private findParent(text: string): DrugEntry | null {
    const words = text.toLowerCase().split(/[^a-z0-9]+/);
    if (!words.some((w) => PRODUCT_PARTNER_WORDS.values.has(w))) return null;
    for (const w of words) {
      if (w.length < 4 || PRODUCT_PARTNER_WORDS.values.has(w)) continue;
      const m = this.lookup(w);
      if (m && !m.guessed) return m.entry;
    }
    return null;
  }

  lookup(text: string, date?: ServiceDate): DrugMatch | null {
    if (typeof text !== 'string') return null;
    let looked = this.lookupCache.get(text);
    if (looked === undefined) {
      let match: DrugMatch | null;
      try {
        match = this.find(text);
      } catch {
        match = null; // never throw on odd text
      }
      // Whether the entry is plain is asked once per text, not once a row (it looked up the entry's group).
      looked = { match, plain: match === null || this.isPlain(match.entry) };
      if (this.lookupCache.size > 50000) this.lookupCache.clear();
      this.lookupCache.set(text, looked);
    }
    if (looked.plain) return looked.match;
    const undated = looked.match as DrugMatch;
    const iso = isoDate(date) ?? '';
    const key = `${text}\u0000${iso}`;
    let dated = this.datedCache.get(key);
    if (dated === undefined) {
      dated = Object.freeze({ ...this.atDate(undated.entry, iso || null), guessed: undated.guessed, text: undated.text });
      if (this.datedCache.size > 50000) this.datedCache.clear();
      this.datedCache.set(key, dated);
    }
    return dated;
  }

  /** Every catalog row a drug text may mean on a date (see lookup); empty when the text names no drug. */
  candidates(text: string, date?: ServiceDate): readonly DrugEntry[] {
    return this.lookup(text, date)?.candidates ?? [];
  }

  /** Every row of the entry's drug (the rows sharing its name), table order. */
  versions(entry: DrugEntry): readonly DrugEntry[] {
    return this.groups.get(entry) ?? [entry];
  }

  /**
   * The row of the entry's drug in effect on a date of service. The entry itself when it is in effect (the
   * rules may have picked it by indication); else the first row in effect of the same class and
   * anti-neoplastic kind, else the first row in effect; else the drug's current row, `notEffective`.
   */
  atDate(entry: DrugEntry, date: ServiceDate): DatedEntry {
    const group = this.versions(entry);
    if (this.isPlain(entry)) return { entry, candidates: group, notEffective: false };
    const iso = isoDate(date);
    let live = group.filter((e) => (iso === null ? e.effectiveTo === null : inEffect(e, iso)));
    // A row replaced by another row in effect (J1300 by J1299, neither dated) is not a candidate.
    live = live.filter((e) => !live.some((other) => other !== e && other.replaces.includes(e.hcpcs)));
    if (live.length > 0) {
      const chosen = live.includes(entry)
        ? entry
        : (live.find((e) => e.drugClass === entry.drugClass && e.antineoplastic === entry.antineoplastic) ?? live[0]);
      return { entry: chosen, candidates: live, notEffective: false };
    }
    // Without a date nothing can be out of effect: the latest row.
    const current = currentRow(entry, group);
    return { entry: current, candidates: [current], notEffective: iso !== null };
  }

  /** A drug with one row and no dates: nothing to pick. */
  private isPlain(entry: DrugEntry): boolean {
    return entry.effectiveFrom === null && entry.effectiveTo === null && this.versions(entry).length === 1;
  }

  /** The IV solution family a drug text names (`NS`, `D5W 500`, `lactated ringers`), or null. Cached per text. */
  fluid(text: string): FluidMatch | null {
    if (typeof text !== 'string') return null;
    const hit = this.fluidCache.get(text);
    if (hit !== undefined) return hit;
    let result: FluidMatch | null = null;
    try {
      result = this.findFluid(text);
    } catch {
      result = null;
    }
    if (this.fluidCache.size > 50000) this.fluidCache.clear();
    this.fluidCache.set(text, result);
    return result;
  }

  private find(text: string): DrugMatch | null {
    const norm = normalize(text);
    const { words, joined } = splitWords(norm);
    if (words.length === 0) return null;
    const lowerRaw = text.toLowerCase();
    const otherStrength = OTHER_STRENGTH_RE.test(lowerRaw);
    // `3% saline` is not normal saline, unless the catalog row itself is that strength (J7131 hypertonic saline).
    const textSalts = distinctSalts(words);
    // `Darzalex Faspro`, `trastuzumab deruxtecan`: a word naming another product of the drug the text names.
    const textPartners = words.filter((w) => PRODUCT_PARTNER_WORDS.values.has(w));
    const accept = (k: Key | undefined): k is Key =>
      k !== undefined &&
      !(k.fluid && otherStrength && !k.otherStrength) &&
      !(textSalts.length > 0 && k.salts.length > 0 && !k.salts.some((salt) => textSalts.includes(salt))) &&
      textPartners.every((w) => k.partners.has(w));
    const match = (k: Key, guessed = false): DrugMatch => Object.freeze({ entry: k.entry, candidates: [k.entry], notEffective: false, guessed, text: k.text });

    const contrast = this.contrast(lowerRaw, words);
    if (contrast) return contrast;

    // 1. The whole text, then without its parentheses, then each parenthesised part, with and without salts.
    const variants = [words];
    if (text.indexOf('(') >= 0) {
      const outside = splitWords(normalize(text.replace(/\([^()]*\)?/g, ' '))).words;
      if (outside.length > 0) variants.push(outside);
      const re = /\(([^()]*)\)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const inner = splitWords(normalize(m[1])).words;
        if (inner.length > 0) variants.push(inner);
      }
    }
    // `rituximab-hyaluronidase`, written like the catalog's `trastuzumab-hyaluronidase`: the row named
    // `rituximab and hyaluronidase` (a whole name only, so `ampicillin-sulbactam` is still what it was).
    if (joined.includes(true)) variants.push(words.flatMap((w, i) => (joined[i] ? ['and', w] : [w])));
    for (const v of variants) {
      const k = this.keys.get(v.join(' '));
      if (accept(k)) return match(k);
    }
    for (const v of variants) {
      const k = this.keys.get(stripSalts(v).join(' '));
      if (accept(k)) return match(k);
    }

    // 2. The longest catalog name found as whole words inside the text (drugs before fluids: `KCl in NS`).
    let best: Key | null = null;
    let bestLen = 0;
    for (let i = 0; i < words.length; i++) {
      const maxLen = Math.min(MAX_KEY_WORDS, words.length - i);
      for (let len = maxLen; len >= 1; len--) {
        const phrase = len === 1 ? words[i] : words.slice(i, i + len).join(' ');
        const k = this.keys.get(phrase);
        if (!accept(k)) continue;
        // Part of a compound with another drug (`ampicillin-sulbactam`): not this drug.
        if (joined[i] && !JOIN_OK.has(words[i - 1])) continue;
        if (i + len < words.length && joined[i + len] && !JOIN_OK.has(words[i + len])) continue;
        const better = !best || (best.fluid && !k.fluid) || (best.fluid === k.fluid && phrase.length > bestLen);
        if (better) {
          best = k;
          bestLen = phrase.length;
        }
        break;
      }
    }
    if (best) return match(best);

    // 3. Misspellings: the whole text (without parentheses) or any run of 1-3 of its words.
    // A run joined by `-` or `/` to another drug word is part of a compound (`ampicillin-sulbactam`): skipped.
    const candidates = new Set<string>();
    for (const v of variants) {
      const bare = stripSalts(v);
      if (bare.length > 0 && bare.length <= MAX_KEY_WORDS) candidates.add(bare.join(' '));
    }
    // Only a drug cell's first words: a pasted note of thousands of words would be compared with every name.
    for (let i = 0; i < Math.min(words.length, MAX_MISSPELT_WORDS); i++) {
      if (SALTS.has(words[i]) || (joined[i] && !JOIN_OK.has(words[i - 1]))) continue;
      for (let len = 1; len <= 3 && i + len <= words.length; len++) {
        const end = i + len;
        if (SALTS.has(words[end - 1])) break;
        if (end < words.length && joined[end] && !JOIN_OK.has(words[end])) continue;
        candidates.add(words.slice(i, end).join(' '));
      }
    }
    let guess: Key | null = null;
    let guessDist = Infinity;
    let guessLetters = 0;
    for (const c of candidates) {
      if (/\d/.test(c) || c.length < 4) continue;
      const mask = letterMask(c);
      for (const g of this.guessKeys) {
        const tol = tolerance(g.letters);
        if (Math.abs(c.length - g.key.length) > tol) continue;
        // One edit adds or removes at most two letters of the alphabet: names far apart in their letters are skipped
        // before the distance is computed (an unknown drug of several words was compared with every name, slowly).
        if (bitCount(mask ^ g.mask) > 2 * tol) continue;
        if (!accept(g.target)) continue;
        const d = editDistance(c, g.key, tol);
        // Distance 0 is a name the steps above turned down (a compound): not a misspelling.
        if (d > 0 && d <= tol && !slipsAcrossWords(c, g.key) && (d < guessDist || (d === guessDist && g.letters > guessLetters))) {
          guess = g.target;
          guessDist = d;
          guessLetters = g.letters;
        }
      }
    }
    return guess ? match(guess, true) : null;
  }

  /** An iodinated agent with a concentration: the LOCM code of its mgI/mL band. */
  private contrast(lowerRaw: string, words: string[]): DrugMatch | null {
    const at = words.findIndex((w) => IODINATED_AGENTS.values.has(w));
    if (at < 0) return null;
    let conc: number | null = null;
    const tagged = MGI_RE.exec(lowerRaw);
    if (tagged) conc = +tagged[1];
    else if (at + 1 < words.length && /^\d{3}$/.test(words[at + 1])) conc = +words[at + 1];
    if (conc === null) return null;
    // The first band (highest first) whose minimum the concentration reaches; below them all, none.
    for (const band of LOCM_BANDS.values) {
      if (conc >= band.minMgIPerMl) {
        const entry = this.byCode.get(band.hcpcs);
        return entry ? Object.freeze({ entry, candidates: [entry], notEffective: false, guessed: false, text: entry.name }) : null;
      }
    }
    return null;
  }

  private buildFamilies(): void {
    const byName = new Map<string, Family>();
    const members = new Map<string, DrugEntry[]>();
    const names = new Map<string, string>();
    for (const e of this.entries) {
      if (e.drugClass !== 'H') continue;
      const display = fluidName(e);
      const key = keyOf(display);
      if (key === '') continue;
      if (!members.has(key)) {
        members.set(key, []);
        names.set(key, display);
      }
      (members.get(key) as DrugEntry[]).push(e);
    }
    for (const [key, list] of members) {
      const fam = makeFamily(names.get(key) as string, list);
      byName.set(key, fam);
      this.families.push(fam);
    }
    const alias = (text: string, fam: Family): void => {
      const k = keyOf(text.replace(VOLUME_ANY_RE, ' ').replace(BARE_VOLUME_RE, ' '));
      if (k !== '' && !this.familyAliases.has(k)) this.familyAliases.set(k, fam);
    };
    // The names and synonyms of the family's entries first, then the built-in extra spellings.
    for (const [key, fam] of byName) {
      alias(key, fam);
      for (const e of fam.entries) {
        alias(e.name, fam);
        for (const s of e.synonyms) alias(s, fam);
      }
    }
    for (const [key, fam] of byName) {
      for (const a of FLUID_SPELLINGS.values[key] ?? []) alias(a, fam);
    }
  }

  private findFluid(text: string): FluidMatch | null {
    const lower = text.toLowerCase().replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
    if (OTHER_STRENGTH_RE.test(lower)) return null;
    let nameMl: number | null = null;
    let rest = lower;
    const v = VOLUME_RE.exec(lower);
    if (v) {
      const unit = v[2];
      nameMl = +v[1] * (unit === 'l' || unit.startsWith('lit') ? 1000 : 1);
      rest = lower.slice(0, v.index) + ' ' + lower.slice(v.index + v[0].length);
    } else {
      const b = BARE_VOLUME_RE.exec(lower);
      if (b && +b[1] >= 25 && +b[1] <= 5000) {
        nameMl = +b[1];
        rest = lower.slice(0, b.index) + ' ' + lower.slice(b.index + b[0].length);
      }
    }
    const { words } = splitWords(normalize(rest));
    if (words.length === 0) return null;
    let fam = this.familyAliases.get(words.join(' ')) ?? null;
    if (!fam) {
      let bestLen = 0;
      for (let i = 0; i < words.length; i++) {
        for (let len = Math.min(MAX_KEY_WORDS, words.length - i); len >= 1; len--) {
          const phrase = words.slice(i, i + len).join(' ');
          const f = this.familyAliases.get(phrase);
          if (f) {
            if (phrase.length > bestLen) {
              fam = f;
              bestLen = phrase.length;
            }
            break;
          }
        }
      }
    }
    if (!fam) return null;
    const family = fam;
    return Object.freeze({ family: family.name, nameMl, bags: (volumeMl: number) => family.bags(volumeMl) });
  }
}
