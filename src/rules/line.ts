/**
 * Reads one input row into a Line: every value parsed, every unreadable value turned into a finding
 * on its own field. Nothing here decides codes; it only says what the row documents.
 */
import type { DrugCatalog, DrugMatch, FluidMatch } from './catalog/catalog';
import { RowFindings } from './findings';
import type { CodingOptions } from './options';
import type { CellValue, Field, InputRow, Setting } from './types';
import { blankOrTrimmed, cellText, isBlank } from './values/cell';
import { formatDay, parseDate } from './values/date';
import { DaySlots } from './values/daySlots';
import type { Dose } from './values/dose';
import { parseDose, withoutStrengths } from './values/dose';
import { parseDiagnoses } from './values/diagnosis';
import { ndcFinding, readNdc } from './values/ndc';
import { parseTime } from './values/time';
import type { Rate } from './values/rate';
import { parseRate } from './values/rate';
import { BAG_MIN_ML, CANCER_DIAGNOSES, KVO_RATE_ML_PER_HOUR, ON_BODY_WORDS } from './data/lists';
import { SALT_OFF_IV } from './data/drugNames';
import { carrierText, chooseEntry, combinationText, indicationDependent as dependsOnIndication, namesSeveral, splitMixture } from './mixture';
import type { Purpose, Route } from './vocabulary';
import { memo, mentionsDiluent, mentionsKvo, normalizeSite, readPrimary, readPurpose, readRoute, readSetting, saysKvo, words } from './vocabulary';

const DAY = 86400;
/** 1927-05-18 (Excel serial 10,000) as a day number: an earlier date read from a start cell is a mistyped time. */
const OLDEST_DAY = -15569;
/** A stop earlier than start is a midnight crossing when the implied duration is under this. */
const MIDNIGHT_CROSSING_MAX = 12 * 3600;

export interface Line {
  input: InputRow;
  row: number;
  /** Position in the input, for stable ordering. */
  order: number;
  findings: RowFindings;
  text: Partial<Record<Field, string>>;
  /** Date of service as a day number, or null. */
  day: number | null;
  setting: Setting | null;
  payer: string;
  drugText: string;
  drug: DrugMatch | null;
  fluid: FluidMatch | null;
  /** What makes two lines "the same drug": catalog name, else the normalised text. */
  identity: string;
  dose: Dose | null;
  route: Route | 'blank';
  purpose: Purpose;
  /** Absolute start/stop in seconds (day * 86400 + seconds), when readable. */
  start: number | null;
  stop: number | null;
  /** True when the start/stop cells held something unreadable or contradictory. */
  timeProblem: boolean;
  minutes: number | null;
  site: string;
  hasNecessity: boolean;
  hasDiagnosis: boolean;
  primary: boolean;
  kvo: boolean;
  diluent: boolean;
  /** Documented infusion rate, or null. */
  rate: Rate | null;
  /** Documented infused volume in mL (the volume column), or null. */
  volumeMl: number | null;
  /** Minutes the documented volume (or dose) takes at the documented rate, or null. */
  rateMinutes: number | null;
  /** True when `stop` was computed from volume and rate (set by classify). */
  stopComputed: boolean;
  /** Order / bag identifier ('' when none): rows with one value are one bag. */
  bag: string;
  /** The row's NDC in the 11-digit 5-4-2 form, '' when none is documented or it cannot be read. */
  ndc: string;
  /** The dose cell holds something (a new bag has its own dose; a restarted bag does not). */
  hasOwnDose: boolean;
  /** Purpose chemotherapy or a C00-D49 diagnosis: the line is for cancer. */
  forCancer: boolean;
  /** Neither purpose nor diagnosis is documented (hormonal injections need one). */
  purposeUnknown: boolean;
  /** Further drugs named in the same cell (`A 10 mg + B 8 mg in 50 mL`): one administration, own HCPCS lines. */
  mixture: MixturePart[];
  /** The drug name maps to entries for cancer and other uses (leuprolide): purpose or diagnosis chose. */
  indicationDependent: boolean;
  /** No catalog row, but another product of a complex drug (`Darzalex Faspro`): administered as one. */
  complexProduct: boolean;
}

