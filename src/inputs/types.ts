/**
 * What an input adapter hands the pipeline (the seam described in docs/pipeline.md): administration lines for the
 * rules, plus what it knows about every source row (the row that holds the codes, its own findings, a note), a
 * one-line summary and extra output tables built once the coding result is known.
 */
import type { CodingResult, Finding, InputRow } from '../rules/types';
import type { MappingRequest, ResolveOptions } from '../sheet/mapping';
import type { ActionOverride } from './actionLog/actions';
import type { DetectedTable, Grid } from '../sheet/types';

export type SourceRole = 'opens' | 'part' | 'skipped' | 'ignored';

/** What became of one source row (an action, a FHIR resource). */
export interface SourceNote {
  row: number;
  role: SourceRole;
  /** The row that holds the codes of this row's administration, or null when it belongs to none. */
  codesOn: number | null;
  /** The adapter's own findings on this row (unknown-action, orphan-action, invalid-ndc ...). */
  findings: Finding[];
  /** One sentence for rows without codes of their own ("Part of the administration on row 5"). */
  note: string;
  /** Values that place the row in its encounter (encounter, patient, date, start), for rows of no administration. */
  encounterValues: InputRow['values'];
}

/** A sheet (or table) the product owns, written beside the user's data and replaced on each run. */
export interface OutputTable {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
}

export interface AdapterOutput {
  /** What the input was. */
  kind: 'action-log' | 'fhir';
  /** One per administration; `row` holds the codes, `sourceRows` lists every row that made it. */
  rows: InputRow[];
  /** One per source row, in source order. */
  notes: SourceNote[];
  /** "Action log: 1,204 actions in 311 administrations". */
  summary: string;
  /** Extra output tables (the IC Administrations sheet), built from the coding result. */
  tables: (result: CodingResult) => OutputTable[];
}

export const count = (n: number) => n.toLocaleString('en-US');

/* ------------------------------------------------------------------ sheet inputs (the pipeline's seam) */

/** How a sheet is read: the user's mapping corrections, and how strictly they are resolved. */
export interface ReadSettings {
  mapping?: MappingRequest;
  mappingOptions?: ResolveOptions;
  /** The user's MAR action words (`Bag Hung=start`), for action logs. */
  actions?: readonly ActionOverride[];
}

/**
 * What a grid adapter read from a sheet: the table (the write plan goes beside it) and one InputRow per
 * administration. An adapter that builds administrations from several rows (an action log) also gives its
 * AdapterOutput: the pipeline then maps the result back to every source row and asks it for its tables.
 */
export interface SheetInput {
  /** The adapter's id (`sheet`, `action-log`). */
  adapter: string;
  table: DetectedTable;
  rows: InputRow[];
  source?: AdapterOutput;
}

/** An input adapter over a sheet grid: null when the grid is not its kind of input. */
export interface GridAdapter {
  id: string;
  read(grid: Grid, settings: ReadSettings): SheetInput | null;
}
