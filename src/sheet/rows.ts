/** Reading the data rows of a detected table into the rules module's InputRows. */
import type { CellValue, CutCell, Field, InputRow } from '../rules/types';
import { formatDay, parseDate } from '../rules/values/date';
import { parseDose } from '../rules/values/dose';
import { parseTime } from '../rules/values/time';
import { columnLetters } from './columns';
import { cellText, isEmptyCell, plainCell as plain } from './cell';
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

/** A time, with an optional date before it and AM/PM after it: one end of a `09:30-10:45` range. */
const RANGE_END = String.raw`(?:\d{1,2}(?::\d{2}(?::\d{2})?|\d{2})(?:\s*[ap]\.?m?\.?)?|\d{1,2}\s*[ap]\.?m?\.?)`;
const TIME_RANGE = new RegExp(String.raw`^(.*?${RANGE_END})\s*(?:-|\u2013|\u2014|\bto\b|\buntil\b)\s*(${RANGE_END})$`, 'i');

/**
 * One cell holding the start and the stop (`09:30-10:45`, `9:30 AM - 10:45 AM`, `03/02/2026 23:00 to 02:00`, under
 * a `Start/Stop` or `Time In/Out` header): [start, stop] when both ends read as times, else null.
 */
export function splitTimeRange(value: CellValue): [string, string] | null {
  if (typeof value !== 'string') return null;
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

/** Minutes of a duration cell: `75`, `75 min`, `1.5 hr`, `1 h 15 min`, `1:15` (h:mm), an Excel duration (0.052...). */
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
    if ((m = /^(\d{1,3}):(\d{2})$/.exec(text))) minutes = +m[1] * 60 + +m[2];
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
  // A stop read from the start's cell (`09:30-10:45`) or a duration is said on that column when the sheet has no stop.
  const startHeader = columns.start;
  const rangeColumns = columns.stop === undefined && startHeader !== undefined ? { ...columns, stop: startHeader } : columns;
  const durationColumns = columns.stop === undefined && durationColumn ? { ...columns, stop: durationHeader } : columns;
  const rows: InputRow[] = new Array(table.dataRows.length);
  for (let i = 0; i < table.dataRows.length; i++) {
    const row = table.dataRows[i];
    const cells = grid.values[row - grid.firstRow] ?? [];
    const values: Partial<Record<Field, CellValue>> = {};
    for (const [field, column] of fields) values[field] = plain(cells[column - grid.firstColumn]);
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
    let rowColumns = columns;
    // `Start/Stop` = `09:30-10:45`: both times in one cell (the stop column, when there is one, is blank).
    if (values.start !== undefined && (values.stop === undefined || isEmptyCell(values.stop))) {
      const range = splitTimeRange(values.start);
      if (range) {
        [values.start, values.stop] = range;
        rowColumns = rangeColumns;
      }
    }
    if (stopDateColumn && values.stop !== undefined) values.stop = withDate(values.stop, plain(cells[stopDateColumn - grid.firstColumn]));
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
  }
  return rows;
}
