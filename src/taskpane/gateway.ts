/**
 * What the pane asks of Excel, as one interface: the real one goes through src/excel (the only code that
 * calls Excel); component tests pass a stand-in. Nothing here touches Office.js directly.
 */
import type { ClaimsKindId } from '../claims/kinds';
import type { CodingOptions } from '../rules/options';
import type { ExcelHost } from '../excel/host';
import { buildExcelReport } from '../excel/report';
import type { Answers, CodeSheetResult, ClearResult, Progress, SheetInspection } from '../excel/run';
import { clearSheet, codeSheetSafely, inspectSheet, readSheetValues, selectCell, updateSettings, watchActiveSheet } from '../excel/run';
import { cleanOptions, type MappingOverride, type StoredDrugMap } from '../runtime/settings';
import type { CancelSignal } from '../excel/read';
import { readRowView, watchSelection, type RowView } from '../excel/rowView';
import type { ActionOverride } from '../inputs/actionLog/actions';
import { shareWithFunctionsQuietly } from './functionContext';

export interface CodeRequest {
  options: CodingOptions;
  mapping: MappingOverride;
  signal: CancelSignal;
  onProgress(p: Progress): void;
  /** The user's answer to the question the last attempt asked. */
  answers?: Answers;
}

export interface PaneGateway {
  inspect(): Promise<SheetInspection>;
  code(request: CodeRequest): Promise<CodeSheetResult>;
  clear(answers?: Answers): Promise<ClearResult>;
  select(sheetName: string, row: number, column: number): Promise<void>;
  saveMapping(sheetName: string, mapping: MappingOverride): Promise<void>;
  saveOptions(options: CodingOptions): Promise<void>;
  /** Reads a sheet as the drug map and stores it in the workbook; null = remove the drug map. */
  setDrugMap(sheetName: string | null): Promise<StoredDrugMap | null>;
  /** Names the sheet holding the CMS MUE file; null = the built-in values. */
  setMueSheet(sheetName: string | null): Promise<void>;
  /** Names the sheet holding a claims table (ASP file, NDC crosswalk, PTP edits, fees, payers, revenue codes); null = none. */
  setClaimsSheet?(kind: ClaimsKindId, sheetName: string | null): Promise<void>;
  /** Stores the site's MAR action words (the Actions table); optional for gateways of older tests. */
  saveActions?(actions: ActionOverride[]): Promise<void>;
  buildReport(onProgress: (p: Progress) => void): Promise<string>;
  /** Calls back when the user activates another sheet; resolves to a function that stops the calls. */
  watchSheets?(onChange: (worksheetId: string) => void): Promise<() => Promise<void>>;
  /** Calls back when the selection moves (any sheet); resolves to a function that removes the handler. */
  watchSelection?(onChange: () => void): Promise<() => Promise<void>>;
  /** What Infusion Coder wrote on the selected row, or null when it is not a coded row. */
  rowView?(): Promise<RowView | null>;
}

/** Cells of a drug map sheet as stored (strings, numbers, booleans, blanks). */
function storable(rows: unknown[][]): StoredDrugMap['rows'] {
  return rows.map((line) =>
    line.map((v) => (v === null || v === undefined || v === '' ? null : typeof v === 'number' || typeof v === 'boolean' ? v : String(v))),
  );
}

export function excelGateway(host: ExcelHost): PaneGateway {
  return {
    async inspect() {
      const inspection = await inspectSheet(host);
      await shareWithFunctionsQuietly(host, inspection.settings);
      return inspection;
    },
    code: ({ options, mapping, signal, onProgress, answers }) => codeSheetSafely(host, { options, mapping, signal, onProgress, answers }),
    clear: (answers) => clearSheet(host, { answers }),
    select: (sheetName, row, column) => selectCell(host, sheetName, row, column),
    async saveMapping(sheetName, mapping) {
      await updateSettings(host, (s) => {
        if (Object.keys(mapping).length) s.mappings[sheetName] = mapping;
        else delete s.mappings[sheetName];
      });
    },
    async saveOptions(options) {
      const settings = await updateSettings(host, (s) => {
        s.options = cleanOptions(options);
      });
      await shareWithFunctionsQuietly(host, settings);
    },
    async setDrugMap(sheetName) {
      let drugMap: StoredDrugMap | null = null;
      if (sheetName) {
        const values = await readSheetValues(host, sheetName);
        if (!values) throw new Error(`The sheet '${sheetName}' was not found.`);
        // A drug map is a short list; keep the stored setting small.
        drugMap = { source: sheetName, rows: storable(values.slice(0, 2000)) };
      }
      const settings = await updateSettings(host, (s) => {
        s.drugMap = drugMap;
      });
      await shareWithFunctionsQuietly(host, settings);
      return drugMap;
    },
    async setMueSheet(sheetName) {
      const settings = await updateSettings(host, (s) => {
        s.mueSheet = sheetName;
      });
      await shareWithFunctionsQuietly(host, settings);
    },
    async setClaimsSheet(kind, sheetName) {
      await updateSettings(host, (s) => {
        const sheets = { ...s.claimsSheets };
        if (sheetName) sheets[kind] = sheetName;
        else delete sheets[kind];
        s.claimsSheets = sheets;
      });
    },
    async saveActions(actions) {
      await updateSettings(host, (s) => {
        s.actions = actions;
      });
    },
    watchSheets: (onChange) => watchActiveSheet(host, onChange),
    watchSelection: (onChange) => watchSelection(host, onChange),
    rowView: () => readRowView(host),
    async buildReport(onProgress) {
      const outcome = await buildExcelReport(host, { onProgress });
      return outcome.message;
    },
  };
}
