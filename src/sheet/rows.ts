/** Reading the data rows of a detected table into the rules module's InputRows. */
import type { CellValue, CutCell, Field, InputRow } from '../rules/types';
import { formatDay, parseDate } from '../rules/values/date';
import { parseDose } from '../rules/values/dose';
import { parseTime } from '../rules/values/time';
import { columnLetters } from './columns';
import { cellText, isEmptyCell, plainCell as plain } from './cell';
import { dataRowTest, matchHeader, unreadHeaders } from './headers';
import type { DetectedTable, Grid } from './types';

/** `200` beside a unit column `mg` reads as `200 mg`; a value that already has a unit is left alone. */
export function withUnit(value: CellValue, unit: CellValue | undefined): CellValue {
  if (unit === undefined || isEmptyCell(unit) || isEmptyCell(value)) return value;
  const unitText = cellText(unit).trim();
  if (!isDoseUnit(unitText)) return value; // a count, or a ward (`4 West`, `ED`): not a unit
  if (typeof value === 'number' || (typeof value === 'string' && /^'?[\d.,\s]+$/.test(value.trim()))) {
    return `${typeof value === 'number' ? String(value) : value.trim().replace(/^'/, '')} ${unitText}`;
  }
  return value;
}

/** Is this a unit a dose is measured in (`mg`, `mL`, `units`, `mEq`)? A dose of one of it reads with an amount. */
function isDoseUnit(text: string): boolean {
  if (text === '' || /^\d|\s\d/.test(text) || text.length > 20) return false; // a count, a ward (`4 West`, `Room 4`)
  // A unit the rules cannot bill by (`mg/m2`, `Million Units`) is still the dose's: it reads as a finding on the dose.
  if (/^(?:mg|mcg|µg|ug|g|gm|ml|l|units?|iu|meq|mmol|million|thousand)\b/i.test(text)) return true;
  const probe = parseDose(`1 ${text}`, null);
  return probe.ok && probe.value.amount !== null;
}

/** A clock time with the date from its own column: `10:00` + `3/3/2026` -> `2026-03-03 10:00`; else the value. */
function withDate(time: CellValue, date: CellValue | undefined): CellValue {
  if (date === undefined || isEmptyCell(date) || isEmptyCell(time)) return time;
  const t = parseTime(time);
  const d = parseDate(date);
  if (!t.ok || t.value.day !== null || !d.ok) return time; // a date-time already, or either unreadable (said on its own cell)
  const s = t.value.seconds;
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  return `${formatDay(d.value)} ${hh}:${mm}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A time of day (and its day, when known) as text the rules read: `13:00`, `2026-03-03 02:00`. */
function clockText(seconds: number, day: number | null): string {
  const clock = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor((seconds % 3600) / 60))}`;
  return day === null ? clock : `${formatDay(day)} ${clock}`;
}

/**
 * A 12-hour clock time with its half of the day from an `AM/PM` column: `1:00` + `PM` -> `13:00`, `12:15` + `AM`
 * -> `00:15`. A time that already says AM or PM, an unreadable time or a blank half is left as it is.
 */
function withMeridiem(time: CellValue, half: CellValue | undefined): CellValue {
  if (half === undefined || isEmptyCell(half) || isEmptyCell(time)) return time;
  const pm = /^p\.?(?:m\.?)?$/i.test(cellText(half).trim());
  if (!pm && !/^a\.?(?:m\.?)?$/i.test(cellText(half).trim())) return time;
  if (typeof time === 'string' && /[ap]\.?m\b|\b[ap]$|noon|midnight/i.test(time.trim())) return time;
  const t = parseTime(time);
  if (!t.ok || t.value.seconds >= 86400) return time;
  let s = t.value.seconds;
  const hour = Math.floor(s / 3600);
  if (hour > 12) return time; // a 24-hour time already (`13:00` | `PM`)
  if (pm && hour < 12) s += 12 * 3600;
  if (!pm && hour === 12) s -= 12 * 3600;
  return clockText(s, t.value.day);
}

/**
 * A bare `IV` route with its `Infusion/Injection` cell: `IV` + `Injection` -> `IV push`, `IV` + `Infusion` ->
 * `IV infusion`. A bare `IV` says neither, so an injection charted with its start only read as an infusion missing
 * its stop (an error). A route that says more (`IVPB`, `IV push`, `IM`) is kept as written.
 */
function withAdminKind(route: CellValue, kind: CellValue, hasStop: boolean): CellValue {
  if (isEmptyCell(kind) || !/^\s*(?:iv|i\.v\.?|intravenous(?:ly)?)\s*$/i.test(cellText(route))) return route;
  const k = cellText(kind).trim();
  if (/^(?:iv\s+)?(?:push|bolus)$/i.test(k)) return 'IV push';
  // An injection charted with its stop is read from its times (a 40-minute `Injection` ran as an infusion).
  if (/^(?:iv\s+)?(?:inj\.?|injection)$/i.test(k)) return hasStop ? route : 'IV push';
  if (/^(?:iv\s+)?(?:inf\.?|infusion)$/i.test(k)) return 'IV infusion';
  return route;
}

/** A time, with an optional date before it and AM/PM after it: one end of a `09:30-10:45` range. */
const RANGE_END = String.raw`(?:\d{1,2}(?::\d{2}(?::\d{2})?|\d{2})(?:\s*[ap]\.?m?\.?)?|\d{1,2}\s*[ap]\.?m?\.?)`;
const TIME_RANGE = new RegExp(String.raw`^(.*?${RANGE_END})\s*(?:-|\u2013|\u2014|\bto\b|\buntil\b)\s*(${RANGE_END})$`, 'i');

/**
 * An ISO 8601 date-time with a numeric UTC offset, as a system exports it: `2026-03-02T09:00:00-05:00`,
 * `2026-03-02T09:00-0500`, `2026-03-02 09:00:00-05:00`. A `T` or seconds mark it; `2026-03-02 09:00-10:31` is a range.
 */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?|\s\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)\s*[+-](?:0\d|1[0-4])(?::?(?:00|30|45))?$/i; // (an offset's minutes: 00, 30, 45)

