/**
 * Dose and waste cells: an amount with its unit, a diluent or bag volume, an infusion rate and a KVO flag.
 * Amounts are normalised (mass in mg, volume in mL). `8 mg in 50 mL`, `20 mEq KCl / 1000 mL`,
 * `1000 mL at 20 mL/hr`, `10 mg/hr x 2 h`, `10 mg/hr (20 mg)`, `30 mg/kg x 70 kg`; words around are ignored.
 * A bare number is unitless: the engine reads it in the drug's billing unit.
 */
import { BLANK, fail, isBlank, ok, showValue, TextCache, unwrapCell, type Parsed } from './cell';
import { expandExponents } from './exponent';
import { KVO_PHRASE } from '../vocabulary';

export type Dim = 'mass' | 'volume' | 'units' | 'meq';

/** An amount normalised to mg (mass), mL (volume), units or mEq. */
export interface Amount {
  value: number;
  dim: Dim;
}

export interface Dose {
  /** The drug amount given (for a plain fluid, its volume in mL). */
  amount: Amount | null;
  /** A diluent or bag volume in mL: `8 mg in 50 mL` -> 50, `1000 mL at 20 mL/hr` -> 1000. */
  bagMl: number | null;
  /** `at 20 mL/hr`, `20 mL/h`, `@ 125 ml/hr`. */
  rateMlPerHour: number | null;
  /** The text says KVO / TKO / keep vein open / keep open. */
  kvo: boolean;
  /** A bare number (`4`, the number 4): amount is null and this holds 4. */
  unitlessValue: number | null;
}

/** Largest amount accepted (normalised); anything above is a typing slip, not a dose. */
const MAX_VALUE = 1e9;

type UnitInfo = { dim: Dim | 'time' | 'kg' | 'm2'; factor: number };

/** Unit words to dimension and factor to the normalised unit (mg, mL, units, mEq, minutes). */
const UNITS: Record<string, UnitInfo> = {};
function unit(names: string[], dim: UnitInfo['dim'], factor: number): void {
  for (const n of names) UNITS[n] = { dim, factor };
}
unit(['mg', 'mgs', 'milligram', 'milligrams'], 'mass', 1);
unit(['g', 'gm', 'gms', 'gram', 'grams'], 'mass', 1000);
unit(['mcg', 'mcgs', 'ug', 'µg', 'μg', 'microgram', 'micrograms'], 'mass', 0.001);
unit(['ml', 'mls', 'cc', 'milliliter', 'milliliters', 'millilitre', 'millilitres'], 'volume', 1);
unit(['l', 'liter', 'liters', 'litre', 'litres'], 'volume', 1000);
unit(['u', 'unit', 'units', 'iu', 'international unit', 'international units'], 'units', 1);
unit(['meq', 'milliequivalent', 'milliequivalents'], 'meq', 1);
unit(['h', 'hr', 'hrs', 'hour', 'hours'], 'time', 60);
unit(['min', 'mins', 'minute', 'minutes'], 'time', 1);
unit(['kg', 'kgs', 'kilogram', 'kilograms'], 'kg', 1);
unit(['m2', 'm²'], 'm2', 1);

const UNIT_SRC =
  'milligrams?|mgs?|micrograms?|mcgs?|ug|µg|μg|grams?|gms?|g|kilograms?|kgs?|milliliters?|millilitres?|mls?|cc|liters?|litres?|l|' +
  'international units?|units?|iu|u|milliequivalents?|meq|m2|m²|hours?|hrs?|h|minutes?|mins?';
