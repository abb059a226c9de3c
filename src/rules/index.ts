/**
 * The shared rules module: rows of raw cell values in, codes, findings and explanations out.
 * The task pane, the custom functions, the reports and the command line all call `codeRows`.
 */
import { kept, keptRows, list, mapped } from './arrays';
import { assignEncounter, isChemotherapyCode, type SameDayElsewhere } from './assign';
import { DrugCatalog, type DrugMatch } from './catalog/catalog';
import { builtInMue } from './catalog/mue';
import { NotComplexList } from './catalog/notComplex';
import type { ClassifyContext, Service } from './classify';
import { classify, joinShortSegments } from './classify';
import { code, initialServiceFirst, isIvInitial } from './codeTable';
import { IV_SOLUTION_CODES } from './data/lists';
import { cellText, isBlank } from './values/cell';
import { parseDate } from './values/date';
import { parseTime } from './values/time';
import { FINDING_SEVERITY } from './findings';
import { assignDrugLines } from './hcpcs';
import type { Line } from './line';
import { dayText, encounterKey, readLine } from './line';
import type { CodingOptions, CodingOptionsInput } from './options';
import { resolveOptions } from './options';
import type { CodeLine, CodingResult, EncounterResult, Finding, InputRow, RowResult, RowStatus, Setting } from './types';

export * from './types';
export { DEFAULT_OPTIONS, resolveOptions, codingOptionsSchema } from './options';
export type { CodingOptions, CodingOptionsInput } from './options';
export { DrugCatalog } from './catalog/catalog';
export type { DrugEntry, DrugMatch } from './catalog/catalog';
export { NotComplexList } from './catalog/notComplex';
export { FINDING_SEVERITY, FINDING_TITLES } from './findings';
export { CODE_TABLE, CODE_TABLE_EDITION, codeDef } from './codeTable';
export type { CodeDef, CodeFamily, CodeSlot } from './codeTable';
export { OPTION_DESCRIPTORS } from './options';
export type { OptionDescriptor } from './options';
export { renderFinding } from './messages';
import { mergeCodeLines, NO_LINES, NO_MODIFIERS } from './codes';
import { joinSentences, sentence } from './sentences';

/** Tables the user can replace: the drug catalog (built-in + drug map), the MUE values, the not-complex list. */
export interface CodingTables {
  catalog?: DrugCatalog;
  mue?: Map<string, number>;
  /** Drugs coded 96372 instead of 96401/96402 (RULES.md §3.3); absent: NotComplexList.builtIn(). */
  notComplex?: NotComplexList;
}

const BUILT_IN_MUE_TABLE = builtInMue();


interface Encounter {
  id: string;
  lines: Line[];
}