/**
 * One cell holding the start and the stop (`09:30-10:45`, `9:30 AM - 10:45 AM`, `03/02/2026 23:00 to 02:00`, under
 * a `Start/Stop` or `Time In/Out` header): [start, stop] when both ends read as times, else null.
 */
export function splitTimeRange(value: CellValue): [string, string] | null {
  if (typeof value !== 'string') return null;
  // `2026-03-02T09:00:00-05:00` is one ISO date-time with its UTC offset, not 09:00 to 05:00.
  if (ISO_WITH_OFFSET.test(value.trim())) return null;
  const m = TIME_RANGE.exec(value.trim());
  if (!m) return null;
  const [from, to] = [m[1].trim(), m[2].trim()];
  const a = parseTime(from);
  const b = parseTime(to);
  return a.ok && b.ok ? [from, to] : null;
}

/**
 * The stop of a start and a documented duration (`Duration (min)` = `75`; `1:15` or `1.25 hr` too): the start's
 * date and clock plus the minutes, dated when the start or the row's date is (a run past midnight keeps its day).
 * Null when either cannot be read (the row then says its stop is missing, as before).
 */
function stopFromDuration(start: CellValue, duration: CellValue, header: string, date: CellValue | undefined): string | null {
  if (isEmptyCell(duration) || isEmptyCell(start)) return null;
  const minutes = durationMinutes(duration, /\b(?:h|hr|hrs|hours?)\b/i.test(header) && !/\bmin/i.test(header));
  const t = parseTime(start);
  if (minutes === null || !t.ok) return null;
  let day = t.value.day;
  if (day === null && date !== undefined && !isEmptyCell(date)) {
    const d = parseDate(date);
    if (d.ok) day = d.value;
  }
  const total = t.value.seconds + Math.round(minutes * 60);
  if (day === null) return clockText(total % 86400, null); // an undated clock: the rules' midnight crossing
  return clockText(total % 86400, day + Math.floor(total / 86400));
}

