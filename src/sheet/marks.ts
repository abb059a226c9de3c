/**
 * Highlights that move with the data. Instead of filling cells (which a sort or an inserted row leaves behind,
 * and which cannot be told apart from the user's own fills), the product writes one `IC Flags` cell per row
 * naming what to highlight on that row (`E:stop W:diagnosis`: error on the Stop column, warning on the Dx
 * column), and one conditional-format rule per highlighted column and severity that fills the cell when its
 * row's flags name it. Sorting, filtering and inserting rows carry the flags with their rows; a re-run or
 * "Clear results" removes exactly the rules whose formula has our shape, and never touches a cell's own fill.
 * Pure: used by src/excel (Office.js) and open to any writer that can add conditional formats.
 */
import type { Fill } from './types';

/** Header of the flags column, written right of the derived columns. */
export const FLAGS_HEADER = 'IC Flags';

const SEVERITY_CODE: Record<Fill, string> = { error: 'E', warning: 'W' };

/** One highlighted column of a row: severity code and the column's key (a field name, or `findings`). */
export function flagToken(fill: Fill, key: string): string {
  return `${SEVERITY_CODE[fill]}:${key}`;
}

/** A row's flags cell: its tokens, space-separated, in a stable order (null when the row has none). */
export function flagsText(tokens: Iterable<string>): string | null {
  const list = [...new Set(tokens)].sort();
  return list.length ? list.join(' ') : null;
}

/**
 * The rule of one token, for a range whose first row's flags cell is `flagsCell` (e.g. `$X3`: column fixed,
 * row relative, so every row reads its own flags). Spaces around the token make `E:stop` miss `E:stops`.
 */
export function ruleFormula(token: string, flagsCell: string): string {
  return `=ISNUMBER(SEARCH(" ${token} "," "&${flagsCell}&" "))`;
}

/** Our rules' shape, whatever Excel did to the reference since (moved by inserts, or `#REF!` when deleted). */
const OUR_RULE = /^=ISNUMBER\(SEARCH\(" [EW]:[A-Za-z0-9_]+ "," "&.+&" "\)\)$/;

/**
 * The rule that gives an IC Status cell its row's colour, for a range whose first status cell is `statusCell`
 * (`$Y3`): the status text itself decides, so no flag is needed. EXACT keeps the shape our own.
 */
export function statusRuleFormula(status: 'Error' | 'Review', statusCell: string): string {
  return `=EXACT(${statusCell},"${status}")`;
}
const OUR_STATUS_RULE = /^=EXACT\([^,]+,"(Error|Review)"\)$/;

/** Is this one of the status-colour rules (as opposed to a highlight driven by IC Flags)? */
export function isStatusRule(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && OUR_STATUS_RULE.test(formula);
}

/** Is this conditional-format formula one the product wrote? */
export function isOurRule(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && (OUR_RULE.test(formula) || OUR_STATUS_RULE.test(formula));
}
