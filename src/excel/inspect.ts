/** The mapping view's look at a sheet: its header row, the mapping, the stored settings (reads the top only). */
import { readInput } from '../pipeline';
import type { ColumnMapping } from '../sheet/types';
import { cellAddress } from './address';
import type { ExcelHost } from './host';
import { readGrid, readMeta } from './read';
import { mappingFor, parseSettings, type StoredSettings } from '../runtime/settings';

/** Rows the mapping view reads: the header is found within the first 100 rows. */
export const INSPECT_ROWS = 120;

export interface SheetInspection {
  sheetName: string;
  sheetId: string;
  empty: boolean;
  /** null when no header row was found. */
  table: {
    headerRow: number;
    /** Header text by 1-based column, user columns only, in column order. */
    headers: { column: number; text: string; address: string }[];
    mapping: ColumnMapping;
    /** About this many data rows (the mapping view reads only the top of the sheet). */
    approxRows: number;
    /** Columns of an earlier run found on the sheet. */
    derivedColumns: number;
  } | null;
  settings: StoredSettings;
  /** Names of the workbook's sheets (for choosing a drug map or MUE sheet). */
  sheets: string[];
  lastRun: string | null;
}

export async function inspectSheet(host: ExcelHost, sheetName?: string): Promise<SheetInspection> {
  return host.run(async (context) => {
    const meta = await readMeta(context, host, sheetName);
    const settings = parseSettings(meta.settingsRaw);
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const grid = meta.empty ? null : await readGrid(context, meta, { maxRows: INSPECT_ROWS });
    if (!grid) await context.sync();
    const table = grid ? (readInput(grid, { mapping: mappingFor(settings, meta) })?.table ?? null) : null;
    const derived = new Set(table ? table.derivedColumns.values() : []);
    return {
      sheetName: meta.name,
      sheetId: meta.id,
      empty: meta.empty,
      table: table
        ? {
            headerRow: table.headerRow,
            headers: [...table.headers.entries()]
              .filter(([c]) => !derived.has(c))
              .sort((a, b) => a[0] - b[0])
              .map(([column, text]) => ({ column, text, address: cellAddress(table.headerRow, column) })),
            mapping: { ...table.mapping },
            approxRows: Math.max(0, meta.rowIndex + meta.rowCount - table.headerRow),
            derivedColumns: derived.size,
          }
        : null,
      settings,
      sheets: sheets.items.map((s) => s.name),
      lastRun: settings.ledgers[meta.id]?.at ?? null,
    };
  });
}