/** Minutes of a duration cell: `75`, `75 min`, `1.5 hr`, `1 h 15 min`, `1:15` (h:mm), `01:15:00`, an Excel duration (0.052...). */
function durationMinutes(value: CellValue, hoursHeader: boolean): number | null {
  let minutes: number | null = null;
  if (typeof value === 'number') {
    // Under 1 with a fraction: an Excel time cell (`[h]:mm`), a day's fraction; else the header's unit.
    minutes = value > 0 && value < 1 && !hoursHeader ? value * 1440 : hoursHeader ? value * 60 : value;
  } else if (value instanceof Date) {
    const t = parseTime(value);
    minutes = t.ok && t.value.day === null ? t.value.seconds / 60 : null;
  } else {
    const text = cellText(value).trim().toLowerCase();
    let m: RegExpExecArray | null;
    // h:mm, or h:mm:ss as a device or EHR exports it (`01:31:00`): the seconds count too.
    if ((m = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(text))) minutes = +m[1] * 60 + +m[2] + (m[3] ? +m[3] / 60 : 0);
    else if ((m = /^(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?)\.?(?:\s*(\d+)\s*(?:m|min|mins|minutes?)\.?)?$/.exec(text))) minutes = +m[1] * 60 + (m[2] ? +m[2] : 0);
    else if ((m = /^(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?)?\.?$/.exec(text))) minutes = hoursHeader && !/[a-z]/.test(text) ? +m[1] * 60 : +m[1];
  }
  // No administration runs a week: a larger number is no duration (a date, an ID).
  return minutes !== null && Number.isFinite(minutes) && minutes > 0 && minutes < 7 * 1440 ? minutes : null;
}

/** A last name with its first name from the column beside: `Smith` + `John` -> `Smith, John`. */
function withFirstName(last: CellValue, first: CellValue | undefined): CellValue {
  if (first === undefined || isEmptyCell(first)) return last;
  if (isEmptyCell(last)) return first;
  return `${cellText(last).trim()}, ${cellText(first).trim()}`;
}

/** A dose with a separate volume cell: `8 mg` + `50` -> `8 mg in 50 mL`; no dose -> the volume itself. */
function withVolume(dose: CellValue, volume: CellValue): CellValue {
  if (isEmptyCell(volume)) return dose;
  const v = cellText(volume);
  const volumeText = /^[\d.,\s]+$/.test(v) ? `${v} mL` : v;
  if (isEmptyCell(dose)) return volumeText;
  const d = cellText(dose);
  if (/\b(ml|l|cc|liters?|litres?)\b/i.test(d)) return dose; // the dose already names its volume
  return `${d} in ${volumeText}`;
}

/** A row's cut cells, each by its field (when the column is read) and its header. */
function cutCells(cut: ReadonlyMap<number, number>, table: DetectedTable): CutCell[] {
  const fieldOf = new Map<number, Field>();
  for (const [field, column] of Object.entries(table.mapping) as [Field, number | undefined][]) if (column) fieldOf.set(column, field);
  return [...cut].map(([column, length]) => ({ field: fieldOf.get(column) ?? null, column: table.headers.get(column) ?? `column ${columnLetters(column)}`, length }));
}

