/**
 * The MAR action-log input adapter: a detected action log (one row per action) in, one InputRow per
 * reconstructed administration out, with a result note for every action row and the IC Administrations table.
 */
import { siteTime, zonedInstant } from '../wallClock';
import { FINDING_SEVERITY } from '../../rules/findings';
import { FIELDS, type CellValue, type CodingResult, type Field, type Finding, type InputRow, type RowResult } from '../../rules/types';
import { cellText, isBlank } from '../../rules/values/cell';
import { formatDay, parseDate } from '../../rules/values/date';
import { renderFinding } from '../../rules/messages';
import { ndcFinding, readNdc } from '../../rules/values/ndc';
import { parseTime } from '../../rules/values/time';
import { readRoute } from '../../rules/vocabulary';
import { formatCodes } from '../../sheet/plan';
import { plainCell as plain } from '../../sheet/cell';
import { unitInHeader } from '../../sheet/headers';
import { withUnit } from '../../sheet/rows';
import type { Grid } from '../../sheet/types';
import { settingOfClass } from '../setting';
import { count, type AdapterOutput, type OutputTable, type SourceNote } from '../types';
import { actionKey, actionVocabulary, type ActionKind, type ActionOverride, type ActionVocabulary } from './actions';
import { administrationDose, bagsVolumeMl } from './dose';
import type { ActionLogTable, LogColumn } from './headers';
import { BLANK_ACTION, pairActions, runningMinutes, type ActionEvent, type Administration, type RowFinding } from './pair';

export const ADMINISTRATIONS_SHEET = 'IC Administrations';

export const ADMINISTRATION_HEADERS = [
  'Encounter', 'Order', 'Drug', 'Start', 'Stop', 'Paused min', 'Minutes', 'Volume mL', 'NDC', 'Source rows',
  'Codes on row', 'IC CPT', 'IC HCPCS', 'IC Status',
];

const DAY = 86400;

/** What an action row holds beside its event: read once; its other cells are read only when needed. */
interface ActionRow {
  row: number;
  order: string;
  ndc: string | null;
  findings: RowFinding[] | null;
}

export interface ActionLogOptions {
  /** The user's action words (`Bag Hung=start`), winning over the built-in ones. */
  actions?: readonly ActionOverride[];
}

function cell(grid: Grid, row: number, column: number | undefined): CellValue {
  if (!column) return null;
  const cells = grid.values[row - grid.firstRow];
  return cells === undefined ? null : plain(cells[column - grid.firstColumn]);
}

const number = (v: CellValue): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const m = /-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?/i.exec(cellText(v).replace(/,/g, ''));
  return m ? Number(m[0]) : null;
};

/** Faster than any infusion pump runs (10 L an hour): a rate above it is a typing or export error. */
const MAX_RATE_ML_PER_HOUR = 10000;

/** `125` + `mL/hr`, or `125 mL/hr` in one cell: mL per hour; a rate in another unit gives null (but 0 is 0). */
function readRate(value: CellValue, unit: CellValue): { mlPerHour: number | null; zero: boolean } {
  if (isBlank(value)) return { mlPerHour: null, zero: false };
  const n = number(value);
  if (n === null) return { mlPerHour: null, zero: false };
  const unitText = `${typeof value === 'string' ? value : ''} ${isBlank(unit) ? '' : cellText(unit)}`.toLowerCase();
  const named = /[a-z]/.test(unitText.replace(/\d/g, ''));
  const ml = /\bml\b|ml\s*\/|ml per|cc\s*\//.test(unitText) && /(\/|per)\s*(h|hr|hrs|hour)\b/.test(unitText);
  return { mlPerHour: ml || !named ? n : null, zero: n === 0 };
}