/** Codes every row; never throws on row content, and returns exactly one RowResult per input row. */
export function codeRows(rows: readonly InputRow[], options?: CodingOptionsInput | CodingOptions, tables: CodingTables = {}): CodingResult {
  const opts = resolveOptions(options);
  const catalog = tables.catalog ?? DrugCatalog.builtIn();
  const mue = tables.mue ?? BUILT_IN_MUE_TABLE;

  const inputs = mapped(Array.isArray(rows) ? rows : [], safeRow);

  // Group first, then read and code one encounter at a time, so each encounter's working objects are
  // short-lived (at 100,000 rows, keeping every parsed line alive doubles the garbage collector's work).
  const groups = new Map<string, number[]>();
  for (let i = 0; i < inputs.length; i++) {
    const key = encounterKey(inputs[i].values);
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  }

  const later = laterSameDayEncounters(groups, inputs);
  const notComplex = tables.notComplex ?? NotComplexList.builtIn();
  const ctx: ClassifyContext = { options: opts, notComplex: (entry) => notComplex.has(entry) };
  const rowResults: RowResult[] = new Array(inputs.length);
  const lineContext = { catalog, options: opts };
  const encounterResults: EncounterResult[] = [];
  const separate = [opts.separateEncounterModifier];
  /** The later encounters of a day whose 59 was taken off (the day's first initial service is theirs). */
  const firstAfterAll = new Set<string>();
  const codeOne = (id: string, members: number[], elsewhere?: SameDayElsewhere, unitsBefore?: ReadonlyMap<string, number>) => {
    const lines = mapped(members, (i) => readLine(inputs[i], i, lineContext));
    const initialModifier = later.has(id) && !firstAfterAll.has(id) ? separate : NO_MODIFIERS;
    return codeEncounter({ id, lines }, ctx, catalog, mue, rowResults, initialModifier, elsewhere, unitsBefore);
  };
  // A port irrigation or a pump refill looks at the patient's whole date (RULES.md 5.5, 3.8): an encounter holding
  // one is coded again, rarely, when another encounter of the patient codes on that date. Such encounters are
  // noted as they are coded (a second pass over every result was slow to reach them in memory).
  const withIrrigationOrRefill: number[] = [];
  groups.forEach((members, id) => {
    const result = codeOne(id, members);
    if (result.patient && hasIrrigationOrRefill(result.cpt)) withIrrigationOrRefill.push(encounterResults.length);
    encounterResults.push(result);
  });
  const elsewhereOf = sameDayElsewhere(encounterResults, withIrrigationOrRefill);
  for (const [index, elsewhere] of elsewhereOf) {
    const id = encounterResults[index].id;
    encounterResults[index] = codeOne(id, groups.get(id) ?? [], elsewhere);
  }
  // The later encounter's 59 says it is a second initial service that day: when no earlier encounter of the day
  // coded an initial service (hydration under 31 minutes, an injection, a bundled irrigation), it is the first.
  if (later.size > 0) {
    const indexOf = new Map<string, number>();
    encounterResults.forEach((e, i) => indexOf.set(e.id, i));
    // Per day, the place of its first encounter with an initial service (one pass over each day's encounters).
    const firstInitial = new Map<string[], number>();
    const firstInitialOf = (day: string[]): number => {
      let at = firstInitial.get(day);
      if (at === undefined) {
        const found = day.findIndex((id) => encounterResults[indexOf.get(id)!].cpt.some((c) => isIvInitial(c.code)));
        at = found < 0 ? Infinity : found;
        firstInitial.set(day, at);
      }
      return at;
    };
    for (const [id, { day, position }] of later) {
      if (firstInitialOf(day) < position) continue;
      const index = indexOf.get(id)!;
      firstAfterAll.add(id);
      encounterResults[index] = codeOne(id, groups.get(id) ?? [], elsewhereOf.get(index));
    }
  }
  // An MUE counts a code's units per patient and date of service, whatever the encounter: an encounter that takes
  // the day's total over the limit is coded again, rarely, with the units of the patient's earlier encounters that day.
  for (const [index, unitsBefore] of unitsEarlierThatDay(later, encounterResults, mue, opts.separateEncounterModifier)) {
    const id = encounterResults[index].id;
    encounterResults[index] = codeOne(id, groups.get(id) ?? [], elsewhereOf.get(index), unitsBefore);
  }
  return { encounters: encounterResults, rows: rowResults };
}

/**
 * Per encounter that takes a code over its MUE on a date only with the patient's earlier encounters of that date
 * (in time order), those encounters' units of each such code (`code|date`). Only the days holding two encounters
 * of a patient are looked at (laterSameDayEncounters found them): most sheets have none.
 */
function unitsEarlierThatDay(later: Map<string, SameDay>, encounters: readonly EncounterResult[], mue: Map<string, number>, separate: string): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  if (later.size === 0) return out;
  const indexOf = new Map<string, number>();
  encounters.forEach((e, i) => indexOf.set(e.id, i));
  const days = new Set<string[]>();
  for (const { day } of later.values()) days.add(day);
  for (const day of days) {
    const soFar = new Map<string, number>();
    for (const id of day) {
      const index = indexOf.get(id);
      if (index === undefined) continue;
      const enc = encounters[index];
      // This encounter's own units of each code under an MUE (a code may be on two lines: 96361 and 96361-59).
      const own = new Map<string, { code: string; units: number }>();
      for (const lines of [enc.cpt, enc.hcpcs]) {
        for (const c of lines) {
          // A later encounter's own initial service, marked as one (59 / XE), is the rules' answer, not an excess.
          if (!mue.has(c.code) || c.modifiers.includes(separate)) continue;
          const key = `${c.code}|${c.date}`;
          own.set(key, { code: c.code, units: (own.get(key)?.units ?? 0) + c.units });
        }
      }
      for (const [key, mine] of own) {
        const earlier = soFar.get(key) ?? 0;
        if (earlier > 0 && earlier + mine.units > (mue.get(mine.code) ?? Infinity)) {
          let before = out.get(index);
          if (!before) out.set(index, (before = new Map()));
          before.set(key, earlier);
        }
        soFar.set(key, earlier + mine.units);
      }
    }
  }
  return out;
}

const IRRIGATION_CODE = code('irrigation', 'irrigation');
const REFILL_PORTABLE = code('pump', 'refill-portable');
const REFILL_IMPLANTABLE = code('pump', 'refill-implantable');
const REFILL_CODES = new Set([REFILL_PORTABLE, REFILL_IMPLANTABLE]);

/** Asked of every encounter: a loop of comparisons (a closure and a set lookup per line cost more than the rest). */
function hasIrrigationOrRefill(cpt: readonly CodeLine[]): boolean {
  for (let k = 0; k < cpt.length; k++) {
    const c = cpt[k].code;
    if (c === IRRIGATION_CODE || c === REFILL_PORTABLE || c === REFILL_IMPLANTABLE) return true;
  }
  return false;
}

