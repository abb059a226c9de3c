/**
 * The input adapter contract of the pipeline (see docs/pipeline.md): an adapter turns its source into the
 * rules module's InputRows, one per administration. Adding an input is one folder under src/inputs/ plus
 * its line in src/inputs/index.ts.
 */
import type { Finding, InputRow } from '../rules/types';
import type { MappingRequest, ResolveOptions } from '../sheet/mapping';
import type { DetectedTable, Grid } from '../sheet/types';

/** How a sheet is read: the user's mapping corrections, and how strictly they are resolved. */
export interface ReadSettings {
  mapping?: MappingRequest;
  mappingOptions?: ResolveOptions;
}

/** A table the product writes beside the coded sheet (e.g. the IC Administrations sheet of an action log). */
export interface ExtraTable {
  /** Sheet name the writers give it (a sheet the product owns; a user's sheet is never touched). */
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
}

/** What an adapter read. Each InputRow may carry `sourceRows` (every source row of the administration). */
export interface AdapterOutput {
  /** The adapter's id (`sheet`, `mar`, `fhir`). */
  adapter: string;
  rows: InputRow[];
  /** The table on the sheet the rows came from: the write plan goes beside it. Null for non-sheet sources. */
  table: DetectedTable | null;
  /** Findings about source rows (e.g. `unknown-action`), merged into the results of those rows. */
  findings: Finding[];
  /** One line for the user ("Action log: 1,204 actions in 311 administrations"), or null. */
  summary: string | null;
  /** Extra output tables, written by the writers as sheets the product owns. */
  extraTables: ExtraTable[];
}

/** An input adapter over a sheet grid: null when the grid is not its kind of input. */
export interface GridAdapter {
  id: string;
  read(grid: Grid, settings: ReadSettings): AdapterOutput | null;
}
