/**
 * The add-in's operations on a worksheet, each one Excel.run: look at the sheet (for the mapping view),
 * code it (read in chunks -> sheet -> rules -> plan -> write in batches), clear what it wrote, select a cell,
 * and read or change the stored settings. The task pane and the ribbon command both call these.
 */
import { codeGrid, loadTables, problemLines, readInput, summarize, type LoadedTables, type RunSummary, type TableSource } from '../pipeline';
import { resolveOptions, type CodingOptions, type CodingOptionsInput } from '../rules/options';
import type { CellValue, Field } from '../rules/types';
import { detectTable, planClear } from '../sheet';
import type { ColumnMapping, Grid } from '../sheet/types';
import { cellAddress, sheetAddress, type Rect } from './address';
import type { ExcelHost } from './host';
import { jsonSize } from './limits';
import { NoteScan } from './notes';
import { readGrid, readMeta, throwIfCancelled, CancelledError, type CancelSignal, type SheetMeta } from './read';
import { emptySettings, parseSettings, serializeSettings, SETTINGS_KEY, type Ledger, type MappingOverride, type StoredSettings } from './settings';
import { applyWrite, type WriteReport } from './write';

export type Phase = 'reading' | 'coding' | 'writing' | 'done';

export interface Progress {
  phase: Phase;
  /** 0..1 over the whole run. */
  fraction: number;
  message: string;
}

/** Rows the mapping view reads: the header is found within the first 100 rows. */
export const INSPECT_ROWS = 120;

/* ------------------------------------------------------------------ ledger checks */

function gridCell(grid: Grid, row: number, column: number): CellValue {
  return grid.values[row - grid.firstRow]?.[column - grid.firstColumn] ?? null;
}

/** The ledger still describes this sheet: its header cells are where it wrote them. */
export function ledgerMatches(ledger: Ledger | undefined, grid: Grid | null): ledger is Ledger {
  if (!ledger || !grid) return false;
  return ledger.headers.every((h, i) => String(gridCell(grid, ledger.headerRow, ledger.firstColumn + i) ?? '').trim() === h);
}

function columnRuns(columns: number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

/** Areas holding earlier derived values that a new block (or none, for Clear) does not cover. */
export function staleAreas(
  prev: Ledger | null,
  detectedColumns: number[],
  headerRow: number,
  usedBottom: number,
  next: { firstColumn: number; width: number; lastRow: number } | null,
): Rect[] {
  const rects: Rect[] = [];
  const inNext = (c: number) => Boolean(next && c >= next.firstColumn && c < next.firstColumn + next.width);
  const bottom = Math.max(usedBottom, prev?.lastRow ?? 0);
  const columns = new Set<number>(detectedColumns);
  if (prev) for (let i = 0; i < prev.headers.length; i++) columns.add(prev.firstColumn + i);
  const top = prev?.headerRow ?? headerRow;
  for (const [left, right] of columnRuns([...columns].filter((c) => !inNext(c)))) {
    rects.push({ top, bottom, left, right });
  }
  if (next && bottom > next.lastRow) {
    const shared = [...columns].filter((c) => inNext(c));
    for (const [left, right] of columnRuns(shared)) rects.push({ top: next.lastRow + 1, bottom, left, right });
  }
  return rects.filter((r) => r.bottom >= r.top);
}

/* ------------------------------------------------------------------ settings */

function settingsSaver(settings: StoredSettings, sheetId: string) {
  return (context: Excel.RequestContext, ledger: Ledger | null) => {
    if (ledger) settings.ledgers[sheetId] = ledger;
    else delete settings.ledgers[sheetId];
    context.workbook.settings.add(SETTINGS_KEY, serializeSettings(settings));
  };
}

function otherSettingsBytes(settings: StoredSettings, sheetId: string): number {
  const rest = { ...settings, ledgers: { ...settings.ledgers } };
  delete rest.ledgers[sheetId];
  return jsonSize(JSON.stringify(rest)) + 16;
}

/** The user tables the settings name (the drug map saved in the workbook, the MUE sheet), loaded by the one loader. */
export function workbookTables(settings: StoredSettings, mueGrid: CellValue[][] | null): LoadedTables {
  const sources: TableSource[] = [];
  if (settings.drugMap && settings.drugMap.rows.length) {
    sources.push({ kind: 'drugMap', source: settings.drugMap.source, grid: settings.drugMap.rows as CellValue[][] });
  }
  if (mueGrid && settings.mueSheet) sources.push({ kind: 'mue', source: settings.mueSheet, grid: mueGrid });
  return loadTables(sources);
}

/** Reads every value of another sheet (drug map, MUE file) in chunks; null when the sheet is missing. */
export async function readOtherSheet(context: Excel.RequestContext, host: ExcelHost, name: string): Promise<CellValue[][] | null> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (ws.isNullObject) return null;
  const meta = await readMeta(context, host, name);
  if (meta.empty) return [];
  return (await readGrid(context, meta)).values;
}

