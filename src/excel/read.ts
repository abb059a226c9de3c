/**
 * Reading a worksheet in one batch: the first sync learns the used range, the saved settings and what is
 * already on the sheet (how many notes, the conditional-format rules); the values then come in chunks of at
 * most CHUNK_CELLS cells (and an expected response under the byte budget), one sync each. Callers can ride
 * extra loads on those syncs.
 */
import type { CellValue } from '../rules/types';
import type { Grid } from '../sheet/types';
import type { ExcelHost } from './host';
import { parseRect, type Rect } from './address';
import { loadRules, ourRules, type ExistingRule } from './highlights';
import { CHUNK_CELLS, jsonSize, PROBE_CELLS, REQUEST_BUDGET_BYTES } from './limits';
import { SETTINGS_KEY } from '../runtime/settings';

export interface SheetMeta {
  sheet: Excel.Worksheet;
  name: string;
  id: string;
  /** 0-based position of the used range; empty = nothing with a value on the sheet. */
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  empty: boolean;
  /** The raw settings value (JSON text), or null when none is stored. */
  settingsRaw: unknown;
  /** Notes (ExcelApi 1.18) or, on older hosts, threaded comments on the sheet. */
  noteKind: 'note' | 'comment' | null;
  noteCount: number;
  /** The conditional-format rules the product wrote on the sheet (found by their formula); [] without ExcelApi 1.6. */
  rules: ExistingRule[];
  /** Merged areas (ExcelApi 1.13; [] before): readGrid gives their cells the top-left cell's value, as the files do. */
  merges: Rect[];
  /** The sheet's frozen panes and page setup as the user left them, so the layout keeps what they set. */
  existingLayout: ExistingLayout;
}

