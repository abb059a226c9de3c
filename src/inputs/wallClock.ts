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
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text);
  if (!m) return null;
  return m[2] ? `${m[1]} ${m[2]}:${m[3]}` : m[1];
}

/** A time cell as the site's wall clock when it is an instant in UTC (`...Z`), else as it is. */
export function siteTime<T>(value: T): T | string {
  return typeof value === 'string' && UTC_INSTANT.test(value.trim()) ? (wallClock(value.trim()) ?? value) : value;
}
