/**
 * Reads one input row into a Line: every value parsed, every unreadable value turned into a finding
 * on its own field. Nothing here decides codes; it only says what the row documents.
 */
import type { DrugCatalog, DrugMatch, FluidMatch } from './catalog/catalog';
import { RowFindings } from './findings';
import type { CodingOptions } from './options';
import type { CellValue, Field, InputRow, Setting } from './types';
import { cellText, isBlank } from './values/cell';
import { formatDay, parseDate } from './values/date';
import type { Dose } from './values/dose';
import { parseDose } from './values/dose';
import { parseDiagnoses } from './values/diagnosis';
import { parseTime } from './values/time';
import type { Purpose, Route } from './vocabulary';
import { mentionsDiluent, mentionsKvo, normalizeSite, readPrimary, readPurpose, readRoute, readSetting, words } from './vocabulary';

const DAY = 86400;
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

function text(values: InputRow['values'], field: Field): string | undefined {
  const v: CellValue = values[field];
  if (v === undefined) return undefined;
  return isBlank(v) ? '' : cellText(v);
}

/**
 * Display text of the fields the engine reads as text, built with one fixed shape (a hot path at 100,000
 * rows). Date, start, stop, waste and diagnosis are parsed from their raw values instead.
 */
function texts(v: InputRow['values']): Partial<Record<Field, string>> {
  return {
    encounter: text(v, 'encounter'),
    patient: text(v, 'patient'),
    setting: text(v, 'setting'),
    payer: text(v, 'payer'),
    drug: text(v, 'drug'),
    dose: text(v, 'dose'),
    route: text(v, 'route'),
    purpose: text(v, 'purpose'),
    site: text(v, 'site'),
    necessity: text(v, 'necessity'),
    primary: text(v, 'primary'),
    provider: text(v, 'provider'),
    nurse: text(v, 'nurse'),
  };
}

/**
 * The encounter a row belongs to (RULES.md 4): its encounter value, else patient + date of service
 * (a date-time start stands in for a missing date), else the date alone.
 */
export function encounterKey(input: InputRow): string {
  const values = input.values;
  const enc = isBlank(values.encounter) ? '' : cellText(values.encounter);
  if (enc) return enc;
  let day: number | null = null;
  const date = parseDate(values.date);
  if (date.ok) day = date.value;
  else if (isBlank(values.date)) {
    const start = parseTime(values.start);
    if (start.ok) day = start.value.day;
  }
  const dateText = dayText(day) ?? 'no date';
  const patient = isBlank(values.patient) ? '' : cellText(values.patient);
  return patient ? `${patient} ${dateText}` : dateText;
}

const dayTexts = new Map<number, string>();
/** yyyy-mm-dd, cached: a sheet holds few distinct dates. */
export function dayText(day: number | null): string | null {
  if (day === null) return null;
  let s = dayTexts.get(day);
  if (s === undefined) {
    s = formatDay(day);
    if (dayTexts.size > 5000) dayTexts.clear();
    dayTexts.set(day, s);
  }
  return s;
}

