/** The exceljs writer: a WritePlan applied to an exceljs worksheet, for sources without a package to patch. */
export { applyPlan, clearEarlierMarks } from './applyPlan';
