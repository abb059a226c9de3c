/**
 * The one pipeline: grid -> input adapter (header detection, mapping, administrations) -> rules -> post-steps
 * -> write plan. Pure: every caller (the `code` and `report` commands, the pane's Code rows and Build report,
 * the block custom function) reads its source, calls codeGrid, and hands the result to its writer.
 */
import { GRID_ADAPTERS } from '../inputs';
import { resultForSourceRows } from '../inputs/results';
import type { AdapterOutput, GridAdapter, OutputTable, ReadSettings, SheetInput } from '../inputs/types';
import { codeRows } from '../rules';
import { independentBatches } from '../rules/batches';
import { addClaimsCounts, claimsCounts, claimsSummaryOf, NO_CLAIMS_COUNTS, summarizeClaims, type ClaimsCounts, type ClaimsSummary } from '../claims/check';
import { resolveOptions, type CodingOptions, type CodingOptionsInput } from '../rules/options';
import type { CodingResult, InputRow } from '../rules/types';
import { PlanBuilder, planWrite, type PlannedRows } from '../sheet/plan';
import { addResultCounts, NO_RESULT_COUNTS, resultCounts, type ResultCounts } from './summary';
import type { Grid, WritePlan } from '../sheet/types';
import { POST_STEPS, PRE_STEPS, type PreStepInput } from './postSteps';
import type { Tables } from './tables';

export interface PipelineSettings extends ReadSettings {
  /** Coding options (RULES.md defaults for what is left out). */
  options?: CodingOptionsInput | CodingOptions;
  /** The adapters to try, in order; default every grid adapter of src/inputs. */
  adapters?: readonly GridAdapter[];
}

export interface CodedGrid {
  /** What the adapter read: its id, the table, the administrations (and, for an action log, its output). */
  input: SheetInput;
  /** The coding result: one row result per source row, the adapter's findings on the rows they concern. */
  result: CodingResult;
  /** The adapter's one-line summary ("Action log: 1,204 actions in 311 administrations"), or null. */
  summary: string | null;
  /** The write plan for the sheet: computed on first use (the block custom function never needs it). */
  readonly plan: WritePlan;
  /** Extra tables the writers add as sheets the product owns (the IC Administrations sheet). */
  tables(): OutputTable[];
}

/** The first adapter that reads the grid; null when none finds a table on it. */
export function readInput(grid: Grid, settings: PipelineSettings = {}): SheetInput | null {
  for (const adapter of settings.adapters ?? GRID_ADAPTERS) {
    const input = adapter.read(grid, settings);
    if (input) return input;
  }
  return null;
}

/**
 * Codes administrations (from any source, a sheet or not): the rules, the result mapped back to every source
 * row when the adapter combined rows, then the post-steps (the claims checks).
 */
export function codeInput(rows: readonly InputRow[], source: AdapterOutput | undefined, settings: PipelineSettings, tables: Tables): CodingResult {
  let run: PreStepInput = { rows, options: resolveOptions(settings.options), tables };
  for (const step of PRE_STEPS) run = step(run);
  let result = codeRows(run.rows, run.options, run.tables);
  if (source) result = resultForSourceRows(source, result, run.options.setting);
  for (const step of POST_STEPS) result = step(result, { rows: run.rows, source, options: run.options, tables: run.tables });
  return result;
}

/** How many administrations an input holds (a flat sheet's data rows, without reading them into rows). */
export function administrationCount(input: SheetInput): number {
  return input.adapter === 'sheet' && !input.source ? input.table.dataRows.length : input.rows.length;
}

/** Reads, codes and plans one grid; null when no adapter finds a table on it. */
export function codeGrid(grid: Grid, settings: PipelineSettings = {}, tables: Tables = {}): CodedGrid | null {
  const input = readInput(grid, settings);
  return input ? codeSheetInput(input, settings, tables) : null;
}

/** Codes an input already read from a sheet (the command line reads first to choose among sheets). */
export function codeSheetInput(input: SheetInput, settings: PipelineSettings, tables: Tables): CodedGrid {
  const result = codeInput(input.rows, input.source, settings, tables);
  let plan: WritePlan | null = null;
  return {
    input,
    result,
    summary: input.source?.summary ?? null,
    get plan() {
      // Results stand on source rows: with an action log, every action row gets its cells.
      plan ??= planWrite(input.table, input.source ? result.rows.map((r) => ({ row: r.row, values: {} })) : input.rows, result);
      return plan;
    },
    tables: () => input.source?.tables(result) ?? [],
  };
}

/** What a run that writes only the coded sheet keeps: its plan and its counts, never the whole result. */
export interface PlannedSheet {
  plan: WritePlan;
  counts: ResultCounts;
  claims: ClaimsSummary;
  /** The adapter's one-line summary, or null. */
  summary: string | null;
  /** Extra tables the writers add as sheets the product owns (the IC Administrations sheet). */
  tables: OutputTable[];
}

/**
 * Rows coded per batch when the whole result is kept (the task pane, which pauses after each batch to show
 * progress and hear a cancel): one batch of this size makes a few hundred MB of result objects at most.
 */
export const BATCH_ROWS = 25000;

/**
 * Rows coded per batch when only the plan is kept (planSheetInput: the command line). Small, so a batch's
 * working objects and results die young: V8 collects its young generation every 16 MB or so, and copies
 * whatever is still alive. A 25,000-row batch's results lived through many of those collections, each
 * copying them, and then had to be collected again from the old generation (measured on 100,000 rows: the
 * garbage collector's time 600 -> 360 ms, the whole run 3.4 -> 3.0 s).
 */
export const PLAN_BATCH_ROWS = 256;