/** One InputRow per data row of the table, with the user's header text for each mapped field. */
export function readRows(grid: Grid, table: DetectedTable): InputRow[] {
  const fields = (Object.entries(table.mapping) as [Field, number | undefined][]).filter(
    (e): e is [Field, number] => typeof e[1] === 'number' && e[1] > 0,
  );
  const columns: Partial<Record<Field, string>> = {};
  for (const [field, column] of fields) columns[field] = table.headers.get(column) ?? field;
  const doseUnit = table.unitColumns?.dose;
  const wasteUnit = table.unitColumns?.waste;
  const doseHeaderUnit = table.headerUnits?.dose;
  const volumeColumn = table.volumeColumn;
  const firstNameColumn = table.companions?.firstName;
  const stopDateColumn = table.companions?.stopDate;
  const wasteHeaderUnit = table.headerUnits?.waste;
  const durationColumn = table.companions?.duration;
  const durationHeader = durationColumn ? (table.headers.get(durationColumn) ?? '') : '';
  const startMeridiem = table.companions?.startMeridiem;
  const stopMeridiem = table.companions?.stopMeridiem;
  const adminKind = table.companions?.adminKind;
  // A stop read from the start's cell (`09:30-10:45`) or a duration is said on that column when the sheet has no stop.
  const startHeader = columns.start;
  const rangeColumns = columns.stop === undefined && startHeader !== undefined ? { ...columns, stop: startHeader } : columns;
  const durationColumns = columns.stop === undefined && durationColumn ? { ...columns, stop: durationHeader } : columns;
  const dayFirst = dayFirstColumns(grid, table, [
    ...(['date', 'start', 'stop'] as const).map((f) => table.mapping[f]),
    stopDateColumn,
  ]);
  const repeats = repeatedTimeColumns(table);
  const rows: InputRow[] = new Array(table.dataRows.length);
  for (let i = 0; i < table.dataRows.length; i++) {
    const row = table.dataRows[i];
    const cells = grid.values[row - grid.firstRow] ?? [];
    const values: Partial<Record<Field, CellValue>> = {};
    for (const [field, column] of fields) values[field] = plain(cells[column - grid.firstColumn]);
    for (const [field, column] of fields) if (dayFirst.has(column)) values[field] = asIsoDate(values[field]);
    if (values.dose !== undefined) {
      if (doseUnit) values.dose = withUnit(values.dose, plain(cells[doseUnit - grid.firstColumn]));
      if (doseHeaderUnit) values.dose = withUnit(values.dose, doseHeaderUnit);
    }
    if (volumeColumn && values.dose !== undefined) {
      values.dose = withVolume(values.dose, plain(cells[volumeColumn - grid.firstColumn]));
    }
    if (firstNameColumn && values.patient !== undefined) values.patient = withFirstName(values.patient, plain(cells[firstNameColumn - grid.firstColumn]));
    if (startMeridiem && values.start !== undefined) values.start = withMeridiem(values.start, plain(cells[startMeridiem - grid.firstColumn]));
    if (stopMeridiem && values.stop !== undefined) values.stop = withMeridiem(values.stop, plain(cells[stopMeridiem - grid.firstColumn]));
    if (adminKind && values.route !== undefined) {
      values.route = withAdminKind(values.route, plain(cells[adminKind - grid.firstColumn]), values.stop !== undefined && !isEmptyCell(values.stop));
    }
    let rowColumns = columns;
    // `Start/Stop` = `09:30-10:45`: both times in one cell (the stop column, when there is one, is blank).
    if (values.start !== undefined && (values.stop === undefined || isEmptyCell(values.stop))) {
      const range = splitTimeRange(values.start);
      if (range) {
        [values.start, values.stop] = range;
        rowColumns = rangeColumns;
      }
    }
    if (stopDateColumn && values.stop !== undefined) {
      const stopDate = plain(cells[stopDateColumn - grid.firstColumn]);
      values.stop = withDate(values.stop, dayFirst.has(stopDateColumn) ? asIsoDate(stopDate) : stopDate);
    }
    if (durationColumn && values.start !== undefined && (values.stop === undefined || isEmptyCell(values.stop))) {
      const stop = stopFromDuration(values.start, plain(cells[durationColumn - grid.firstColumn]), durationHeader, values.date);
      if (stop !== null) {
        values.stop = stop;
        rowColumns = durationColumns;
      }
    }
    if (values.waste !== undefined) {
      if (wasteUnit) values.waste = withUnit(values.waste, plain(cells[wasteUnit - grid.firstColumn]));
      if (wasteHeaderUnit) values.waste = withUnit(values.waste, wasteHeaderUnit);
    }
    const cut = grid.cut?.get(row);
    rows[i] = cut ? { row, values, columns: rowColumns, cut: cutCells(cut, table) } : { row, values, columns: rowColumns };
    const unread = repeats.filter(([column]) => !isEmptyCell(plain(cells[column - grid.firstColumn]))).map(([, header]) => header);
    if (unread.length) rows[i].unread = unread;
  }
  carryVisitDown(rows, grid, table, dayFirst);
  return rows;
}

