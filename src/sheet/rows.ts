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
    if (stopDateColumn && values.stop !== undefined) values.stop = withDate(values.stop, plain(cells[stopDateColumn - grid.firstColumn]));
    if (values.waste !== undefined) {
      if (wasteUnit) values.waste = withUnit(values.waste, plain(cells[wasteUnit - grid.firstColumn]));
      if (wasteHeaderUnit) values.waste = withUnit(values.waste, wasteHeaderUnit);
    }
    const cut = grid.cut?.get(row);
    rows[i] = cut ? { row, values, columns, cut: cutCells(cut, table) } : { row, values, columns };
  }
  return rows;
}