/**
 * Encounters with a port irrigation (96523) or a pump refill on a date when another encounter of the same patient
 * codes an administration (any, for the irrigation) or a chemotherapy service (for the refill), with those dates.
 * `wanted`: the encounters with a patient and an irrigation or a refill code, in order.
 */
function sameDayElsewhere(encounters: readonly EncounterResult[], wanted: readonly number[]): Map<number, SameDayElsewhere> {
  const out = new Map<number, SameDayElsewhere>();
  if (wanted.length === 0) return out;
  // Per patient and date: which encounters code an administration (other than an irrigation), and a chemotherapy code.
  const byDay = new Map<string, { administration: Set<number>; chemotherapy: Map<number, string> }>();
  encounters.forEach((enc, i) => {
    if (!enc.patient) return;
    for (const c of enc.cpt) {
      const key = `${enc.patient.toLowerCase()}|${c.date}`;
      let day = byDay.get(key);
      if (!day) byDay.set(key, (day = { administration: new Set(), chemotherapy: new Map() }));
      if (c.code !== IRRIGATION_CODE) day.administration.add(i);
      if (isChemotherapyCode(c.code) && !day.chemotherapy.has(i)) day.chemotherapy.set(i, c.code);
    }
  });
  for (const i of wanted) {
    const enc = encounters[i];
    const administrationOn = new Set<string | null>();
    const chemotherapyOn = new Map<string | null, string>();
    for (const c of enc.cpt) {
      const day = byDay.get(`${enc.patient!.toLowerCase()}|${c.date}`);
      if (!day) continue;
      // Another encounter than this one: counted, and the first other chemotherapy code (never a walk of them all,
      // which grew with the square of a date holding many encounters of one patient).
      if (day.administration.size > (day.administration.has(i) ? 1 : 0)) administrationOn.add(c.date);
      if (!chemotherapyOn.has(c.date)) {
        for (const [j, chemo] of day.chemotherapy) {
          if (j === i) continue;
          chemotherapyOn.set(c.date, chemo);
          break;
        }
      }
    }
    const irrigationThen = enc.cpt.some((c) => c.code === IRRIGATION_CODE && administrationOn.has(c.date));
    const refillThen = enc.cpt.some((c) => REFILL_CODES.has(c.code) && chemotherapyOn.has(c.date));
    if (irrigationThen || refillThen) out.set(i, { administrationOn, chemotherapyOn });
  }
  return out;
}

/**
 * RULES.md 4: two encounters of one patient on one date (each with its own encounter value): the later one's
 * initial code takes 59 (option XE). Only encounters that share a patient and date are ordered by their times.
 * Each later encounter with its day's encounters in time order and its place among them.
 */
function laterSameDayEncounters(groups: Map<string, number[]>, inputs: InputRow[]): Map<string, SameDay> {
  const later = new Map<string, SameDay>();
  if (groups.size < 2) return later;
  // Patients first (cheap): only a patient with two encounters or more can have two on one date.
  const byPatient = new Map<string, string[]>();
  // forEach, not for-of (here and below): an entry array per encounter is garbage at 100,000 rows.
  groups.forEach((members, id) => {
    const first = inputs[members[0]].values;
    if (isBlank(first.encounter) || isBlank(first.patient)) return;
    const patient = cellText(first.patient).toLowerCase();
    const list = byPatient.get(patient);
    if (list) list.push(id);
    else byPatient.set(patient, [id]);
  });
  byPatient.forEach((ids, patient) => {
    if (ids.length >= 2) addLaterSameDay(patient, ids, groups, inputs, later);
  });
  return later;
}

/** Adds to `later` the later encounters of each date among one patient's encounters `ids`. */
function addLaterSameDay(patient: string, ids: string[], groups: Map<string, number[]>, inputs: InputRow[], later: Map<string, SameDay>): void {
  const byDay = new Map<string, string[]>();
  for (const id of ids) {
    const first = inputs[(groups.get(id) ?? [])[0]].values;
    const date = parseDate(first.date);
    const day = date.ok ? date.value : (() => {
      const start = parseTime(first.start);
      return start.ok ? start.value.day : null;
    })();
    if (day === null) continue;
    const key = `${patient}|${day}`;
    const list = byDay.get(key);
    if (list) list.push(id);
    else byDay.set(key, [id]);
  }
  for (const sameDay of byDay.values()) {
    if (sameDay.length < 2) continue;
    const starts = sameDay.map((id, order) => ({ id, order, at: earliestStart(groups.get(id) ?? [], inputs) }));
    starts.sort((a, b) => a.at - b.at || a.order - b.order);
    const day = starts.map((s) => s.id);
    for (let k = 1; k < day.length; k++) later.set(day[k], { day, position: k });
  }
}