/* ------------------------------------------------------------------ inspect */

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
    let grid: Grid | null = null;
    if (!meta.empty) grid = await readGrid(context, meta, { maxRows: INSPECT_ROWS });
    else await context.sync();
    const table = grid ? (readInput(grid, { mapping: settings.mappings[meta.name] })?.table ?? null) : null;
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

/* ------------------------------------------------------------------ code */

export interface CodeSheetOptions {
  sheetName?: string;
  /** Options for this run; the stored options when absent. */
  options?: CodingOptionsInput | CodingOptions;
  /** Mapping corrections for this run; the stored ones when absent. */
  mapping?: MappingOverride;
  signal?: CancelSignal;
  onProgress?: (p: Progress) => void;
}

export interface CodeSheetResult {
  sheetName: string;
  sheetId: string;
  /** Nothing to code: no header row found (the message says why). */
  noTable: boolean;
  cancelled: boolean;
  summary: RunSummary | null;
  write: WriteReport | null;
  /** context.sync() calls of the whole run (read + write). */
  syncs: number;
  cellsRead: number;
  message: string;
  notices: string[];
}

/** Counts the syncs of a context (the fake counts too; this is what the pane reports). */
function countSyncs(context: Excel.RequestContext): () => number {
  let n = 0;
  const sync = context.sync.bind(context);
  (context as { sync: typeof context.sync }).sync = ((passThroughValue?: unknown) => {
    n += 1;
    return sync(passThroughValue);
  }) as typeof context.sync;
  return () => n;
}

export async function codeSheet(host: ExcelHost, opts: CodeSheetOptions = {}): Promise<CodeSheetResult> {
  const progress = (phase: Phase, fraction: number, message: string) => opts.onProgress?.({ phase, fraction, message });
  return host.run(async (context) => {
    const syncs = countSyncs(context);
    progress('reading', 0, 'Reading the sheet');
    const meta: SheetMeta = await readMeta(context, host, opts.sheetName);
    const settings = meta.settingsRaw === null ? emptySettings() : parseSettings(meta.settingsRaw);
    const base = { sheetName: meta.name, sheetId: meta.id, cancelled: false, summary: null, write: null, notices: [] as string[] };
    if (meta.empty) {
      return { ...base, noTable: true, syncs: syncs(), cellsRead: 0, message: `${meta.name} is empty: there are no rows to code.` };
    }

    const scan = new NoteScan(meta.sheet, meta.noteKind, meta.noteCount);
    const grid = await readGrid(context, meta, {
      signal: opts.signal,
      ride: () => scan.queue(),
      afterSync: () => scan.collect(),
      onProgress: ({ rowsRead, totalRows }) =>
        progress('reading', 0.45 * (rowsRead / Math.max(1, totalRows)), `Reading rows: ${rowsRead.toLocaleString('en-US')} of ${totalRows.toLocaleString('en-US')}`),
    });
    while (!scan.done) {
      scan.queue();
      // Only when a sheet has more notes than the read syncs could locate alongside the values.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      scan.collect();
    }
    const mueGrid = settings.mueSheet ? await readOtherSheet(context, host, settings.mueSheet) : null;
    if (settings.mueSheet && !mueGrid) base.notices.push(`The MUE sheet '${settings.mueSheet}' was not found; the built-in MUE values were used.`);
    throwIfCancelled(opts.signal);

    progress('coding', 0.45, 'Coding rows');
    const loaded = workbookTables(settings, mueGrid);
    base.notices.push(...problemLines(loaded.loads).slice(0, 5));
    const options = resolveOptions(opts.options ?? settings.options);
    const coded = codeGrid(grid, { options, mapping: opts.mapping ?? settings.mappings[meta.name] }, loaded.tables);
    const cellsRead = meta.rowCount * meta.columnCount;
    if (!coded) {
      return {
        ...base,
        noTable: true,
        syncs: syncs(),
        cellsRead,
        message: `No header row found on ${meta.name}: it needs at least three recognised headers, one of them a drug or a time (for example Drug, Start, Stop).`,
      };
    }
    const { input, result, plan } = coded;
    const table = input.table;
    if (coded.summary) base.notices.push(coded.summary);
    throwIfCancelled(opts.signal);

    const rawLedger = settings.ledgers[meta.id];
    const prev = ledgerMatches(rawLedger, grid) ? rawLedger : null;
    if (rawLedger && !prev) {
      base.notices.push('The results of the last run were moved or edited, so its highlights were left as they are.');
    }
    const clears = staleAreas(prev, [...table.derivedColumns.values()], table.headerRow, meta.rowIndex + meta.rowCount, {
      firstColumn: plan.firstColumn,
      width: plan.headers.length,
      lastRow: plan.lastRow,
    });

    progress('writing', 0.55, 'Writing results');
    const write = await applyWrite(
      context,
      { sheet: meta.sheet, sheetName: meta.name, sheetId: meta.id },
      {
        plan,
        prev,
        clears,
        existingNotes: scan.existing,
        noteKind: meta.noteKind,
        uniformNoFill: meta.uniformNoFill,
        signal: opts.signal,
        onProgress: (batch, batches) => progress('writing', 0.55 + 0.45 * (batch / batches), `Writing results: part ${batch} of ${batches}`),
        saveLedger: settingsSaver(settings, meta.id),
        otherSettingsBytes: otherSettingsBytes(settings, meta.id),
        layout: { conditionalFormats: host.supports(6), freezePanes: host.supports(7), pageLayout: host.supports(9) },
      },
    );
    if (write.notesSkipped) {
      base.notices.push(`${write.notesSkipped} cell(s) already had someone else's note, so no note was added there; the finding is in the IC Findings column.`);
    }
    const summary = summarize(result, table, plan, loaded.tables.catalog);
    progress('done', 1, write.cancelled ? 'Cancelled' : 'Done');
    return {
      ...base,
      noTable: false,
      cancelled: write.cancelled,
      summary,
      write,
      syncs: syncs(),
      cellsRead,
      message: write.cancelled
        ? `Cancelled after writing ${write.cellsWritten.toLocaleString('en-US')} cells; run again to finish, or Clear results.`
        : `Coded ${summary.rows.toLocaleString('en-US')} rows in ${summary.encounters.toLocaleString('en-US')} encounters.`,
    };
  });
}