const PER_SRC = '(?:\\s*(?:/|per\\s)\\s*(hours?|hrs?|h|minutes?|mins?|kg|m2|m²|ml|l)(?![a-z0-9]))';
/** A number with an optional `%`, unit and up to two `/hr`, `/kg`, `/mL` denominators. */
const QTY_RE = new RegExp(
  '(?<![a-wyz0-9.])(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:(%)|(' + UNIT_SRC + ')(?![a-z0-9])' + PER_SRC + '?' + PER_SRC + '?)?',
  'g',
);
const THOUSANDS_RE = /(\d),(?=\d{3}(?!\d))/g;
/** After thousands: a comma before one or two digits is a decimal comma (`1,5 g`, `10,00 mg`). */
const DECIMAL_COMMA_RE = /(\d),(\d{1,2})(?!\d)/g;
/** `1 000 mg`: thousands grouped by spaces, the whole text one amount. */
const SPACED_THOUSANDS_RE = /^\d{1,3}(?: \d{3})+(?= ?[a-zµμ]+$)/;
/** `1/2 g`, `1 1/2 g`: a fraction (or a date), never read as its last number. */
const FRACTION_RE = /\d\s*\/\s*\d/;
/** Two amounts joined as one total: `0.5 g + 0.5 g`, `500 mg and 500 mg`. */
const SUM_RE = /\+|\band\b/;
/** `2-4 mg`, `2 to 4 mg`. One quantifier per run of digits: `\d*\.?\d+` split a long run every way (quadratic). */
const RANGE_RE = /(?<![a-z0-9.])(?:\d+(?:\.\d+)?|\.\d+)\s*(?:-|–|to)\s*\.?\d/;
const NEGATIVE_RE = /(?:^|[\s(:=@])[-–]\s*\.?\d/;
const KVO_RE = new RegExp(`\\b${KVO_PHRASE}\\b`);
const KVO_STRIP_RE = new RegExp(`\\(?\\s*${KVO_PHRASE}\\s*\\)?`, 'g');
const PLAIN_NUMBER_RE = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
/** `2.4 million units` (penicillin G benzathine, as written on every syphilis order): the number in full. */
const MILLION_UNITS_RE = /(\d+(?:\.\d+)?|\.\d+)\s*(?:million|mill?)\s+(?=(?:international\s+)?(?:units?|iu)\b)/g;
/** `85 mg/m^2`, `x 1.8 m^2`: square metres written with a caret. */
const CARET_M2_RE = /\bm\^2\b/g;
const SIMPLE_RE = /^(\d+(?:\.\d+)?|\.\d+) ?([a-zµμ]+)$/;

interface Quantity {
  value: number;
  dim: Dim;
  /** Per hour (a rate). */
  rate: boolean;
  perKg: boolean;
  perM2: boolean;
  /** Per mL (a concentration). */
  perMl: boolean;
  paren: boolean;
}

/** What a text says before the administration minutes are known. */
type Analysis =
  | { kind: 'done'; result: Parsed<Dose> }
  | { kind: 'rate'; rate: Amount; bagMl: number | null; rateMlPerHour: number | null; kvo: boolean; shown: string };

const cache = new TextCache<Analysis>();

/**
 * Reads a dose or waste cell. `durationMinutes` (the line's stop - start) totals a rate written without its
 * own duration. Never throws.
 */
export function parseDose(v: unknown, durationMinutes?: number | null): Parsed<Dose> {
  if (typeof v === 'number') return doseFromNumber(v, v);
  if (typeof v === 'string') {
    let a = cache.get(v);
    if (a === undefined) a = cache.set(v, isBlank(v) ? { kind: 'done', result: BLANK } : analyse(v));
    return finish(a, durationMinutes);
  }
  if (isBlank(v)) return BLANK;
  const inner = unwrapCell(v);
  if (inner !== v && (typeof inner === 'string' || typeof inner === 'number')) return parseDose(inner, durationMinutes);
  return notADose(v);
}

function doseFromNumber(n: number, shown: unknown): Parsed<Dose> {
  if (!Number.isFinite(n)) return notADose(shown);
  if (n < 0) return notADose(shown, 'a dose cannot be negative');
  if (n > MAX_VALUE) return notADose(shown, 'the number is too large');
  return ok(freezeDose(null, null, null, false, n));
}

function finish(a: Analysis, durationMinutes: number | null | undefined): Parsed<Dose> {
  if (a.kind === 'done') return a.result;
  const minutes = typeof durationMinutes === 'number' && Number.isFinite(durationMinutes) && durationMinutes > 0 ? durationMinutes : null;
  if (minutes === null) {
    return notADose(a.shown, 'it is a rate per hour; give the total, a duration (`x 2 h`) or the start and stop times');
  }
  const amount = { value: round(a.rate.value * (minutes / 60)), dim: a.rate.dim };
  return ok(freezeDose(amount, a.bagMl, a.rateMlPerHour, a.kvo, null));
}

function analyse(raw: string): Analysis {
  const shown = raw;
  const done = (result: Parsed<Dose>): Analysis => ({ kind: 'done', result });
  let lower = expandExponents(raw.trim().toLowerCase());
  if (lower.indexOf(',') >= 0) lower = lower.replace(THOUSANDS_RE, '$1').replace(DECIMAL_COMMA_RE, '$1.$2');
  // Unread, `5 million units` was no dose (`5` and a word) and `85 mg/m^2` was 85 mg with its `/m` dropped.
  if (lower.indexOf('mil') >= 0) lower = lower.replace(MILLION_UNITS_RE, (_, n: string) => `${round(+n * 1e6)} `);
  if (lower.indexOf('^') >= 0) lower = lower.replace(CARET_M2_RE, 'm2');
  const spaced = SPACED_THOUSANDS_RE.exec(lower);
  if (spaced) lower = spaced[0].replace(/ /g, '') + lower.slice(spaced[0].length);
  // Fast path: the common `500 mg`, `1 g`, `1000 mL`.
  const simple = SIMPLE_RE.exec(lower);
  if (simple) {
    const u = UNITS[simple[2]];
    if (u && u.dim !== 'time' && u.dim !== 'kg' && u.dim !== 'm2') {
      const value = round(+simple[1] * u.factor);
      if (value > MAX_VALUE) return done(notADose(shown, 'the number is too large'));
      const amount: Amount = { value, dim: u.dim };
      return done(ok(freezeDose(amount, u.dim === 'volume' ? value : null, null, false, null)));
    }
  }
  const kvo = KVO_RE.test(lower);
  if (NEGATIVE_RE.test(lower)) return done(notADose(shown, 'a dose cannot be negative'));
  if (FRACTION_RE.test(lower)) return done(notADose(shown, 'write a fraction as a decimal (0.5 g)'));
  if (PLAIN_NUMBER_RE.test(lower)) return done(doseFromNumber(+lower, shown));

  const quantities: Quantity[] = [];
  const bare: number[] = [];
  let minutes: number | null = null;
  let weightKg: number | null = null;
  let bsa: number | null = null;
  const parenDepthAt = parenDepths(lower);

  QTY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QTY_RE.exec(lower)) !== null) {
    const n = +m[1];
    if (m[2]) continue; // a percentage: `0.9% NaCl`
    if (!m[3]) {
      bare.push(n);
      continue;
    }
    const u = UNITS[m[3].replace(/\s+/g, ' ')];
    if (!u) continue;
    const per = [m[4], m[5]];
    if (u.dim === 'time') {
      if (per[0] === undefined && minutes === null) minutes = n * u.factor;
      continue;
    }
    if (u.dim === 'kg') {
      if (per[0] === undefined && weightKg === null) weightKg = n;
      continue;
    }
    if (u.dim === 'm2') {
      if (per[0] === undefined && bsa === null) bsa = n;
      continue;
    }
    const q: Quantity = { value: n * u.factor, dim: u.dim, rate: false, perKg: false, perM2: false, perMl: false, paren: parenDepthAt(m.index) > 0 };
    for (const p of per) {
      if (p === undefined) continue;
      const pu = UNITS[p];
      if (!pu) continue;
      if (pu.dim === 'time') {
        if (q.rate) return done(notADose(shown));
        q.rate = true;
        q.value *= 60 / pu.factor; // per minute -> per hour
      } else if (pu.dim === 'kg') q.perKg = true;
      else if (pu.dim === 'm2') q.perM2 = true;
      else if (pu.dim === 'volume') {
        if (q.dim === 'volume') return done(notADose(shown));
        q.perMl = true;
        q.value /= pu.factor; // per L -> per mL
      }
    }
    quantities.push(q);
  }

  if (quantities.length === 0) {
    if (bare.length === 1 && PLAIN_NUMBER_RE.test(lower.replace(KVO_STRIP_RE, ' ').trim())) return done(doseFromNumber(bare[0], shown));
    if (bare.length > 0) return done(notADose(shown, 'no unit: write mg, g, mcg, mL, units or mEq'));
    return done(notADose(shown));
  }
  if (RANGE_RE.test(lower)) return done(notADose(shown, 'a range is not a dose'));

  // `420 mg (6 mg/kg)`, `170 mg (85 mg/m2)`: the order's weight- or area-based dose beside the total given. With no
  // weight or area to multiply by, the plain amount of the same measure is the dose (it was no dose at all).
  if (weightKg === null || bsa === null) {
    const scaled = (q: Quantity) => (q.perKg && weightKg === null) || (q.perM2 && bsa === null);
    const total = (q: Quantity) => !q.perKg && !q.perM2 && !q.perMl && !q.rate && q.dim !== 'volume';
    for (let i = quantities.length - 1; i >= 0; i--) {
      const q = quantities[i];
      if (scaled(q) && quantities.some((t) => total(t) && t.dim === q.dim)) quantities.splice(i, 1);
    }
  }
  for (const q of quantities) {
    if (q.perKg) {
      if (weightKg === null) return done(notADose(shown, 'it is per kg and no weight is given'));
      q.value *= weightKg;
    }
    if (q.perM2) {
      if (bsa === null) return done(notADose(shown, 'it is per m² and no body surface area is given'));
      q.value *= bsa;
    }
    if (!Number.isFinite(q.value) || q.value > MAX_VALUE) return done(notADose(shown, 'the number is too large'));
  }

  const volStatic = quantities.filter((q) => q.dim === 'volume' && !q.rate && !q.paren);
  const volParen = quantities.filter((q) => q.dim === 'volume' && !q.rate && q.paren);
  const volRate = quantities.find((q) => q.dim === 'volume' && q.rate) ?? null;
  // A concentration times the volume given: `2 mg/mL x 5 mL`.
  for (const q of quantities) {
    if (!q.perMl) continue;
    const vol = volStatic[0] ?? volParen[0];
    if (!vol || q.rate) return done(notADose(shown, 'a concentration needs the volume given'));
    q.value *= vol.value;
    q.perMl = false;
  }
  const drugStatic = quantities.filter((q) => q.dim !== 'volume' && !q.rate && !q.paren);
  const drugParen = quantities.filter((q) => q.dim !== 'volume' && !q.rate && q.paren);
  const drugRate = quantities.find((q) => q.dim !== 'volume' && q.rate) ?? null;
  const rateMlPerHour = volRate ? round(volRate.value) : null;
  const firstVolume = volStatic[0] ?? volParen[0] ?? null;

  const result = (amount: Amount | null, bagMl: number | null): Analysis =>
    done(ok(freezeDose(amount, bagMl, rateMlPerHour, kvo, null)));

  if (drugStatic.length > 1) {
    // Two vials of one dose joined by + or `and` are their sum; any other pair of amounts is ambiguous.
    const dim = drugStatic[0].dim;
    if (!SUM_RE.test(lower) || drugStatic.some((q) => q.dim !== dim)) return done(notADose(shown, 'it holds several amounts: write the total dose given'));
    let total = 0;
    for (const q of drugStatic) total += q.value;
    return result({ value: round(total), dim }, firstVolume ? round(firstVolume.value) : null);
  }
  if (drugStatic.length > 0) return result(amountOf(drugStatic[0]), firstVolume ? round(firstVolume.value) : null);
  if (drugRate) {
    const total = drugParen.find((q) => q.dim === drugRate.dim);
    const bagMl = firstVolume ? round(firstVolume.value) : null;
    if (total) return result(amountOf(total), bagMl);
    if (minutes !== null) return result({ value: round(drugRate.value * (minutes / 60)), dim: drugRate.dim }, bagMl);
    return { kind: 'rate', rate: amountOf(drugRate), bagMl, rateMlPerHour, kvo, shown };
  }
  if (drugParen.length > 0) return result(amountOf(drugParen[0]), firstVolume ? round(firstVolume.value) : null);
  // A plain fluid: its volume is the amount.
  if (firstVolume) return result(amountOf(firstVolume), round(firstVolume.value));
  if (volRate) {
    if (minutes !== null) return result({ value: round(volRate.value * (minutes / 60)), dim: 'volume' }, null);
    // `20 mL/hr KVO`: the rate alone; the engine totals it or treats it as KVO.
    return result(null, null);
  }
  return done(notADose(shown));
}