/** A further drug of a mixed cell: its catalog entry and its own dose. */
export interface MixturePart {
  text: string;
  drug: DrugMatch | null;
  dose: Dose | null;
}

/**
 * What keeps a line from having a duration, in words that name exactly what is missing: `stop time` when
 * only the stop is blank, `start and stop time` when both are, `readable start and stop time` otherwise.
 */
export function missingTimeWords(line: Pick<Line, 'start' | 'stop' | 'timeProblem'>): string {
  if (line.timeProblem) return 'readable start and stop time';
  if (line.start === null && line.stop === null) return 'start and stop time';
  if (line.stop === null) return 'stop time';
  if (line.start === null) return 'start time';
  return 'readable start and stop time';
}

export interface LineContext {
  catalog: DrugCatalog;
  options: CodingOptions;
}

function text(v: CellValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return blankOrTrimmed(v); // most cells: one pass, no wrappers
  return isBlank(v) ? '' : cellText(v);
}

/**
 * Display text of the fields other modules read from `line.text`, built with one fixed shape (a hot path at 100,000
 * rows; each field read by name, which is several times faster than by a variable key). Fields only readLine reads
 * (drug, payer, setting, order, primary) are locals, and encounter and nurse are not read at all: 7 fields, not 14,
 * made this object 80 bytes a row instead of 136. Date, start, stop, waste and diagnosis are parsed from their raw
 * values instead.
 */
function texts(v: InputRow['values']): Partial<Record<Field, string>> {
  return {
    patient: text(v.patient),
    dose: text(v.dose),
    route: text(v.route),
    purpose: text(v.purpose),
    site: text(v.site),
    necessity: text(v.necessity),
    provider: text(v.provider),
  };
}

/**
 * The encounter a row belongs to (RULES.md 4): its encounter value, else patient + date of service
 * (a date-time start stands in for a missing date), else the date alone.
 */
export function encounterKey(values: InputRow['values']): string {
  const enc = text(values.encounter) ?? '';
  if (enc) return enc;
  let day: number | null = null;
  const date = parseDate(values.date);
  if (date.ok) day = date.value;
  else if (isBlank(values.date)) {
    const start = parseTime(values.start);
    if (start.ok) day = start.value.day;
  }
  const dateText = dayText(day) ?? 'no date';
  const patient = text(values.patient) ?? '';
  return patient ? `${patient} ${dateText}` : dateText;
}

/** Recent days' texts (read without hashing: asked several times a row). */
const dayTexts = new DaySlots<string>(formatDay, '');

/** yyyy-mm-dd, cached: a sheet holds few distinct dates. */
export function dayText(day: number | null): string | null {
  return day === null ? null : dayTexts.of(day);
}

/**
 * What a cell's words say, read once per distinct text: the same few drug, route and type texts fill a sheet, and
 * one cache lookup a row answers what took one lookup (or one regex) per question.
 */
export interface DrugWords {
  /** The cell may name several drugs (see namesSeveral). */
  several: boolean;
  kvo: boolean;
  diluent: boolean;
  /** Names a flush (classify.ts). */
  flush: boolean;
  /** Names an on-body injector (classify.ts). */
  onBody: boolean;
  /** Holds an amount with a dose unit (AMOUNT_IN_NAME). */
  amount: boolean;
}

export const drugWords = memo(
  (text: string): DrugWords => ({
    several: namesSeveral(text),
    kvo: saysKvo(text),
    diluent: mentionsDiluent(text),
    flush: /\bflush\b/i.test(text),
    onBody: ON_BODY_WORDS.values.test(text),
    amount: AMOUNT_IN_NAME.test(text),
  }),
);

/** A type (purpose) cell: its purpose, the route it may name, and its KVO and diluent words. */
const purposeWords = memo((text: string): { purpose: Purpose; route: Route; kvo: boolean; diluent: boolean } => ({
  purpose: readPurpose(text),
  route: readRoute(text),
  kvo: saysKvo(text),
  diluent: mentionsDiluent(text),
}));

