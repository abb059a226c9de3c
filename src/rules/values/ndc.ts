/**
 * National Drug Codes: the 10-digit labeler-product-package forms printed on packages (4-4-2, 5-3-2,
 * 5-4-1) and the 11-digit 5-4-2 form HIPAA claims use (pad the short segment with a leading zero).
 * Which segment is short is only known from the hyphens, so 10 digits without them can be ambiguous.
 * The decisions and their sources: docs/coding-rules.md, "NDCs". Pure; never throws.
 */
import type { FindingParams } from '../types';
import { BLANK, cellText, fail, isBlank, ok, TextCache, type Parsed } from './cell';

/** An NDC in the claim form: 11 digits as `LLLLL-PPPP-KK`. */
export type Ndc11 = string;

/** What an NDC cell holds. */
export type NdcReading =
  | { kind: 'ndc'; ndc: Ndc11 }
  | { kind: 'blank' }
  /** 10 digits without hyphens that more than one segment layout fits: each reading, 4-4-2 first. */
  | { kind: 'ambiguous'; text: string; readings: Ndc11[] }
  | { kind: 'invalid'; message: string };

const BLANK_READING: NdcReading = Object.freeze({ kind: 'blank' });

/** The segment layouts of a printed NDC (FDA) and of the claim form. */
const SHAPES = new Set(['4-4-2', '5-3-2', '5-4-1', '5-4-2']);

/** Claim-line dressing around the 11 digits: an `N4` qualifier before, a unit and quantity after (`N400409488802ML2`). */
const CLAIM_LINE = /^N4(\d{11})(?:(?:F2|GR|ME|ML|UN)\d*\.?\d*)?$/i;

function form542(labeler: string, product: string, pack: string): Ndc11 {
  return `${labeler.padStart(5, '0')}-${product.padStart(4, '0')}-${pack.padStart(2, '0')}`;
}

/** The 11 digits of a 5-4-2 NDC, without hyphens, as 837 claims and the CMS crosswalk key them. */
export function ndcDigits(ndc: Ndc11): string {
  return ndc.replace(/-/g, '');
}

/** `00409488802` -> `00409-4888-02`. */
function split11(digits: string): Ndc11 {
  return `${digits.slice(0, 5)}-${digits.slice(5, 9)}-${digits.slice(9)}`;
}

/**
 * Reads an NDC cell. Hyphens (or spaces, or dots) give the layout: 4-4-2, 5-3-2, 5-4-1, 5-4-2, and the
 * 12-digit 6-4-2 form when its labeler starts with 0 (an existing NDC padded: FDA final rule, 91 FR 10749).
 * An asterisk at the start of a segment is FDA's placeholder for the padding zero (`12345-*678-90`).
 * Without hyphens: 11 digits are the claim form, 12 digits starting with 0 the padded 12-digit form, and
 * 10 digits are read as 4-4-2 when they start with 0 (only four-digit labeler codes are written with a
 * leading zero); any other 10 digits fit three layouts and are `ambiguous`. 6 to 9 digits are an NDC whose
 * leading zeros a spreadsheet dropped (a number cell, or the CSV it saved): padded back to 10. An `N4` claim
 * qualifier is allowed.
 */
export function readNdc(v: unknown): NdcReading {
  if (typeof v !== 'string') return readNdcValue(v);
  // A log or sheet repeats its packages' NDCs row after row: each text is read once (readings are not changed).
  const known = readings.get(v);
  return known !== undefined ? known : readings.set(v, readNdcValue(v));
}
const readings = new TextCache<NdcReading>();

