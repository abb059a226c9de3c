/**
 * What a run (or "Clear results") must change on a sheet, decided from what is on the sheet now and what the
 * ledger remembers. Pure: no Office.js; apply.ts turns the answer into batched calls.
 *
 * Nothing here trusts an address from an earlier run: our columns are the ones whose header is one of ours,
 * our highlights are the conditional-format rules with our formula shape, our notes are the notes whose text
 * is exactly one we wrote. So a sort, a filter, inserted or deleted rows and columns change nothing about
 * what is ours. When the ledger says a header of ours is now something else (renamed, or a column put in
 * its place) the product cannot be sure whose column it is, and asks.
 */
import { FILL_ARGB, FLAGS_HEADER, NOTE_PREFIX } from '../sheet';
import { derivedHeader } from '../sheet/headers';
import { isOurRuleOn, planFlags } from '../sheet/marks';
import type { DetectedTable, Fill, Grid, WritePlan } from '../sheet/types';
import { cellAddress, rectAddress, type Rect } from './address';
import type { ExistingRule, RuleSpec } from './highlights';
import { isOurNote, textHash, type ExistingNote, type NoteKind } from './notes';
import type { Ledger } from '../runtime/settings';

/* ------------------------------------------------------------------ ownership */

/** A column that held one of our headers at the last run and now holds something else. */
export interface ChangedColumn {
  column: number;
  address: string;
  /** What the header cell says now ('' when empty). */
  header: string;
  /** Our header that was there. */
  was: string;
}

/** A question for the pane: the run (or Clear) stops, changing nothing, until the user answers. */
export interface Question {
  id: 'changed-columns';
  text: string;
  columns: ChangedColumn[];
  choices: { id: 'ours' | 'theirs'; label: string }[];
}

export interface Answers {
  /** 'ours': the changed columns are still Infusion Coder's (replace or clear them); 'theirs': leave them. */
  changedColumns?: 'ours' | 'theirs';
}

function cellText(grid: Grid, row: number, column: number): string {
  const v = grid.values[row - grid.firstRow]?.[column - grid.firstColumn];
  return v === null || v === undefined ? '' : String(v).trim();
}

/**
 * Columns where the last run wrote a header that is no longer there. The block was contiguous when written,
 * so each missing header is looked for next to the nearest header of ours still found in the header row.
 */
export function changedColumns(grid: Grid, headerRow: number, ledger: Ledger | null, userColumns: ReadonlySet<number> = new Set()): ChangedColumn[] {
  if (!ledger || ledger.headers.length === 0) return [];
  const found = new Map<string, number>();
  // Our headers are on the header row: its cells are all there is to search (a spread of every row's length
  // overflowed the stack on a re-run of a million-row sheet).
  const lastColumn = grid.firstColumn + (grid.values[headerRow - grid.firstRow]?.length ?? 0) - 1;
  for (let c = grid.firstColumn; c <= lastColumn; c++) {
    const own = derivedHeader(cellText(grid, headerRow, c));
    if (own && !found.has(own)) found.set(own, c);
  }
  const index = ledger.headers.map((h) => found.get(derivedHeader(h) ?? h));
  if (index.every((c) => c === undefined)) return []; // nothing of ours left to anchor on: nothing to ask
  const out: ChangedColumn[] = [];
  ledger.headers.forEach((was, i) => {
    if (index[i] !== undefined) return;
    // The nearest header of ours still found, and the column this one had beside it.
    let best: number | null = null;
    for (let d = 1; d < ledger.headers.length && best === null; d++) {
      if (index[i - d] !== undefined) best = index[i - d]! + d;
      else if (index[i + d] !== undefined) best = index[i + d]! - d;
    }
    if (best === null || best < 1) return;
    const header = cellText(grid, headerRow, best);
    if (derivedHeader(header)) return;
    // Where a column of ours was deleted, the guess lands on its neighbour: a column the table reads (Nurse, Drug)
    // is the user's for sure, and an empty one has nothing to ask about. Neither may ever be offered as ours.
    if (userColumns.has(best) || columnEmpty(grid, headerRow, best)) return;
    out.push({ column: best, address: cellAddress(headerRow, best), header, was });
  });
  return out;
}