const routeWords = memo((text: string): { route: Route; kvo: boolean } => ({ route: readRoute(text), kvo: saysKvo(text) }));

/** A catalog name in lower case, cached: a new string a row otherwise. */
const lowerCase = memo((name: string): string => name.toLowerCase());
const fluidIdentity = memo((family: string): string => `fluid:${family}`);
const identityWords = memo(words);

/** A C00-D49 code, cached: one encounter's rows repeat their codes (a regex a row otherwise). */
const cancerCode = memo((code: string): boolean => CANCER_DIAGNOSES.values.test(code));

let lastNote = '';
let lastNoteKvo = false;
/**
 * mentionsKvo of a necessity note, remembering only the last note: one encounter's rows repeat theirs, but notes are
 * too varied to cache by text.
 */
function noteSaysKvo(note: string): boolean {
  if (note !== lastNote) {
    lastNote = note;
    lastNoteKvo = mentionsKvo(note);
  }
  return lastNoteKvo;
}

/** A dose of zero (or one that rounds to zero) that is not a keep-vein-open rate. */
function isZeroDose(dose: Dose): boolean {
  return !dose.kvo && (dose.amount?.value === 0 || dose.unitlessValue === 0);
}

export function readLine(input: InputRow, order: number, ctx: LineContext): Line {
  const values = input.values ?? {};
  const findings = new RowFindings(input);
  const t = texts(values);
  const drugCell = text(values.drug);
  const settingText = text(values.setting);
  if (input.cut) for (const c of input.cut) findings.add('cell-cut', c.field, { column: c.column, length: c.length.toLocaleString('en-US') });
  if (input.unread) for (const column of input.unread) findings.add('unread-administration', 'start', { column });

  // Date of service.
  let day: number | null = null;
  if (!isBlank(values.date)) {
    const parsed = parseDate(values.date);
    if (parsed.ok) day = parsed.value;
    else if (!parsed.blank) findings.add('unparseable-date', 'date', { problem: parsed.message });
  }

  // Start and stop: absolute seconds; a stop earlier than start crosses midnight when plausible.
  let start: number | null = null;
  let stop: number | null = null;
  let timeProblem = false;
  const startParsed = parseTime(values.start);
  const stopParsed = parseTime(values.stop);
  if (startParsed.ok) {
    // A clock time alone takes the date of service, else the stop's date (`09:00` then `3/2/2026 10:31`): never day 0.
    const stopDayFirst = stopParsed.ok ? stopParsed.value.day : null;
    start = (startParsed.value.day ?? day ?? stopDayFirst ?? 0) * DAY + startParsed.value.seconds;
    if (day === null && startParsed.value.day !== null) day = startParsed.value.day;
  } else if (!startParsed.blank) {
    timeProblem = true;
    findings.add('unparseable-time', 'start', { variant: 'start', problem: startParsed.message });
    // A start that is a date without a time (`2026-03-02`, `3/2/2026`) still dates the line: never also "no date of
    // service". Only written dates: a mistyped time (`0975`, `9.75`) is no date of 1902.
    if (day === null && (values.start instanceof Date || (typeof values.start === 'string' && /\d[/-]\d|[a-z]{3}|^\s*\d{8}\s*$|^\s*\d{4}\.\d{1,2}\.\d{1,2}/i.test(values.start)))) {
      const dated = parseDate(values.start);
      if (dated.ok && dated.value >= OLDEST_DAY) day = dated.value;
    }
  }
  if (stopParsed.ok) {
    const stopDay = stopParsed.value.day;
    stop = (stopDay ?? (start !== null ? Math.floor(start / DAY) : (day ?? 0))) * DAY + stopParsed.value.seconds;
    if (start !== null && stop < start) {
      if (stopDay === null && stop + DAY - start < MIDNIGHT_CROSSING_MAX) {
        stop += DAY; // crossed midnight (23:00 -> 02:00 is 180 minutes)
      } else {
        timeProblem = true;
        findings.add('stop-before-start', 'stop', { stop: cellText(values.stop), start: cellText(values.start) });
      }
    }
  } else if (!stopParsed.blank) {
    timeProblem = true;
    findings.add('unparseable-time', 'stop', { variant: 'stop', problem: stopParsed.message });
  }
  if (day === null && stopParsed.ok && stopParsed.value.day !== null) day = stopParsed.value.day;
  if (day === null && isBlank(values.date)) {
    findings.add('missing-date', 'date');
  }
  const minutes = start !== null && stop !== null && stop >= start ? Math.floor((stop - start) / 60) : null;

  const typeWords = purposeWords(t.purpose ?? '');
  const purpose = typeWords.purpose;

  // Diagnosis: every token must be an ICD-10-CM code.
  let hasDiagnosis = false;
  let forCancer = purpose === 'chemotherapy';
  const dx = parseDiagnoses(values.diagnosis);
  if (dx.ok) {
    hasDiagnosis = dx.value.codes.length > 0;
    // Indexed loops: this function is too large for V8 to drop a for-of's iterator objects, one per row.
    const { codes, invalid } = dx.value;
    for (let i = 0; i < codes.length; i++) if (cancerCode(codes[i])) forCancer = true;
    for (let i = 0; i < invalid.length; i++) findings.add('invalid-diagnosis-code', 'diagnosis', { code: invalid[i] });
  } else if (!dx.blank) {
    findings.add('invalid-diagnosis-code', 'diagnosis', { variant: 'unreadable', problem: dx.message });
  }

  // A sheet without a route column may name the route in its type column (`IM Injection`, `IV Push`).
  const routeText = t.route ?? (t.purpose && ROUTES_IN_TYPE.has(typeWords.route) ? t.purpose : '');
  const routeRead = routeText ? routeWords(routeText) : null;
  const route: Route | 'blank' = refineBareIv(routeRead ? routeRead.route : 'blank', t.route ? t.purpose : undefined, typeWords.route, minutes);

  // Drug: catalog entry, or an IV solution family, else unknown (coded from route and time only). A cell naming
  // several drugs (`A 10 mg + B 8 mg in 50 mL NS`) is one administration of a mixture: the first drug leads.
  const drugText = drugCell ?? '';
  const drugRead = drugWords(drugText);
  let drug: DrugMatch | null = null;
  let fluid: FluidMatch | null = null;
  let mixture: MixturePart[] = NO_PARTS;
  let leadText = drugText;
  let indicationDependent = false;
  /** The dose cell's amounts were written into the drug cell's parts (see carrierText). */
  let dosesInName = false;
  if (drugText) {
    const date = dayText(day);
    // `ampicillin and sulbactam` is one combination product, not a mixture of two drugs.
    const several = drugRead.several;
    const combination = several ? combinationText(drugText, ctx.catalog) : null;
    if (combination) leadText = combination;
    // `normal saline 250 mL + vancomycin 1 g`: the drug in its bag.
    const carried = combination || !several ? null : carrierText(drugText, t.dose ?? '', ctx.catalog);
    if (carried) {
      leadText = carried.text;
      dosesInName = carried.doses;
    }
    const parts = combination || !several ? null : splitMixture(leadText, ctx.catalog);
    if (parts) {
      leadText = parts[0];
      mixture = mixtureParts(parts, ctx.catalog, forCancer, date);
    }
    drug = chooseEntry(ctx.catalog, leadText, forCancer, date);
    // `methylprednisolone 80 mg IM`: a base whose salts are other products is, off IV, the salt given so (a guess).
    const salted = drug === null && offIv(route, routeText) ? saltOffIv(leadText) : null;
    if (salted) {
      drug = chooseEntry(ctx.catalog, salted, forCancer, date);
      if (drug) findings.add('drug-name-guess', 'drug', { text: leadText, drug: drug.entry.name });
    }
    indicationDependent = drug !== null && dependsOnIndication(drug);
    if (!drug || drug.entry.drugClass === 'H') fluid = ctx.catalog.fluid(leadText);
    if (drug?.guessed) findings.add('drug-name-guess', 'drug', { text: leadText, drug: drug.entry.name });
  }
  const identity = mixture.length
    ? [drug?.entry.name ?? leadText, ...mixture.map((m) => m.drug?.entry.name ?? m.text)].map((n) => n.toLowerCase()).sort().join(' + ')
    : drug ? lowerCase(drug.entry.name) : fluid ? fluidIdentity(fluid.family) : identityWords(drugText);

  // Dose (rate x duration needs the minutes). A mixture's drugs take their own doses: from a dose cell split
  // like the drug cell (`10 mg + 8 mg`), else from the amounts written beside each name.
  let dose: Dose | null = null;
  const hasOwnDose = !isBlank(values.dose);
  const doseTexts = mixture.length && t.dose ? t.dose.split(/\s*[+;&]\s*|\s+and\s+/i) : null;
  const splitDoses = doseTexts !== null && doseTexts.length === mixture.length + 1;
  if (mixture.length && !splitDoses && amountIn(leadText)) {
    dose = readDose(leadText, minutes);
  } else if ((!hasOwnDose || dosesInName) && (leadText === drugText ? drugRead.amount : AMOUNT_IN_NAME.test(leadText))) {
    // `vancomycin 1250 mg` with no Dose cell: the amount written with the name is the dose, as in a mixed cell.
    const inName = nameDose(leadText, minutes);
    if (inName && !isZeroDose(inName)) dose = inName;
  } else if (hasOwnDose) {
    // One dose for a cell of several drugs is read as the first drug's: said, since it may be the mixture's total.
    if (mixture.length && !splitDoses) {
      findings.add('missing-dose', 'dose', { variant: 'shared', dose: t.dose ?? '', count: mixture.length + 1, drug: drug?.entry.name ?? leadText });
    }
    const parsed = parseDose(splitDoses && doseTexts ? doseTexts[0] : values.dose, minutes);
    if (parsed.ok && isZeroDose(parsed.value)) {
      // Nothing given bills nothing, and says so (a dose that rounds to nothing, `0 mg`, `1e-7 mg`, too).
      findings.add('unparseable-dose', 'dose', { problem: `'${cellText(values.dose)}' is a dose of nothing: write the amount given` });
    } else if (parsed.ok) {
      dose = parsed.value;
      // `vancomycin 1,250 mg in sodium chloride 0.9 % 250 mL IVPB` with `1,250 mg` in the Dose cell: the bag the
      // name states is listed as it is without the Dose cell (it was lost once the dose had its own cell).
      if (!mixture.length && dose.bagMl === null && dose.amount?.dim !== 'volume' && (leadText === drugText ? drugRead.amount : AMOUNT_IN_NAME.test(leadText))) {
        const bagMl = nameDose(leadText, minutes)?.bagMl ?? null;
        if (bagMl !== null && bagMl >= BAG_MIN_ML) dose = { ...dose, bagMl };
      }
    } else if (!parsed.blank) findings.add('unparseable-dose', 'dose', { problem: parsed.message });
  }
  for (let i = 0; i < mixture.length; i++) {
    const part = mixture[i];
    part.dose = splitDoses && doseTexts ? readDose(doseTexts[i + 1], minutes) : amountIn(part.text) ? readDose(part.text, minutes) : null;
  }

  // Rate and volume (RULES.md 2): volume / rate is the running time; a dose at a drug rate (2 mg/min) too.
  let rate: Rate | null = null;
  const rateParsed = parseRate(values.rate);
  if (rateParsed.ok) rate = rateParsed.value;
  else if (!rateParsed.blank) findings.add('unparseable-rate', 'rate', { rate: cellText(values.rate) });
  let volumeMl: number | null = null;
  if (!isBlank(values.volume)) {
    const parsed = parseDose(values.volume, null);
    if (parsed.ok) volumeMl = parsed.value.amount?.dim === 'volume' ? parsed.value.amount.value : parsed.value.unitlessValue;
    else if (!parsed.blank) findings.add('unparseable-dose', 'volume', { problem: parsed.message });
  }
  // A volume column stands in for a missing dose volume: the fluid's volume, or the bag a drug was mixed in.
  if (volumeMl !== null && volumeMl > 0 && !mixture.length) {
    if (dose === null && !hasOwnDose) dose = { amount: { value: volumeMl, dim: 'volume' }, bagMl: null, rateMlPerHour: null, kvo: false, unitlessValue: null };
    else if (dose && dose.bagMl === null && dose.amount?.dim !== 'volume') dose = { ...dose, bagMl: volumeMl };
  }
  const rateMinutes = runningMinutes(rate, volumeMl, dose);


  let setting: Setting | null = null;
  if (settingText) {
    const s = readSetting(settingText);
    if (s === 'unknown') {
      findings.add('unknown-setting', 'setting', { setting: settingText, fallback: ctx.options.setting });
    } else setting = s;
  }

  // NDC (docs/coding-rules.md, NDCs): the 11-digit claim form, or a finding on the NDC cell.
  let ndc = '';
  if (values.ndc !== undefined && !isBlank(values.ndc)) {
    const reading = readNdc(values.ndc);
    const problem = ndcFinding(reading);
    if (reading.kind === 'ndc') ndc = reading.ndc;
    else if (problem) findings.add(problem.id, 'ndc', problem.params);
  }

  const necessity = t.necessity ?? '';
  const mlPerHour = rate?.mlPerHour ?? dose?.rateMlPerHour ?? null;
  const band = KVO_RATE_ML_PER_HOUR.values;
  const kvo =
    dose?.kvo === true ||
    (mlPerHour !== null && mlPerHour >= band.min && mlPerHour <= band.max) ||
    drugRead.kvo ||
    saysKvo(t.dose ?? '') ||
    typeWords.kvo ||
    (routeRead !== null && routeRead.kvo) ||
    noteSaysKvo(necessity);
  const diluent = typeWords.diluent || drugRead.diluent;

  return {
    input,
    row: input.row,
    order,
    findings,
    text: t,
    day,
    setting,
    payer: text(values.payer) ?? '',
    drugText,
    drug,
    fluid,
    identity,
    dose,
    route,
    purpose,
    start,
    stop,
    timeProblem,
    minutes,
    site: normalizeSite(t.site ?? ''),
    hasNecessity: necessity.length > 0,
    hasDiagnosis,
    primary: readPrimary(text(values.primary) ?? ''),
    kvo,
    diluent,
    rate,
    volumeMl,
    rateMinutes,
    stopComputed: false,
    bag: text(values.order) ?? '',
    ndc,
    hasOwnDose,
    forCancer,
    purposeUnknown: purpose === 'unknown' && !hasDiagnosis,
    mixture,
    indicationDependent,
    complexProduct: drug === null && leadText !== '' && ctx.catalog.parentProduct(leadText)?.drugClass === 'C',
  };
}

