/**
 * The claims tables a user loads (CMS ASP pricing file, ASP NDC-HCPCS crosswalk, NCCI PTP edits, a fee
 * schedule, payer profiles, a revenue-code map) and what each one says about itself. Plain data.
 */
import type { AspTable } from './asp';
import type { NdcCrosswalk } from './crosswalk';
import type { FeeSchedule } from './fees';
import type { PayerTable } from './payers';
import type { PtpTable } from './ptp';
import type { RevenueCodeMap } from './revenue';

export type TableKind = 'asp' | 'ndc-crosswalk' | 'ptp' | 'fees' | 'payers' | 'revenue-codes';

/** What the pane and `--json` show for a loaded table. */
export interface TableInfo {
  kind: TableKind;
  /** File name as the user chose it. */
  name: string;
  /** The edition the file names (`2026-01`), or null when it does not say. */
  date: string | null;
  /** Rows kept. */
  rows: number;
  /** Rows that could not be read (each is skipped). */
  skipped: number;
  /** The first of those rows and why, for the summary. */
  problems?: string[];
}

export interface ClaimsTables {
  asp?: AspTable;
  crosswalk?: NdcCrosswalk;
  /** NCCI PTP edits: practitioner and/or hospital files. */
  ptp?: PtpTable[];
  fees?: FeeSchedule;
  /** The user's payer profiles (replacing the built-in ones with the same name). */
  payers?: PayerTable;
  revenueCodes?: RevenueCodeMap;
  /** Settings of the claims step: every drug line is 340B-acquired (without a 340B column). */
  all340b?: boolean;
}

/** Every loaded table's description, in a fixed order. */
export function tableInfos(tables: ClaimsTables): TableInfo[] {
  const out: TableInfo[] = [];
  if (tables.asp) out.push(tables.asp.info);
  if (tables.crosswalk) out.push(tables.crosswalk.info);
  for (const t of tables.ptp ?? []) out.push(t.info);
  if (tables.fees) out.push(tables.fees.info);
  if (tables.payers) out.push(tables.payers.info);
  if (tables.revenueCodes?.info) out.push(tables.revenueCodes.info);
  return out;
}
