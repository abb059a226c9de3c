/**
 * Applying a Reconciliation (reconcile.ts) with Office.js: each change becomes an operation with its
 * estimated bytes, batches.ts packs them under the byte budget, and the ledger is saved with the last batch
 * (or, on a cancel, instead of the batches not run). Highlights are conditional-format rules and the IC Flags
 * values: no cell's own fill is ever read or written.
 */
import { rectAddress } from './address';
import { pack, runBatches, type Op } from './batches';
import { addRule, deleteRule } from './highlights';
import { CHUNK_CELLS, jsonSize, OPERATION_OVERHEAD_BYTES, REQUEST_BUDGET_BYTES } from './limits';
import { addNote, deleteNote, setNote, type NoteKind } from './notes';
import type { CancelSignal } from './read';
import type { Block, Reconciliation } from './reconcile';
import { LAYOUT_REQUEST_BYTES, queueLayout, type LayoutSupport } from './layout';
import type { Ledger } from '../runtime/settings';
import type { WritePlan } from '../sheet/types';

export interface WriteTarget {
  sheet: Excel.Worksheet;
  sheetName: string;
}

export interface ApplyOptions {
  noteKind: NoteKind | null;
  signal?: CancelSignal;
  onProgress?: (batch: number, batches: number) => void;
  /** Saves the ledger (or removes it when null); queued with the last batch. */
  saveLedger(context: Excel.RequestContext, ledger: Ledger | null): void;
  /** Size of the other stored settings (options, mappings, other sheets' ledgers) saved with the ledger. */
  otherSettingsBytes: number;
  /** The plan's layout and what of it the host supports; absent for Clear results. */
  layout?: { plan: WritePlan; support: LayoutSupport };
}

export interface WriteReport {
  syncs: number;
  batches: number;
  maxBatchBytes: number;
  cellsWritten: number;
  /** Conditional-format rules added and removed. */
  rulesAdded: number;
  rulesRemoved: number;
  notesAdded: number;
  notesUpdated: number;
  notesDeleted: number;
  /** Cells that already had the user's note: the finding is in the IC Findings column only. */
  notesSkipped: number;
  cancelled: boolean;
  ledger: Ledger | null;
}

const small = (bytes: number, queue: Op['queue']): Op => ({ bytes: OPERATION_OVERHEAD_BYTES * 2 + bytes, response: 0, cells: 0, queue });

/** Blocks of derived values: as few as CHUNK_CELLS allows, of even height, each also under the byte budget. */
function valueOps(block: Block): Op[] {
  const ops: Op[] = [];
  const width = block.headers.length;
  const total = block.lastRow - block.headerRow + 1;
  const blocks = Math.max(1, Math.ceil((total * width) / CHUNK_CELLS));
  const height = Math.max(1, Math.ceil(total / blocks));
  let start = block.headerRow;
  while (start <= block.lastRow) {
    let end = start;
    let bytes = OPERATION_OVERHEAD_BYTES * 2 + jsonSize(block.row(start));
    while (end + 1 <= block.lastRow && end + 1 - start < height) {
      const b = jsonSize(block.row(end + 1)) + 1;
      if (bytes + b > REQUEST_BUDGET_BYTES) break;
      bytes += b;
      end += 1;
    }
    const top = start;
    const bottom = end;
    ops.push({
      bytes,
      response: 0,
      cells: (bottom - top + 1) * width,
      values: true,
      queue(_context, sheet) {
        const rows: (string | number)[][] = [];
        for (let r = top; r <= bottom; r++) rows.push(block.row(r));
        sheet.getRangeByIndexes(top - 1, block.firstColumn - 1, bottom - top + 1, width).values = rows;
      },
    });
    start = end + 1;
  }
  return ops;
}

export async function applyReconciliation(context: Excel.RequestContext, target: WriteTarget, plan: Reconciliation, options: ApplyOptions): Promise<WriteReport> {
  const { sheetName } = target;
  const kind = options.noteKind;
  const ops: Op[] = [];
  // Old rules go first, so a rule added below is never taken for an old one.
  for (const id of plan.rules.remove) ops.push(small(id.length, (_c, sheet) => deleteRule(sheet, id)));
  for (const rect of plan.valueClears) ops.push(small(20, (_c, sheet) => sheet.getRange(rectAddress(rect)).clear('Contents')));
  if (kind) {
    for (const n of plan.notes.remove) ops.push(small(40, (context, sheet) => deleteNote(context, sheet, sheetName, kind, n)));
    for (const { note, text } of plan.notes.update) ops.push(small(40 + jsonSize(text), (context, sheet) => setNote(context, sheet, sheetName, kind, note, text)));
    for (const n of plan.notes.add) ops.push(small(40 + jsonSize(n.text), (context, sheet) => addNote(context, sheet, sheetName, kind, n.row, n.column, n.text)));
  }
  for (const rule of plan.rules.add) ops.push(small(jsonSize(rule) + OPERATION_OVERHEAD_BYTES, (_c, sheet) => addRule(sheet, rule)));

  const layout = options.layout;
  const ledgerBytes = jsonSize(plan.ledger) + options.otherSettingsBytes + (layout ? LAYOUT_REQUEST_BYTES : 0);
  const ledgerOp = small(ledgerBytes, (context, sheet) => {
    // The layout rides with the ledger in the last batch, after every value is written.
    if (layout) queueLayout(sheet, layout.plan, layout.support);
    options.saveLedger(context, plan.ledger);
  });
  const batches = pack(plan.block ? valueOps(plan.block) : [], ops, ledgerOp);
  const run = await runBatches(context, target.sheet, batches, {
    signal: options.signal,
    onProgress: options.onProgress,
    // Cancelled: every mark is in place and the ledger is true of them; only derived values are missing below.
    onCancel: (ctx) => options.saveLedger(ctx, plan.ledger),
  });
  return {
    ...run,
    rulesAdded: plan.rules.add.length,
    rulesRemoved: plan.rules.remove.length,
    notesAdded: kind ? plan.notes.add.length : 0,
    notesUpdated: kind ? plan.notes.update.length : 0,
    notesDeleted: kind ? plan.notes.remove.length : 0,
    notesSkipped: plan.notesTheirs,
    ledger: plan.ledger,
  };
}