/**
 * The further drugs of a mixed cell, each with its catalog entry (their doses are read later). A function of its
 * own: a closure in readLine would hold readLine's variables in a context object made on every call.
 */
function mixtureParts(parts: string[], catalog: DrugCatalog, forCancer: boolean, date: string | null): MixturePart[] {
  const out: MixturePart[] = [];
  for (let i = 1; i < parts.length; i++) out.push({ text: parts[i], drug: chooseEntry(catalog, parts[i], forCancer, date), dose: null });
  return out;
}

/** A route known to be off IV: IM, SQ, or into a joint or a lesion (an unread or blank route is no such route). */
function offIv(route: Route | 'blank', routeText: string): boolean {
  return route === 'im' || route === 'sq' || OFF_IV_SITES.test(routeText);
}
/** Where the acetate's label puts it: joints, soft tissue, lesions, and the epidural and nerve-block uses charted. */
const OFF_IV_SITES = /articular|\bjoint\b|bursa|lesion|soft tissue|synovi|epidural|caudal|trigger point|perineural|infiltrat|intradermal/i;

/** The text with a salt-specific base named by its salt for routes off IV, or null (most texts). */
function saltOffIv(text: string): string | null {
  const lower = text.toLowerCase();
  for (const [base, salted] of Object.entries(SALT_OFF_IV.values)) {
    const at = lower.indexOf(base);
    // A text naming another salt or product of it (`sodium succinate`, `sod succ`, `Solu-Medrol`) is not this one.
    if (at >= 0 && !lower.includes(salted) && !/succ|solu|phosphate/.test(lower)) return `${text.slice(0, at)}${salted}${text.slice(at + base.length)}`;
  }
  return null;
}

