/**
 * National Drug Codes: the 10-digit labeler-product-package forms printed on packages (4-4-2, 5-3-2,
 * 5-4-1) and the 11-digit 5-4-2 form claims use (CMS/NUCC: pad the short segment with a leading zero).
 * Pure; never throws.
 */
import { BLANK, cellText, fail, isBlank, ok, type Parsed } from './cell';

/** An NDC in the claim form: 11 digits as `LLLLL-PPPP-KK`. */
export type Ndc11 = string;

const HYPHENATED = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/;

function form542(labeler: string, product: string, pack: string): Ndc11 {
  return `${labeler.padStart(5, '0')}-${product.padStart(4, '0')}-${pack.padStart(2, '0')}`;
}

/**
 * Reads an NDC cell into the 11-digit 5-4-2 form. Accepts 4-4-2, 5-3-2, 5-4-1 and 5-4-2 with hyphens (or
 * spaces), 11 digits unhyphenated, and an `N4` qualifier prefix as on 837 claims.
 * Ten digits without hyphens do not say which segment is short. Four-digit labeler codes are written with a
 * leading zero (0409 Hospira, 0069 Pfizer) and five-digit ones never start with zero, so a leading 0 means
 * 4-4-2; any other 10-digit run is refused (5-3-2 or 5-4-1 cannot be told apart), as is anything else.
 */
export function parseNdc(v: unknown): Parsed<Ndc11> {
  if (isBlank(v)) return BLANK;
  // A number cell lost its leading zero (0409488802 arrives as 409488802): put it back.
  const raw = typeof v === 'number' ? String(Math.trunc(v)).padStart(10, '0') : cellText(v);
  const text = raw.replace(/^n4/i, '').trim().replace(/[\s.]+/g, '-');
  const parts = HYPHENATED.exec(text);
  if (parts) {
    const [, labeler, product, pack] = parts;
    const shape = `${labeler.length}-${product.length}-${pack.length}`;
    if (shape === '4-4-2' || shape === '5-3-2' || shape === '5-4-1' || shape === '5-4-2') {
      return ok(form542(labeler, product, pack));
    }
    return fail(`'${raw}' is not an NDC (expected 4-4-2, 5-3-2, 5-4-1 or 5-4-2 digits)`);
  }
  const digits = text.replace(/-/g, '');
  if (/^\d{11}$/.test(digits) && !text.includes('-')) {
    return ok(form542(digits.slice(0, 5), digits.slice(5, 9), digits.slice(9)));
  }
  if (/^0\d{9}$/.test(digits) && !text.includes('-')) {
    return ok(form542(digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)));
  }
  if (/^\d{10}$/.test(digits) && !text.includes('-')) {
    return fail(`'${raw}' has 10 digits without hyphens, so it could be 5-3-2 or 5-4-1; write it with hyphens`);
  }
  return fail(`'${raw}' is not an NDC (10 digits as 4-4-2, 5-3-2 or 5-4-1, or 11 digits as 5-4-2)`);
}