/** Rows between two progress reports of planSheetInput (a report per small batch would flood a terminal). */
export const PROGRESS_ROWS = 10000;

/**
 * Rows coded batch by batch (src/rules/batches: batches code the same apart as together), for planSheetInput,
 * codeSheetInputInSteps and a read-ahead block. Each batch is coded when the caller asks for it.
 */
export function* codedBatches(all: readonly InputRow[], settings: PipelineSettings, tables: Tables, batchRows: number) {
  for (const batch of independentBatches(all, batchRows)) {
    const rows = batch.map((i) => all[i]);
    yield { batch, rows, result: codeInput(rows, undefined, settings, tables) };
  }
}

/**
 * Codes an input a small batch at a time and hands over each batch's result, for a caller that turns results
 * into something smaller at once (the block custom function's cells): each batch's results then die young,
 * as in planSheetInput. An action log's rows are mapped across the whole sheet: it is one batch.
 */
export function eachCodedBatch(input: SheetInput, settings: PipelineSettings, tables: Tables, onBatch: (result: CodingResult) => void, batchRows = PLAN_BATCH_ROWS): void {
  if (input.source) {
    onBatch(codeInput(input.rows, input.source, settings, tables));
    return;
  }
  for (const { result } of codedBatches(input.rows, settings, tables, batchRows)) onBatch(result);
}

export interface PlanRun {
  /** Called with the rows coded so far, after the batch that completes each `progressRows` more. */
  onProgress?: (rowsCoded: number) => void;
  /** Default PROGRESS_ROWS. */
  progressRows?: number;
  /** Default PLAN_BATCH_ROWS. */
  batchRows?: number;
  /**
   * Let each batch's rows go once planned (`input.rows` is emptied as it goes): for a caller that needs only
   * the plan, such as the command line writing a million-row copy.
   */
  releaseRows?: boolean;
  /**
   * Blocks already coded while the sheet was read (src/pipeline/readAhead) and the rows still to code: the
   * plan is theirs plus the rows', the same plan as coding every row here.
   */
  ahead?: { blocks: { planned: PlannedRows[]; counts: ResultCounts; claims: ClaimsCounts }[]; rows: InputRow[] };
}

/**
 * Codes and plans a sheet a batch at a time (src/rules/batches: batches code the same apart as together), so
 * the memory a big sheet needs is its rows and its plan, not the whole coding result as well. An adapter that
 * combines source rows (an action log) maps results across the whole sheet: it is coded in one batch.
 */
export function planSheetInput(input: SheetInput, settings: PipelineSettings, tables: Tables, run: PlanRun = {}): PlannedSheet {
  const { onProgress, batchRows = PLAN_BATCH_ROWS, progressRows = PROGRESS_ROWS, releaseRows = false } = run;
  const claimsTables = tables.claims ?? {};
  if (input.source) {
    const coded = codeSheetInput(input, settings, tables);
    return { plan: coded.plan, counts: resultCounts(coded.result), claims: summarizeClaims(coded.result, claimsTables), summary: coded.summary, tables: coded.tables() };
  }
  const ahead = run.ahead;
  const builder = new PlanBuilder(input.table, ahead ? ahead.rows : input.rows);
  let counts = NO_RESULT_COUNTS;
  let claims = NO_CLAIMS_COUNTS;
  for (const block of ahead?.blocks ?? []) {
    for (const part of block.planned) builder.merge(part);
    counts = addResultCounts(counts, block.counts);
    claims = addClaimsCounts(claims, block.claims);
  }
  // Not a spread: a flat sheet's rows are read when first asked for, and these are all that is left to read.
  if (ahead) input = { adapter: input.adapter, table: input.table, rows: ahead.rows };
  const all = input.rows as (InputRow | undefined)[];
  let reported = counts.rows;
  for (const { batch, rows, result } of codedBatches(input.rows, settings, tables, batchRows)) {
    builder.add(rows, result);
    counts = addResultCounts(counts, resultCounts(result));
    claims = addClaimsCounts(claims, claimsCounts(result, claimsTables));
    // A batch planned is done with: its rows (values, dates) need not outlive it.
    if (releaseRows) for (const i of batch) all[i] = undefined;
    if (onProgress && counts.rows - reported >= progressRows) onProgress((reported = counts.rows));
  }
  return { plan: builder.finish(), counts, claims: claimsSummaryOf(claims, claimsTables), summary: null, tables: [] };
}

/**
 * The task pane's coding: the batches of planSheetInput with a pause after each (`between` repaints the
 * progress and throws when the user cancelled), so a big sheet never freezes the pane for the whole rules
 * run. Returns the whole result (the pane lists every problem), rows in sheet order.
 */
export async function codeSheetInputInSteps(
  input: SheetInput,
  settings: PipelineSettings,
  tables: Tables,
  between: (rowsCoded: number, rows: number) => Promise<void>,
  batchRows = BATCH_ROWS,
): Promise<CodedGrid> {
  const total = input.rows.length;
  if (input.source || total <= batchRows) {
    const coded = codeSheetInput(input, settings, tables);
    await between(total, total);
    return coded;
  }
  const rows: CodingResult['rows'] = [];
  const encounters: CodingResult['encounters'] = [];
  for (const { result } of codedBatches(input.rows, settings, tables, batchRows)) {
    for (const r of result.rows) rows.push(r);
    for (const e of result.encounters) encounters.push(e);
    await between(rows.length, total);
  }
  rows.sort((a, b) => a.row - b.row);
  const result: CodingResult = { rows, encounters };
  let plan: WritePlan | null = null;
  return {
    input,
    result,
    summary: null,
    get plan() {
      plan ??= planWrite(input.table, input.rows, result);
      return plan;
    },
    tables: () => [],
  };
}
