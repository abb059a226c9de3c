/**
 * Diagnosis cells: ICD-10-CM codes, several per cell. Each token is normalised (`e860` -> `E86.0`) and
 * checked for the ICD-10-CM shape; anything else (ICD-9 `276.51`) is listed as invalid. Descriptions next
 * to codes (`E86.0 Dehydration`) are ignored.
 */
import { BLANK, fail, isBlank, ok, showValue, TextCache, unwrapCell, type Parsed } from './cell';

export interface Diagnoses {
  /** Valid codes, normalised and de-duplicated, in cell order. */
  codes: string[];
  /** Tokens that are not ICD-10-CM codes, as written. */
  invalid: string[];
}

/** Separators: `,` `;` `|` whitespace and newlines (and `/`, which no code contains). */
const SPLIT_RE = /[\s,;|/]+/;
/** Labels some exports put in front: `Dx: E86.0`, `ICD-10: E86.0`. */
const LABEL_RE = /^(?:dx|diag(?:nosis|noses)?|icd[- ]?10(?:[- ]?cm)?(?:\s+codes?)?|codes?)\s*[:#=-]\s*/i;
const TRIM_PUNCT_RE = /^[("'[{]+|[)"'\]}.:]+$/g;
const WORD_RE = /^[A-Za-z][A-Za-z'’-]*$/;
/** ICD-10-CM without its dot: a letter, then 2-6 letters/digits, one digit among characters 2-3. */
const SHAPE_RE = /^[A-Z](?:\d[A-Z\d]|[A-Z]\d)[A-Z\d]{0,4}$/;
/** Short words that join codes or descriptions (`E86.0 due to vomiting`, `A41.9 and N39.0`). */
const STOP_WORDS = new Set([
  'and', 'or', 'with', 'w', '&', '+', 'due', 'to', 'of', 'the', 'in', 'on', 'for', 'nos', 'dx', 'icd', 'icd10', 'icd-10', 'cm', 'code', 'codes',
]);

const cache = new TextCache<Parsed<Diagnoses>>();

/** The ICD-10-CM codes of a cell. Never throws. */
export function parseDiagnoses(v: unknown): Parsed<Diagnoses> {
  if (typeof v === 'string') {
    const hit = cache.get(v);
    if (hit !== undefined) return hit;
    return cache.set(v, isBlank(v) ? BLANK : parseText(v));
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail(`'${showValue(v)}' is not a diagnosis code`);
    return parseText(String(v));
  }
  if (isBlank(v)) return BLANK;
  const inner = unwrapCell(v);
  if (inner !== v && (typeof inner === 'string' || typeof inner === 'number')) return parseDiagnoses(inner);
  return fail(`'${showValue(v)}' is not a diagnosis code`);
}

/** `E86.0` from `e860` / `E86.0` / `E86.0.`, or null when the token is not ICD-10-CM shaped. */
export function normalizeIcd10(token: string): string | null {
  const t = token.trim().toUpperCase();
  const dot = t.indexOf('.');
  let bare = t;
  if (dot >= 0) {
    if (dot !== 3 || t.indexOf('.', dot + 1) >= 0 || t.length === 4) return null;
    bare = t.slice(0, 3) + t.slice(4);
  }
  if (bare.length < 3 || bare.length > 7 || !SHAPE_RE.test(bare)) return null;
  return bare.length === 3 ? bare : `${bare.slice(0, 3)}.${bare.slice(3)}`;
}

function parseText(text: string): Parsed<Diagnoses> {
  const tokens = text.trim().replace(LABEL_RE, '').split(SPLIT_RE);
  const codes: string[] = [];
  const invalid: string[] = [];
  const words: string[] = [];
  for (const raw of tokens) {
    if (raw === '') continue;
    const token = raw.replace(TRIM_PUNCT_RE, '');
    if (token === '' || STOP_WORDS.has(token.toLowerCase())) continue;
    const code = normalizeIcd10(token);
    if (code !== null) {
      if (!codes.includes(code)) codes.push(code);
    } else if (WORD_RE.test(token) && token.length > 3) {
      words.push(token); // a description word; only an error when the cell has no code at all
    } else invalid.push(token);
  }
  if (codes.length === 0 && invalid.length === 0) invalid.push(...words);
  Object.freeze(codes);
  Object.freeze(invalid);
  return ok(Object.freeze({ codes, invalid }));
}
