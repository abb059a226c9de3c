/**
 * The add-in's operations on a worksheet, each one Excel.run, for the task pane and the ribbon command:
 * look at the sheet (inspect.ts), code it (code.ts), clear what it wrote (clear.ts), and small workbook
 * operations (workbook.ts). What to write is decided by reconcile.ts (pure) and written by apply.ts.
 */
export { INSPECT_ROWS, inspectSheet, type SheetInspection } from './inspect';
export { codeSheet, codeSheetSafely, type CodeSheetOptions, type CodeSheetResult, type Phase, type Progress } from './code';
export { clearSheet, type ClearOptions, type ClearResult } from './clear';
export { readOtherSheet } from './tables';
export { workbookTables } from '../runtime/tables';
export type { Answers, Question } from './reconcile';
export { selectCell, watchActiveSheet, loadSettings, updateSettings, recalculateWorkbook, readSheetValues, describeCell } from './workbook';
export type { Field } from '../rules/types';
