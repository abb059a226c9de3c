/**
 * Infusion-rate cells (RULES.md 2): `125 mL/hr`, `125 ml/h`, `2 mg/min`, `10 units per hour`, `@ 100 cc/hr`,
 * and a bare number (mL per hour, the usual pump display). The rate is normalised to an amount per minute
 * in the dose reader's measures (mL, mg, units, mEq), so a volume or dose divided by it gives minutes.
 */
import { BLANK, fail, isBlank, ok, showValue, unwrapCell, type Parsed } from './cell';
import type { Dim } from './dose';
import { expandExponents } from './exponent';

export interface Rate {
  /** Amount per minute in the normalised measure (mL, mg, units, mEq). */
  perMinute: number;
  dim: Dim;
  /** mL per hour when the rate is a volume rate (for the KVO band), else null. */
  mlPerHour: number | null;
}

const AMOUNT_UNITS: Record<string, { dim: Dim; factor: number }> = {
  ml: { dim: 'volume', factor: 1 }, mls: { dim: 'volume', factor: 1 }, cc: { dim: 'volume', factor: 1 },
  l: { dim: 'volume', factor: 1000 },
  mg: { dim: 'mass', factor: 1 }, g: { dim: 'mass', factor: 1000 }, gm: { dim: 'mass', factor: 1000 },
  mcg: { dim: 'mass', factor: 0.001 }, ug: { dim: 'mass', factor: 0.001 },
  unit: { dim: 'units', factor: 1 }, units: { dim: 'units', factor: 1 }, u: { dim: 'units', factor: 1 },
  iu: { dim: 'units', factor: 1 }, meq: { dim: 'meq', factor: 1 },
};
const TIME_UNITS: Record<string, number> = { h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, min: 1, mins: 1, minute: 1, minutes: 1 };

const RATE_RE = /^(?:at\s+|@\s*)?(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)?\s*(?:\/|per\s+)\s*([a-z]+)$/;
const BARE_RE = /^(?:at\s+|@\s*)?(\d+(?:\.\d+)?|\.\d+)$/;

/** Reads a rate cell; a blank cell is blank, anything unreadable is a message naming the value. */
export function parseRate(value: unknown): Parsed<Rate> {
  if (isBlank(value)) return BLANK;
  const raw = unwrapCell(value);
  if (typeof raw === 'number') return raw > 0 && Number.isFinite(raw) ? ok(volumeRate(raw)) : fail(`${showValue(value)} is not a rate`);
  if (typeof raw !== 'string') return fail(`${showValue(value)} is not a rate`);
  const text = expandExponents(raw.trim().toLowerCase().replace(/,/g, '').replace(/\s+/g, ' '));
  const bare = BARE_RE.exec(text);
  if (bare) {
    const n = Number(bare[1]);
    return n > 0 ? ok(volumeRate(n)) : fail(`${showValue(value)} is not a rate`);
  }
  const m = RATE_RE.exec(text);
  if (!m) return fail(`${showValue(value)} is not a rate`);
  const n = Number(m[1]);
  const amountUnit = AMOUNT_UNITS[m[2] ?? 'ml'];
  const minutes = TIME_UNITS[m[3]];
  if (!amountUnit || minutes === undefined || !(n > 0)) return fail(`${showValue(value)} is not a rate`);
  const perMinute = (n * amountUnit.factor) / minutes;
  return ok({ perMinute, dim: amountUnit.dim, mlPerHour: amountUnit.dim === 'volume' ? perMinute * 60 : null });
}

function volumeRate(mlPerHour: number): Rate {
  return { perMinute: mlPerHour / 60, dim: 'volume', mlPerHour };
}
