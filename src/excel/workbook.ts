/**
 * Small operations on the workbook, each one Excel.run: select a cell, follow the active sheet, read and
 * change the stored settings, recalculate, read another sheet's values.
 */
import type { CellValue } from '../rules/types';
import { cellAddress, sheetAddress } from './address';
import type { ExcelHost } from './host';
import { emptySettings, parseSettings, serializeSettings, SETTINGS_KEY, type StoredSettings } from '../runtime/settings';
import { readOtherSheet } from './tables';

/** Selects one cell (and shows its sheet). */
export async function selectCell(host: ExcelHost, sheetName: string, row: number, column: number): Promise<void> {
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cellAddress(row, column)).select();
    await context.sync();
  });
}

/**
 * Calls `onChange` whenever the user activates another worksheet (the pane reads the new sheet). The handler
 * lives as long as the shared runtime; the returned function only stops the calls.
 */
export async function watchActiveSheet(host: ExcelHost, onChange: (worksheetId: string) => void): Promise<() => Promise<void>> {
  let live = true;
  const handler = await host.run(async (context) => {
    const added = context.workbook.worksheets.onActivated.add(async (args) => {
      if (live) onChange(args.worksheetId);
    });
    await context.sync();
    return added;
  });
  // Removed in the context that added it, as Office.js requires (a closed pane leaves no handler behind).
  return async () => {
    if (!live) return;
    live = false;
    await host.runIn(handler.context as Excel.RequestContext, async (context) => {
      handler.remove();
      await context.sync();
    });
  };
}

/** Reads the stored settings. */
export async function loadSettings(host: ExcelHost): Promise<StoredSettings> {
  return host.run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    setting.load('value');
    await context.sync();
    return setting.isNullObject ? emptySettings() : parseSettings(setting.value);
  });
}

/** Changes the stored settings in one read-modify-write (ledgers are kept as they are). */
export async function updateSettings(host: ExcelHost, change: (s: StoredSettings) => void): Promise<StoredSettings> {
  return host.run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    setting.load('value');
    await context.sync();
    const settings = setting.isNullObject ? emptySettings() : parseSettings(setting.value);
    change(settings);
    context.workbook.settings.add(SETTINGS_KEY, serializeSettings(settings));
    await context.sync();
    return settings;
  });
}

/** Recalculates every formula, so the custom functions pick up a changed drug map or options. */
export async function recalculateWorkbook(host: ExcelHost): Promise<void> {
  await host.run(async (context) => {
    context.workbook.application.calculate('Full');
    await context.sync();
  });
}

/** Reads a sheet's values (a drug map chosen in the pane). */
export async function readSheetValues(host: ExcelHost, name: string): Promise<CellValue[][] | null> {
  return host.run((context) => readOtherSheet(context, host, name));
}

/** A1 address with the sheet, for messages. */
export function describeCell(sheetName: string, row: number, column: number): string {
  return sheetAddress(sheetName, cellAddress(row, column));
}