/** A patient's encounters of one date in time order, and one encounter's place among them. */
interface SameDay {
  day: string[];
  position: number;
}

function earliestStart(members: number[], inputs: InputRow[]): number {
  let best = Infinity;
  for (const i of members) {
    const t = parseTime(inputs[i].values.start);
    if (t.ok) best = Math.min(best, (t.value.day ?? 0) * 86400 + t.value.seconds);
  }
  return best;
}

/** A row that is not an object (or has no values) is read as an empty row, never a crash. */
function safeRow(input: unknown, index: number): InputRow {
  if (input && typeof input === 'object') {
    const r = input as Partial<InputRow>;
    // A well-formed row is used as it is (never changed here): a copy of each would live through the whole run.
    if (typeof r.row === 'number' && Number.isFinite(r.row) && r.values && typeof r.values === 'object' && (r.columns === undefined || (r.columns !== null && typeof r.columns === 'object')) && (r.cut === undefined || Array.isArray(r.cut))) {
      return r as InputRow;
    }
    const row = typeof r.row === 'number' && Number.isFinite(r.row) ? r.row : index + 1;
    const values = r.values && typeof r.values === 'object' ? r.values : {};
    const columns = r.columns && typeof r.columns === 'object' ? r.columns : undefined;
    return Array.isArray(r.cut) ? { row, values, columns, cut: r.cut } : { row, values, columns };
  }
  return { row: index + 1, values: {} };
}

/** Codes one encounter; writes each row's result at its input position in `rowResults`. */
function codeEncounter(
  enc: Encounter,
  ctx: ClassifyContext,
  catalog: DrugCatalog,
  mue: Map<string, number>,
  rowResults: RowResult[],
  initialModifier: string[],
  elsewhere?: SameDayElsewhere,
  unitsBefore?: ReadonlyMap<string, number>,
): EncounterResult {
  const options = ctx.options;
  const setting: Setting = enc.lines.find((l) => l.setting !== null)?.setting ?? options.setting;
  const payer = enc.lines.find((l) => l.payer)?.payer ?? options.defaultPayer;
  const services: Service[] = joinShortSegments(mapped(enc.lines, (l) => classify(l, ctx)));

  const cpt = assignEncounter(services, { setting, options, payer, concurrentUsed: false, initialModifier, elsewhere });
  const hcpcs = assignDrugLines(drugServices(services, cpt, options, catalog), { catalog, options, payer });
  const slots = new RowSlots(enc.lines);
  checkMue(cpt, hcpcs, enc.lines, slots, mue, unitsBefore);
  checkDocumentation(enc.lines, slots, cpt, hcpcs);

  // Per row of the encounter: the lines shown on it, and the lines it is counted in.
  const n = enc.lines.length;
  if (n <= SEARCHED_ROWS && cpt.length + hcpcs.length <= SEARCHED_LINES) {
    // Most encounters: each row searches the few lines, and only its kept lists are made (the tables by slot
    // below were a fifth of the encounter's garbage).
    for (const s of services) {
      const row = s.line.row;
      rowResults[s.line.order] = rowResult(s, enc.id, linesOfRow(cpt, row), linesOfRow(hcpcs, row), firstCovering(cpt, row), elsewhereCovering(hcpcs, row));
    }
  } else {
    const cptOf = shownOn(cpt, slots, n);
    const hcpcsOf = shownOn(hcpcs, slots, n);
    const countedIn: (CodeLine | undefined)[] = new Array(n);
    for (const c of cpt) {
      for (const r of c.rows) {
        const i = slots.of(r);
        if (i >= 0 && countedIn[i] === undefined) countedIn[i] = c;
      }
    }
    const drugElsewhere = countedElsewhere(hcpcs, slots, n);
    for (const s of services) {
      const i = slots.of(s.line.row);
      rowResults[s.line.order] = rowResult(s, enc.id, cptOf[i] ?? NO_LINES, hcpcsOf[i] ?? NO_LINES, countedIn[i], drugElsewhere[i]);
    }
  }
  const first = enc.lines[0];
  // The earliest date of service, in one pass (a list of the days would hold numbers or nulls row by row,
  // and each kind of list is one more shape for V8 to compile this function for).
  let firstDay: number | null = null;
  for (const l of enc.lines) if (l.day !== null && (firstDay === null || l.day < firstDay)) firstDay = l.day;
  const encounter: EncounterResult = {
    id: enc.id,
    rows: rowsOf(enc.lines),
    setting,
    payer: payer || null,
    patient: enc.lines.find((l) => l.text.patient)?.text.patient ?? null,
    date: firstDay !== null ? dayText(firstDay) : null,
    provider: enc.lines.find((l) => l.text.provider)?.text.provider ?? first.text.provider ?? null,
    cpt: initialServiceFirst(mergeCodeLines(cpt)),
    hcpcs: mergeCodeLines(hcpcs),
    findings: encounterFindings(enc.lines),
  };
  return encounter;
}