/** Codes, turning a cancel before writing into a result instead of an exception. */
export async function codeSheetSafely(host: ExcelHost, opts: CodeSheetOptions = {}): Promise<CodeSheetResult> {
  try {
    return await codeSheet(host, opts);
  } catch (e) {
    if (e instanceof CancelledError) {
      return {
        sheetName: opts.sheetName ?? '',
        sheetId: '',
        noTable: false,
        cancelled: true,
        summary: null,
        write: null,
        syncs: 0,
        cellsRead: 0,
        message: 'Cancelled before anything was written: the sheet is unchanged.',
        notices: [],
      };
    }
    throw e;
  }
}

/* ------------------------------------------------------------------ clear */

export interface ClearResult {
  sheetName: string;
  columnsCleared: number;
  fillsRestored: number;
  notesDeleted: number;
  syncs: number;
  message: string;
}

/** Removes the derived columns, the fills and the notes the add-in wrote on the sheet, and nothing else. */
export async function clearSheet(host: ExcelHost, sheetName?: string): Promise<ClearResult> {
  return host.run(async (context) => {
    const syncs = countSyncs(context);
    const meta = await readMeta(context, host, sheetName);
    const settings = parseSettings(meta.settingsRaw);
    const scan = new NoteScan(meta.sheet, meta.noteKind, meta.noteCount);
    const rawLedger = settings.ledgers[meta.id];
    // The header (and the ledger's header cells) sit near the top; the values below are not needed.
    const headerDepth = Math.max(INSPECT_ROWS, rawLedger ? rawLedger.headerRow - meta.rowIndex + 1 : 0);
    const grid = meta.empty
      ? null
      : await readGrid(context, meta, { maxRows: headerDepth, ride: () => scan.queue(), afterSync: () => scan.collect() });
    while (!scan.done) {
      scan.queue();
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      scan.collect();
    }
    const table = grid ? detectTable(grid) : null;
    const prev = ledgerMatches(rawLedger, grid) ? rawLedger : null;
    const detected = table ? planClear(table).columns : [];
    const headerRow = prev?.headerRow ?? table?.headerRow ?? 1;
    const clears = prev || detected.length ? staleAreas(prev, detected, headerRow, meta.rowIndex + meta.rowCount, null) : [];
    const columns = new Set<number>();
    for (const r of clears) for (let c = r.left; c <= r.right; c++) columns.add(c);
    const write = await applyWrite(
      context,
      { sheet: meta.sheet, sheetName: meta.name, sheetId: meta.id },
      {
        plan: null,
        prev,
        clears,
        existingNotes: scan.existing,
        noteKind: meta.noteKind,
        uniformNoFill: meta.uniformNoFill,
        saveLedger: settingsSaver(settings, meta.id),
        otherSettingsBytes: otherSettingsBytes(settings, meta.id),
      },
    );
    const nothing = columns.size === 0 && write.restored === 0 && write.notesDeleted === 0;
    return {
      sheetName: meta.name,
      columnsCleared: columns.size,
      fillsRestored: write.restored,
      notesDeleted: write.notesDeleted,
      syncs: syncs(),
      message: nothing
        ? `Nothing to clear on ${meta.name}.`
        : `Removed ${columns.size} result column(s), ${write.restored} highlight(s) and ${write.notesDeleted} note(s) from ${meta.name}.`,
    };
  });
}

/* ------------------------------------------------------------------ small operations */

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
export async function watchActiveSheet(host: ExcelHost, onChange: (worksheetId: string) => void): Promise<() => void> {
  let live = true;
  await host.run(async (context) => {
    context.workbook.worksheets.onActivated.add(async (args) => {
      if (live) onChange(args.worksheetId);
    });
    await context.sync();
  });
  return () => {
    live = false;
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

export type { Field };
