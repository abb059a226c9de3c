/**
 * The whole report as plain data: claim lines, summaries, quality tables, chart points, pivot layouts and
 * the names of the sheets the report owns. Both writers (src/reports/xlsx.ts for files, src/excel/report.ts
 * for Excel) take a Report and only lay it out. Pure.
 */
import type { CodingResult, InputRow } from '../rules/types';
import type { ClaimsSummary } from '../claims/check';
import type { PaymentPoint } from './chart';
import { moneyTables } from './money';
import { CLAIM_HEADERS, buildClaimLines, claimLinesTable, indexRows } from './claimLines';
import { presentFindingIds, qualityTable, rowQuality } from './quality';
import { unitsByDrugTable, unitsByMonthTable, unitsByProviderTable, unitsBySettingTable, volumeByMonth } from './summaries';
import { reportColumns, type PivotSpec, type Report, type ReportTable } from './types';

/** Sheets the report writes. Building the report again replaces these sheets and leaves every other one. */
export const REPORT_SHEETS = {
  overview: 'Infusion Report',
  claimLines: 'Claim Lines',
  byMonth: 'Units by Month',
  byDrug: 'Units by Drug',
  byProvider: 'Units by Provider',
  bySetting: 'Units by Setting',
  quality: 'Documentation Quality',
  money: 'Expected Payment',
} as const;

/** Every sheet name either writer may have made (the task pane writes fewer sheets than the file writer). */
export const REPORT_SHEET_NAMES: readonly string[] = Object.values(REPORT_SHEETS);

/** Names of the Excel tables the report writes; a report sheet is recognised by holding one of them. */
export const REPORT_TABLE_NAMES: readonly string[] = [
  'ICReportSummary',
  'ICClaimLines',
  'ICUnitsByMonth',
  'ICUnitsByDrug',
  'ICUnitsByProvider',
  'ICUnitsBySetting',
  'ICQualityByNurse',
  'ICQualityByProvider',
  'ICQualityByMonth',
  'ICPaymentByMonth',
  'ICPaymentByDrug',
  'ICPaymentByProvider',
  'ICPaymentByPayer',
  'ICAtRiskByFinding',
  'ICAtRiskByNurse',
];

/** A sheet with one of the report's names (Excel compares sheet names case-insensitively). */
export function hasReportSheetName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return REPORT_SHEET_NAMES.some((s) => s.toLowerCase() === n);
}

export type SheetOwnership = 'report' | 'user' | 'other';

/**
 * Who made a sheet: 'report' when it has a report sheet name and holds one of the report's tables (so a
 * rebuild may replace it), 'user' when it has a report sheet name but not the tables (a user's own sheet:
 * never delete it; ask the user to rename it), 'other' for every other sheet.
 */
export function sheetOwnership(name: string, tableNames: readonly string[]): SheetOwnership {
  if (!hasReportSheetName(name)) return 'other';
  const ours = new Set(REPORT_TABLE_NAMES.map((t) => t.toLowerCase()));
  return tableNames.some((t) => ours.has(t.toLowerCase())) ? 'report' : 'user';
}

/** The message shown when a user's own sheet carries a report sheet name. */
export function sheetConflictMessage(names: string[]): string {
  const list = names.map((n) => `'${n}'`).join(', ');
  return `The workbook already has ${names.length === 1 ? 'a sheet' : 'sheets'} ${list} that the report did not make; rename ${names.length === 1 ? 'it' : 'them'} and build the report again.`;
}

/** The amounts' label: where the estimates come from, and whether PTP edits were checked. */
export function moneyNote(claims: ClaimsSummary | undefined): string {
  if (!claims) return 'No amounts: the claims step did not run.';
  return `${claims.estimateNote} ${claims.ptp.note}`;
}

export function buildReport(rows: InputRow[], result: CodingResult, claims?: ClaimsSummary): Report {
  const index = indexRows(rows, result);
  const claimLines = buildClaimLines(rows, result, index);
  const quality = rowQuality(rows, result, index);
  const ids = presentFindingIds(quality);
  let cptLines = 0;
  let expectedPayment = 0;
  let atRisk = 0;
  for (const l of claimLines) {
    if (l.kind === 'CPT') cptLines++;
    expectedPayment += l.amount ?? 0;
    if (l.atRisk) atRisk += l.amount ?? 0;
  }
  const money = moneyTables(claimLines, result, index, moneyNote(claims));
  return {
    claimLines,
    claimTable: claimLinesTable(claimLines),
    unitsByMonth: unitsByMonthTable(claimLines),
    unitsByDrug: unitsByDrugTable(claimLines),
    unitsByProvider: unitsByProviderTable(claimLines),
    unitsBySetting: unitsBySettingTable(claimLines),
    qualityByNurse: qualityTable(quality, 'nurse', ids),
    qualityByProvider: qualityTable(quality, 'provider', ids),
    qualityByMonth: qualityTable(quality, 'month', ids),
    volume: volumeByMonth(claimLines),
    totals: {
      rows: result.rows.length,
      encounters: result.encounters.length,
      claimLines: claimLines.length,
      cptLines,
      hcpcsLines: claimLines.length - cptLines,
      errorRows: result.rows.filter((r) => r.findings.some((f) => f.severity === 'error')).length,
      expectedPayment: Math.round(expectedPayment * 100) / 100,
      atRisk: Math.round(atRisk * 100) / 100,
    },
    money,
  };
}

/** Expected payment by month for the chart's line (empty when no line has an amount). */
export function paymentPoints(report: Report): PaymentPoint[] {
  const t = report.money.byMonth;
  return t.rows.map((r) => ({ month: String(r[0]), amount: Number(r[2]) }));
}

/**
 * The PivotTables of the Infusion Report sheet, over the claim-lines table. Kind (CPT / HCPCS) is always a
 * field of the layout, so administration units and drug units are never added together.
 */
export function pivotSpecs(report: Report): PivotSpec[] {
  const h = CLAIM_HEADERS;
  // Every pivot sums units; `fallback` is the pure table a host without PivotTables writes instead.
  const pivot = (name: string, title: string, rows: string[], columns: string[], fallback: ReportTable): PivotSpec => ({
    name, title, rows, columns, values: [h.units], fallback,
  });
  return [
    pivot('ICPivotUnitsByMonth', 'Units by month and code (CPT, then HCPCS)', [h.month], [h.kind, h.code], report.unitsByMonth),
    pivot('ICPivotUnitsByDrug', 'Units by drug and HCPCS code', [h.drug, h.code], [h.kind], report.unitsByDrug),
    pivot('ICPivotUnitsByProvider', 'Units by provider', [h.provider], [h.kind], report.unitsByProvider),
    pivot('ICPivotUnitsBySetting', 'Units by setting and payer', [h.setting, h.payer], [h.kind], report.unitsBySetting),
  ];
}

/** Headline figures shown at the top of the report sheet, as a two-column table. */
export function headlineTable(report: Report): ReportTable {
  const t = report.totals;
  return {
    name: 'ICReportSummary',
    title: 'Summary',
    columns: reportColumns(['Figure', 'text'], ['Value', 'number']),
    rows: [
      ['Rows coded', t.rows],
      ['Encounters', t.encounters],
      ['Rows with an error finding', t.errorRows],
      ['Claim lines', t.claimLines],
      ['CPT lines (administration)', t.cptLines],
      ['HCPCS lines (drugs and solutions)', t.hcpcsLines],
      ['Expected payment (estimate, $)', t.expectedPayment],
      ['Dollars at risk (rows with errors, $)', t.atRisk],
    ],
    totals: null,
  };
}