const IRRIGATION = code('irrigation', 'irrigation');

/** The rows of the lines, in a list of exactly their number (it is kept: see `kept`). */
function rowsOf(lines: Line[]): number[] {
  const out: number[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = lines[i].row;
  return keptRows(out);
}

/**
 * The services whose drugs are listed as HCPCS lines: every drug of a mixed cell on its own, and flush products
 * only as option listFlushDrugs allows (RULES.md 5.5: by default only on a date whose only code is 96523).
 */
function drugServices(services: Service[], cpt: CodeLine[], options: CodingOptions, catalog: DrugCatalog): Service[] {
  let out: Service[] | null = null;
  let byDate: Map<string | null, DateCodes> | null = null; // made for the first flush (most encounters have none)
  for (let i = 0; i < services.length; i++) {
    const s = services[i];
    const line = s.line;
    let replace: Service[] | null = null;
    if (s.category === 'flush' && (line.drug || line.fluid) && !flushListed(line, (byDate ??= codesByDate(cpt)), options)) {
      const date = dayText(line.day);
      // One flush-bundled per row: a line flush already says it is part of the administration.
      if (!line.findings.has('flush-bundled') && byDate.get(date)?.other) {
        line.findings.add('flush-bundled', 'drug', { variant: 'product', drug: line.drug?.entry.name ?? line.drugText, date: date ?? 'this date' });
      }
      replace = [];
    } else if (s.category === 'flush' && (line.drug || line.fluid) && line.drug?.entry.drugClass !== 'F') {
      // Listed as its flush product (RULES.md 5.5: J1642 heparin lock flush, A4216 saline flush): heparin used to
      // flush is not therapeutic heparin (J1644), and 20 mL of saline is not a 250 mL bag.
      const product = flushProduct(line, catalog);
      if (product) replace = [{ ...s, line: { ...line, drug: product, fluid: null, identity: product.entry.name.toLowerCase() } }];
    } else if (line.mixture.length > 0) {
      replace = [s];
      for (const part of line.mixture) {
        if (!part.drug) {
          line.findings.add('unknown-drug', 'drug', { text: part.text });
          continue;
        }
        // The row's NDC names one product, the first drug's: the other drugs' lines carry none.
        replace.push({ ...s, line: { ...line, drug: part.drug, dose: part.dose, fluid: null, mixture: [], identity: part.drug.entry.name.toLowerCase(), ndc: '' } });
      }
    }
    if (replace && !out) out = services.slice(0, i);
    // A loop, not a spread: a cell naming a hundred thousand drugs overflowed the stack.
    if (out) {
      if (replace) for (const r of replace) out.push(r);
      else out.push(s);
    }
  }
  return out ?? services;
}

/** The flush product a flush line of heparin or of saline / sterile water is billed as, or null (another drug). */
function flushProduct(line: Line, catalog: DrugCatalog): DrugMatch | null {
  if (line.mixture.length > 0) return null; // a drug mixed in saline (`alteplase 2 mg in NS`) is that drug
  const name = line.drug?.entry.name.toLowerCase() ?? '';
  if (/^heparin\b/.test(name)) return catalog.lookup('heparin lock flush', line.day);
  const family = line.fluid?.family.toLowerCase() ?? '';
  // Saline given as a volume: a drug amount in saline (`alteplase 2 mg in NS`) is that drug, not a flush.
  const volume = line.dose === null || line.dose.amount?.dim === 'volume' || (line.dose.amount === null && line.dose.unitlessValue !== null);
  const solution = (!line.drug || line.drug.entry.drugClass === 'H') && volume;
  if (solution && /saline|sodium chloride|sterile water/.test(family || name || line.drugText.toLowerCase())) return catalog.lookup('saline flush', line.day);
  return null;
}

/** Per date of service: whether it has an irrigation code, and another administration code. */
interface DateCodes {
  irrigation: boolean;
  other: boolean;
}

/** The encounter's administration codes summed up per date, once (looked up per flush line, never searched). */
function codesByDate(cpt: CodeLine[]): Map<string | null, DateCodes> {
  const out = new Map<string | null, DateCodes>();
  for (const c of cpt) {
    let d = out.get(c.date);
    if (!d) out.set(c.date, (d = { irrigation: false, other: false }));
    if (c.code === IRRIGATION) d.irrigation = true;
    else d.other = true;
  }
  return out;
}

function flushListed(line: Line, byDate: Map<string | null, DateCodes>, options: CodingOptions): boolean {
  if (options.listFlushDrugs === 'always') return true;
  if (options.listFlushDrugs === 'never') return false;
  const d = byDate.get(dayText(line.day));
  return d !== undefined && d.irrigation && !d.other;
}

/** Every row's findings, in a list of exactly their number (it is kept: see `kept`). */
function encounterFindings(lines: Line[]): Finding[] {
  // Indexed loops: V8 kept a for-of's iterator objects here, one per row.
  let count = 0;
  for (let i = 0; i < lines.length; i++) count += lines[i].findings.list.length;
  if (count === 0) return [];
  if (count === 1) for (let i = 0; i < lines.length; i++) if (lines[i].findings.list.length) return kept(lines[i].findings.list);
  const out = list<Finding>();
  for (let i = 0; i < lines.length; i++) {
    const found = lines[i].findings.list;
    for (let k = 0; k < found.length; k++) out.push(found[k]);
  }
  return kept(out);
}

/** RULES.md 6: units of one code on one date of service above its MUE. */
function checkMue(cpt: CodeLine[], hcpcs: CodeLine[], lines: Line[], slots: RowSlots, mue: Map<string, number>, unitsBefore?: ReadonlyMap<string, number>): void {
  // Most encounters bill each code once a date: each line on its own, with no table (CPT and HCPCS codes differ).
  if (!repeatsCodeOnDate(cpt) && !repeatsCodeOnDate(hcpcs)) {
    for (const c of cpt) mueExceeded(c, c.units, lines, slots, mue, unitsBefore);
    for (const c of hcpcs) mueExceeded(c, c.units, lines, slots, mue, unitsBefore);
    return;
  }
  const count = cpt.length + hcpcs.length;
  if (count <= 16) {
    // A few lines with a code twice on a date (two 96375 pushes): each code and date summed at its first line,
    // compared pairwise (the table below was 7 MB per 100,000 rows).
    for (let k = 0; k < count; k++) {
      const c = nthLine(cpt, hcpcs, k);
      if (!mue.has(c.code)) continue;
      let units = c.units;
      let seen = false;
      for (let j = 0; j < count && !seen; j++) {
        const other = nthLine(cpt, hcpcs, j);
        if (j === k || other.code !== c.code || other.date !== c.date) continue;
        if (j < k) seen = true;
        else units += other.units;
      }
      if (!seen) mueExceeded(c, units, lines, slots, mue, unitsBefore);
    }
    return;
  }
  const totals = new Map<string, { first: CodeLine; units: number }>();
  const addUp = (codes: CodeLine[]) => {
    for (const c of codes) {
      if (!mue.has(c.code)) continue;
      const key = `${c.code}|${c.date}`;
      const total = totals.get(key);
      if (total) total.units += c.units;
      else totals.set(key, { first: c, units: c.units });
    }
  };
  addUp(cpt);
  addUp(hcpcs);
  for (const { first, units } of totals.values()) mueExceeded(first, units, lines, slots, mue, unitsBefore);
}

/** Line `k` of the CPT lines followed by the HCPCS lines. */
function nthLine(cpt: CodeLine[], hcpcs: CodeLine[], k: number): CodeLine {
  return k < cpt.length ? cpt[k] : hcpcs[k - cpt.length];
}

/** The `mue-exceeded` finding, on the row of the code's first line, when its units pass the code's MUE. */
function mueExceeded(first: CodeLine, units: number, lines: Line[], slots: RowSlots, mue: Map<string, number>, unitsBefore?: ReadonlyMap<string, number>): void {
  const limit = mue.get(first.code);
  if (limit === undefined) return;
  const earlier = unitsBefore?.get(`${first.code}|${first.date}`) ?? 0;
  if (units + earlier <= limit) return;
  const field = first.kind === 'cpt' ? 'stop' : 'dose';
  const date = first.date ?? 'this date';
  const params: Record<string, string | number> = earlier > 0 ? { variant: 'patient-day', code: first.code, units: units + earlier, here: units, date, limit } : { code: first.code, units, date, limit };
  lines[slots.of(first.row)]?.findings.add('mue-exceeded', field, params);
}

/** Does a code come twice on one date? A few lines are compared pairwise; more are assumed to (the table decides). */
function repeatsCodeOnDate(codes: readonly CodeLine[]): boolean {
  if (codes.length > 16) return true;
  for (let i = 1; i < codes.length; i++) for (let j = 0; j < i; j++) if (codes[i].code === codes[j].code && codes[i].date === codes[j].date) return true;
  return false;
}

/** A billable line (one that earns an administration code or a drug line) needs a necessity note and a diagnosis. */
function checkDocumentation(lines: Line[], slots: RowSlots, cpt: CodeLine[], hcpcs: CodeLine[]): void {
  // By row slot: 1 a row of an administration code, 2 a row billable for its drug line only. One table for every
  // encounter, cleared (a typed array per encounter was slow to make, and garbage).
  if (billableTable.length < lines.length) billableTable = new Uint8Array(Math.max(lines.length, 2 * billableTable.length));
  const billable = billableTable;
  for (let i = 0; i < lines.length; i++) billable[i] = 0; // a loop: fill() cost more for a few rows
  for (const c of cpt) markBillable(billable, slots, c.rows, 1);
  for (const c of hcpcs) {
    // An IV solution bag is billable on its own only beside an administration code of its row.
    if (!isIvSolutionCode(c.code) || billable[slots.of(c.row)] === 1) markBillable(billable, slots, c.rows, 2);
  }
  for (const line of lines) {
    if (billable[slots.of(line.row)] === 0) continue;
    if (!line.hasNecessity) line.findings.add('missing-necessity', 'necessity');
    if (!line.hasDiagnosis && !line.findings.has('invalid-diagnosis-code')) {
      line.findings.add('missing-diagnosis', 'diagnosis');
    }
  }
}
let billableTable = new Uint8Array(64);

/** Per HCPCS code: is it an IV solution bag? Each code is matched once (a sheet bills a few codes, a drug line each). */
const ivSolutionCodes = new Map<string, boolean>();
function isIvSolutionCode(code: string): boolean {
  let yes = ivSolutionCodes.get(code);
  if (yes === undefined) {
    yes = IV_SOLUTION_CODES.values.test(code);
    if (ivSolutionCodes.size < 10000) ivSolutionCodes.set(code, yes);
  }
  return yes;
}

function markBillable(billable: Uint8Array, slots: RowSlots, rows: number[], value: number): void {
  for (let k = 0; k < rows.length; k++) {
    const i = slots.of(rows[k]);
    if (i >= 0 && billable[i] === 0) billable[i] = value;
  }
}

/**
 * The rows of one encounter, each by its slot: the index of its first line. A code line finds its row's results
 * in arrays rather than in a map per encounter (most encounters are a handful of rows: they are searched).
 */
class RowSlots {
  private readonly index: Map<number, number> | null = null;
  constructor(private readonly lines: Line[]) {
    if (lines.length > RowSlots.SEARCHED) {
      this.index = new Map();
      for (let i = lines.length - 1; i >= 0; i--) this.index.set(lines[i].row, i);
    }
  }
  private static readonly SEARCHED = 16;
  /** The slot of a row, -1 when the encounter has no such row. */
  of(row: number): number {
    if (this.index) return this.index.get(row) ?? -1;
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) if (lines[i].row === row) return i;
    return -1;
  }
}