function amountOf(q: Quantity): Amount {
  return { value: round(q.value), dim: q.dim };
}

/** For each position, the parenthesis depth there (0 when the text has none). */
function parenDepths(s: string): (i: number) => number {
  if (s.indexOf('(') < 0 && s.indexOf('[') < 0) return () => 0;
  const depth: number[] = new Array(s.length);
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') d++;
    else if ((c === ')' || c === ']') && d > 0) d--;
    depth[i] = d;
  }
  return (i) => depth[i] ?? 0;
}

/** Rounds away floating-point noise (`0.1 mg/hr x 3 h`). */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function freezeDose(amount: Amount | null, bagMl: number | null, rateMlPerHour: number | null, kvo: boolean, unitlessValue: number | null): Dose {
  if (amount) Object.freeze(amount);
  return Object.freeze({ amount, bagMl, rateMlPerHour, kvo, unitlessValue });
}

function notADose(v: unknown, why?: string): Parsed<Dose> {
  return fail(`'${showValue(v)}' is not a dose${why ? ` (${why})` : ''}`);
}

/** A strength in a drug name: `4 mg/2 mL`, `20 mg/mL`, `5,000 unit/mL`, `40 mg/0.4 mL` (an amount per volume). */
const STRENGTH_RE = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)\s*(mg|g|gm|mcg|ug|µg|μg|units?|iu|meq)\s*\/\s*(\d+(?:\.\d+)?)?\s*ml\b/gi;

/** A drug's concentration: `amount` in `ml` millilitres. */
export interface Strength {
  amount: Amount;
  ml: number;
}

/**
 * The strengths an EHR display name states (`ondansetron (ZOFRAN) 4 mg/2 mL injection 4 mg` -> 4 mg in 2 mL),
 * in order. The vial's strength is not the dose given: see withoutStrengths.
 */
export function strengthsIn(text: string): Strength[] {
  if (typeof text !== 'string' || text.indexOf('/') < 0) return [];
  const out: Strength[] = [];
  STRENGTH_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STRENGTH_RE.exec(text.toLowerCase())) !== null) {
    const u = UNITS[m[2]];
    const ml = m[3] === undefined ? 1 : +m[3];
    if (!u || u.dim === 'time' || u.dim === 'kg' || u.dim === 'm2' || u.dim === 'volume' || !(ml > 0)) continue;
    out.push({ amount: { value: round(+m[1].replace(/,/g, '') * u.factor), dim: u.dim }, ml });
  }
  return out;
}

/** The text with its strengths (`4 mg/2 mL`, `30 mg/mL`) taken out, leaving the dose an EHR writes after the form. */
export function withoutStrengths(text: string): string {
  return text.replace(STRENGTH_RE, ' ');
}
