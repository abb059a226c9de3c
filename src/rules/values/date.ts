/**
 * Dates of service to day numbers (days since 1970-01-01, UTC), and back. Accepts JS Dates (UTC parts),
 * Excel serial numbers (1900 system), ISO `yyyy-mm-dd`, US `m/d/yyyy`, `m/d/yy`, `m-d-yyyy`,
 * `Mar 2, 2026`, `2 Mar 2026`, `02-MAR-26`, `yyyymmdd`, each optionally followed by a time.
 */
import { BLANK, fail, InstantCache, isBlank, ok, showValue, TextCache, unwrapCell, type Parsed } from './cell';
import { clockSeconds } from './clock';
import { DaySlots } from './daySlots';

/** Excel serial of 1970-01-01 in the 1900 date system. */
export const EXCEL_EPOCH_SERIAL = 25569;
/** Serial of 9999-12-31, the last date Excel shows. */
const MAX_SERIAL = 2958465;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** Day number of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function dayFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1-12, day 1-31] of a day number. */
export function civilFromDay(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** `yyyy-mm-dd` of a day number ('' for a value that is not a finite number). */
export function formatDay(day: number): string {
  if (typeof day !== 'number' || !Number.isFinite(day) || Math.abs(day) > 1e8) return '';
  const [y, m, d] = civilFromDay(Math.floor(day));
  const ys = y >= 0 && y < 10000 ? String(y).padStart(4, '0') : String(y);
  return `${ys}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * Day number of the whole part of an Excel serial (1900 system), or null when out of range. Serials
 * below 61 sit before Excel's phantom 1900-02-29 (serial 60, rejected) and are shifted by one day.
 */
export function serialToDay(serial: number): number | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_SERIAL || whole === 60) return null;
  const day = whole < 60 ? whole - EXCEL_EPOCH_SERIAL + 1 : whole - EXCEL_EPOCH_SERIAL;
  return day <= LAST_DAY ? day : null;
}

/** Day number of a JS Date from its UTC parts (rounded to the second first: exceljs dates can be 1 ms short). */
export function dateToDay(d: Date): number | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  const day = Math.floor(Math.round(t / 1000) / 86400);
  return day >= FIRST_DAY && day <= LAST_DAY ? day : null;
}

/** Dates of service outside 1900-2199 are typing slips (`0026`, `20226`). */
const FIRST_DAY = dayFromCivil(MIN_YEAR, 1, 1);
const LAST_DAY = dayFromCivil(MAX_YEAR, 12, 31);

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const REST = '(?:(?:t|\\s+|,\\s*)(.*))?$';
const ISO_RE = new RegExp('^' + WEEKDAY + '(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})' + REST);
const US_RE = new RegExp('^' + WEEKDAY + '(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})' + REST);
const MDY_NAME_RE = new RegExp('^' + WEEKDAY + '([a-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})' + REST);
const DMY_NAME_RE = new RegExp('^' + WEEKDAY + '(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+|-)([a-z]{3,9})\\.?,?(?:\\s+|-)(\\d{4}|\\d{2})' + REST);
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;

/** A date at the start of some text: its day and the text after it, a reason it is impossible, or null. */
export type DateSplit = { day: number; rest: string } | { error: string } | null;

/** Reads a leading date from trimmed lower-case text. */
export function splitDateText(lower: string): DateSplit {
  const c0 = lower.charCodeAt(0);
  const digitFirst = c0 >= 48 && c0 <= 57;
  let m: RegExpExecArray | null;
  if (digitFirst) {
    if ((m = ISO_RE.exec(lower))) return civil(+m[1], +m[3], +m[4], m[5]);
    if ((m = US_RE.exec(lower))) {
      const y = m[4].length === 2 ? 2000 + +m[4] : +m[4];
      return civil(y, +m[1], +m[3], m[5]);
    }
    if ((m = DMY_NAME_RE.exec(lower))) {
      const month = MONTHS[m[2]];
      if (month === undefined) return null;
      const y = m[3].length === 2 ? 2000 + +m[3] : +m[3];
      return civil(y, month, +m[1], m[4]);
    }
    if ((m = COMPACT_RE.exec(lower))) return civil(+m[1], +m[2], +m[3], undefined);
    return null;
  }
  if ((m = ISO_RE.exec(lower))) return civil(+m[1], +m[3], +m[4], m[5]);
  if ((m = US_RE.exec(lower))) return civil(m[4].length === 2 ? 2000 + +m[4] : +m[4], +m[1], +m[3], m[5]);
  if ((m = MDY_NAME_RE.exec(lower))) {
    const month = MONTHS[m[1]];
    if (month === undefined) return null;
    return civil(+m[3], month, +m[2], m[4]);
  }
  if ((m = DMY_NAME_RE.exec(lower))) {
    const month = MONTHS[m[2]];
    if (month === undefined) return null;
    return civil(m[3].length === 2 ? 2000 + +m[3] : +m[3], month, +m[1], m[4]);
  }
  return null;
}

function civil(y: number, m: number, d: number, rest: string | undefined): DateSplit {
  if (m < 1 || m > 12) return { error: `there is no month ${m}` };
  if (d < 1 || d > daysInMonth(y, m)) return { error: `${MONTH_NAMES[m - 1]} ${y} has no day ${d}` };
  if (y < MIN_YEAR || y > MAX_YEAR) return { error: `the year ${y} is out of range` };
  return { day: dayFromCivil(y, m, d), rest: rest === undefined ? '' : rest.trim() };
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const NUMERIC_RE = /^\d+(?:\.\d+)?$/;
const cache = new TextCache<Parsed<number>>();
const instants = new InstantCache<Parsed<number>>();

function dateFromDate(d: Date): Parsed<number> {
  const day = dateToDay(d);
  return day === null ? notADate(d, Number.isFinite(d.getTime()) ? `the year ${d.getUTCFullYear()} is out of range` : undefined) : ok(day);
}

/** A date of service as a day number (days since 1970-01-01). Never throws. */
export function parseDate(v: unknown): Parsed<number> {
  if (typeof v === 'string') {
    const hit = cache.get(v);
    if (hit !== undefined) return hit;
    return cache.set(v, isBlank(v) ? BLANK : parseDateText(v.trim().replace(/^'/, ''), v)); // `'03/02/2026`: Excel's text mark
  }
  if (typeof v === 'number') return dateFromNumber(v, v);
  if (v instanceof Date) {
    // A date at midnight (most date cells) is its day: read without hashing its instant.
    const t = v.getTime();
    const day = Math.floor(t / DAY_MS);
    if (day * DAY_MS === t && day >= FIRST_DAY && day <= LAST_DAY) return dayResults.of(day);
    return instants.of(v, dateFromDate);
  }
  if (isBlank(v)) return BLANK;
  const inner = unwrapCell(v);
  if (inner !== v && (typeof inner === 'string' || typeof inner === 'number' || inner instanceof Date)) return parseDate(inner);
  return notADate(v);
}

