/**
 * The one mapping resolver: the user's corrections (field -> header text, from `--map field=Header` or the
 * task pane's saved mapping) applied to a grid. Used by every caller through the pipeline.
 */
import { FIELDS, type Field } from '../rules/types';
import { columnNumber, MAX_COLUMN } from './columns';
import { detectTable, normalizeHeader } from './headers';
import type { ColumnMapping, DetectedTable, Grid } from './types';

/** Field -> the header of the column to use; '' or null leaves the field unmapped. */
export type MappingRequest = Partial<Record<Field, string | null>>;

export interface ResolveOptions {
  /** A request that names no header may name a column by its letters (`--map drug=D`). */
  letters?: boolean;
  /** A header found nowhere is an UnknownHeaderError (the command line); else the field is left as detected. */
  strict?: boolean;
}

/** A requested header that no candidate header row holds. */
export class UnknownHeaderError extends Error {
  constructor(
    readonly field: Field,
    readonly header: string,
  ) {
    super(`no column with the header '${header}' for ${field}`);
    this.name = 'UnknownHeaderError';
  }
}

/** Rows searched for a row that names every requested header (as the header search does). */
const SCAN_ROWS = 100;

/** A column letter (`D`), or null when the text is not one. */
function columnOfLetters(text: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(text)) return null;
  const n = columnNumber(text);
  return n <= MAX_COLUMN ? n : null;
}

/**
 * The request as column numbers (0 = unmapped): each header is looked up in the detected header row, then
 * in the first rows that name every requested header; undefined when nothing is requested.
 */
/** The first of the first rows that names every header the request names (0-based in the grid), or undefined. */
export function namedHeaderRow(grid: Grid, request: MappingRequest | undefined): number | undefined {
  const named = FIELDS.filter((f) => request && request[f]).map((f) => normalizeHeader(request![f]!));
  if (named.length === 0) return undefined;
  for (let r = 0; r < Math.min(grid.values.length, SCAN_ROWS); r++) {
    const keys = new Set((grid.values[r] ?? []).map((v) => (typeof v === 'string' ? normalizeHeader(v) : '')));
    if (named.every((k) => keys.has(k))) return r;
  }
  return undefined;
}

/**
 * The saved corrections whose header no row of the first ones holds any more (renamed or deleted since the
 * mapping was saved): the add-in says so instead of quietly coding with the field as detected, or not at all.
 */
export function missingHeaders(grid: Grid, request: MappingRequest | undefined): { field: Field; header: string }[] {
  const seen = new Set<string>();
  for (let r = 0; r < Math.min(grid.values.length, SCAN_ROWS); r++) for (const v of grid.values[r] ?? []) if (typeof v === 'string') seen.add(normalizeHeader(v));
  return FIELDS.filter((f) => request?.[f]).map((f) => ({ field: f, header: request![f]! })).filter((m) => !seen.has(normalizeHeader(m.header)));
}

export function resolveMapping(grid: Grid, request: MappingRequest | undefined, opts: ResolveOptions = {}): ColumnMapping | undefined {
  const entries = FIELDS.filter((f) => request && f in request).map((f) => [f, request![f] ?? ''] as [Field, string]);
  if (entries.length === 0) return undefined;
  const headerRows: number[] = [];
  const auto = detectTable(grid);
  if (auto) headerRows.push(auto.headerRow - grid.firstRow);
  const named = namedHeaderRow(grid, request);
  if (named !== undefined) headerRows.push(named);
  const out: ColumnMapping = {};
  for (const [field, header] of entries) {
    if (header === '') {
      out[field] = 0;
      continue;
    }
    const key = normalizeHeader(header);
    let column: number | null = null;
    for (const r of headerRows) {
      const c = (grid.values[r] ?? []).findIndex((v) => typeof v === 'string' && normalizeHeader(v) === key);
      if (c >= 0) {
        column = grid.firstColumn + c;
        break;
      }
    }
    if (column === null && opts.letters) column = columnOfLetters(header);
    if (column !== null) out[field] = column;
    else if (opts.strict) throw new UnknownHeaderError(field, header);
  }
  return out;
}

/**
 * The table on the grid with the user's corrections applied; the detected table when the corrections leave
 * too few fields to make one (the unmapped fields stay unmapped). Null when the grid holds no table.
 */
export function detectMappedTable(grid: Grid, request: MappingRequest | undefined, opts: ResolveOptions = {}): DetectedTable | null {
  const override = resolveMapping(grid, request, opts);
  if (!override || Object.keys(override).length === 0) return detectTable(grid);
  const table = detectTable(grid, override, namedHeaderRow(grid, request)) ?? detectTable(grid);
  if (!table) return null;
  for (const field of FIELDS) if (override[field] === 0) delete table.mapping[field];
  return table;
}
