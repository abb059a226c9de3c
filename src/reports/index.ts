/**
 * The reports layer, pure part: what the task pane (src/excel/report.ts) and the command line share.
 * The exceljs writer (xlsx.ts) and the chart renderer (chartImage.ts) are Node-only and imported by path
 * (the `report` command, src/cli/report.ts, uses them).
 */
export * from './types';
export { CLAIM_HEADERS, CLAIM_TABLE_NAME, buildClaimLines, claimLinesTable, label, monthOf } from './claimLines';
export { ALL_ROWS, BLANK_GROUP, NO_DATE, presentFindingIds, qualityTable, rowQuality } from './quality';
export type { QualityDimension, RowQuality } from './quality';
export { TOTAL, unitsByDrugTable, unitsByMonthTable, unitsByProviderTable, unitsBySettingTable, volumeByMonth } from './summaries';
export {
  REPORT_SHEETS,
  REPORT_SHEET_NAMES,
  REPORT_TABLE_NAMES,
  buildReport,
  hasReportSheetName,
  headlineTable,
  pivotSpecs,
  sheetConflictMessage,
  sheetOwnership,
} from './report';
export type { SheetOwnership } from './report';
export { CHART_TITLE, volumeChartSpec } from './chart';