/** A numeric date at the start of a text cell: `02.03.2026`, `15/3/2026 09:00`, `2-3-26`. */
const NUMERIC_DATE = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-])/;

/**
 * The date columns written day first (`15/03/2026`): the rules read `2/3/2026` month first, as a US sheet writes
 * it, so a European sheet's 2 March became 3 February and its 15 March an error (no month 15). A sheet's dates are
 * day first when two of them have a first number over 12 (the second never is), or when they are written with dots
 * (`02.03.2026`, a European form) and none has a second number over 12. One sheet writes its dates one way, so the
 * date, start, stop and stop-date columns are judged together (`Start Date` = `15/03/2026`, `End Date` = `03/03/2026`).
 */
function dayFirstColumns(grid: Grid, table: DetectedTable, candidates: readonly (number | undefined)[]): Set<number> {
  const columns = [...new Set(candidates)].filter((c): c is number => typeof c === 'number' && c > 0);
  let dayOver12 = 0;
  let monthOver12 = false;
  let dotted = false;
  for (const row of table.dataRows) {
    const cells = grid.values[row - grid.firstRow] ?? [];
    for (const column of columns) {
      const v = plain(cells[column - grid.firstColumn]);
      if (typeof v !== 'string') continue;
      const m = NUMERIC_DATE.exec(v.trim());
      if (!m) continue;
      if (+m[1] > 12) dayOver12++;
      if (+m[3] > 12) monthOver12 = true;
      if (m[2] === '.') dotted = true;
    }
  }
  // One date past the 12th is a typo in a US sheet (its row says so), not a day-first sheet: it takes two.
  const dayFirst = dotted || dayOver12 >= 2;
  return !monthOver12 && dayFirst ? new Set(columns) : new Set();
}

/** A day-first date as ISO: `15/3/2026 09:00` -> `2026-03-15 09:00`; any other value as it is. */
function asIsoDate(value: CellValue): CellValue {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  const m = NUMERIC_DATE.exec(text);
  if (!m) return value;
  const year = m[4].length === 2 ? `20${m[4]}` : m[4];
  return `${year}-${pad2(+m[3])}-${pad2(+m[1])}${text.slice(m[0].length)}`;
}

/**
 * Unread columns repeating the start or stop of a further administration: `Start 2 | Stop 2`, `Admin 2 Start`,
 * `2nd Start Time` (a log with one row per drug and its administrations across). Only the first pair is the row's;
 * the others were dropped without a word on the coded row (a second bag's hydration and units lost), so each filled
 * one is named by an `unread-administration` finding.
 */
