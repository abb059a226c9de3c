/**
 * The one loader of the user's tables (the drug map, the CMS MUE file; reference files to come): each
 * arrives as a grid of cells (a file's first sheet, a worksheet, the copy saved in the workbook) and goes
 * into the one `tables` object every caller passes to the pipeline. A new kind of table is one entry of
 * TABLE_KINDS (its parser lives beside the data it feeds).
 */
import type { CodingTables } from '../rules';
import { DrugCatalog } from '../rules/catalog/catalog';
import { parseNotComplexList } from '../rules/catalog/notComplex';
import { parseDrugMap, parseMueFile } from '../rules/catalog/userMap';
import type { CellValue } from '../rules/types';
import { CLAIMS_TABLE_KINDS } from '../claims/kinds';
import type { ClaimsTables } from '../claims/tables';

/** Everything the pipeline codes with besides the rows and the options; absent = the built-in table. */
export type Tables = CodingTables & { claims?: ClaimsTables };

export interface TableKind {
  /** How messages name a table of this kind: `drug map`, `MUE file`. */
  label: string;
  /** The columns it needs, for the message about a table with no usable row. */
  columns: string;
  /** What a table with no usable row lacks: `drugs`, `MUE values`. */
  contents: string;
  /** Parses the grid into `tables`; returns the number of usable rows and the problems of the others. */
  load(grid: CellValue[][], tables: Tables, source: string): { rows: number; problems: string[] };
}

export const TABLE_KINDS = {
  drugMap: {
    label: 'drug map',
    contents: 'drugs',
    columns: 'name, synonyms, HCPCS, billing unit, class, single_dose',
    load(grid, tables) {
      const { entries, problems } = parseDrugMap(grid);
      // Entries are added to the catalog in force (a kind loaded earlier may have replaced it).
      if (entries.length > 0) tables.catalog = (tables.catalog ?? DrugCatalog.builtIn()).withEntries(entries);
      return { rows: entries.length, problems };
    },
  },
  mue: {
    label: 'MUE file',
    contents: 'MUE values',
    columns: 'HCPCS/CPT Code, MUE Value',
    load(grid, tables) {
      const { table, problems } = parseMueFile(grid);
      if (table.size > 0) tables.mue = table;
      return { rows: table.size, problems };
    },
  },
  notComplex: {
    label: 'not-complex list',
    contents: 'drugs',
    columns: 'name (or HCPCS), source, notes',
    load(grid, tables) {
      const { list, problems } = parseNotComplexList(grid);
      if (list) tables.notComplex = list;
      return { rows: list ? list.rows.length : 0, problems };
    },
  },
  // The claims tables (CMS ASP pricing file, NDC-HCPCS crosswalk, NCCI PTP edits, fees, payer profiles, revenue codes).
  ...CLAIMS_TABLE_KINDS,
} satisfies Record<string, TableKind>;

export type TableKindId = keyof typeof TABLE_KINDS;

/** One user table to load: its kind, where it came from (a file or sheet name, for messages) and its cells. */
export interface TableSource {
  kind: TableKindId;
  source: string;
  grid: CellValue[][];
}

export interface TableLoad {
  source: TableSource;
  rows: number;
  problems: string[];
}

export interface LoadedTables {
  tables: Tables;
  /** One entry per source, in order: its usable rows and the problems of the others. */
  loads: TableLoad[];
}

/** Loads every source into one tables object; bad rows are problems, never exceptions. */
export function loadTables(sources: readonly TableSource[]): LoadedTables {
  const tables: Tables = {};
  const loads = sources.map((source) => ({ source, ...TABLE_KINDS[source.kind].load(source.grid, tables, source.source) }));
  return { tables, loads };
}

/** `Drug map (Sheet2): row 4 has no HCPCS code`: a load's problems as sentences for the task pane. */
export function problemLines(loads: readonly TableLoad[]): string[] {
  const out: string[] = [];
  for (const l of loads) {
    const label = TABLE_KINDS[l.source.kind].label;
    for (const p of l.problems) out.push(`${label[0].toUpperCase()}${label.slice(1)} (${l.source.source}): ${p}`);
  }
  return out;
}

/** The message for a table with no usable row (the command line refuses it). */
export function emptyTableMessage(load: TableLoad): string {
  const kind = TABLE_KINDS[load.source.kind];
  return `no ${kind.contents} found in the ${kind.label} ${load.source.source}: ${load.problems[0] ?? 'it has no rows'} (columns: ${kind.columns})`;
}
