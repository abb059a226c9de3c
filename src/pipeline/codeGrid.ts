/**
 * The one pipeline: grid -> input adapter (header detection, mapping, administrations) -> rules -> post-steps
 * -> write plan. Pure: every caller (the `code` and `report` commands, the pane's Code rows and Build report,
 * the block custom function) reads its source, calls codeGrid, and hands the result to its writer.
 */
import { GRID_ADAPTERS } from '../inputs';
import type { AdapterOutput, GridAdapter, ReadSettings } from '../inputs/types';
import { codeRows } from '../rules';
import type { CodingOptions, CodingOptionsInput } from '../rules/options';
import type { CodingResult, Finding, InputRow, RowResult } from '../rules/types';
import { planWrite } from '../sheet/plan';
import type { DetectedTable, Grid, WritePlan } from '../sheet/types';
import { POST_STEPS } from './postSteps';
import type { Tables } from './tables';

export interface PipelineSettings extends ReadSettings {
  /** Coding options (RULES.md defaults for what is left out). */
  options?: CodingOptionsInput | CodingOptions;
  /** The adapters to try, in order; default every grid adapter of src/inputs. */
  adapters?: readonly GridAdapter[];
}

/** An adapter's output that came from a sheet (it has a table the plan goes beside). */
export type SheetInput = AdapterOutput & { table: DetectedTable };

export interface CodedGrid {
  /** What the adapter read: the rows (administrations), the table, adapter findings, summary, extra tables. */
  input: SheetInput;
  /** The coding result, with the adapter's findings on the rows they concern. */
  result: CodingResult;
  /** The write plan for the sheet: computed on first use (the block custom function never needs it). */
  readonly plan: WritePlan;
}

/** The first adapter that reads the grid; null when none finds a table on it. */
export function readInput(grid: Grid, settings: PipelineSettings = {}): SheetInput | null {
  for (const adapter of settings.adapters ?? GRID_ADAPTERS) {
    const input = adapter.read(grid, settings);
    if (input && input.table) return input as SheetInput;
  }
  return null;
}

/** Codes what an adapter read (any source, a sheet or not): rules, adapter findings, then the post-steps. */
export function codeInput(input: AdapterOutput, settings: PipelineSettings, tables: Tables): CodingResult {
  let result = codeRows(input.rows, settings.options, tables);
  result = withAdapterFindings(result, input.findings);
  for (const step of POST_STEPS) result = step(result, { input, options: settings.options, tables });
  return result;
}

/** Reads, codes and plans one grid; null when no adapter finds a table on it. */
export function codeGrid(grid: Grid, settings: PipelineSettings = {}, tables: Tables = {}): CodedGrid | null {
  const input = readInput(grid, settings);
  return input ? codeSheetInput(input, settings, tables) : null;
}

/** Codes an input already read from a sheet (the command line reads first to choose among sheets). */
export function codeSheetInput(input: SheetInput, settings: PipelineSettings, tables: Tables): CodedGrid {
  const result = codeInput(input, settings, tables);
  let plan: WritePlan | null = null;
  return {
    input,
    result,
    get plan() {
      plan ??= planForSources(input, result);
      return plan;
    },
  };
}

/** Adapter findings on the row that holds an administration's codes join that row's findings (and status). */
function withAdapterFindings(result: CodingResult, findings: readonly Finding[]): CodingResult {
  if (findings.length === 0) return result;
  const byRow = groupByRow(findings);
  const rows = result.rows.map((r) => {
    const extra = byRow.get(r.row);
    if (!extra) return r;
    const all = [...r.findings, ...extra];
    return { ...r, findings: all, status: statusOf(all) };
  });
  return { ...result, rows };
}

function groupByRow(findings: readonly Finding[]): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.row);
    if (list) list.push(f);
    else out.set(f.row, [f]);
  }
  return out;
}

function statusOf(findings: readonly Finding[]): RowResult['status'] {
  if (findings.some((f) => f.severity === 'error')) return 'Error';
  if (findings.some((f) => f.severity === 'warning')) return 'Review';
  return 'OK';
}

/**
 * The plan with every source row accounted for: a row that is part of an administration coded on another
 * row gets that administration's status, its own adapter findings, and a pointer to the coded row.
 */
function planForSources(input: SheetInput, result: CodingResult): WritePlan {
  const spread = input.findings.length > 0 || input.rows.some((r) => r.sourceRows && r.sourceRows.length > 0);
  if (!spread) return planWrite(input.table, input.rows, result);
  const covered = new Set<number>();
  const byRow = new Map(result.rows.map((r) => [r.row, r]));
  const adapterFindings = groupByRow(input.findings);
  const rows: InputRow[] = input.rows.slice();
  const results: RowResult[] = result.rows.slice();
  for (const admin of input.rows) {
    const coded = byRow.get(admin.row);
    if (!coded) continue;
    covered.add(admin.row);
    for (const source of admin.sourceRows ?? []) {
      if (source === admin.row || covered.has(source)) continue;
      covered.add(source);
      const findings = adapterFindings.get(source) ?? [];
      rows.push({ row: source, values: {} });
      results.push({
        row: source,
        encounter: coded.encounter,
        cpt: [],
        hcpcs: [],
        minutes: null,
        findings,
        explanation: `Part of the administration coded on row ${admin.row}.`,
        status: statusOf([...findings, ...coded.findings]),
      });
    }
  }
  // Source rows no administration took (an action the adapter could not place) still show their findings.
  for (const [source, findings] of adapterFindings) {
    if (covered.has(source)) continue;
    rows.push({ row: source, values: {} });
    results.push({
      row: source, encounter: '', cpt: [], hcpcs: [], minutes: null, findings,
      explanation: 'Not part of any administration.', status: statusOf(findings),
    });
  }
  return planWrite(input.table, rows, { encounters: result.encounters, rows: results });
}