/** An encounter of at most this many rows and code lines finds each row's lines by searching them. */
const SEARCHED_ROWS = 16;
const SEARCHED_LINES = 32;

/** The lines shown on `row`, in order, as a kept list (see `kept`); counted first, so nothing else is made. */
function linesOfRow(lines: CodeLine[], row: number): CodeLine[] {
  let first = -1;
  let count = 0;
  for (let k = 0; k < lines.length; k++) {
    if (lines[k].row !== row) continue;
    if (count++ === 0) first = k;
  }
  if (count === 0) return NO_LINES;
  if (count === 1) return [lines[first]];
  const out = list<CodeLine>();
  for (let k = first; k < lines.length; k++) if (lines[k].row === row) out.push(lines[k]);
  return kept(out);
}

/** The first line that counts `row` among its rows (the administration code a row without one is counted in). */
function firstCovering(lines: CodeLine[], row: number): CodeLine | undefined {
  for (let k = 0; k < lines.length; k++) {
    const rows = lines[k].rows;
    for (let j = 0; j < rows.length; j++) if (rows[j] === row) return lines[k];
  }
  return undefined;
}

/** The drug lines shown on another row that also cover `row` (`countedElsewhere` for one row), or undefined. */
function elsewhereCovering(lines: CodeLine[], row: number): CodeLine[] | undefined {
  let out: CodeLine[] | undefined;
  for (let k = 0; k < lines.length; k++) {
    const c = lines[k];
    if (c.row === row) continue;
    const rows = c.rows;
    for (let j = 0; j < rows.length; j++) if (rows[j] === row) (out ??= list()).push(c);
  }
  return out; // read for its sentences, never kept
}

