/**
 * Sheets the product owns beside the user's data (the IC Administrations sheet of an action log): never taken
 * as input. The writers put them into the coded workbook or beside a CSV copy (src/outputs).
 */
import { ADMINISTRATIONS_SHEET } from '../inputs/actionLog';

/** Names of the product's own sheets (lower-case): never taken as input. */
export const OWN_SHEETS: ReadonlySet<string> = new Set([ADMINISTRATIONS_SHEET.toLowerCase()]);