/**
 * A bare `IV` route says neither push nor infusion; a type column beside it often does (`Infusion/Injection` =
 * `Injection`, `IV Push`, `Infusion`). Without this, an IV injection with its start only read as an infusion
 * missing its stop time (an error), unlike the same row with `IV push` in its route. A route that says more wins.
 */
function refineBareIv(route: Route | 'blank', typeText: string | undefined, typed: Route, minutes: number | null): Route | 'blank' {
  if (route !== 'iv' || !typeText) return route;
  if (typed === 'push' || typed === 'infusion') return typed;
  // An `Injection` charted as running over 15 minutes was infused (RULES.md 3.10 reads a bare IV from its times);
  // a `Push` or `Bolus` says how it was given.
  if (/^\s*(?:iv\s+)?bolus\.?\s*$/i.test(typeText)) return 'push';
  if (/^\s*(?:iv\s+)?(?:inj|injection)\.?\s*$/i.test(typeText)) return minutes !== null && minutes >= INFUSION_MINUTES ? route : 'push';
  return route;
}
/** Minutes from which an IV administration is an infusion (RULES.md 3.10: 15 or less is a push). */
const INFUSION_MINUTES = 16;

/** Routes a type column may name when the sheet has no route column (a `Flush` type is a purpose, not a port flush). */
const ROUTES_IN_TYPE = new Set<Route>(['infusion', 'push', 'iv', 'im', 'sq', 'sq-infusion', 'intrathecal', 'pump', 'on-body', 'intra-arterial']);