export function readLine(input: InputRow, order: number, ctx: LineContext): Line {
  const values = input.values ?? {};
  const findings = new RowFindings(input);
  const t = texts(values);

  // Date of service.
  let day: number | null = null;
  if (!isBlank(values.date)) {
    const parsed = parseDate(values.date);
    if (parsed.ok) day = parsed.value;
    else if (!parsed.blank) findings.add('unparseable-date', 'date', `Date ${parsed.message}.`);
  }

  // Start and stop: absolute seconds; a stop earlier than start crosses midnight when plausible.
  let start: number | null = null;
  let stop: number | null = null;
  let timeProblem = false;
  const startParsed = parseTime(values.start);
  if (startParsed.ok) {
    start = (startParsed.value.day ?? day ?? 0) * DAY + startParsed.value.seconds;
    if (day === null && startParsed.value.day !== null) day = startParsed.value.day;
  } else if (!startParsed.blank) {
    timeProblem = true;
    findings.add('unparseable-time', 'start', `Start time ${startParsed.message}.`);
  }
  const stopParsed = parseTime(values.stop);
  if (stopParsed.ok) {
    const stopDay = stopParsed.value.day;
    stop = (stopDay ?? (start !== null ? Math.floor(start / DAY) : (day ?? 0))) * DAY + stopParsed.value.seconds;
    if (start !== null && stop < start) {
      if (stopDay === null && stop + DAY - start < MIDNIGHT_CROSSING_MAX) {
        stop += DAY; // crossed midnight (23:00 -> 02:00 is 180 minutes)
      } else {
        timeProblem = true;
        findings.add(
          'stop-before-start',
          'stop',
          `Stop time ${cellText(values.stop)} is before start time ${cellText(values.start)} and is not a plausible midnight crossing.`,
        );
      }
    }
  } else if (!stopParsed.blank) {
    timeProblem = true;
    findings.add('unparseable-time', 'stop', `Stop time ${stopParsed.message}.`);
  }
  if (day === null && stopParsed.ok && stopParsed.value.day !== null) day = stopParsed.value.day;
  if (day === null && isBlank(values.date)) {
    findings.add('missing-date', 'date', 'No date of service: the line cannot be placed on a claim date.');
  }
  const minutes = start !== null && stop !== null && stop >= start ? Math.floor((stop - start) / 60) : null;

  // Drug: catalog entry, or an IV solution family, else unknown (coded from route and time only).
  const drugText = t.drug ?? '';
  let drug: DrugMatch | null = null;
  let fluid: FluidMatch | null = null;
  if (drugText) {
    drug = ctx.catalog.lookup(drugText);
    if (!drug || drug.entry.drugClass === 'H') fluid = ctx.catalog.fluid(drugText);
    if (drug?.guessed) {
      findings.add('drug-name-guess', 'drug', `'${drugText}' was read as ${drug.entry.name}; check the spelling.`);
    }
  }
  const identity = drug ? drug.entry.name.toLowerCase() : fluid ? `fluid:${fluid.family}` : words(drugText);

  // Dose (rate x duration needs the minutes).
  let dose: Dose | null = null;
  if (!isBlank(values.dose)) {
    const parsed = parseDose(values.dose, minutes);
    if (parsed.ok) dose = parsed.value;
    else if (!parsed.blank) findings.add('unparseable-dose', 'dose', `Dose ${parsed.message}.`);
  }

  const routeText = t.route ?? '';
  const route: Route | 'blank' = routeText ? readRoute(routeText) : 'blank';
  const purpose = readPurpose(t.purpose ?? '');

  let setting: Setting | null = null;
  if (t.setting) {
    const s = readSetting(t.setting);
    if (s === 'unknown') {
      findings.add('unknown-setting', 'setting', `Setting '${t.setting}' is not recognised; the encounter's default (${ctx.options.setting}) is used.`);
    } else setting = s;
  }

  // Diagnosis: every token must be an ICD-10-CM code.
  let hasDiagnosis = false;
  const dx = parseDiagnoses(values.diagnosis);
  if (dx.ok) {
    hasDiagnosis = dx.value.codes.length > 0;
    for (const bad of dx.value.invalid) {
      findings.add('invalid-diagnosis-code', 'diagnosis', `'${bad}' is not an ICD-10-CM code (ICD-9 codes are not accepted).`);
    }
  } else if (!dx.blank) {
    findings.add('invalid-diagnosis-code', 'diagnosis', `Diagnosis ${dx.message}.`);
  }

  const necessity = t.necessity ?? '';
  const rate = dose?.rateMlPerHour ?? null;
  const kvo =
    dose?.kvo === true ||
    (rate !== null && rate >= 10 && rate <= 30) ||
    [drugText, t.dose ?? '', t.purpose ?? '', routeText, necessity].some(mentionsKvo);
  const diluent = mentionsDiluent(t.purpose ?? '') || mentionsDiluent(drugText);

  return {
    input,
    row: input.row,
    order,
    findings,
    text: t,
    day,
    setting,
    payer: t.payer ?? '',
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
    primary: readPrimary(t.primary ?? ''),
    kvo,
    diluent,
  };
}
