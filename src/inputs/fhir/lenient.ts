/**
 * Reading a resource against its schema without losing it to one slip in one field. Where the meaning is clear
 * the value is put right (JSON null is absent, a number where text belongs is its text, `"4"` where a number
 * belongs is 4); a field that still cannot be read is left out and named, and the rest of the resource is read.
 * Only a required field (an administration's status) that cannot be read fails the resource.
 */
import type { z } from 'zod';

export type LenientRead<T> =
  | { ok: true; data: T; /** `dosage.dose.value (Invalid input)`: each field left out. */ unread: string[] }
  | { ok: false; /** `status: Invalid input: expected string, received undefined`. */ problem: string };

/** A field left out, or a value put right, at most this many times per resource (each pass parses it again). */
const MAX_REPAIRS = 50;
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const LEAVE_OUT = Symbol('leave out');

export function readLeniently<T>(schema: z.ZodType<T>, value: unknown): LenientRead<T> {
  let input = value;
  const unread: string[] = [];
  // What each field first failed with: a null left out then missing is reported as the null it was.
  const firstMessage = new Map<string, string>();
  for (let pass = 0; ; pass++) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { ok: true, data: parsed.data, unread };
    const issue = parsed.error.issues[0];
    const at = issue.path.join('.');
    if (!firstMessage.has(at)) firstMessage.set(at, issue.message);
    const current = valueAt(input, issue.path);
    // Nothing there and still failing: a required field (optional ones may be absent).
    if (issue.path.length === 0 || current === undefined || pass === MAX_REPAIRS) {
      return { ok: false, problem: `${at || 'resource'}: ${firstMessage.get(at)}` };
    }
    const repaired = repair(current, issue);
    if (repaired === LEAVE_OUT && current !== null) unread.push(`${at} (${issue.message})`);
    input = withValueAt(input, issue.path, repaired);
  }
}

/** The value put right, or LEAVE_OUT. */
function repair(value: unknown, issue: z.core.$ZodIssue): unknown {
  if (value === null || value === undefined) return LEAVE_OUT; // JSON null: absent (FHIR never writes null)
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return Number(value.trim());
  return LEAVE_OUT;
}

/**
 * An index into one value (an object, or text where a list belongs): the schema read it as a list of one
 * (schemas.ts listOf), so the path names its item 0.
 * The helpers below walk it as that list.
 */
const asList = (node: unknown, key: PropertyKey): unknown => (typeof key === 'number' && node !== null && node !== undefined && !Array.isArray(node) ? [node] : node);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at = root;
  for (const key of path) {
    at = asList(at, key);
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A copy of `root` with the value at `path` replaced (or left out), the rest shared. */
function withValueAt(node: unknown, path: readonly PropertyKey[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const root = asList(node, key);
  if (Array.isArray(root)) {
    const copy = root.slice();
    if (rest.length === 0 && value === LEAVE_OUT) copy.splice(Number(key), 1);
    else copy[Number(key)] = withValueAt(copy[Number(key)], rest, value);
    return copy;
  }
  const copy = { ...(root as Record<PropertyKey, unknown>) };
  if (rest.length === 0 && value === LEAVE_OUT) delete copy[key];
  else copy[key] = withValueAt(copy[key], rest, value);
  return copy;
}
