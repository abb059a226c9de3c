/**
 * The custom functions share the pane's runtime: hand them the workbook's saved options, drug map and MUE
 * table, and recalculate when those change so `=IV.INFUSIONCODES()` and friends code with the same tables
 * as "Code rows".
 */
import type { ExcelHost } from '../excel/host';
import { readSheetValues, recalculateWorkbook } from '../excel/run';
import { workbookTables } from '../runtime/tables';
import type { StoredSettings } from '../runtime/settings';
import { setFunctionContext } from '../runtime/functionContext';
import { resolveOptions } from '../rules/options';

/** What the functions were last given; the built-in defaults before any workbook settings were seen. */
let shared = JSON.stringify([resolveOptions({}), null, null]);

/** Shares the settings with the functions; recalculates only when something the functions use changed. */
export async function shareWithFunctions(host: ExcelHost, settings: StoredSettings): Promise<boolean> {
  const mueGrid = settings.mueSheet ? await readSheetValues(host, settings.mueSheet) : null;
  const options = resolveOptions(settings.options);
  const key = JSON.stringify([options, settings.drugMap, mueGrid]);
  if (key === shared) return false;
  shared = key;
  const { tables } = workbookTables(settings, mueGrid);
  setFunctionContext({ options, catalog: tables.catalog ?? null, mue: tables.mue ?? null });
  await recalculateWorkbook(host);
  return true;
}

/** Never lets a failure here stop the pane: the functions keep their previous tables. */
export async function shareWithFunctionsQuietly(host: ExcelHost, settings: StoredSettings): Promise<void> {
  try {
    await shareWithFunctions(host, settings);
  } catch {
    // The pane works without it; the functions use the built-in catalog and defaults.
  }
}
