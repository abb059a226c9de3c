/**
 * Applying a WritePlan (or clearing one) in a bounded number of syncs. The changes are first listed as
 * operations with their estimated request and response bytes: blocks of derived values (CHUNK_CELLS cells
 * each, balanced), and fills, notes and clears that ride in the spare bytes of those batches; each batch
 * stays under the byte budget, suspends calculation and screen updating and ends in one context.sync(). Highlights go out as RangeAreas (address strings under 8,192 characters), never per cell.
 *
 * The ledger of the previous run says which fills and notes are the add-in's own: a re-run restores the
 * original fill of cells that no longer need one, and "Clear results" restores every one of them.
 */
import type { Fill, WritePlan } from '../sheet/types';
import { areaAddresses, cellsOf, groupCells, rectAddress, type Cell, type Rect } from './address';
import { CHUNK_CELLS, FILL_COLORS, jsonSize, OPERATION_OVERHEAD_BYTES, REQUEST_BUDGET_BYTES } from './limits';
import { addNote, cellKey, deleteNote, setNote, type ExistingNotes, type NoteKind } from './notes';
import type { CancelSignal } from './read';
import { LAYOUT_REQUEST_BYTES, queueLayout, type LayoutSupport } from './layout';
import type { Ledger, LedgerFill, LedgerNote, OriginalFill } from './settings';

/** One queued change with its cost; `after` runs once the batch holding it has synced. */
interface Op {
  bytes: number;
  response: number;
  cells: number;
  /** Fills whose original colour this op captures: the ledger must not be saved in the same batch. */
  captures: boolean;
  /** Derived values only: a cancel may stop between value batches, never inside fills and notes. */
  values?: boolean;
  queue(context: Excel.RequestContext, sheet: Excel.Worksheet): (() => void) | void;
}

export interface WriteTarget {
  sheet: Excel.Worksheet;
  sheetName: string;
  sheetId: string;
}

export interface WriteInput {
  /** What to write; null = clear everything the ledger names ("Clear results"). */
  plan: WritePlan | null;
  /** The previous run's ledger, already checked to still match the sheet; null when none or stale. */
  prev: Ledger | null;
  /** Areas of earlier derived values to clear (stale columns, rows the new plan no longer covers). */
  clears: Rect[];
  existingNotes: ExistingNotes;
  noteKind: NoteKind | null;
  /** No cell of the data area has a fill: a new highlight's original is "no fill" without reading it. */
  uniformNoFill: boolean;
  signal?: CancelSignal;
  onProgress?: (batch: number, batches: number) => void;
  /** Saves the ledger (or removes it when null); queued on the last batch. */
  saveLedger(context: Excel.RequestContext, ledger: Ledger | null): void;
  /** Size of the other stored settings (options, mappings, other sheets' ledgers) saved with the ledger. */
  otherSettingsBytes: number;
  /** Which parts of the plan's layout the host can apply; absent = no layout (Clear results). */
  layout?: LayoutSupport;
}

export interface WriteReport {
  syncs: number;
  batches: number;
  maxBatchBytes: number;
  cellsWritten: number;
  highlighted: number;
  restored: number;
  notesAdded: number;
  notesDeleted: number;
  /** Cells that already had someone else's note: the finding is in the Findings column and the problems list. */
  notesSkipped: number;
  cancelled: boolean;
  ledger: Ledger | null;
}

const CAPTURE_BYTES_PER_CELL = 80;

