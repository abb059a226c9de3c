/**
 * Numbers in exponent notation (`4e-7`, `1.5E+3`), as JavaScript prints very small and very large numbers
 * and as some exports write them. The value readers look for plain digits: unexpanded, `4e-7 g` reads as
 * `7 g` and `1.5E+3 mg` as `3 mg`, a wrong dose with no finding. Expanded, they read as what they say.
 */

/** A number in exponent notation inside a text (the exponent at most 4 digits: longer is no dose). */
const EXPONENT_RE = /(?<![a-z0-9.])(\d+(?:\.\d*)?|\.\d+)e([+-]?\d{1,4})(?![0-9])/gi;

/** The text with each number in exponent notation written out in plain digits (`4e-7 g` -> `0.0000004 g`). */
export function expandExponents(text: string): string {
  if (!/[\d.]e/i.test(text)) return text;
  return text.replace(EXPONENT_RE, (_, mantissa: string, exponent: string) => shiftPoint(mantissa, Number(exponent)));
}

/** A finite number in plain digits, never in exponent notation (String(4e-7) is `4e-7`). */
export function plainNumber(n: number): string {
  return Number.isFinite(n) ? expandExponents(String(n)) : String(n);
}

/** `mantissa` x 10^`exponent` written out exactly, by moving the decimal point in the text. */
function shiftPoint(mantissa: string, exponent: number): string {
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    whole = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    whole = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