/** `30` + `minutes`, `1 hr`, `1.5 hours`, `45 min`: seconds, or null (also for a week or more: no infusion runs that long). */
function readDuration(value: CellValue, unit: CellValue): number | null {
  if (isBlank(value)) return null;
  const n = number(value);
  if (n === null || n <= 0) return null;
  const text = `${typeof value === 'string' ? value : ''} ${isBlank(unit) ? '' : cellText(unit)}`.toLowerCase();
  const seconds = /\b(h|hr|hrs|hour|hours)\b/.test(text) ? n * 3600 : /\b(d|day|days)\b/.test(text) ? n * DAY : n * 60; // minutes: MAR_DURATION's usual unit
  return seconds < 7 * DAY ? Math.round(seconds) : null;
}

/**
 * The action's time: a date-time cell, or a time beside the row's date; seconds since 1970 (day 0 when the log
 * has no date column at all). A clock time whose Date cell is blank or unreadable has no time: day 0 would make
 * an infusion from 1970 to its stop (one row's `#N/A` billed hundreds of thousands of hours).
 */
function readTime(timeCell: CellValue, dateColumn: number | undefined, dateCell: () => CellValue): { time: number | null; dated: boolean; problem: RowFinding | null } {
  // An instant in UTC (`2026-03-03T04:30:00Z`) on the site's clock, as FHIR's are read.
  const t = parseTime(siteTime(timeCell));
  if (!t.ok) return { time: null, dated: false, problem: t.blank ? null : { id: 'unparseable-time', on: 'time', message: `Action time ${t.message}.` } };
  let day = t.value.day;
  // `dateColumn` is undefined for an encounter whose rows are all undated: they share day 0 (the rules say missing-date).
  if (day === null && dateColumn !== undefined) {
    const date = dateCell();
    const at = cellText(timeCell);
    if (isBlank(date)) {
      const shown = cellText(date) ? `'${cellText(date)}'` : 'blank';
      return { time: null, dated: false, problem: { id: 'missing-date', on: 'date', message: `The action at ${at} has no date (the date cell is ${shown}), so the row is not paired.` } };
    }
    const d = parseDate(date);
    if (!d.ok) return { time: null, dated: false, problem: { id: 'unparseable-date', on: 'date', message: `Date '${cellText(date)}' cannot be read, so the action at ${at} is not paired.` } };
    day = d.value;
  }
  return { time: (day ?? 0) * DAY + t.value.seconds, dated: day !== null, problem: null };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A time on day 0 is a clock time of an undated encounter, even in a log whose other encounters are dated. */
const onADate = (t: number, dated: boolean) => dated && (t >= DAY || t < 0);

function showTime(t: number | null, dated: boolean): string | null {
  if (t === null) return null;
  const s = ((t % DAY) + DAY) % DAY;
  const clock = `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}`;
  return onADate(t, dated) ? `${formatDay(Math.floor(t / DAY))} ${clock}` : clock;
}

/** A time for the rules: a date-time (a UTC Date) when the log had dates, else clock text (never 1970-01-01). */
function timeValue(t: number | null, dated: boolean): CellValue {
  if (t === null) return null;
  return onADate(t, dated) ? new Date(t * 1000) : showTime(t, false);
}

/**
 * Reads the cells of a log's rows as the rules' fields (setting words of patient classes translated; a blank
 * encounter on an order's row is the order's).
 */
class RowReader {
  readonly fields: Field[];
  constructor(
    private readonly grid: Grid,
    private readonly table: ActionLogTable,
  ) {
    this.fields = FIELDS.filter((f) => table.mapping[f] && f !== 'start' && f !== 'stop');
    const dose = table.mapping.dose;
    this.headerUnit = dose ? unitInHeader(table.headers.get(dose) ?? '') : null;
    this.orderEncounters = orderEncounters(grid, table);
  }
  /** A unit named in the dose header (`Dose (mg)`), for bare numbers, as a flat sheet reads it. */
  private readonly headerUnit: string | null;
  /** The encounter of each row whose encounter cell is blank, from the other rows of its order. */
  private readonly orderEncounters: ReadonlyMap<number, CellValue>;

  /** The cell of the field; a blank encounter, its order's. */
  private raw(row: number, field: Field): CellValue {
    const v = cell(this.grid, row, this.table.mapping[field]);
    return field === 'encounter' && isBlank(v) ? (this.orderEncounters.get(row) ?? v) : v;
  }

  value(row: number, field: Field): CellValue {
    const v = this.raw(row, field);
    if (field === 'dose' && this.table.log.doseUnit) return withUnit(v, cell(this.grid, row, this.table.log.doseUnit));
    if (field === 'dose' && this.headerUnit) return withUnit(v, this.headerUnit);
    if (field === 'setting' && typeof v === 'string') return settingOfClass(v) ?? v;
    return v;
  }

  text(row: number, field: Field): string {
    return this.table.mapping[field] ? cellText(this.raw(row, field)) : '';
  }

  /** Every field of the row. */
  values(row: number): Partial<Record<Field, CellValue>> {
    const values: Partial<Record<Field, CellValue>> = {};
    for (const f of this.fields) values[f] = this.value(row, f);
    return values;
  }
}

/**
 * Per row with a blank encounter, the encounter its order's other rows chart, when they chart one: later rows of an
 * order often leave the CSN blank, and an order is given in one encounter. An order charted in several is left so.
 */
function orderEncounters(grid: Grid, table: ActionLogTable): Map<number, CellValue> {
  const out = new Map<number, CellValue>();
  const { encounter } = table.mapping;
  const { order } = table.log;
  if (!encounter || !order) return out;
  const ofOrder = new Map<string, CellValue | null>(); // order -> its one encounter, or null when several
  const blank: [number, string][] = [];
  for (const row of table.dataRows) {
    const id = cellText(cell(grid, row, order));
    if (!id) continue;
    const v = cell(grid, row, encounter);
    if (isBlank(v)) blank.push([row, id]);
    else if (!ofOrder.has(id)) ofOrder.set(id, v);
    else if (ofOrder.get(id) !== null && cellText(ofOrder.get(id)!) !== cellText(v)) ofOrder.set(id, null);
  }
  for (const [row, id] of blank) {
    const v = ofOrder.get(id);
    if (v !== undefined && v !== null) out.set(row, v);
  }
  return out;
}

/** A dose charted on a row: not blank, and not a rate (the `1200 units/hr` of a rate change). */
const chartedDose = (v: CellValue) => !isBlank(v) && !cellText(v).includes('/');

/** Reads every action row and pairs them; one InputRow per administration. */
export function readActionLog(grid: Grid, table: ActionLogTable, options: ActionLogOptions = {}): AdapterOutput {
  const vocabulary: ActionVocabulary = actionVocabulary(options.actions);
  const log = table.log;
  const reader = new RowReader(grid, table);
  const columns: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) {
    const c = table.mapping[f];
    if (c) columns[f] = table.headers.get(c) ?? f;
  }
  if (!columns.dose) columns.dose = 'Dose'; // a fluid's volume from its rates is a dose without a dose column
  const actionHeader = table.headers.get(log.action!) ?? 'Action';
  const timeHeader = table.headers.get(log.actionTime!) ?? 'Time';
  const dateHeader = (table.mapping.date && table.headers.get(table.mapping.date)) || 'Date';

  // A log repeats a handful of action words: each is looked up once.
  const kinds = new Map<string, ActionKind | null>();
  const kindOf = (action: string): ActionKind | null => {
    let kind = kinds.get(action);
    if (kind === undefined) {
      kind = vocabulary.get(actionKey(action)) ?? null;
      if (kinds.size < 10000) kinds.set(action, kind);
    }
    return kind;
  };
  // Encounters with a readable date on some row: there a row without one cannot be placed. An encounter (or a log)
  // whose rows all lack it keeps them on one undated day, paired among themselves.
  const datedEncounters = new Set<string>();
  const encounterOf = (row: number) => reader.text(row, 'encounter');
  if (table.mapping.date) {
    for (const row of table.dataRows) {
      const d = cell(grid, row, table.mapping.date);
      const ownDay = (): boolean => {
        const t = parseTime(cell(grid, row, log.actionTime));
        return t.ok && t.value.day !== null;
      };
      if ((!isBlank(d) && parseDate(d).ok) || ownDay()) datedEncounters.add(encounterOf(row));
    }
  }
  const datedEncounter = (row: number) => datedEncounters.has(encounterOf(row));
  const rows: ActionRow[] = new Array(table.dataRows.length);
  const events: ActionEvent[] = new Array(table.dataRows.length);
  let dated = false;
  for (let i = 0; i < table.dataRows.length; i++) {
    const row = table.dataRows[i];
    let findings: RowFinding[] | null = null;
    const time = readTime(cell(grid, row, log.actionTime), datedEncounter(row) ? table.mapping.date : undefined, () => cell(grid, row, table.mapping.date));
    if (time.problem) (findings ??= []).push(time.problem);
    if (time.dated) dated = true;
    let ndc: string | null = null;
    if (log.ndc) {
      const reading = readNdc(cell(grid, row, log.ndc));
      const problem = ndcFinding(reading);
      if (reading.kind === 'ndc') ndc = reading.ndc;
      else if (problem) (findings ??= []).push({ id: problem.id, on: 'ndc', message: renderFinding(problem.id, problem.params) });
    }
    const action = cellText(cell(grid, row, log.action));
    const order = log.order ? cellText(cell(grid, row, log.order)) : '';
    let rate = log.rate ? readRate(cell(grid, row, log.rate), cell(grid, row, log.rateUnit)) : NO_RATE;
    if (rate.mlPerHour !== null && !(rate.mlPerHour <= MAX_RATE_ML_PER_HOUR)) {
      // `1e308 mL/hr`: no pump runs so fast; read as no rate, said on the rate cell.
      (findings ??= []).push({ id: 'unparseable-rate', on: 'rate', message: renderFinding('unparseable-rate', { rate: cellText(cell(grid, row, log.rate)) }) });
      rate = NO_RATE;
    }
    const volume = log.volume ? number(cell(grid, row, log.volume)) : null;
    const kind = action === '' ? null : kindOf(action);
    const duration = log.duration ? readDuration(cell(grid, row, log.duration), cell(grid, row, log.durationUnit)) : null;
    rows[i] = { row, order, ndc, findings };
    events[i] = {
      row,
      group: groupKey(reader, row, order),
      kind,
      action: action || BLANK_ACTION,
      time: time.time,
      sequence: log.line ? number(cell(grid, row, log.line)) : null,
      rateMlPerHour: rate.mlPerHour,
      rateIsZero: rate.zero,
      durationSeconds: duration,
      volumeMl: volume !== null && volume >= 0 ? volume : null,
      // Read only where the pairing asks: most rows are neither.
      infusionRoute: kind === 'point' && duration !== null && readRoute(reader.text(row, 'route')) === 'infusion',
      dosed: kind === 'stop' && chartedDose(reader.value(row, 'dose')),
    };
  }

  keepElapsedAcrossClockChanges(events, grid, log.actionTime!, encounterOf);
  if (!log.order && table.mapping.site) joinBlankSites(events, reader);
  const pairing = pairActions(events);
  const byRow = new RowIndex(rows);
  const admins = pairing.administrations;
  const inputs: InputRow[] = admins.map((a) => administrationRow(a, reader, rows, byRow, columns, dated));

  // The column each kind of row finding names, and the rules' field behind it.
  const headerOn: Record<RowFinding['on'], string> = {
    time: timeHeader,
    date: dateHeader,
    ndc: table.headers.get(log.ndc!) ?? 'NDC',
    rate: table.headers.get(log.rate!) ?? 'Rate',
    action: actionHeader,
  };
  const fieldOn: Record<RowFinding['on'], Field | null> = { time: 'start', date: 'date', ndc: null, rate: 'rate', action: null };
  const finding = (f: RowFinding, row: number): Finding => {
    const field = f.on === 'time' && f.id === 'missing-stop-time' ? 'stop' : fieldOn[f.on];
    return { id: f.id, severity: FINDING_SEVERITY[f.id], row, field, column: headerOn[f.on], params: {}, message: f.message };
  };
  const notes: SourceNote[] = new Array(rows.length);
  let skipped = 0;
  let ignored = 0;
  for (let i = 0; i < rows.length; i++) {
    const o = pairing.outcomes[i];
    const r = rows[i];
    const admin = o.admin !== null ? admins[o.admin] : null;
    const own = r.findings ?? NONE;
    const found = own.length === 0 && o.findings.length === 0 ? NO_FINDINGS : [...own, ...o.findings].map((f) => finding(f, o.row));
    if (o.role === 'skipped') skipped++;
    else if (o.role === 'ignored') ignored++;
    notes[i] = {
      row: o.row,
      role: o.role,
      codesOn: admin ? admin.openRow : null,
      findings: found,
      note: o.note,
      // Rows of an administration take its encounter; the others are placed by their own cells.
      encounterValues: admin
        ? NO_VALUES
        : { encounter: reader.value(o.row, 'encounter'), patient: reader.value(o.row, 'patient'), date: reader.value(o.row, 'date'), start: timeValue(events[i].time, dated) },
    };
  }

  const extra = [skipped ? `${count(skipped)} not given` : '', ignored ? `${count(ignored)} not paired` : ''].filter(Boolean);
  const summary =
    `Action log: ${count(events.length)} actions in ${count(admins.length)} administrations` +
    (extra.length ? ` (${extra.join(', ')})` : '');

  return {
    kind: 'action-log',
    rows: inputs,
    notes,
    summary,
    tables: (result) => [administrationsTable(admins, inputs, rows, byRow, result, dated)],
  };
}

