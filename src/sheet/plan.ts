/**
 * Planning the output: the derived columns beside the user's data, the input cells to highlight and the
 * notes they carry. Plain data, applied by src/excel (Office.js) and src/cli (exceljs) alike.
 */
import { mapped } from '../rules/arrays';
import { joinSentences, sentence } from '../rules/sentences';
import type { CodeLine, CodingResult, Finding, InputRow, RowResult } from '../rules/types';
import { columnLetters, MAX_COLUMN } from './columns';
import type { DetectedTable, Fill, SheetLayout, WritePlan } from './types';

/** Headers of the derived columns, in order. A second run recognises and replaces them. */
export const DERIVED_HEADERS: readonly string[] = [
  'IC CPT',
  'IC HCPCS',
  'IC NDC',
  'IC Modifiers',
  'IC Minutes',
  'IC Status',
  'IC Findings',
  'IC Explanation',
];

/** Every note Infusion Coder writes starts with this, so a later run (or "Clear results") can find its own. */
export const NOTE_PREFIX = 'Infusion Coder: ';

export { FILL_ARGB } from './palette';

const FINDINGS_INDEX = DERIVED_HEADERS.indexOf('IC Findings');
const STATUS_INDEX = DERIVED_HEADERS.indexOf('IC Status');
const MINUTES_INDEX = DERIVED_HEADERS.indexOf('IC Minutes');

/** The colour an IC Status value gives its cell: the row's colour (OK stays unfilled). */
export const STATUS_FILLS: Readonly<Record<'Error' | 'Review', Fill>> = { Error: 'error', Review: 'warning' };

/** One code line as text: `96365`, `96366 x2`, `96365-59`, `J1745-JW x5`. */
export function formatCode(line: Pick<CodeLine, 'code' | 'units' | 'modifiers'>): string {
  // Each text is kept once (rules/sentences.ts): a row's cells are then found in the plan's texts by identity.
  const { code, units, modifiers } = line;
  if (modifiers.length === 0) return units === 1 ? code : sentence`${code} x${units}`;
  const mods = modifiers.length === 1 ? modifiers[0] : modifiers.join('-');
  return units === 1 ? sentence`${code}-${mods}` : sentence`${code}-${mods} x${units}`;
}

/** Code lines as one cell: `96365; 96366 x2`, `J1745 x35; J1745-JW x5`. */
export function formatCodes(lines: Pick<CodeLine, 'code' | 'units' | 'modifiers'>[]): string {
  if (lines.length < 2) return lines.length === 0 ? '' : formatCode(lines[0]);
  return joinSentences(mapped(lines, formatCode), '; ');
}

/**
 * The NDCs of a row's HCPCS lines (11-digit 5-4-2), one per line in the order of IC HCPCS, `-` for a line
 * without one (`00409-4888-02; -`); '' when no line has an NDC.
 */
export function formatNdcs(lines: Pick<CodeLine, 'ndc'>[]): string {
  if (!lines.some((l) => l.ndc)) return '';
  return lines.map((l) => l.ndc || '-').join('; ');
}

/** Distinct modifiers of a row's lines, in order of appearance: `59; JW`. */
export function formatModifiers(lines: Pick<CodeLine, 'modifiers'>[]): string {
  const seen: string[] = [];
  for (const line of lines) for (const m of line.modifiers) if (!seen.includes(m)) seen.push(m);
  return joinSentences(seen, '; ');
}

const SEVERITY_ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

/** Findings errors first, then warnings, then information; in their own order within a severity. */
export function bySeverity(findings: Finding[]): Finding[] {
  // Most rows have a finding or two, already in order: they are returned as they are (never changed here).
  let ordered = true;
  for (let i = 1; i < findings.length && ordered; i++) ordered = SEVERITY_ORDER[findings[i - 1].severity] <= SEVERITY_ORDER[findings[i].severity];
  if (ordered) return findings;
  const sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i);
  return mapped(sorted, (x) => x.f);
}

/** A row's findings as one cell: every finding, `missing-stop-time: <message>`, one per line, errors first. */
export function formatFindings(findings: Finding[]): string {
  return joinSentences(
    mapped(bySeverity(findings), (f) => sentence`${f.id}: ${f.message}`),
    '\n',
  );
}