function readNdcValue(v: unknown): NdcReading {
  if (isBlank(v)) return BLANK_READING;
  let raw: string;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v <= 0 || v >= 1e12) return { kind: 'invalid', message: `'${cellText(v)}' is not an NDC (a number cell must hold the NDC's digits)` };
    raw = String(v);
  } else raw = cellText(v);
  const text = raw.trim();
  const claimLine = CLAIM_LINE.exec(text.replace(/[\s-]/g, ''));
  if (claimLine) return { kind: 'ndc', ndc: split11(claimLine[1]) };
  const segments = text.replace(/^N4\s*/i, '').split(/\s*[-\s.]\s*/);

  if (segments.length === 3 && segments.every((s) => /^\*?\d+$/.test(s))) {
    const stars = segments.filter((s) => s.startsWith('*')).length;
    const [labeler, product, pack] = segments.map((s) => s.replace('*', '0'));
    const shape = `${labeler.length}-${product.length}-${pack.length}`;
    if (stars > 1 || (stars === 1 && shape !== '5-4-2')) {
      return { kind: 'invalid', message: `'${raw}' is not an NDC: an asterisk stands for the one padding zero of a 5-4-2 code (12345-*678-90)` };
    }
    if (shape === '6-4-2') {
      if (labeler.startsWith('0')) return { kind: 'ndc', ndc: form542(labeler.slice(1), product, pack) };
      return { kind: 'invalid', message: `'${raw}' has a six-digit labeler code, which has no 11-digit claim form` };
    }
    if (SHAPES.has(shape)) return { kind: 'ndc', ndc: form542(labeler, product, pack) };
    return { kind: 'invalid', message: `'${raw}' is not an NDC (expected 4-4-2, 5-3-2, 5-4-1 or 5-4-2 digits; ${shape} is none of them)` };
  }

  // A spreadsheet drops the leading zeros of an NDC kept as a number (00409488802 -> 409488802), in the cell
  // or in the CSV it saves: 6 to 9 digits get theirs back (the 11-digit form and the 4-4-2 reading agree).
  const written = segments.length === 1 ? segments[0] : '';
  const digits = /^\d{6,9}$/.test(written) ? written.padStart(10, '0') : written;
  if (/^\d{11}$/.test(digits)) return { kind: 'ndc', ndc: split11(digits) };
  if (/^0\d{11}$/.test(digits)) return { kind: 'ndc', ndc: split11(digits.slice(1)) };
  if (/^\d{10}$/.test(digits)) {
    const as442 = form542(digits.slice(0, 4), digits.slice(4, 8), digits.slice(8));
    if (digits.startsWith('0')) return { kind: 'ndc', ndc: as442 };
    const as532 = form542(digits.slice(0, 5), digits.slice(5, 8), digits.slice(8));
    const as541 = form542(digits.slice(0, 5), digits.slice(5, 9), digits.slice(9));
    return { kind: 'ambiguous', text: raw, readings: [as442, as532, as541] };
  }
  return { kind: 'invalid', message: `'${raw}' is not an NDC (10 digits written 4-4-2, 5-3-2 or 5-4-1, or 11 digits as 5-4-2)` };
}

/** The finding an unreadable or ambiguous NDC cell raises (id and parameters; rules/messages.ts words it), else null. */
export function ndcFinding(reading: NdcReading): { id: 'invalid-ndc' | 'ambiguous-ndc'; params: FindingParams } | null {
  if (reading.kind === 'invalid') return { id: 'invalid-ndc', params: { problem: reading.message } };
  if (reading.kind === 'ambiguous') return { id: 'ambiguous-ndc', params: { text: reading.text, readings: reading.readings.join(', ') } };
  return null;
}

/** One sentence for an ambiguous reading: what it could be and how to settle it. */
export function ambiguousNdcMessage(reading: Extract<NdcReading, { kind: 'ambiguous' }>): string {
  return `'${reading.text}' has 10 digits without hyphens, so it could be ${reading.readings.join(', ')}; write it as printed on the package, with its hyphens`;
}

/**
 * The NDC in the 11-digit 5-4-2 form, or why not (a blank cell is blank). An ambiguous 10-digit value is
 * refused here; `resolveNdc` settles it against the NDCs a crosswalk lists.
 */
export function parseNdc(v: unknown): Parsed<Ndc11> {
  const reading = readNdc(v);
  switch (reading.kind) {
    case 'ndc':
      return ok(reading.ndc);
    case 'blank':
      return BLANK;
    case 'ambiguous':
      return fail(ambiguousNdcMessage(reading));
    case 'invalid':
      return fail(reading.message);
  }
}

/**
 * An NDC cell read with a list of known NDCs (the CMS NDC-HCPCS crosswalk, keyed by the 11 digits): an
 * ambiguous 10-digit value is accepted when exactly one of its readings is listed, as RxNav-style lookups do.
 */
export function resolveNdc(v: unknown, known: (digits: string) => boolean): NdcReading {
  const reading = readNdc(v);
  if (reading.kind !== 'ambiguous') return reading;
  const listed = reading.readings.filter((r) => known(ndcDigits(r)));
  return listed.length === 1 ? { kind: 'ndc', ndc: listed[0] } : reading;
}