/**
 * Action times that name their zone (`...Z`, `-05:00`) in an encounter the clock changed during (daylight saving
 * time): each is placed on the wall clock of the encounter's first such time, so the minutes between two actions are
 * the minutes that passed, as a FHIR export's period is read (`01:30-05:00` to `03:30-04:00` is 60 minutes, not
 * 120; in the fall, 90 minutes, not 30). Encounters on one offset, and times without a zone, are left as charted.
 */
function keepElapsedAcrossClockChanges(events: ActionEvent[], grid: Grid, timeColumn: number, encounterOf: (row: number) => string): void {
  let zoned: { i: number; encounter: string; seconds: number; offsetSeconds: number }[] | null = null;
  for (let i = 0; i < events.length; i++) {
    if (events[i].time === null) continue;
    const value = cell(grid, events[i].row, timeColumn);
    if (typeof value !== 'string' || !/[zZ]\s*$|[+-]\d{2}:?\d{2}\s*$/.test(value)) continue;
    const z = zonedInstant(value);
    if (z) (zoned ??= []).push({ i, encounter: encounterOf(events[i].row), ...z });
  }
  if (!zoned) return;
  const first = new Map<string, { seconds: number; offsetSeconds: number }>();
  const changes = new Set<string>();
  for (const z of zoned) {
    const f = first.get(z.encounter);
    if (f === undefined || z.seconds < f.seconds) first.set(z.encounter, z);
    if (f !== undefined && f.offsetSeconds !== z.offsetSeconds) changes.add(z.encounter);
  }
  for (const z of zoned) {
    if (changes.has(z.encounter)) events[z.i].time = z.seconds + first.get(z.encounter)!.offsetSeconds;
  }
}

