/**
 * Clock text (`9:30`, `9:30 AM`, `0930`, `09:30:00`, `noon`) to seconds after midnight. Shared by the time
 * and date readers (a date cell may carry a time part). Input is trimmed lower-case text.
 */

/**
 * A time zone after a time: `z`, `utc`, `gmt`, or a numeric offset after seconds (`14:05:00-05:00`, as ISO
 * writers put it). Without seconds, `09:00-10:32` is a range of two times, not 09:00 at offset -10:32.
 */
const TZ_SUFFIX = /\s*(?:z|utc|gmt)$|(?<=:\d{2}:\d{2}(?:[.,]\d{1,9})?)[+-]\d{2}:?\d{2}$/;
const MERIDIEM = /^(.*?\d)\s*([ap])\.?\s*(?:m\.?)?$/;
const CLOCK = /^(\d{1,2})[:.h](\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?$/;
const DIGITS = /^\d{1,4}$/;
const HOURS_SUFFIX = /^(\d{3,4}|\d{1,2}[:.]\d{2})\s*(?:h|hr|hrs|hours)$/;

/** Seconds after midnight (0..86400), or -1 when the text is not a clock time. */
export function clockSeconds(lower: string): number {
  let s = lower;
  if (s === 'noon' || s === '12 noon') return 43200;
  if (s === 'midnight' || s === '12 midnight') return 0;
  if (s.endsWith('h') || s.endsWith('hr') || s.endsWith('hrs') || s.endsWith('hours')) {
    // Military notation: `0930h`, `0930 hrs`, `21:30 hrs`, `15.30 h`.
    const m = HOURS_SUFFIX.exec(s);
    if (m) s = m[1];
  } else if (s.indexOf(':') >= 0) s = s.replace(TZ_SUFFIX, '');
  let meridiem = '';
  const last = s.charCodeAt(s.length - 1);
  if (last === 109 /* m */ || last === 46 /* . */ || last === 97 /* a */ || last === 112 /* p */) {
    const m = MERIDIEM.exec(s);
    if (!m) return -1;
    s = m[1];
    meridiem = m[2];
  }
  let h: number;
  let min: number;
  let sec = 0;
  const c = CLOCK.exec(s);
  if (c) {
    h = +c[1];
    min = +c[2];
    if (c[3] !== undefined) sec = +c[3];
  } else if (DIGITS.test(s)) {
    const n = +s;
    if (meridiem && s.length <= 2) {
      h = n;
      min = 0;
    } else {
      h = Math.floor(n / 100);
      min = n % 100;
    }
  } else return -1;
  if (min > 59 || sec > 59) return -1;
  if (meridiem) {
    if (h > 23) return -1;
    if (h <= 12) {
      if (h === 12) h = 0;
      if (meridiem === 'p') h += 12;
    } else if (meridiem === 'a') return -1; // `13:00 AM`
    // `13:00 PM`: a common slip; the 24-hour reading is unambiguous.
  }
  if (h === 24 && min === 0 && sec === 0 && !meridiem) return 86400;
  if (h > 23) return -1;
  return h * 3600 + min * 60 + sec;
}