/** The lines shown on each row (by slot), in order: one pass, so an encounter of any size costs linear time. */
function shownOn(lines: CodeLine[], slots: RowSlots, n: number): (CodeLine[] | undefined)[] {
  const bySlot = new SlotLists(n);
  for (const c of lines) bySlot.add(slots.of(c.row), c);
  return bySlot.lists();
}

/**
 * Lines per row slot, kept (see `kept`): a slot's first line is held alone and its list made once at the end, so
 * every list made here lives, and V8 allocates them straight into the old generation (a list grown one line at a
 * time left a dead copy for each line, and none was allocated there).
 */
class SlotLists {
  private readonly first: (CodeLine | undefined)[];
  private more: (CodeLine[] | undefined)[] | null = null;
  constructor(private readonly n: number) {
    this.first = new Array(n);
  }

  add(i: number, c: CodeLine): void {
    if (i < 0) return;
    if (this.first[i] === undefined) this.first[i] = c;
    else ((this.more ??= new Array(this.n))[i] ??= list()).push(c);
  }

  lists(): (CodeLine[] | undefined)[] {
    const out: (CodeLine[] | undefined)[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const c = this.first[i];
      if (c === undefined) continue;
      const rest = this.more?.[i];
      out[i] = rest === undefined ? [c] : kept([c, ...rest]);
    }
    return out;
  }
}