/** Where each action row is in the log's rows: an array over the sheet rows they span (a map cost more). */
class RowIndex {
  private readonly first: number;
  private readonly index: Int32Array;
  constructor(rows: readonly ActionRow[]) {
    let first = Infinity;
    let last = -Infinity;
    for (const r of rows) {
      if (r.row < first) first = r.row;
      if (r.row > last) last = r.row;
    }
    this.first = rows.length > 0 ? first : 0;
    this.index = new Int32Array(rows.length > 0 ? last - first + 1 : 0);
    for (let i = 0; i < rows.length; i++) this.index[rows[i].row - this.first] = i;
  }
  of(row: number): number {
    return this.index[row - this.first];
  }
}

const NO_RATE = { mlPerHour: null, zero: false };
const NONE: RowFinding[] = [];
/** Shared by rows without findings (never mutated). */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];
/** Shared by the rows of an administration, which take its encounter (never mutated). */
const NO_VALUES: SourceNote['encounterValues'] = Object.freeze({});

/** Encounter + order; without an order, encounter + medication + site. */
function groupKey(reader: RowReader, row: number, order: string): string {
  return order ? `${encounterOf(reader, row)}\u0000o\u0000${order}` : `${medicationKey(reader, row)}\u0000${reader.text(row, 'site').toLowerCase()}`;
}