/** What every break below starts with: the end of a sentence and a space. */
const SENTENCE_BREAK = /[.)]\s/;

/**
 * An explanation as one sentence per line: a new line before each sentence that starts with a code
 * (`96366 x1: ...`, `J3370 x3: ...`, `JZ: ...`) or says where the row was counted.
 */
export function formatExplanation(text: string): string {
  if (!SENTENCE_BREAK.test(text)) return text; // one sentence, as most rows' explanations are
  return text.replace(/(?<=[.)])\s+(?=(?:\d{5}|[A-Z]\d{4})\b|J[WZ]:|Counted in |No administration code)/g, '\n');
}

/** Widest each derived column grows to (characters); wrapped text continues on the next line. */
const MAX_WIDTH: Record<string, number> = {
  'IC CPT': 28,
  'IC HCPCS': 30,
  'IC NDC': 30,
  'IC Modifiers': 14,
  'IC Minutes': 13,
  'IC Status': 12,
  'IC Findings': 70,
  'IC Explanation': 90,
};
const MIN_WIDTH = 8;

/** The longest line of a cell value, in characters. */
function longestLine(value: string | number | null): number {
  if (value === null) return 0;
  if (typeof value === 'number') return String(value).length;
  let longest = 0;
  for (let from = 0; from <= value.length; ) {
    let to = value.indexOf('\n', from);
    if (to < 0) to = value.length;
    if (to - from > longest) longest = to - from;
    from = to + 1;
  }
  return longest;
}

/** Freeze, filter, fitted widths, wrapping and print setup for the coded table (one pass over the values). */
function planLayout(table: DetectedTable, firstColumn: number, headers: readonly string[], values: (string | number | null)[][], lastRow: number): SheetLayout {
  // A header needs room for its filter button as well (about one more character than a value's margin).
  const longest = headers.map((h) => h.length + 1);
  for (const row of values) {
    for (let j = 0; j < row.length; j++) {
      const n = longestLine(row[j]);
      if (n > longest[j]) longest[j] = n;
    }
  }
  // The filter spans the user's columns and ours (a loop: a sheet may have thousands of columns, too many to spread).
  let filterFirst = firstColumn;
  let lastColumn = firstColumn + headers.length - 1;
  for (const c of table.headers.keys()) {
    if (c >= firstColumn && c < firstColumn + headers.length) continue;
    if (c < filterFirst) filterFirst = c;
    if (c > lastColumn) lastColumn = c;
  }
  return {
    freezeRows: table.headerRow,
    autoFilter: { row: table.headerRow, firstColumn: filterFirst, lastColumn, lastRow: Math.max(lastRow, table.headerRow + 1) },
    columnWidths: headers.map((h, j) => ({ column: firstColumn + j, width: Math.max(MIN_WIDTH, Math.min(MAX_WIDTH[h] ?? 40, longest[j] + 2)) })),
    wrapColumns: headers.map((_, j) => firstColumn + j),
    print: { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, repeatRows: { first: table.headerRow, last: table.headerRow } },
    statusColumn: { column: firstColumn + STATUS_INDEX, firstRow: table.headerRow + 1, lastRow: Math.max(lastRow, table.headerRow + 1), fills: STATUS_FILLS },
  };
}

/** The sheet has no room right of its table for our columns before Excel's last column (XFD). */
export class NoRoomError extends Error {
  constructor(lastUserColumn: number) {
    super(
      `the sheet has data up to column ${columnLetters(lastUserColumn)}: the ${DERIVED_HEADERS.length + 1} IC columns do not fit before ` +
        `Excel's last column (${columnLetters(MAX_COLUMN)}); delete or move the columns right of the table, or copy the table to a new sheet`,
    );
  }
}

/** Where the derived block goes: where an earlier run put it when that place is still free, else after the data. */
function placeBlock(table: DetectedTable): number {
  const width = DERIVED_HEADERS.length;
  const earlier = [...table.derivedColumns.values()];
  if (earlier.length > 0) {
    const start = earlier.reduce((a, b) => Math.min(a, b));
    const derived = new Set(earlier);
    let free = table.lastUserColumn < start || table.lastUserColumn >= start + width;
    for (const column of table.headers.keys()) {
      if (column >= start && column < start + width && !derived.has(column)) free = false;
    }
    // A column inserted among ours and filled without a header is the user's too.
    for (const column of table.blockValueColumns ?? []) if (column >= start && column < start + width) free = false;
    if (free) return start;
  }
  return table.lastUserColumn + 1;
}

