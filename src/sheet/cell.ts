/**
 * Display text and emptiness of a raw cell, for the sheet layer's own needs (header text, blank rows).
 * The rules module has its own readers for values; these two only decide layout.
 */
import type { CellValue } from '../rules/types';

/** Excel error values and the "nothing here" markers EHR exports write: not data, for layout purposes. */
const EMPTY_MARKERS = new Set([
  '#n/a',
  '#value!',
  '#ref!',
  '#div/0!',
  '#name?',
  '#null!',
  '#num!',
  '#spill!',
  '#calc!',
  '#getting_data',
]);

/** Trimmed display text of a cell value (objects from exceljs are unwrapped defensively). */
export function cellText(value: CellValue | unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[])
        .map((part) => (typeof part?.text === 'string' ? part.text : ''))
        .join('')
        .trim();
    }
    if ('result' in v) return cellText(v.result as CellValue);
    if (typeof v.text === 'string') return v.text.trim();
    if (v.text && typeof v.text === 'object') return cellText(v.text as CellValue);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/** True for a cell that holds nothing a user typed as data (blank, spaces, or an Excel error value). */
export function isEmptyCell(value: CellValue | unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return false;
  const text = cellText(value);
  return text === '' || EMPTY_MARKERS.has(text.toLowerCase());
}
