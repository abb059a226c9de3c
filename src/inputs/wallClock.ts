/**
 * The wall-clock time an export charted, the same for every export shape (EHR exports, RULES.md 5.1).
 */

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/i;

/**
 * `2026-03-02T09:30:00-05:00` -> `2026-03-02 09:30`: the wall-clock time charted (the offset is the site's).
 * An instant in UTC (`...Z`, as some exports write every time) is the time on this computer's clock, which is
 * the site's: 23:10 in New York exported as `04:10Z` the next day stays on its date of service.
 */
export function wallClock(text: string | undefined): string | null {
  if (!text) return null;
  if (UTC_INSTANT.test(text)) {
    const d = new Date(text);
    if (Number.isFinite(d.getTime())) {
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
    }
  }
  // A date alone, or a date with its `T` time. Anything else after the date (`2026-03-02 09:00:00`, as an export
  // built from SQL writes it) is not cut to the date, which dropped its time: null, so the caller reads the text.
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})|$)/.exec(text);
  if (!m) return null;
  return m[2] ? `${m[1]} ${m[2]}:${m[3]}` : m[1];
}

/** A time cell as the site's wall clock when it is an instant in UTC (`...Z`), else as it is. */
export function siteTime<T>(value: T): T | string {
  return typeof value === 'string' && UTC_INSTANT.test(value.trim()) ? (wallClock(value.trim()) ?? value) : value;
}

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A time cell that names its zone (`...Z`, `-05:00`, `-0500`): the instant, in seconds since 1970, and the offset of
 * the wall clock it is read on (its own offset; this computer's, the site's, for a time in UTC). Null otherwise.
 */
export function zonedInstant(value: unknown): { seconds: number; offsetSeconds: number } | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const m = ZONED.exec(text);
  if (!m) return null;
  const ms = Date.parse(m[1].length === 5 ? `${text.slice(0, -5)}${m[1].slice(0, 3)}:${m[1].slice(3)}` : text);
  if (!Number.isFinite(ms)) return null;
  const zone = m[1].toUpperCase();
  const offsetMinutes = zone === 'Z' ? -new Date(ms).getTimezoneOffset() : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return { seconds: Math.round(ms / 1000), offsetSeconds: offsetMinutes * 60 };
}