function rowFindings(row: RowResult, extra: Finding[] | undefined): Finding[] {
  if (!extra || extra.length === 0) return row.findings;
  const key = (f: Finding) => `${f.id}|${f.field ?? ''}|${f.message}`;
  let seen: Set<string> | null = null;
  let out: Finding[] | null = null;
  for (const f of extra) {
    // Usually the very finding the row lists (the encounter gathers its rows' findings): nothing to add.
    if (row.findings.includes(f)) continue;
    seen ??= new Set(row.findings.map(key));
    if (!seen.has(key(f))) {
      seen.add(key(f));
      (out ??= row.findings.slice()).push(f);
    }
  }
  return out ?? row.findings;
}

/**
 * The plan for one coded table: derived values for every row from the header down to the table's last row
 * (rows without data get blank cells, clearing stale values), the cells behind errors and warnings to fill
 * and their notes, and the sheet's layout (with each status cell in its row's colour).
 */
export function planWrite(table: DetectedTable, rows: InputRow[], result: CodingResult): WritePlan {
  const builder = new PlanBuilder(table, rows);
  builder.add(rows, result);
  return builder.finish();
}

/** An input cell a finding marks: its fill, its first message (its note once the plan is finished) and any others. */
interface MarkedCell {
  row: number;
  column: number;
  fill: Fill;
  text: string;
  more: string[] | null;
}

/**
 * The same plan built a batch of results at a time (a big sheet is coded in independent batches, and only
 * the plan's cells are kept): `add` each batch's rows and result, then `finish` once.
 */
export class PlanBuilder {
  private readonly firstColumn: number;
  private readonly findingsColumn: number;
  private readonly lastRow: number;
  private readonly values: (string | number | null)[][];
  /** Input cells behind error and warning findings: the strongest severity wins the fill; errors lead the note. */
  private readonly marked = new Map<number, MarkedCell>();
  /**
   * One copy of each cell text: rows repeat their codes, findings and most explanations (100,000 generated
   * rows have about 10,000 distinct explanations), and a million-row plan must fit beside its rows.
   */
  private readonly texts = new Map<string, string>();
  private text(value: string): string | null {
    if (value === '') return null;
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    if (this.texts.size >= 500000) this.texts.clear();
    this.texts.set(value, value);
    return value;
  }

  /** `rows`: every row that will be added (only their sheet row numbers are read, to size the plan). */
  constructor(
    private readonly table: DetectedTable,
    rows: readonly Pick<InputRow, 'row'>[],
  ) {
    this.firstColumn = placeBlock(table);
    // Our columns and IC Flags (beside them, or after the user's last column) must end by Excel's last column.
    const needed = Math.max(this.firstColumn + DERIVED_HEADERS.length, table.lastUserColumn + 1);
    if (needed > MAX_COLUMN) throw new NoRoomError(table.lastUserColumn);
    this.findingsColumn = this.firstColumn + FINDINGS_INDEX;
    let lastRow = table.lastRow ?? table.headerRow;
    for (const r of table.dataRows) if (r > lastRow) lastRow = r;
    for (const r of rows) if (r.row > lastRow) lastRow = r.row;
    this.lastRow = lastRow;
    // Filled as rows are coded; rows never coded get their blank cells in finish (made here, every row's
    // array would outlive the batches that replace it).
    this.values = new Array(Math.max(0, lastRow - table.headerRow));
  }

  /** Plans a batch's rows straight into the plan (planRows' work without its intermediate PlannedRows). */
  add(rows: readonly InputRow[], result: CodingResult): void {
    planInto(this.table, rows, result, this.lastRow, this.sink);
  }

  /** Texts and laid-out explanations pooled, rows and marks written in place. */
  private readonly sink: RowSink<string> = {
    text: (value) => this.text(value) as string,
    explanation: (value) => this.text(laidOut(value)),
    row: (index, cells) => {
      if (index >= 0 && index < this.values.length) this.values[index] = cells;
    },
    mark: (row, column, fill, message) => this.mark(row, column, fill, message),
  };