const DAY_MS = 86400000;
/** The results of recent days (read without hashing). */
const dayResults = new DaySlots<Parsed<number>>((day) => ok(day), BLANK);

function dateFromNumber(n: number, shown: unknown): Parsed<number> {
  const day = serialToDay(n);
  if (day !== null) return ok(day);
  if (Number.isInteger(n) && n >= 19000101 && n <= 21991231) {
    // `20260302` typed as a number.
    const s = splitDateText(String(n));
    if (s && 'day' in s) return ok(s.day);
  }
  return notADate(shown, n < 1 ? 'an Excel date serial starts at 1' : undefined);
}

function parseDateText(t: string, shown: string): Parsed<number> {
  const lower = t.toLowerCase();
  if (NUMERIC_RE.test(lower) && lower.length !== 8) return dateFromNumber(+lower, shown);
  const s = splitDateText(lower);
  if (s === null) return notADate(shown);
  if ('error' in s) return notADate(shown, s.error);
  if (s.rest !== '' && clockSeconds(s.rest) < 0) return notADate(shown, `'${s.rest}' is not a time`);
  return ok(s.day);
}

function notADate(v: unknown, why?: string): Parsed<number> {
  return fail(`'${showValue(v)}' is not a date${why ? ` (${why})` : ''}`);
}