/** Frozen panes (`Sheet1!1:4`, null: none or unknown), and whether the page setup fits to pages or has print titles. */
export interface ExistingLayout {
  frozen: string | null;
  fitToPages: boolean;
  printTitles: boolean;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export interface CancelSignal {
  readonly aborted: boolean;
}

export function throwIfCancelled(signal?: CancelSignal): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Sync 1: the active (or named) sheet, its used range, the stored settings, notes count and the sheet's rules. */
export async function readMeta(context: Excel.RequestContext, host: ExcelHost, sheetName?: string): Promise<SheetMeta> {
  const sheets = context.workbook.worksheets;
  const sheet = sheetName ? sheets.getItem(sheetName) : sheets.getActiveWorksheet();
  sheet.load('name,id');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex,columnIndex,rowCount,columnCount');
  const rules = host.supports(6) ? loadRules(sheet) : null;
  const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  setting.load('value');
  const noteKind: SheetMeta['noteKind'] = host.supports(18) ? 'note' : host.supports(10) ? 'comment' : null;
  const count = noteKind === 'note' ? sheet.notes.getCount() : noteKind === 'comment' ? sheet.comments.getCount() : null;
  const merged = host.supports(13) ? sheet.getRange().getMergedAreasOrNullObject() : null;
  merged?.load('address');
  const frozen = host.supports(7) ? sheet.freezePanes.getLocationOrNullObject() : null;
  frozen?.load('address');
  const page = host.supports(9) ? sheet.pageLayout : null;
  page?.load('zoom');
  const titles = page ? page.getPrintTitleRowsOrNullObject() : null;
  titles?.load('address');
  await context.sync();

  const empty = used.isNullObject;
  return {
    sheet,
    name: sheet.name,
    id: sheet.id,
    rowIndex: empty ? 0 : used.rowIndex,
    columnIndex: empty ? 0 : used.columnIndex,
    rowCount: empty ? 0 : used.rowCount,
    columnCount: empty ? 0 : used.columnCount,
    empty,
    settingsRaw: setting.isNullObject ? null : setting.value,
    noteKind,
    noteCount: count ? count.value : 0,
    rules: rules ? ourRules(rules) : [],
    merges: merged && !merged.isNullObject ? areasOf(merged.address) : [],
    existingLayout: {
      frozen: frozen && !frozen.isNullObject ? frozen.address : null,
      fitToPages: Boolean(page && (page.zoom?.horizontalFitToPages || page.zoom?.verticalFitToPages)),
      printTitles: Boolean(titles && !titles.isNullObject),
    },
  };
}

/** `Sheet1!A2:A4,'My, sheet'!B2:B4` as rectangles (a quoted sheet name may hold commas). */
export function areasOf(address: string): Rect[] {
  const out: Rect[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if ((ch === ',' && !quoted) || i === address.length) {
      const part = address.slice(start, i).trim();
      start = i + 1;
      if (!part) continue;
      try {
        out.push(parseRect(part));
      } catch {
        // an area Excel names in a way not read here is left unfilled, never a failed run
      }
    }
  }
  return out;
}

/**
 * Each merged area's first column takes its top-left cell's value down its rows (Office.js gives them ''), as a
 * file's reader does: a visit number merged down its rows belongs to each, a label merged across a row does not.
 */
function fillMerges(values: CellValue[][], firstRow: number, firstColumn: number, merges: readonly Rect[]): void {
  for (const m of merges) {
    const anchor = values[m.top - firstRow]?.[m.left - firstColumn];
    if (anchor === undefined || anchor === null || anchor === '') continue;
    const c = m.left - firstColumn;
    const bottom = Math.min(m.bottom, firstRow + values.length - 1);
    for (let r = m.top + 1; r <= bottom; r++) {
      const line = values[r - firstRow];
      if (c < line.length && (line[c] === '' || line[c] === null)) line[c] = anchor;
    }
  }
}

export interface ReadProgress {
  rowsRead: number;
  totalRows: number;
}

export interface ReadGridOptions {
  /** Read only the first rows (the pane's mapping view needs the header, not the data). */
  maxRows?: number;
  signal?: CancelSignal;
  onProgress?: (p: ReadProgress) => void;
  /** Queues extra operations on the sync of chunk `index` (0-based), so small extra work costs no sync of its own. */
  ride?: (index: number) => void;
  /** Reads what `ride` loaded, after the sync of chunk `index`. */
  afterSync?: (index: number) => void;
}

/**
 * Rows per chunk: as few chunks as CHUNK_CELLS allows (ceil(cells / CHUNK_CELLS)), of even height, so a
 * sheet never pays a whole sync for a last sliver of rows. A chunk may exceed CHUNK_CELLS by under one row.
 */
export function chunkRows(rowCount: number, columnCount: number): number {
  const cols = Math.max(1, columnCount);
  const chunks = Math.max(1, Math.ceil((rowCount * cols) / CHUNK_CELLS));
  return Math.max(1, Math.ceil(rowCount / chunks));
}

/**
 * The used range's values as a Grid, in chunks (one sync each). The first chunk is a small probe; after each
 * chunk the height is set so the heaviest rows seen so far stay under the byte budget (long text), so no
 * response nears Excel's limit.
 */
export async function readGrid(context: Excel.RequestContext, meta: SheetMeta, options: ReadGridOptions = {}): Promise<Grid> {
  const total = options.maxRows ? Math.min(options.maxRows, meta.rowCount) : meta.rowCount;
  const cols = meta.columnCount;
  const values: CellValue[][] = [];
  // The first chunk is a probe of PROBE_CELLS: a full chunk of 50,000 cells of long text (a free-text column
  // of 1.7 KB a row) is over Excel on the web's 5 MB response limit before any size is known. The rest are
  // sized by the heaviest rows seen so far (at most one sync more than chunkRows would take).
  let rowsPerChunk = Math.min(chunkRows(total, cols), Math.max(1, Math.ceil(PROBE_CELLS / Math.max(1, cols))));
  let heaviestRow = 0;
  let done = 0;
  let index = 0;
  while (done < total) {
    throwIfCancelled(options.signal);
    const n = Math.min(rowsPerChunk, total - done);
    const range = meta.sheet.getRangeByIndexes(meta.rowIndex + done, meta.columnIndex, n, cols);
    range.load('values');
    options.ride?.(index);
    // Chunks must be sequential: the next chunk's height depends on this response's size.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    options.afterSync?.(index);
    const chunk = range.values as CellValue[][];
    for (const line of chunk) values.push(line);
    done += n;
    index += 1;
    if (n > 0 && done < total) {
      heaviestRow = Math.max(heaviestRow, jsonSize(chunk) / n);
      const fit = Math.floor((REQUEST_BUDGET_BYTES * 0.9) / Math.max(1, heaviestRow));
      rowsPerChunk = Math.max(1, Math.min(chunkRows(total - done, cols), fit));
    }
    options.onProgress?.({ rowsRead: done, totalRows: total });
  }
  const firstRow = meta.rowIndex + 1;
  const firstColumn = meta.columnIndex + 1;
  fillMerges(values, firstRow, firstColumn, meta.merges ?? []);
  return { values, firstRow, firstColumn };
}