const NO_PARTS: MixturePart[] = Object.freeze([]) as unknown as MixturePart[];

/** A number with a dose unit in a drug cell (`vancomycin 1250 mg`, `NS 1000 mL`), not a strength such as `0.9%`. */
const AMOUNT_IN_NAME = /\d\s*(?:mg|g|gm|mcg|units?|iu|meq|ml|l)\b/i;

function amountIn(text: string): boolean {
  return /\d/.test(text);
}

function readDose(text: string, minutes: number | null): Dose | null {
  const parsed = parseDose(text, minutes);
  return parsed.ok ? parsed.value : null;
}

/**
 * The dose a drug cell writes with its name. An EHR display name states the vial's strength before the dose
 * (`ondansetron (ZOFRAN) 4 mg/2 mL injection 4 mg`, `heparin 5,000 unit/mL injection 5,000 Units`): read whole it
 * held two amounts, or a concentration without its volume, and the line had no dose; the amount left once the
 * strength is taken out is the dose.
 */
function nameDose(text: string, minutes: number | null): Dose | null {
  const whole = readDose(text, minutes);
  if (whole !== null) return whole;
  const rest = withoutStrengths(text);
  return rest !== text && AMOUNT_IN_NAME.test(rest) ? readDose(rest, minutes) : null;
}

/** Minutes the documented volume (or a dose at a drug rate) takes at the documented rate. */
function runningMinutes(rate: Rate | null, volumeMl: number | null, dose: Dose | null): number | null {
  if (!rate) return null;
  let amount: number | null = null;
  if (rate.dim === 'volume') amount = volumeMl ?? dose?.bagMl ?? (dose?.amount?.dim === 'volume' ? dose.amount.value : null);
  else if (dose?.amount?.dim === rate.dim) amount = dose.amount.value;
  if (amount === null || !(amount > 0)) return null;
  const minutes = Math.round(amount / rate.perMinute);
  return Number.isFinite(minutes) && minutes > 0 && minutes < 7 * 24 * 60 ? minutes : null;
}