/** Nothing in `column` from the header row down. */
function columnEmpty(grid: Grid, headerRow: number, column: number): boolean {
  const c = column - grid.firstColumn;
  for (let r = Math.max(0, headerRow - grid.firstRow); r < grid.values.length; r++) {
    const v = grid.values[r]?.[c];
    if (v !== null && v !== undefined && v !== '') return false; // a cell of spaces is someone's too
  }
  return true;
}

export function changedColumnsQuestion(columns: ChangedColumn[], clearing: boolean): Question {
  const list = columns.map((c) => (c.header ? `${c.address} '${c.header}' (was '${c.was}')` : `${c.address} (was '${c.was}', now empty)`)).join(', ');
  return {
    id: 'changed-columns',
    text:
      `The last run wrote ${columns.length === 1 ? 'a column' : 'columns'} whose header is now different: ${list}. ` +
      `Is ${columns.length === 1 ? 'it' : 'each'} still Infusion Coder's result column (${clearing ? 'clear it' : 'replace it'}), or is it yours now (leave it as it is)?`,
    columns,
    choices: [
      { id: 'ours', label: clearing ? 'Still Infusion Coder’s: clear it' : 'Still Infusion Coder’s: replace it' },
      { id: 'theirs', label: 'Mine now: leave it' },
    ],
  };
}

/** The grid with the changed columns' headers put back, so detection sees them as ours again (answer 'ours'). */
export function restoreHeaders(grid: Grid, headerRow: number, columns: ChangedColumn[]): Grid {
  const r = headerRow - grid.firstRow;
  const line = (grid.values[r] ?? []).slice();
  for (const c of columns) line[c.column - grid.firstColumn] = c.was;
  const values = grid.values.slice();
  values[r] = line;
  return { ...grid, values };
}

/* ------------------------------------------------------------------ reconcile */

/** What is on the sheet now, as far as our marks go. */
export interface SheetState {
  sheetId: string;
  sheetName: string;
  /** Last row holding a value (values-only used range). */
  usedBottom: number;
  notes: ExistingNote[];
  rules: ExistingRule[];
  noteKind: NoteKind | null;
}

/** The derived block to write: the plan's columns and IC Flags, header row down to lastRow. */
export interface Block {
  headerRow: number;
  firstColumn: number;
  headers: string[];
  lastRow: number;
  /** The cells of one sheet row of the block ('' clears a cell). */
  row(r: number): (string | number)[];
}

export interface Reconciliation {
  /** Earlier derived values the new block does not cover (all of them for Clear). */
  valueClears: Rect[];
  /** Columns cleared (for Clear's message). */
  columnsCleared: number;
  block: Block | null;
  rules: { remove: string[]; add: RuleSpec[] };
  notes: { add: { row: number; column: number; text: string }[]; update: { note: ExistingNote; text: string }[]; remove: ExistingNote[] };
  /** Cells where the plan has a note but the user's own note is there: the finding stays in IC Findings only. */
  notesTheirs: number;
  /** Notes that start like ours but were edited since: the user's now, left alone. */
  notesEdited: number;
  /** The ledger to save (null = remove it, after Clear). */
  ledger: Ledger | null;
  notices: string[];
}

export interface ReconcileInput {
  state: SheetState;
  /** The table detected on the sheet (after any answer), or null when there is none. */
  table: DetectedTable | null;
  /** What to write; null = Clear results. */
  plan: WritePlan | null;
  ledger: Ledger | null;
  /** ISO time stamp for the ledger. */
  at: string;
  /**
   * The note fingerprints of the workbook's other ledgers: a sheet with no ledger of its own may be a copy of a
   * coded sheet (Move or Copy gives it a new id), whose notes are ours by the text we wrote there.
   */
  workbookNotes?: readonly string[];
}

/** #RRGGBB of a highlight, from the one palette (sheet/plan.ts, ARGB). */
export function fillColor(fill: Fill): string {
  return `#${FILL_ARGB[fill].slice(-6)}`;
}

