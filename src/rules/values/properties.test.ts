/** Property tests: the value readers never throw, whatever a cell holds, and always say why they fail. */
import fc from 'fast-check';
import type { Parsed } from './cell';
import { cellText, isBlank } from './cell';
import { formatDay, parseDate } from './date';
import { parseDiagnoses } from './diagnosis';
import { parseDose } from './dose';
import { parseTime } from './time';

const anyCell = fc.oneof(
  fc.anything({ withDate: true, withMap: true, withSet: true, withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.double(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, -0, 1e308, 2 ** 53),
  fc.date({ noInvalidDate: false }),
  fc.boolean(),
  fc.stringMatching(/^[0-9 :.,/apm-]{0,12}$/),
  fc.stringMatching(/^[0-9 .,/()a-zA-Z@%-]{0,30}$/),
  fc.record({ formula: fc.string(), result: fc.anything() }),
  fc.record({ richText: fc.array(fc.record({ text: fc.string() })) }),
);

function wellFormed<T>(r: Parsed<T>): boolean {
  if (r.ok) return true;
  if (r.blank) return true;
  return typeof r.message === 'string' && r.message.length > 0 && r.message.startsWith("'");
}

const runs = { numRuns: 3000 };

test('parseTime never throws', () => {
  fc.assert(fc.property(anyCell, (v) => wellFormed(parseTime(v))), runs);
});

test('parseTime seconds stay within 0..86400', () => {
  fc.assert(
    fc.property(anyCell, (v) => {
      const r = parseTime(v);
      return !r.ok || (r.value.seconds >= 0 && r.value.seconds <= 86400 && Number.isInteger(r.value.seconds));
    }),
    runs,
  );
});

test('parseDate never throws and formats back', () => {
  fc.assert(
    fc.property(anyCell, (v) => {
      const r = parseDate(v);
      return wellFormed(r) && (!r.ok || /^\d{4}-\d{2}-\d{2}$/.test(formatDay(r.value)));
    }),
    runs,
  );
});

test('parseDose never throws, with or without minutes', () => {
  fc.assert(
    fc.property(anyCell, fc.oneof(fc.constant(undefined), fc.constant(null), fc.double()), (v, minutes) => {
      const r = parseDose(v, minutes);
      return wellFormed(r) && (!r.ok || r.value.amount === null || Number.isFinite(r.value.amount.value));
    }),
    runs,
  );
});

test('parseDiagnoses never throws', () => {
  fc.assert(fc.property(anyCell, (v) => wellFormed(parseDiagnoses(v))), runs);
});

test('isBlank and cellText never throw', () => {
  fc.assert(
    fc.property(anyCell, (v) => {
      isBlank(v);
      return typeof cellText(v) === 'string';
    }),
    runs,
  );
});

test('any valid HH:MM reads back to its seconds', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
      const text = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
      const r = parseTime(text);
      return r.ok && r.value.seconds === h * 3600 + m * 60 && r.value.day === null;
    }),
  );
});

test('any real date reads back in ISO and US forms', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date(Date.UTC(1901, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      const [y, m, day] = iso.split('-').map(Number);
      const a = parseDate(iso);
      const b = parseDate(`${m}/${day}/${y}`);
      return a.ok && b.ok && formatDay(a.value) === iso && a.value === b.value;
    }),
  );
});