function repeatedTimeColumns(table: DetectedTable): [number, string][] {
  if (!table.mapping.start) return [];
  const unread = new Set(unreadHeaders(table));
  const out: [number, string][] = [];
  for (const [column, header] of table.headers) {
    if (!unread.has(header.trim())) continue;
    const plainHeader = header.replace(/\b(?:[2-9]|1\d|2nd|3rd|[4-9]th|second|third)\b/gi, ' ');
    if (plainHeader === header) continue;
    const field = matchHeader(plainHeader)?.field;
    if (field === 'start' || field === 'stop') out.push([column, header.trim()]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The fields a grouped report prints once per visit, on its first row. */
const VISIT_FIELDS: readonly Field[] = ['patient', 'date', 'setting', 'payer'];

/**
 * A grouped or printed log names its visit on the visit's first row only, blank below meaning "same as above"
 * (`E1 | ceftriaxone` then ` | azithromycin`). Read as they stand, the blank rows fall back to patient + date,
 * and every blank row of a date became one visit with other patients' drugs (codes from several visits merged
 * under a date). So a row whose visit cell is blank (or a ditto mark) takes the visit of the nearest data row above
 * it in the sheet that names one, with that visit's patient, date, setting and payer where its own are blank, unless
 * it names a different patient of its own (a new visit without an id). Empty rows between are passed over; a header
 * repeated, a totals row or any other non-data row ends the search. The sheet, not the list of rows read, is searched,
 * so a row read alone (the command line's read-ahead reads rows one at a time and in blocks) reads the same.
 * A sheet without a visit column does the same with its patient column. A row naming its own visit is unchanged.
 */
function carryVisitDown(rows: InputRow[], grid: Grid, table: DetectedTable, dayFirst: ReadonlySet<number>): void {
  const key: Field | null = table.mapping.encounter ? 'encounter' : table.mapping.patient ? 'patient' : null;
  const keyColumn = key ? table.mapping[key] : undefined;
  if (key === null || !keyColumn) return;
  const at = (row: number, column: number | undefined): CellValue => {
    if (!column) return undefined;
    const value = plain((grid.values[row - grid.firstRow] ?? [])[column - grid.firstColumn]);
    return dayFirst.has(column) ? asIsoDate(value) : value;
  };
  const needsVisit = (r: InputRow) => isEmptyCell(r.values[key] ?? null) || isDitto(r.values[key]);
  const needing = new Set<number>();
  let lastNeeding = -Infinity;
  for (const r of rows) {
    if (!needsVisit(r)) continue;
    needing.add(r.row);
    if (r.row > lastNeeding) lastNeeding = r.row;
  }
  if (needing.size === 0) return; // every row names its visit (most sheets)
  // One pass down the sheet (never a search up from each row: a column of blanks made that the square of the rows):
  // per row, the nearest data row above it naming a visit, or none past a header repeated, a totals row or the like.
  const isData = dataRowTest(grid.firstColumn, table.mapping, table.headers, table.unitColumns, table.volumeColumn, table.companions);
  const visitAbove = new Map<number, number | null>();
  let current: number | null = null;
  for (let r = Math.max(table.headerRow + 1, grid.firstRow); r <= lastNeeding; r++) {
    if (needing.has(r)) visitAbove.set(r, current);
    const cells = grid.values[r - grid.firstRow] ?? [];
    if (cells.every((c) => isEmptyCell(plain(c)))) continue; // an empty row between visits
    if (!isData(cells)) {
      current = null;
      continue;
    }
    const visit = at(r, keyColumn);
    if (!isEmptyCell(visit) && !isDitto(visit)) current = r;
  }
  const visitRowAbove = (row: number): number | null => visitAbove.get(row) ?? null;
  for (const r of rows) {
    const v = r.values;
    if (!needsVisit(r)) continue;
    const above = visitRowAbove(r.row);
    if (above === null) continue;
    const abovePatient = at(above, table.mapping.patient);
    if (key === 'encounter' && !isEmptyCell(v.patient ?? null) && !isDitto(v.patient) && !samePatient(v.patient, abovePatient)) continue;
    // A row dated otherwise is another visit (a later day of the patient's), never the one above.
    if (!isEmptyCell(v.date ?? null) && !isDitto(v.date) && !sameDate(v.date, at(above, table.mapping.date))) continue;
    v[key] = at(above, keyColumn);
    for (const f of VISIT_FIELDS) {
      if (f === key || !(f in v) || !(isEmptyCell(v[f] ?? null) || isDitto(v[f]))) continue;
      const value = at(above, table.mapping[f]);
      if (!isEmptyCell(value)) v[f] = value;
    }
  }
}

/** A ditto mark in a visit cell (`"`, `〃`, `ditto`, `same as above`): the visit of the row above, as a blank is. */
function isDitto(value: CellValue | undefined): boolean {
  return typeof value === 'string' && /^\s*(?:["\u201c\u201d\u3003]|''|ditto|same as above)\s*$/i.test(value);
}

/** Two date cells naming one day (a date cell and a date-time of that day too). */
function sameDate(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (b === undefined || isEmptyCell(b)) return false;
  const x = parseDate(a);
  const y = parseDate(b);
  return x.ok && y.ok ? x.value === y.value : cellText(a).trim() === cellText(b).trim();
}

function samePatient(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return a !== undefined && b !== undefined && !isEmptyCell(a) && cellText(a).trim().toLowerCase() === cellText(b).trim().toLowerCase();
}
