/**
 * The one palette of the product's highlights (Excel's own "Bad" and "Neutral" cell-style fills), for
 * every writer: `#RRGGBB` for Office.js, `AARRGGBB` for exceljs. A later run removes fills of exactly these.
 */
import type { Fill } from './types';

export const FILL_COLORS: Readonly<Record<Fill, string>> = Object.freeze({ error: '#FFC7CE', warning: '#FFEB9C' });

/** The same colours as exceljs writes them (opaque alpha first). */
export const FILL_ARGB: Readonly<Record<Fill, string>> = Object.freeze({
  error: `FF${FILL_COLORS.error.slice(1)}`,
  warning: `FF${FILL_COLORS.warning.slice(1)}`,
});
