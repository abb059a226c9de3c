/**
 * Administration start/stop times. Accepts clock text (`09:30`, `9:30 AM`, `9:30 a.m.`, `0930`, `09:30:00`,
 * `24:00`), Excel serial fractions and date-times, HHMM integers (a CSV `0930` arrives as 930), hours.minutes
 * numbers (a General cell's `9.30` arrives as 9.3), JS Dates and date-time text. `day` is set when the cell also held a date.
 */
import { BLANK, fail, InstantCache, isBlank, ok, showValue, TextCache, unwrapCell, type Parsed } from './cell';
import { clockSeconds } from './clock';
import { dateToDay, serialToDay, splitDateText } from './date';

export interface TimeValue {
  /** Seconds after midnight, 0..86400 (86400 = `24:00`). */
  seconds: number;
  /** Day number (days since 1970-01-01) when the cell also held a date, else null. */
  day: number | null;
}

const SERIAL_RE = /^\d*\.\d+$|^\d{5,7}(?:\.\d+)?$/;
const DIGITS_RE = /^\d{1,4}$/;
const cache = new TextCache<Parsed<TimeValue>>();
const instants = new InstantCache<Parsed<TimeValue>>();
const DAY_MS = 86400000;
/** 1899-12-30, Excel's day 0, in milliseconds. */
const SERIAL_ZERO_MS = Date.UTC(1899, 11, 30);