/** A short fingerprint of a note's text (FNV-1a, 32 bits), kept in the ledger to skip unchanged notes. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function areasOp(rects: Rect[], apply: (areas: Excel.RangeAreas) => void): Op[] {
  return areaAddresses(rects).map((address) => ({
    bytes: OPERATION_OVERHEAD_BYTES * 2 + address.length,
    response: 0,
    cells: 0,
    captures: false,
    queue(_context, sheet) {
      apply(sheet.getRanges(address));
    },
  }));
}

function originalOf(props: Excel.CellProperties | undefined): OriginalFill | null {
  const fill = props?.format?.fill;
  if (!fill) return null;
  const pattern = fill.pattern ?? null;
  if (pattern === 'None') return null;
  const color = typeof fill.color === 'string' ? fill.color.toUpperCase() : null;
  if (pattern === null && (color === null || color === '#FFFFFF')) return null;
  return { color, pattern };
}

/** Plans and applies; returns what it did and the new ledger (already saved on the last batch). */
export async function applyWrite(context: Excel.RequestContext, target: WriteTarget, input: WriteInput): Promise<WriteReport> {
  const { plan, prev } = input;
  /** Fills, notes and clears, in the order they must run. */
  const ops: Op[] = [];
  /** Blocks of derived values (each its own batch, the others ride along). */
  const valueOps: Op[] = [];
  const report: WriteReport = {
    syncs: 0,
    batches: 0,
    maxBatchBytes: 0,
    cellsWritten: 0,
    highlighted: 0,
    restored: 0,
    notesAdded: 0,
    notesDeleted: 0,
    notesSkipped: 0,
    cancelled: false,
    ledger: null,
  };

  /* --- fills: restore the cells that no longer need one, fill the new ones (capturing their original) */
  const prevFills = new Map<string, LedgerFill>();
  for (const f of prev?.fills ?? []) prevFills.set(cellKey(f[0], f[1]), f);
  const wanted = new Map<string, { row: number; column: number; fill: Fill }>();
  for (const h of plan?.highlights ?? []) wanted.set(cellKey(h.row, h.column), h);

  const restoreNone: Cell[] = [];
  const restoreColor = new Map<string, Cell[]>();
  for (const [key, f] of prevFills) {
    if (wanted.has(key)) continue;
    const original = f[3];
    if (!original || !original.color) restoreNone.push({ row: f[0], column: f[1] });
    else {
      const list = restoreColor.get(original.color) ?? [];
      list.push({ row: f[0], column: f[1] });
      restoreColor.set(original.color, list);
    }
  }
  const restoredCount = restoreNone.length + [...restoreColor.values()].reduce((n, l) => n + l.length, 0);
  ops.push(...areasOp(groupCells(restoreNone), (a) => a.format.fill.clear()));
  for (const [color, cells] of restoreColor) ops.push(...areasOp(groupCells(cells), (a) => (a.format.fill.color = color)));

  const captured = new Map<string, OriginalFill | null>();
  const byKind: Record<Fill, Cell[]> = { error: [], warning: [] };
  const unknownOriginal: Cell[] = [];
  for (const [key, h] of wanted) {
    byKind[h.fill].push(h);
    if (!prevFills.has(key) && !input.uniformNoFill) unknownOriginal.push(h);
  }
  // Capture before colouring: operations run in order within a batch, so the read sees the old fill.
  for (const rect of groupCells(unknownOriginal)) {
    const n = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
    ops.push({
      bytes: OPERATION_OVERHEAD_BYTES * 2 + 20,
      response: n * CAPTURE_BYTES_PER_CELL,
      cells: n,
      captures: true,
      queue(_context, sheet) {
        const result = sheet.getRange(rectAddress(rect)).getCellProperties({ format: { fill: { color: true, pattern: true } } });
        return () => {
          // Runs only after the batch holding this operation has synced (see the run loop below).
          // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
          const grid = result.value;
          for (const cell of cellsOf([rect])) {
            captured.set(cellKey(cell.row, cell.column), originalOf(grid[cell.row - rect.top]?.[cell.column - rect.left]));
          }
        };
      },
    });
  }
  for (const kind of ['error', 'warning'] as const) {
    const color = FILL_COLORS[kind];
    ops.push(...areasOp(groupCells(byKind[kind]), (a) => (a.format.fill.color = color)));
  }

  /* --- notes */
  const prevNotes = new Map<string, LedgerNote>();
  for (const n of prev?.notes ?? []) prevNotes.set(cellKey(n[0], n[1]), n);
  const keptNotes: LedgerNote[] = [];
  const kind = input.noteKind;
  const wantNotes = new Map<string, { row: number; column: number; text: string }>();
  for (const n of plan?.notes ?? []) wantNotes.set(cellKey(n.row, n.column), n);
  for (const [key, n] of prevNotes) {
    if (wantNotes.has(key) || n[2] !== kind || !input.existingNotes.has(key)) continue;
    const id = input.existingNotes.get(key) ?? null;
    report.notesDeleted += 1;
    ops.push({
      bytes: OPERATION_OVERHEAD_BYTES * 2 + 40,
      response: 0,
      cells: 0,
      captures: false,
      queue(context, sheet) {
        deleteNote(context, sheet, target.sheetName, n[2], id, n[0], n[1]);
      },
    });
  }
  if (kind) {
    for (const [key, n] of wantNotes) {
      const ours = prevNotes.get(key);
      const exists = input.existingNotes.has(key);
      const id = input.existingNotes.get(key) ?? null;
      const bytes = OPERATION_OVERHEAD_BYTES * 2 + 40 + jsonSize(n.text);
      if (exists && !(ours && ours[2] === kind)) {
        report.notesSkipped += 1; // someone else's note: leave it
        continue;
      }
      const hash = textHash(n.text);
      keptNotes.push([n.row, n.column, kind, hash]);
      // Our own note with the same text: nothing to send (a re-run of an unchanged sheet writes no notes).
      if (exists && ours && ours[3] === hash) continue;
      if (exists) {
        ops.push({ bytes, response: 0, cells: 0, captures: false, queue: (context, sheet) => setNote(context, sheet, target.sheetName, kind, id, n.row, n.column, n.text) });
      } else {
        report.notesAdded += 1;
        ops.push({ bytes, response: 0, cells: 0, captures: false, queue: (context, sheet) => addNote(context, sheet, target.sheetName, kind, n.row, n.column, n.text) });
      }
    }
  }

  /* --- earlier derived values the plan no longer covers */
  for (const rect of input.clears) {
    ops.push({
      bytes: OPERATION_OVERHEAD_BYTES * 2 + 20,
      response: 0,
      cells: 0,
      captures: false,
      queue(_context, sheet) {
        sheet.getRange(rectAddress(rect)).clear('Contents');
      },
    });
  }

  /* --- the derived block: header row, then values, split by rows */
  if (plan) {
    const width = plan.headers.length;
    const rowsOf = (r: number): (string | number)[] => {
      const src = r === plan.headerRow ? plan.headers : (plan.values[r - plan.headerRow - 1] ?? []);
      const out: (string | number)[] = new Array(width);
      for (let c = 0; c < width; c++) {
        const v = src[c];
        out[c] = v === null || v === undefined ? '' : v;
      }
      return out;
    };
    // Balanced blocks: as few as CHUNK_CELLS allows, of even height, each also under the byte budget.
    const total = plan.lastRow - plan.headerRow + 1;
    const blocks = Math.max(1, Math.ceil((total * width) / CHUNK_CELLS));
    const height = Math.max(1, Math.ceil(total / blocks));
    let start = plan.headerRow;
    while (start <= plan.lastRow) {
      let end = start;
      let bytes = OPERATION_OVERHEAD_BYTES * 2 + jsonSize(rowsOf(start));
      while (end + 1 <= plan.lastRow && end + 1 - start < height) {
        const b = jsonSize(rowsOf(end + 1)) + 1;
        if (bytes + b > REQUEST_BUDGET_BYTES) break;
        bytes += b;
        end += 1;
      }
      const top = start;
      const bottom = end;
      valueOps.push({
        bytes,
        response: 0,
        cells: (bottom - top + 1) * width,
        captures: false,
        values: true,
        queue(_context, sheet) {
          const block: (string | number)[][] = [];
          for (let r = top; r <= bottom; r++) block.push(rowsOf(r));
          sheet.getRangeByIndexes(top - 1, plan.firstColumn - 1, bottom - top + 1, width).values = block;
        },
      });
      start = end + 1;
    }
  }

  /* --- the ledger: saved last, once the captured originals are known */
  const ledgerEstimate = 400 + wanted.size * 48 + keptNotes.length * 32 + input.otherSettingsBytes + (plan && input.layout ? LAYOUT_REQUEST_BYTES : 0);
  let ledgerQueued = false;
  const buildLedger = (cancelled: boolean): Ledger | null => {
    if (!plan) return null;
    const fills: LedgerFill[] = [];
    for (const [key, h] of wanted) {
      const p = prevFills.get(key);
      const original = p ? p[3] : input.uniformNoFill ? null : (captured.get(key) ?? null);
      fills.push([h.row, h.column, h.fill, original]);
    }
    return {
      sheetId: target.sheetId,
      sheetName: target.sheetName,
      headerRow: plan.headerRow,
      firstColumn: plan.firstColumn,
      headers: [...plan.headers],
      // Cancelled: rows below may still hold the earlier run's values, so the ledger keeps covering them.
      lastRow: Math.max(plan.lastRow, cancelled && prev ? prev.lastRow : 0),
      fills,
      notes: keptNotes,
      at: new Date().toISOString(),
    };
  };
  const ledgerOp: Op = {
    bytes: ledgerEstimate,
    response: 0,
    cells: 0,
    captures: false,
    queue(context, sheet) {
      // The layout rides with the ledger in the last batch, after every value is written.
      if (plan && input.layout) queueLayout(sheet, plan, input.layout);
      report.ledger = buildLedger(false);
      input.saveLedger(context, report.ledger);
      ledgerQueued = true;
    },
  };

  /*
   * --- pack: one batch per block of values, then fills, notes and clears ride in the spare bytes of those
   * batches, in order (a pointer that only moves forward, so a capture never lands after its colouring), and
   * new batches only when they run out. The ledger goes last, never beside a capture.
   */
  const batches: Op[][] = valueOps.map((op) => [op]);
  const used = valueOps.map((op) => ({ bytes: op.bytes, response: op.response }));
  const fits = (i: number, op: Op) => used[i].bytes + op.bytes <= REQUEST_BUDGET_BYTES && used[i].response + op.response <= REQUEST_BUDGET_BYTES;
  const place = (i: number, op: Op) => {
    batches[i].push(op);
    used[i].bytes += op.bytes;
    used[i].response += op.response;
  };
  let p = 0;
  for (const op of ops) {
    while (p < batches.length && !fits(p, op)) p += 1;
    if (p === batches.length) {
      batches.push([]);
      used.push({ bytes: 0, response: 0 });
    }
    place(p, op);
  }
  const lastIndex = batches.length - 1;
  if (lastIndex >= 0 && fits(lastIndex, ledgerOp) && !batches[lastIndex].some((o) => o.captures)) place(lastIndex, ledgerOp);
  else {
    batches.push([ledgerOp]);
    used.push({ bytes: ledgerOp.bytes, response: 0 });
  }

  // A cancel is honoured only once every fill, note and clear has run: then only values are missing below.
  let firstCancellable = 0;
  batches.forEach((batch, i) => {
    if (batch.some((op) => !op.values && op !== ledgerOp)) firstCancellable = i + 1;
  });

  /* --- run */
  report.batches = batches.length;
  report.highlighted = wanted.size;
  report.restored = restoredCount;
  const app = context.workbook.application;
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    const cancelNow = Boolean(input.signal?.aborted) && i > 0 && i >= firstCancellable;
    app.suspendApiCalculationUntilNextSync();
    app.suspendScreenUpdatingUntilNextSync();
    const afters: (() => void)[] = [];
    if (cancelNow) {
      report.cancelled = true;
      report.ledger = buildLedger(true);
      input.saveLedger(context, report.ledger);
      ledgerQueued = true;
    } else {
      for (const op of batch) {
        const after = op.queue(context, target.sheet);
        if (after) afters.push(after);
      }
    }
    // One sync per planned batch: the batches are bounded by the plan above, not by the data.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    report.syncs += 1;
    report.maxBatchBytes = Math.max(report.maxBatchBytes, batch.reduce((n, op) => n + op.bytes, 0));
    for (const after of afters) after();
    if (cancelNow) break;
    report.cellsWritten += batch.reduce((n, op) => n + (op.values ? op.cells : 0), 0);
    input.onProgress?.(i + 1, batches.length);
  }
  if (!ledgerQueued) throw new Error('internal: the ledger was not saved');
  return report;
}
