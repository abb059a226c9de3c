/**
 * Batching: a list of queued changes, each with its estimated request and response bytes, packed into as few
 * context.sync() calls as the byte budget allows, then run. Blocks of derived values each open a batch (they
 * are the bulk); smaller changes ride in the spare bytes of those batches, in order (a pointer that only
 * moves forward), and get batches of their own only when the spare bytes run out. The ledger goes last.
 * Every batch suspends calculation and screen updating until its sync.
 */
import { REQUEST_BUDGET_BYTES } from './limits';
import type { CancelSignal } from './read';

/** One queued change with its cost. */
export interface Op {
  bytes: number;
  response: number;
  /** Cells of derived values it writes (0 for marks and clears). */
  cells: number;
  /** Derived values only: a cancel may stop between value batches, never inside the marks. */
  values?: boolean;
  queue(context: Excel.RequestContext, sheet: Excel.Worksheet): void;
}

/** Packs value blocks (a batch each), then the other ops in order, then the ledger op in the last batch. */
export function pack(valueOps: Op[], ops: Op[], last: Op): Op[][] {
  const batches: Op[][] = valueOps.map((op) => [op]);
  const used = valueOps.map((op) => ({ bytes: op.bytes, response: op.response }));
  const fits = (i: number, op: Op) => used[i].bytes + op.bytes <= REQUEST_BUDGET_BYTES && used[i].response + op.response <= REQUEST_BUDGET_BYTES;
  const place = (i: number, op: Op) => {
    batches[i].push(op);
    used[i].bytes += op.bytes;
    used[i].response += op.response;
  };
  const open = () => {
    batches.push([]);
    used.push({ bytes: 0, response: 0 });
  };
  let p = 0;
  for (const op of ops) {
    while (p < batches.length && !fits(p, op)) p += 1;
    if (p === batches.length) open();
    place(p, op);
  }
  if (batches.length === 0 || !fits(batches.length - 1, last)) open();
  place(batches.length - 1, last);
  return batches;
}

export interface RunReport {
  syncs: number;
  batches: number;
  maxBatchBytes: number;
  cellsWritten: number;
  cancelled: boolean;
}

export interface RunOptions {
  signal?: CancelSignal;
  onProgress?: (batch: number, batches: number) => void;
  /** Queued instead of the remaining batches when a cancel is honoured (saves the ledger of what was done). */
  onCancel?: (context: Excel.RequestContext) => void;
}

/**
 * Runs the batches, one sync each. A cancel is honoured only once every non-value op has run (then only
 * derived values are missing below), and never before the first batch.
 */
export async function runBatches(context: Excel.RequestContext, sheet: Excel.Worksheet, batches: Op[][], options: RunOptions = {}): Promise<RunReport> {
  const report: RunReport = { syncs: 0, batches: batches.length, maxBatchBytes: 0, cellsWritten: 0, cancelled: false };
  // The last batch (it carries the ledger) always runs; before it, a cancel waits for the last batch with marks.
  let firstCancellable = 1;
  for (let i = 0; i < batches.length - 1; i++) if (batches[i].some((op) => !op.values)) firstCancellable = i + 1;
  const app = context.workbook.application;
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    const cancelNow = Boolean(options.signal?.aborted) && i >= firstCancellable && i < batches.length - 1;
    app.suspendApiCalculationUntilNextSync();
    app.suspendScreenUpdatingUntilNextSync();
    if (cancelNow) {
      report.cancelled = true;
      options.onCancel?.(context);
    } else {
      for (const op of batch) op.queue(context, sheet);
    }
    // One sync per planned batch: the batches are bounded by the plan, not by the data.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    report.syncs += 1;
    report.maxBatchBytes = Math.max(report.maxBatchBytes, batch.reduce((n, op) => n + op.bytes, 0));
    if (cancelNow) break;
    report.cellsWritten += batch.reduce((n, op) => n + (op.values ? op.cells : 0), 0);
    options.onProgress?.(i + 1, batches.length);
  }
  return report;
}