/** A time of day, optionally with a date. Never throws. */
export function parseTime(v: unknown): Parsed<TimeValue> {
  if (typeof v === 'string') {
    const quick = plainClock(v);
    if (quick !== null) return quick;
    const hit = cache.get(v);
    if (hit !== undefined) return hit;
    // A leading apostrophe is Excel's mark of text, kept in a CSV: `'09:30` is 09:30.
    return cache.set(v, isBlank(v) ? BLANK : parseTimeText(v.trim().replace(/^'/, '').toLowerCase(), v));
  }
  if (typeof v === 'number') return timeFromNumber(v, v);
  if (v instanceof Date) {
    // Excel's time-only values on a whole minute (most time cells): read without a cache lookup.
    const sinceZero = v.getTime() - SERIAL_ZERO_MS;
    if (sinceZero >= 0 && sinceZero < 2 * DAY_MS) {
      const ms = sinceZero | 0; // under 2^31 here: integer arithmetic
      if (ms % 60000 === 0) return atMinute((ms / 60000) % 1440);
    }
    return instants.of(v, timeFromDate);
  }
  if (isBlank(v)) return BLANK;
  const inner = unwrapCell(v);
  if (inner !== v && (typeof inner === 'string' || typeof inner === 'number' || inner instanceof Date)) return parseTime(inner);
  return notATime(v);
}

/** The one result for each minute of the day (frozen, shared): the common time cells need no cache of their own. */
const MINUTES: (Parsed<TimeValue> | undefined)[] = new Array<Parsed<TimeValue> | undefined>(1440).fill(undefined);

function atMinute(minute: number): Parsed<TimeValue> {
  return (MINUTES[minute] ??= ok({ seconds: minute * 60, day: null }));
}

/**
 * `09:30` and `0930`, the usual time texts, read from their digits (as parseTimeText reads them) without
 * hashing the text for the cache; null for any other text, and for `24:00` or out-of-range values.
 */
function plainClock(s: string): Parsed<TimeValue> | null {
  let h: number;
  let m: number;
  if (s.length === 5) {
    if (s.charCodeAt(2) !== 58) return null;
    h = twoDigits(s, 0);
    m = twoDigits(s, 3);
  } else if (s.length === 4) {
    h = twoDigits(s, 0);
    m = twoDigits(s, 2);
  } else return null;
  return h >= 0 && h <= 23 && m >= 0 && m <= 59 ? atMinute(h * 60 + m) : null;
}

/** The number of two ASCII digits at `at`, or -1. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Excel's serial for 1927-05-18: smaller numbers in a time cell are no date-time of an administration. */
const OLDEST_SERIAL = 10000;

function timeFromNumber(n: number, shown: unknown, fromText = false): Parsed<TimeValue> {
  if (!Number.isFinite(n) || n < 0) return notATime(shown);
  if (Number.isInteger(n)) {
    // Excel's 24:00: a typed `24:00`, or `=B2+TIME(0,30,0)` landing on midnight, is the number 1 (a cell's text
    // `1` stays HHMM, 00:01).
    if (n === 1 && !fromText) return ok({ seconds: 86400, day: null });
    if (n <= 2359) {
      // HHMM: a CSV cell `0930` arrives as the number 930.
      const mm = n % 100;
      return mm < 60 ? ok({ seconds: Math.floor(n / 100) * 3600 + mm * 60, day: null }) : notATime(shown);
    }
    if (n === 2400) return ok({ seconds: 86400, day: null });
  }
  if (n < 1) return ok({ seconds: Math.round(n * 86400), day: null });
  if (n < 24) return hoursDotMinutes(n, shown);
  // Below 10,000 a serial date-time is before 1927: a mistyped HHMM (`2360`, `0975`), never an administration
  // (read as one, `2360` made an infusion of 55 years).
  if (n < OLDEST_SERIAL) return notATime(shown, 'as HHMM its minutes or hours are out of range, and as a date it would be before 1927');
  // A serial date-time.
  let day = serialToDay(n);
  if (day === null) return notATime(shown);
  let seconds = Math.round((n - Math.floor(n)) * 86400);
  if (seconds >= 86400) {
    seconds -= 86400;
    day += 1;
  }
  return ok({ seconds, day });
}

/**
 * A number from 1 to 24 with a fraction: a clock time typed `9.30` in a General cell arrives as 9.3, so it is
 * read as the text `9.30` is (9:30), never as a date-time in January 1900, which no administration has.
 */
function hoursDotMinutes(n: number, shown: unknown): Parsed<TimeValue> {
  const hundredths = Math.round(n * 100);
  const minutes = hundredths % 100;
  const clean = Math.abs(n * 100 - hundredths) <= 1e-6;
  // An Excel time past midnight (`=B2+TIME(1,0,0)` from 23:30 is 1.0208...): its time of day, which the
  // midnight-crossing rule then puts on the next day.
  if (!clean && n < 2) return ok({ seconds: Math.round((n - 1) * 86400), day: null });
  if (!clean || minutes >= 60) return notATime(shown, 'a number from 1 to 24 is read as hours.minutes, like 9.30');
  return ok({ seconds: Math.floor(hundredths / 100) * 3600 + minutes * 60, day: null });
}

function timeFromDate(d: Date): Parsed<TimeValue> {
  const t = d.getTime();
  if (!Number.isFinite(t)) return notATime(d);
  const whole = Math.round(t / 1000);
  // Excel's time-only values come out of exceljs on 1899-12-30 (serial 0) or 1899-12-31: compared as
  // milliseconds, since reading a Date's UTC fields costs more than the rest of this parse.
  if (t >= SERIAL_ZERO_MS && t < SERIAL_ZERO_MS + 2 * DAY_MS) {
    const midnight = (t < SERIAL_ZERO_MS + DAY_MS ? SERIAL_ZERO_MS : SERIAL_ZERO_MS + DAY_MS) / 1000;
    return ok({ seconds: whole - midnight, day: null });
  }
  // 1900-01-01, Excel's serial 1 as a file reader dates it: a time cell past midnight (`=B2+I2/1440` from 23:30)
  // is its time of day; exactly midnight is 24:00.
  if (t >= SERIAL_ZERO_MS + 2 * DAY_MS && t < SERIAL_ZERO_MS + 3 * DAY_MS) {
    const seconds = whole - (SERIAL_ZERO_MS + 2 * DAY_MS) / 1000;
    return ok({ seconds: seconds === 0 ? 86400 : seconds, day: null });
  }
  let day = dateToDay(d);
  if (day === null) return notATime(d, `the year ${d.getUTCFullYear()} is out of range`);
  let seconds = whole - day * 86400;
  if (seconds >= 86400) {
    seconds -= 86400;
    day += 1;
  }
  return ok({ seconds, day });
}

function parseTimeText(lower: string, shown: string): Parsed<TimeValue> {
  const c0 = lower.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    // Fast paths: the common `09:30`.
    if (lower.length === 5 && lower.charCodeAt(2) === 58) {
      const s = clockSeconds(lower);
      return s >= 0 ? ok({ seconds: s, day: null }) : notATime(shown);
    }
    if (DIGITS_RE.test(lower)) return timeFromNumber(+lower, shown, true);
  }
  const seconds = clockSeconds(lower);
  if (seconds >= 0) return ok({ seconds, day: null });
  if (SERIAL_RE.test(lower)) return timeFromNumber(+lower, shown, true);
  const split = splitDateText(lower);
  if (split === null) return notATime(shown);
  if ('error' in split) return notATime(shown, split.error);
  if (split.rest === '') return notATime(shown, 'it has a date but no time');
  const s = clockSeconds(split.rest);
  if (s < 0) return notATime(shown);
  return ok({ seconds: s, day: split.day });
}

function notATime(v: unknown, why?: string): Parsed<TimeValue> {
  return fail(`'${showValue(v)}' is not a time${why ? ` (${why})` : ''}`);
}
