/**
 * The sheet layer's contract: a grid of cells in, mapped rows out; coding results in, a WritePlan out.
 * A WritePlan is plain data applied by two adapters: src/excel (Office.js) and src/cli (exceljs).
 */
import type { CellValue, Field, Severity } from '../rules/types';

/** A worksheet's values as a rectangle: grid[r][c] is the cell at sheet row firstRow + r, column firstColumn + c. */
export interface Grid {
  values: CellValue[][];
  /** 1-based sheet row of values[0]. */
  firstRow: number;
  /** 1-based sheet column of values[r][0]. */
  firstColumn: number;
}

/** Which sheet column (1-based) holds each field. */
export type ColumnMapping = Partial<Record<Field, number>>;

export interface DetectedTable {
  /** 1-based sheet row of the header row. */
  headerRow: number;
  /** Header text per 1-based sheet column (user columns and earlier derived columns). */
  headers: Map<number, string>;
  mapping: ColumnMapping;
  /** 1-based sheet columns holding Infusion Coder's own derived columns from an earlier run. */
  derivedColumns: Map<string, number>;
  /** Last 1-based sheet column of the user's data (derived columns excluded). */
  lastUserColumn: number;
  /** 1-based sheet rows with data below the header (blank rows skipped). */
  dataRows: number[];
  /**
   * Last 1-based sheet row holding anything below the header (data, or derived values of an earlier run);
   * the plan writes down to here so stale derived cells are cleared. Defaults to the last data row.
   */
  lastRow?: number;
  /** A separate unit column beside the dose or waste (`200` | `mg`): readRows folds it into the value. */
  unitColumns?: { dose?: number; waste?: number };
  /** A unit named in the dose or waste header (`Dose (mg)`): readRows adds it to bare numbers. */
  headerUnits?: { dose?: string; waste?: string };
  /** A separate bag/diluent volume column beside the dose: readRows writes `8 mg in 50 mL`. */
  volumeColumn?: number;
}

export type Fill = 'error' | 'warning';

export interface WritePlan {
  headerRow: number;
  /** 1-based sheet column of the first derived column; the derived columns are contiguous. */
  firstColumn: number;
  headers: string[];
  /** One entry per sheet row from headerRow + 1 to lastRow (blank rows get blank derived cells). */
  values: (string | number | null)[][];
  lastRow: number;
  /** Cells to fill: an input cell behind an error finding (or the Findings cell when that column is missing). */
  highlights: { row: number; column: number; fill: Fill }[];
  /** Cell notes: the finding messages for highlighted cells. */
  notes: { row: number; column: number; text: string }[];
  /** Earlier derived columns (1-based) to clear because this plan no longer writes there. */
  staleColumns: number[];
}

export type { Severity };
