/**
 * The one cell-value reader of every edge (exceljs cells, Office.js values and entity values, CSV text,
 * custom-function arguments): a raw cell to the plain CellValue the rules take. Text and blankness come
 * from the rules module's own reader, so the sheet layer and the rules share one list of blank markers.
 */
import type { CellValue } from '../rules/types';
import { cellText, isBlank } from '../rules/values/cell';

export { cellText };

/** True for a cell that holds nothing a user typed as data (blank, spaces, a "nothing here" marker, an error). */
export function isEmptyCell(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return false;
  return isBlank(value);
}

const MAX_DEPTH = 4;

/**
 * A raw cell as a plain value: primitives pass; an invalid Date is blank; exceljs wrappers give what they
 * show (formula -> result, rich text -> its text, hyperlink -> its text, error -> `#N/A`); an Excel entity or
 * rich value gives its display value. Anything else is blank.
 */
export function plainCell(value: unknown): CellValue {
  return plainAt(value, 0);
}

function plainAt(value: unknown, depth: number): CellValue {
  if (value === null || value === undefined) return null;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return value as CellValue;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (t !== 'object' || depth > MAX_DEPTH) return null;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((p) => p?.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v || 'result' in v) return plainAt(v.result, depth + 1);
  if ('hyperlink' in v || 'text' in v) return plainAt(v.text, depth + 1);
  if (typeof v.error === 'string') return v.error;
  // Office.js entity and rich values carry their display value.
  for (const key of ['basicValue', 'value']) if (key in v) return plainAt(v[key], depth + 1);
  return null;
}
