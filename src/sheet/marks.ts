/**
 * Highlights that move with the data. Instead of filling cells (which a sort or an inserted row leaves behind,
 * and which cannot be told apart from the user's own fills), the product writes one `IC Flags` cell per row
 * naming what to highlight on that row (`E:stop W:diagnosis`: error on the Stop column, warning on the Dx
 * column), and one conditional-format rule per highlighted column and severity that fills the cell when its
 * row's flags name it. Sorting, filtering and inserting rows carry the flags with their rows; a re-run or
 * "Clear results" removes exactly the rules whose formula has our shape, and never touches a cell's own fill.
 * Pure: `planFlags` is what to write, for the add-in (src/excel/reconcile.ts) and the command line's coded
 * copy (src/outputs/xlsx) alike.
 */
import type { Field } from '../rules/types';
import { columnLetters, columnNumber } from './columns';
import type { ColumnMapping, DetectedTable, Fill, WritePlan } from './types';

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

/**
 * Our rules' shape, whatever Excel did to the reference since (moved by inserts, or `#REF!` when deleted); the
 * group is the cell it reads.
 */
const OUR_RULE = /^=ISNUMBER\(SEARCH\(" [EW]:[A-Za-z0-9_]+ "," "&(.+)&" "\)\)$/;

/**
 * The rule that gives an IC Status cell its row's colour, for a range whose first status cell is `statusCell`
 * (`$Y3`): the status text itself decides, so no flag is needed. EXACT keeps the shape our own.
 */
export function statusRuleFormula(status: 'Error' | 'Review', statusCell: string): string {
  return `=EXACT(${statusCell},"${status}")`;
}
const OUR_STATUS_RULE = /^=EXACT\(([^,]+),"(?:Error|Review)"\)$/;

/** Is this one of the status-colour rules (as opposed to a highlight driven by IC Flags)? */
export function isStatusRule(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && OUR_STATUS_RULE.test(formula);
}

/** Is this conditional-format formula one the product wrote? */
export function isOurRule(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && (OUR_RULE.test(formula) || OUR_STATUS_RULE.test(formula));
}

/**
 * Is this rule ours on this sheet: our shape, reading one of `ourColumns` (IC Flags, IC Status), or a cell
 * Excel made `#REF!` when our column was deleted. The shape alone is not enough: a user's own
 * `=EXACT($Q2,"Error")` on their Claim status column is theirs, and stays.
 */
export function isOurRuleOn(formula: string | null | undefined, ourColumns: ReadonlySet<number>): boolean {
  if (typeof formula !== 'string') return false;
  const reference = OUR_RULE.exec(formula)?.[1] ?? OUR_STATUS_RULE.exec(formula)?.[1];
  if (reference === undefined) return false;
  if (reference.includes('#REF!')) return true;
  const cell = /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(reference.trim());
  return cell !== null && ourColumns.has(columnNumber(cell[1].toUpperCase()));
}

/** One highlight rule: a column, a severity, and the token its row's flags must name. */
export interface FlagRule {
  column: number;
  fill: Fill;
  token: string;
  /** The sheet rows it covers: below the header down to the plan's last row. */
  firstRow: number;
  lastRow: number;
  /** `=ISNUMBER(SEARCH(" E:stop "," "&$X3&" "))`, reading the flags cell of its first row. */
  formula: string;
}

/** What the highlights of a plan write: the flags column's cells and one rule per column and severity. */
export interface FlagsPlan {
  /** Sheet column of the IC Flags cells. */
  column: number;
  /** Each row's flags text (`E:findings E:stop`); rows without a highlight are absent. */
  rows: Map<number, string>;
  /**
   * In the order the add-in adds them, each added rule going first in Excel's priority: warnings, then
   * errors, each by column. So the last rule wins, and an error beats a warning on a shared cell.
   */
  rules: FlagRule[];
}

/** The key a highlighted column goes by in the flags: its field, or `findings`, or its letters as a last resort. */
function columnKeys(mapping: ColumnMapping, findingsColumn: number): (column: number) => string {
  const byColumn = new Map<number, string>();
  for (const [field, column] of Object.entries(mapping) as [Field, number | undefined][]) {
    if (column && !byColumn.has(column)) byColumn.set(column, field);
  }
  return (column) => byColumn.get(column) ?? (column === findingsColumn ? 'findings' : `col${columnLetters(column)}`);
}

/**
 * The flags and rules of a plan's highlights, the flags written in `column` (by default right of the derived
 * columns). One fill per cell, the worse one winning; highlights outside the plan's rows are left out.
 */
export function planFlags(
  plan: Pick<WritePlan, 'headerRow' | 'firstColumn' | 'headers' | 'lastRow' | 'highlights'>,
  table: Pick<DetectedTable, 'mapping'>,
  column = plan.firstColumn + plan.headers.length,
): FlagsPlan {
  const keyOf = columnKeys(table.mapping, plan.firstColumn + plan.headers.indexOf('IC Findings'));
  const cellFill = new Map<number, { row: number; column: number; fill: Fill }>();
  for (const h of plan.highlights) {
    if (h.row <= plan.headerRow || h.row > plan.lastRow) continue;
    const key = h.row * 32768 + h.column; // Excel's 16,384 columns fit below 2^15
    const prev = cellFill.get(key);
    if (!prev || (prev.fill === 'warning' && h.fill === 'error')) cellFill.set(key, h);
  }
  const tokens = new Map<number, string[]>();
  const byColumn = new Map<string, { column: number; fill: Fill; token: string }>();
  for (const h of cellFill.values()) {
    const token = flagToken(h.fill, keyOf(h.column));
    const list = tokens.get(h.row);
    if (list) list.push(token);
    else tokens.set(h.row, [token]);
    byColumn.set(`${h.column}:${h.fill}`, { column: h.column, fill: h.fill, token });
  }
  // One copy of each flags text: a million rows repeat a few dozen of them.
  const texts = new Map<string, string>();
  const rows = new Map<number, string>();
  for (const [row, list] of tokens) {
    const text = flagsText(list) as string;
    const known = texts.get(text);
    if (known === undefined) texts.set(text, text);
    rows.set(row, known ?? text);
  }
  const firstRow = plan.headerRow + 1;
  const flagsCell = `$${columnLetters(column)}${firstRow}`;
  const rules = [...byColumn.values()]
    .sort((a, b) => (a.fill === b.fill ? a.column - b.column : a.fill === 'warning' ? -1 : 1))
    .map((r) => ({ ...r, firstRow, lastRow: plan.lastRow, formula: ruleFormula(r.token, flagsCell) }));
  return { column, rows, rules };
}

/**
 * Where a writer that places the flags after the plan is made (the command line's copy) puts them: right
 * of the derived columns, unless a column of the user's is there (typed beside an earlier copy's block);
 * then right of all the user's columns, so no user cell is ever written over. The add-in moves the whole
 * block instead (src/excel/reconcile.ts planBesideFlags).
 */
export function flagsColumnFor(plan: Pick<WritePlan, 'firstColumn' | 'headers'>, table: Pick<DetectedTable, 'derivedColumns' | 'lastUserColumn'>): number {
  const beside = plan.firstColumn + plan.headers.length;
  if (beside > table.lastUserColumn || [...table.derivedColumns.values()].includes(beside)) return beside;
  return table.lastUserColumn + 1;
}