function columnRuns(columns: number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

/** Areas of our columns to clear: those outside the new block from the header down, and below the new block. */
export function staleAreas(ours: number[], headerRow: number, bottom: number, next: { firstColumn: number; width: number; lastRow: number } | null): Rect[] {
  const inNext = (c: number) => Boolean(next && c >= next.firstColumn && c < next.firstColumn + next.width);
  const rects: Rect[] = [];
  for (const [left, right] of columnRuns(ours.filter((c) => !inNext(c)))) rects.push({ top: headerRow, bottom, left, right });
  if (next && bottom > next.lastRow) {
    for (const [left, right] of columnRuns(ours.filter(inNext))) rects.push({ top: next.lastRow + 1, bottom, left, right });
  }
  return rects.filter((r) => r.bottom >= r.top);
}

/** The block with its IC Flags column, and one rule per highlighted column and severity (sheet/marks.ts). */
function planMarks(plan: WritePlan, table: DetectedTable): { block: Block; rules: RuleSpec[] } {
  const width = plan.headers.length;
  const flags = planFlags(plan, table);
  const rules = flags.rules.map(({ column, fill, firstRow, lastRow, formula }) => ({
    address: rectAddress({ top: firstRow, bottom: lastRow, left: column, right: column }),
    formula,
    color: fillColor(fill),
  }));
  const headers = [...plan.headers, FLAGS_HEADER];
  const block: Block = {
    headerRow: plan.headerRow,
    firstColumn: plan.firstColumn,
    headers,
    lastRow: plan.lastRow,
    row(r) {
      if (r === plan.headerRow) return headers;
      const src = plan.values[r - plan.headerRow - 1] ?? [];
      const out: (string | number)[] = new Array(width + 1);
      for (let c = 0; c < width; c++) {
        const v = src[c];
        out[c] = v === null || v === undefined ? '' : v;
      }
      out[width] = flags.rows.get(r) ?? '';
      return out;
    },
  };
  return { block, rules };
}

/** A column holds nothing from the header row down (or is one of ours). */
function columnFree(grid: Grid, table: DetectedTable, column: number): boolean {
  return [...table.derivedColumns.values()].includes(column) || columnEmpty(grid, table.headerRow, column);
}

/**
 * The plan, placed so that IC Flags (right of the derived columns) covers no cell of the user's: where the
 * earlier block has a user column right beside it, the block moves after the user's data (the old columns,
 * being ours, are cleared).
 */
export function planBesideFlags(grid: Grid, table: DetectedTable, plan: (table: DetectedTable) => WritePlan): WritePlan {
  const first = plan(table);
  if (columnFree(grid, table, first.firstColumn + first.headers.length)) return first;
  return plan({ ...table, derivedColumns: new Map() });
}

/** Decides every change of a run (plan) or of Clear results (no plan). */
export function reconcile(input: ReconcileInput): Reconciliation {
  const { state, table, plan, ledger } = input;
  const notices: string[] = [];
  const headerRow = table?.headerRow ?? ledger?.headerRow ?? 1;
  const ours = table ? [...table.derivedColumns.values()] : [];
  const marks = plan && table ? planMarks(plan, table) : null;
  // Down to the table's last row, not the sheet's, so a total the user typed under the table in one of our columns,
  // after a blank row, stays through a run and Clear results (tableBelowHeader). Without a table, the sheet's.
  const bottom = plan ? Math.max(table?.lastRow ?? 0, plan.lastRow) : (table?.lastRow ?? state.usedBottom);
  const next = marks ? { firstColumn: marks.block.firstColumn, width: marks.block.headers.length, lastRow: marks.block.lastRow } : null;
  const valueClears = staleAreas(ours, headerRow, bottom, next);

  /* notes: ours by text, wherever they are now */
  const fingerprints = new Set(ledger ? ledger.notes : (input.workbookNotes ?? []));
  const sameKind = !ledger || ledger.noteKind === null || ledger.noteKind === state.noteKind;
  const existing = new Map<string, ExistingNote>();
  for (const n of state.notes) existing.set(`${n.row}:${n.column}`, n);
  const isOurs = (n: ExistingNote) => sameKind && isOurNote(n.text, fingerprints);
  const wanted = new Map<string, { row: number; column: number; text: string }>();
  if (state.noteKind) for (const n of plan?.notes ?? []) wanted.set(`${n.row}:${n.column}`, n);
  const notes: Reconciliation['notes'] = { add: [], update: [], remove: [] };
  const kept = new Set<string>();
  let notesTheirs = 0;
  for (const [key, want] of wanted) {
    const there = existing.get(key);
    if (!there) notes.add.push(want);
    else if (!isOurs(there)) {
      notesTheirs += 1;
      continue;
    } else if (there.text !== want.text) notes.update.push({ note: there, text: want.text });
    kept.add(textHash(want.text));
  }
  let notesEdited = 0;
  for (const [key, n] of existing) {
    if (wanted.has(key)) continue;
    if (isOurs(n)) notes.remove.push(n);
    else if (n.text.startsWith(NOTE_PREFIX)) notesEdited += 1;
  }
  if (notesTheirs) {
    notices.push(`${notesTheirs} cell(s) already had someone else's note, so no note was added there; the finding is in the IC Findings column.`);
  }
  if (notesEdited) {
    notices.push(`${notesEdited} note(s) that Infusion Coder once wrote were edited since, so they are yours now and were left as they are.`);
  }
  if (ledger?.legacyFills) {
    notices.push(
      `${ledger.legacyFills} cell fill(s) from an earlier version of Infusion Coder were left as they are: they may have moved or been changed since, and Infusion Coder never removes a fill it cannot prove is its own. Highlights are now conditional formats that follow sorting.`,
    );
  }

  const newLedger: Ledger | null = marks
    ? {
        sheetId: state.sheetId,
        sheetName: state.sheetName,
        headerRow: marks.block.headerRow,
        firstColumn: marks.block.firstColumn,
        headers: marks.block.headers,
        lastRow: marks.block.lastRow,
        notes: [...kept].sort(),
        noteKind: state.noteKind,
        rules: marks.rules.length,
        at: input.at,
      }
    : null;
  // Rules of our shape are ours when they read one of our columns: found by header now, or where the last run put
  // its block (a column of ours the user has since renamed or claimed keeps our rule until it is removed here).
  const ruleColumns = new Set<number>(ours);
  if (ledger) ledger.headers.forEach((_, i) => ruleColumns.add(ledger.firstColumn + i));
  const clearedColumns = new Set<number>();
  if (!plan) for (const r of valueClears) for (let c = r.left; c <= r.right; c++) clearedColumns.add(c);
  return {
    valueClears,
    columnsCleared: clearedColumns.size,
    block: marks?.block ?? null,
    rules: { remove: state.rules.filter((r) => isOurRuleOn(r.formula, ruleColumns)).map((r) => r.id), add: marks?.rules ?? [] },
    notes,
    notesTheirs,
    notesEdited,
    ledger: newLedger,
    notices,
  };
}

/**
 * Which grid and table to reconcile against: as read, unless columns of ours changed header since the last
 * run; then the user's answer decides ('ours': their headers count as ours again), and without an answer the
 * caller gets the question and changes nothing.
 */
export function decideOwnership(
  grid: Grid,
  detect: (grid: Grid) => DetectedTable | null,
  ledger: Ledger | null,
  answers: Answers | undefined,
  clearing: boolean,
): { grid: Grid; table: DetectedTable | null; question: Question | null } {
  const table = detect(grid);
  const headerRow = table?.headerRow ?? ledger?.headerRow;
  if (!headerRow) return { grid, table, question: null };
  const changed = changedColumns(grid, headerRow, ledger, new Set(Object.values(table?.mapping ?? {})));
  if (changed.length === 0 || answers?.changedColumns === 'theirs') return { grid, table, question: null };
  if (answers?.changedColumns === 'ours') {
    const restored = restoreHeaders(grid, headerRow, changed);
    return { grid: restored, table: detect(restored), question: null };
  }
  return { grid, table, question: changedColumnsQuestion(changed, clearing) };
}