  private mark(row: number, column0: number, fill: Fill, text: string): void {
    const column = column0 || this.findingsColumn;
    // One number per cell (Excel's 16,384 columns fit below 2^15), not a string key per finding.
    const key = row * 32768 + column;
    const entry = this.marked.get(key);
    if (!entry) this.marked.set(key, { row, column, fill, text, more: null });
    else if (entry.text !== text && !entry.more?.includes(text)) (entry.more ??= []).push(text);
  }

  /** Adds rows planned elsewhere (planRows, run beside the reading on another thread). */
  merge(planned: PlannedRows): void {
    const { values } = this;
    // One pool lookup per distinct text of the batch, not one per cell.
    const texts = planned.texts.map((t) => this.text(t));
    const width = DERIVED_HEADERS.length;
    for (let i = 0; i < planned.indexes.length; i++) {
      const index = planned.indexes[i];
      if (index < 0 || index >= values.length) continue;
      const cells = planned.cells[i];
      const row: (string | number | null)[] = new Array(width);
      for (let j = 0; j < width; j++) {
        const v = cells[j];
        row[j] = j === MINUTES_INDEX ? v : v === null ? null : texts[v];
      }
      values[index] = row;
    }
    for (const [row, column0, fill, message] of planned.marks) this.mark(row, column0, fill, texts[message] as string);
  }

  finish(): WritePlan {
    const { table, firstColumn, values, lastRow } = this;
    const width = DERIVED_HEADERS.length;
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = new Array(width).fill(null);
    const cells = [...this.marked.values()].sort((a, b) => a.row - b.row || a.column - b.column);
    // Each marked cell is its highlight and its note, one object (a million rows with a finding on every field
    // would otherwise hold three objects per cell): its text becomes the note's.
    for (const c of cells) {
      c.text = this.text(NOTE_PREFIX + (c.more === null ? c.text : [c.text, ...c.more].join('\n'))) as string;
      c.more = null;
    }
    const staleColumns = [...table.derivedColumns.values()]
      .filter((c) => c < firstColumn || c >= firstColumn + width)
      .sort((a, b) => a - b);
    return {
      headerRow: table.headerRow,
      firstColumn,
      headers: [...DERIVED_HEADERS],
      values,
      lastRow,
      highlights: cells,
      notes: cells,
      staleColumns,
      layout: planLayout(table, firstColumn, DERIVED_HEADERS, values, lastRow),
    };
  }
}

/**
 * One batch's part of a plan, as plain data (it crosses threads), each distinct text once: the derived cells
 * of each coded row by its plan index, and the input cells its errors and warnings mark, in the order found
 * (column 0: the IC Findings column, wherever the block lands).
 */
export interface PlannedRows {
  texts: string[];
  indexes: number[];
  /** Per row, the derived cells in DERIVED_HEADERS order: IC Minutes as its number, the others as an index in `texts` (null: blank). */
  cells: (number | null)[][];
  marks: [row: number, column: number, fill: Fill, message: number][];
}

/**
 * formatExplanation, each explanation laid out once across batches: a sheet planned 256 rows at a time meets
 * the same explanations batch after batch (bounded, as an action log's are mostly unique).
 */
const LAID_OUT = new Map<string, string>();
function laidOut(explanation: string): string {
  let text = LAID_OUT.get(explanation);
  if (text === undefined) {
    text = formatExplanation(explanation);
    if (LAID_OUT.size >= 50000) LAID_OUT.clear();
    LAID_OUT.set(explanation, text);
  }
  return text;
}

/**
 * Where a batch's planned rows go: texts as the sink keeps them (an index into PlannedRows' texts for another
 * thread, the pooled string itself for a PlanBuilder), each row's derived cells, each marked input cell.
 */
interface RowSink<T> {
  /** A cell text (never ''). */
  text(value: string): T;
  /** A row's explanation, laid out one sentence per line (null: blank). */
  explanation(value: string): T | null;
  row(index: number, cells: (T | number | null)[]): void;
  mark(row: number, column: number, fill: Fill, message: T): void;
}

