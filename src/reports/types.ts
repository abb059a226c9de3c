/**
 * The report's plain data: claim lines and summary tables that both writers (exceljs in the command line,
 * Office.js in the task pane) lay out. Pure: no Node, DOM or Excel.
 */
import type { Setting } from '../rules/types';

/** One derived code line, ready for a claim-lines sheet. Blank text fields are ''. */
export interface ClaimLine {
  encounter: string;
  patient: string;
  /** Date of service, yyyy-mm-dd, or null when no date was readable. */
  date: string | null;
  /** yyyy-mm of `date`, or null. */
  month: string | null;
  setting: Setting;
  payer: string;
  provider: string;
  nurse: string;
  code: string;
  kind: 'CPT' | 'HCPCS';
  units: number;
  /** Modifiers joined with '; ' as the coded sheet shows them ('' when none). */
  modifiers: string;
  /** Catalog drug name, '' when the line has none (hydration, an injection of an unknown drug). */
  drug: string;
  /** Spreadsheet row the line is shown on. */
  row: number;
  /** Expected payment (estimate from the loaded ASP file / fee schedule), null when no price is known. */
  amount: number | null;
  /** UB-04 revenue code, '' on a CMS-1500 claim or without the claims step. */
  revenueCode: string;
  /** The claim's NDC line (`N4...`), ''. */
  ndc: string;
  /** UB-04 or CMS-1500 ('' without the claims step). */
  claimForm: string;
  /** The line's row has an error finding: its amount is at risk. */
  atRisk: boolean;
}

export type TableCell = string | number | null;

/** How a writer shows a column: `date` cells are yyyy-mm-dd text the writer turns into real dates. */
export type ColumnFormat = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'money';

export interface ReportColumn {
  header: string;
  format: ColumnFormat;
}

/** Columns from `[header, format]` pairs: `reportColumns(['Drug', 'text'], ['Units', 'integer'])`. */
export function reportColumns(...specs: (readonly [string, ColumnFormat])[]): ReportColumn[] {
  return specs.map(([header, format]) => ({ header, format }));
}

/** A rectangular table with a header row and an optional totals row. */
export interface ReportTable {
  /** Excel table name (letters, digits, underscores; unique in a workbook). */
  name: string;
  /** One line shown above the table. */
  title: string;
  columns: ReportColumn[];
  rows: TableCell[][];
  /** The totals row (same width as columns), or null. */
  totals: TableCell[] | null;
}

/** A PivotTable over the claim-lines table: field names are claim-lines headers. */
export interface PivotSpec {
  name: string;
  title: string;
  rows: string[];
  columns: string[];
  /** Summed data fields. */
  values: string[];
  /** The pure table a host without PivotTables writes instead. */
  fallback: ReportTable;
}

/** Units of one CPT code in one month: the data of the volume chart. */
export interface VolumePoint {
  month: string;
  code: string;
  units: number;
}

export interface ReportTotals {
  rows: number;
  encounters: number;
  claimLines: number;
  /** Claim lines by kind. Units are summed per code and per drug only (the summary tables), never across. */
  cptLines: number;
  hcpcsLines: number;
  /** Rows with at least one error finding. */
  errorRows: number;
  /** Sum of the claim-line amounts (estimate), and of those on rows with an error. */
  expectedPayment: number;
  atRisk: number;
}

export interface Report {
  claimLines: ClaimLine[];
  /** The claim lines as a table (the pivots' source). */
  claimTable: ReportTable;
  unitsByMonth: ReportTable;
  unitsByDrug: ReportTable;
  unitsByProvider: ReportTable;
  unitsBySetting: ReportTable;
  qualityByNurse: ReportTable;
  qualityByProvider: ReportTable;
  qualityByMonth: ReportTable;
  volume: VolumePoint[];
  totals: ReportTotals;
  /** Money (src/reports/money.ts): expected payment by month, drug, provider, payer; at risk by finding, nurse. */
  money: MoneyTables;
}

export interface MoneyTables {
  byMonth: ReportTable;
  byDrug: ReportTable;
  byProvider: ReportTable;
  byPayer: ReportTable;
  atRiskByFinding: ReportTable;
  atRiskByNurse: ReportTable;
  /** `Estimated payment from the ASP pricing file ... (2026-01)`, or why there are no amounts. */
  note: string;
}
