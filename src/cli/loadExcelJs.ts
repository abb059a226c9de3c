/**
 * exceljs, loaded when a command first needs it (a FHIR workbook, a table file, an exceljs-read input):
 * loading it takes about a second and a half, and coding an .xlsx or .csv never needs it.
 */
import type ExcelJSModule from 'exceljs';

export async function loadExcelJs(): Promise<typeof ExcelJSModule> {
  return (await import('exceljs')).default;
}