/** Plans a batch's rows from their result (`lastRow`: the plan's last row, when known). */
export function planRows(
  table: Pick<DetectedTable, 'headerRow' | 'mapping'>,
  rows: readonly InputRow[],
  result: CodingResult,
  lastRow = Number.MAX_SAFE_INTEGER,
): PlannedRows {
  const out: PlannedRows = { texts: [], indexes: [], cells: [], marks: [] };
  const known = new Map<string, number>();
  // Rows repeat their explanations (100,000 generated rows have about 10,000): each is laid out once.
  // A new explanation is laid out as a new text, without looking it up among the texts: many are unique (an
  // action log names the rows of each administration), and two are rarely laid out alike (a copy is harmless).
  const explanations = new Map<string, number | null>();
  planInto(table, rows, result, lastRow, {
    text: (value) => {
      let i = known.get(value);
      if (i === undefined) {
        i = out.texts.length;
        out.texts.push(value);
        known.set(value, i);
      }
      return i;
    },
    explanation: (value) => {
      let i = explanations.get(value);
      if (i === undefined) {
        const text = laidOut(value);
        i = text === '' ? null : out.texts.push(text) - 1;
        explanations.set(value, i);
      }
      return i;
    },
    row: (index, cells) => {
      out.indexes.push(index);
      out.cells.push(cells);
    },
    mark: (row, column, fill, message) => void out.marks.push([row, column, fill, message]),
  });
  return out;
}

/** planRows' work, into any sink. */
function planInto<T>(table: Pick<DetectedTable, 'headerRow' | 'mapping'>, rows: readonly InputRow[], result: CodingResult, lastRow: number, sink: RowSink<T>): void {
  const text = (value: string): T | null => (value === '' ? null : sink.text(value));
  // Results are in the rows' order (a sheet's rows, coded): found by position, else by row number.
  let byRow: Map<number, RowResult> | null = null;
  const resultOf = (input: InputRow, k: number): RowResult | undefined => {
    const at = result.rows[k];
    if (at !== undefined && at.row === input.row) return at;
    if (!byRow) {
      byRow = new Map();
      for (const r of result.rows) byRow.set(r.row, r);
    }
    return byRow.get(input.row);
  };
  // Encounter-level findings the engine did not also put on the row (e.g. an MUE over the encounter date):
  // an encounter lists its rows' findings too, as the very same objects.
  const onRows = new Set<Finding>();
  for (const r of result.rows) for (const f of r.findings) if (f.row === r.row) onRows.add(f);
  const extraByRow = new Map<number, Finding[]>();
  for (const enc of result.encounters) {
    for (const f of enc.findings ?? []) {
      if (onRows.has(f)) continue;
      const list = extraByRow.get(f.row);
      if (list) list.push(f);
      else extraByRow.set(f.row, [f]);
    }
  }
  for (let k = 0; k < rows.length; k++) {
    const input = rows[k];
    const res = resultOf(input, k);
    const index = input.row - table.headerRow - 1;
    if (!res || index < 0 || input.row > lastRow) continue;
    const findings = bySeverity(rowFindings(res, extraByRow.get(input.row)));
    // Many rows have no lines or no findings (an action log's continuing rows): their cells are blank.
    const { cpt, hcpcs } = res;
    sink.row(index, [
      cpt.length > 0 ? text(formatCodes(cpt)) : null,
      hcpcs.length > 0 ? text(formatCodes(hcpcs)) : null,
      hcpcs.length > 0 ? text(formatNdcs(hcpcs)) : null,
      cpt.length + hcpcs.length > 0 ? text(formatModifiers(hcpcs.length === 0 ? cpt : [...cpt, ...hcpcs])) : null,
      res.minutes ?? null,
      text(res.status),
      findings.length > 0 ? text(formatFindings(findings)) : null,
      sink.explanation(res.explanation),
    ]);
    for (const f of findings) {
      if (f.severity === 'info') continue;
      const row = f.row >= table.headerRow + 1 && f.row <= lastRow ? f.row : input.row;
      sink.mark(row, (f.field && table.mapping[f.field]) || 0, f.severity, sink.text(f.message));
    }
  }
}

/** The derived columns an earlier run wrote, to remove them ("Clear results"). */
export function planClear(table: DetectedTable): { columns: number[] } {
  return { columns: [...table.derivedColumns.values()].sort((a, b) => a - b) };
}