function encounterOf(reader: RowReader, row: number): string {
  return reader.text(row, 'encounter') || reader.text(row, 'patient');
}

function medicationKey(reader: RowReader, row: number): string {
  return `${encounterOf(reader, row)}\u0000m\u0000${reader.text(row, 'drug').toLowerCase()}`;
}

/**
 * Without an order column: a row whose site is blank (sites often chart the site on the start only) belongs to
 * the medication's one site in the encounter, when it has exactly one; with several, it stays on its own.
 */
function joinBlankSites(events: ActionEvent[], reader: RowReader): void {
  const sites = new Map<string, string | null>(); // medication key -> its one site, or null when several
  for (const e of events) {
    const site = reader.text(e.row, 'site').toLowerCase();
    if (!site) continue;
    const key = medicationKey(reader, e.row);
    const known = sites.get(key);
    if (known === undefined) sites.set(key, site);
    else if (known !== site) sites.set(key, null);
  }
  for (const e of events) {
    if (reader.text(e.row, 'site') !== '') continue;
    const key = medicationKey(reader, e.row);
    const site = sites.get(key);
    if (site) e.group = `${key}\u0000${site}`;
  }
}

/** The administration's values: the opening row's, blanks filled from its later rows; times and dose computed. */
function administrationRow(
  a: Administration,
  reader: RowReader,
  rows: ActionRow[],
  byRow: RowIndex,
  columns: Partial<Record<Field, string>>,
  dated: boolean,
): InputRow {
  const values = reader.values(a.openRow);
  for (let m = 1; m < a.rows.length; m++) {
    for (const f of reader.fields) {
      if (f !== 'dose' && isBlank(values[f])) {
        const v = reader.value(a.rows[m], f);
        if (!isBlank(v)) values[f] = v;
      }
    }
  }
  const minutes = runningMinutes(a);
  // A dose charted once (`Given`) by a bare IV route (Epic's `Intravenous`) was given at that moment: a push,
  // never an infusion that lacks its stop (EXPORTS.md A). An infusion is charted as a bag that starts and stops, or
  // as a dose with its duration (pair.ts).
  if (a.point && !isBlank(values.route) && readRoute(cellText(values.route)) === 'iv') values.route = `${cellText(values.route)} push`;
  values.start = timeValue(a.start, dated);
  // The rules count stop - start: the stop is moved back by the paused minutes so only running minutes count.
  values.stop = a.point || a.stop === null ? null : timeValue(a.stop - a.pausedSeconds, dated);
  const infused = a.point ? null : (a.documentedVolumeMl ?? a.rateVolumeMl);
  if (reader.fields.includes('dose')) {
    let bagDoses = a.doseRows.map((r) => reader.value(r, 'dose'));
    // No bag charted its dose: the first dose a later row records (a restart, a stop), never a rate such as the
    // `1200 units/hr` of a rate change.
    if (bagDoses.every(isBlank)) {
      const later = a.rows.find((r) => chartedDose(reader.value(r, 'dose')));
      if (later !== undefined) bagDoses = [reader.value(later, 'dose')];
    }
    values.dose = bagDoses.length === 1 && infused === null ? bagDoses[0] : administrationDose(bagDoses, infused, minutes);
    // A chain of bags with no stop (a new bag hung as each ran out) ran all their volume at its one rate (RULES.md
    // 3.11, a computed stop): timed here, since the dose lists only bags that are billed.
    if (values.stop === null && !a.point && a.rateMlPerHour && bagDoses.length > 1 && a.start !== null) {
      const ml = bagsVolumeMl(bagDoses);
      if (ml !== null) values.stop = timeValue(a.start + Math.round((ml / a.rateMlPerHour) * 3600), dated);
    }
  } else if (infused !== null) {
    values.dose = administrationDose([], infused, minutes);
  }
  // The rate in the rules' own field, as a flat sheet holds it, when the bag ran at one rate: a bag with no stop then
  // runs its charted volume at it (RULES.md 3.11, a computed stop), and a keep-vein-open rate is read as one.
  if (!a.point && a.rateMlPerHour !== null && isBlank(values.rate)) values.rate = `${a.rateMlPerHour} mL/hr`;
  const ndc = firstNdc(a, rows, byRow);
  if (ndc && (FIELDS as readonly string[]).includes('ndc')) (values as Record<string, CellValue>).ndc = ndc;
  return { row: a.openRow, values, columns, sourceRows: ascending(a.rows) ? a.rows : [...a.rows].sort((x, y) => x - y) };
}