/** Drug lines that also cover other rows (one line per drug per date of service), by each covered row's slot. */
function countedElsewhere(lines: CodeLine[], slots: RowSlots, n: number): (CodeLine[] | undefined)[] {
  const bySlot = new SlotLists(n);
  for (const c of lines) for (const r of c.rows) if (r !== c.row) bySlot.add(slots.of(r), c);
  return bySlot.lists();
}

function rowResult(
  s: Service,
  encounter: string,
  rowCpt: CodeLine[],
  rowHcpcs: CodeLine[],
  countedIn: CodeLine | undefined,
  drugElsewhere: CodeLine[] | undefined,
): RowResult {
  const line = s.line;
  const findings: Finding[] = line.findings.list.length === 0 ? line.findings.list : kept(line.findings.list);
  // The sentences in order (each kept once, and so is their join: see sentences.ts).
  let explanation: string;
  if (rowCpt.length === 1 && rowHcpcs.length === 0 && !drugElsewhere) explanation = rowCpt[0].explanation;
  else {
    // One list for every row, its first `n` texts (joinSentences keeps none of it): a new list per row was 9 MB
    // per 100,000 rows.
    const list = SENTENCES;
    let n = 0;
    if (rowCpt.length === 0) list[n++] = noCodeReason(s, countedIn);
    for (let k = 0; k < rowCpt.length; k++) list[n++] = rowCpt[k].explanation;
    for (let k = 0; k < rowHcpcs.length; k++) list[n++] = rowHcpcs[k].explanation;
    if (drugElsewhere) for (let k = 0; k < drugElsewhere.length; k++) list[n++] = countedInSentence(drugElsewhere[k]);
    explanation = joinSentences(list, ' ', n);
  }
  return {
    row: line.row,
    encounter,
    cpt: rowCpt,
    hcpcs: rowHcpcs,
    minutes: line.minutes,
    findings,
    explanation,
    status: status(findings),
  };
}

/** The sentences of a row's explanation, in turn (reused by every row: see rowResult). */
const SENTENCES: string[] = list();

/**
 * `Counted in J1745 x80 on row 3.` (`J2506-JZ x12`, a CPT code alone): the code's parts are the sentence's values,
 * so no text of the code is built for each row.
 */
function countedInSentence(c: CodeLine): string {
  const modifiers = c.modifiers.length === 0 ? '' : `-${c.modifiers.join('-')}`;
  return c.units === 1 ? sentence`Counted in ${c.code}${modifiers} on row ${c.row}.` : sentence`Counted in ${c.code}${modifiers} x${c.units} on row ${c.row}.`;
}

/** Findings whose sentence says why a line earned no administration code. */
const WHY_NO_CODE = new Set<Finding['id']>([
  'below-threshold', 'concurrent-limit', 'concurrent-complex-drug', 'flush-bundled', 'pump-refill-bundled', 'unlisted-service',
]);

function noCodeReason(s: Service, elsewhere: CodeLine | undefined): string {
  if (elsewhere) return countedInSentence(elsewhere);
  if (s.uncodedReason) return sentence`No administration code: ${s.uncodedReason}.`;
  const below = s.line.findings.list.find((f) => WHY_NO_CODE.has(f.id));
  if (below) return sentence`No administration code: ${below.message.replace(/\.$/, '')}.`;
  return 'No administration code.';
}

function status(findings: Finding[]): RowStatus {
  let review = false;
  for (let k = 0; k < findings.length; k++) {
    const severity = FINDING_SEVERITY[findings[k].id];
    if (severity === 'error') return 'Error';
    if (severity === 'warning') review = true;
  }
  return review ? 'Review' : 'OK';
}

