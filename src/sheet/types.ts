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
  /**
   * Merged ranges (`A1:H1`), whose cells all hold their first cell's value here (a merged encounter cell
   * belongs to every row it spans); a copy of the sheet as text keeps the value once, as Excel shows it.
   */
  merges?: readonly string[];
  /**
   * Cells a file holds without a value (a styled blank cell, a formula with no or an empty result), which
   * `values` cannot show: per 1-based column, the 1-based rows they span as [first, last] pairs. The user's
   * all the same: our columns never go over them.
   */
  valueless?: ReadonlyMap<number, readonly number[]>;
  /** Cells cut to Excel's 32,767-character limit when read (a CSV): per 1-based row, 1-based column -> length before. */
  cut?: ReadonlyMap<number, ReadonlyMap<number, number>>;
}

/**
 * Sees a sheet's rows as they are read: `rows` after each chunk with the number of rows complete so far (the
 * grid's first `complete` rows are final unless a merge range covers them; -1 once rows came out of order,
 * when no row is final before the end), `merged` at the end.
 */
export interface GridWatcher {
  rows(values: readonly (CellValue[] | undefined)[], complete: number): void;
  merged(refs: readonly string[]): void;
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
  /** Columns where an earlier run's block starts or lies that hold a user value under no header (none: empty). */
  blockValueColumns?: ReadonlySet<number>;
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
  /**
   * Columns read with a field's: a first name with a last-name patient column (`Smith, John`), a stop date with
   * a stop column of clock times (`2026-03-03 10:00`, an infusion past midnight), a documented duration with a
   * start and no stop (`Duration (min)`: start + 45 min), an `AM/PM` column right of a start or stop of 12-hour
   * clock times (`1:00` | `PM` is 13:00).
   */
  companions?: Companions;
}

/** See DetectedTable.companions. */
export interface Companions {
  firstName?: number;
  stopDate?: number;
  duration?: number;
  startMeridiem?: number;
  stopMeridiem?: number;
  /** An `Infusion/Injection` column beside the route (and a purpose column): says what a bare `IV` route is. */
  adminKind?: number;
}

export type Fill = 'error' | 'warning';

/**
 * How the coded sheet is laid out for reading and printing. Every writer (exceljs, the .xlsx package
 * patcher, Office.js) applies the same layout, so the copy reads the same wherever it was made.
 */
export interface SheetLayout {
  /** Rows 1..freezeRows stay in view when scrolling (down to and including the header row). */
  freezeRows: number;
  /** The filter buttons: on the header row, over the whole table (user columns and derived columns). */
  autoFilter: { row: number; firstColumn: number; lastColumn: number; lastRow: number };
  /** Widths (in characters, Excel's column width unit) of the derived columns, fitted to their content. */
  columnWidths: { column: number; width: number }[];
  /** Columns whose cells wrap their text (the derived columns: findings and explanations are one per line). */
  wrapColumns: number[];
  /** Print: landscape, one page wide (as many pages tall as needed), the header row repeated on each page. */
  print: { orientation: 'landscape'; fitToWidth: 1; fitToHeight: 0; repeatRows: { first: number; last: number } };
  /**
   * The IC Status cells carry their row's colour: `Error` light red, `Review` light amber. A rule on the
   * column's values rather than per-cell fills, so a writer can apply it as one conditional format.
   */
  statusColumn: { column: number; firstRow: number; lastRow: number; fills: Readonly<Record<'Error' | 'Review', Fill>> };
}

export interface WritePlan {
  headerRow: number;
  /** 1-based sheet column of the first derived column; the derived columns are contiguous. */
  firstColumn: number;
  headers: string[];
  /** One entry per sheet row from headerRow + 1 to lastRow (blank rows get blank derived cells). */
  values: (string | number | null)[][];
  lastRow: number;
  /**
   * Cells to fill: an input cell behind an error (light red) or a warning (light amber) finding, or the
   * Findings cell when that field has no column (status cells: see layout.statusColumn).
   */
  highlights: { row: number; column: number; fill: Fill }[];
  /** Cell notes: the finding messages of each highlighted input cell, errors first (status cells have none). */
  notes: { row: number; column: number; text: string }[];
  /** Earlier derived columns (1-based) to clear because this plan no longer writes there. */
  staleColumns: number[];
  /** Freeze, filter, widths, wrapping and print setup of the coded sheet (planWrite always sets it). */
  layout?: SheetLayout;
}

export type { Severity };