/** Whether sheet rows are in ascending order (an administration's rows usually are: a sort would copy them). */
function ascending(rows: readonly number[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1] > rows[i]) return false;
  return true;
}

/** The first NDC documented on the administration's rows. */
function firstNdc(a: Administration, rows: ActionRow[], byRow: RowIndex): string | null {
  for (const r of a.rows) {
    const ndc = rows[byRow.of(r)].ndc;
    if (ndc) return ndc;
  }
  return null;
}

function administrationsTable(
  admins: Administration[],
  inputs: InputRow[],
  rows: ActionRow[],
  byRow: RowIndex,
  result: CodingResult,
  dated: boolean,
): OutputTable {
  const results = new Map<number, RowResult>();
  for (const r of result.rows) results.set(r.row, r);
  const out = admins.map((a, i) => {
    const first = rows[byRow.of(a.openRow)];
    const input = inputs[i];
    const res = results.get(a.openRow);
    const volume = a.documentedVolumeMl ?? a.rateVolumeMl;
    return [
      isBlank(input.values.encounter) ? (isBlank(input.values.patient) ? null : cellText(input.values.patient)) : cellText(input.values.encounter),
      first.order || null,
      isBlank(input.values.drug) ? null : cellText(input.values.drug),
      showTime(a.start, dated),
      a.point ? null : showTime(a.stop, dated),
      a.point ? null : Math.round(a.pausedSeconds / 60),
      runningMinutes(a),
      volume !== null && !a.point ? Math.round(volume) : null,
      firstNdc(a, rows, byRow),
      input.sourceRows!.join(', '),
      a.openRow,
      res ? formatCodes(res.cpt) || null : null,
      res ? formatCodes(res.hcpcs) || null : null,
      res ? res.status : null,
    ];
  });
  return { name: ADMINISTRATIONS_SHEET, headers: [...ADMINISTRATION_HEADERS], rows: out };
}

export type { LogColumn };
