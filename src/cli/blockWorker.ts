/**
 * A BlockCoder on a worker thread (src/cli/codingWorker.ts), so a big sheet is coded while it is still being
 * read. Only where the compiled worker exists (dist/cli): under ts-jest, or with INFUSION_CODER_THREADS=1,
 * the command codes on its one thread as before, to the same bytes.
 */
import { existsSync } from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import type { BlockCells, BlockCoder, CodedBlock } from '../pipeline/readAhead';
import { packCells } from '../pipeline/packedCells';
import type { CodingWorkerData, PackedBlock } from './codingWorker';

/** Block ids the take-back slots cover (a million rows make about 130 blocks). */
const SLOTS = 1 << 16;
const TAKEN_BACK = 2; // codingWorker.ts: not imported, which would load the worker's code here

export interface BlockWorker extends BlockCoder {
  close(): Promise<void>;
}

export function startBlockWorker(data: Omit<CodingWorkerData, 'status'>): BlockWorker | null {
  const file = path.join(__dirname, 'codingWorker.js');
  if (process.env.INFUSION_CODER_THREADS === '1' || !existsSync(file)) return null;
  const status = new SharedArrayBuffer(SLOTS * 4);
  const slots = new Int32Array(status);
  let worker: Worker;
  try {
    worker = new Worker(file, { workerData: { ...data, status } });
  } catch {
    return null;
  }
  const waiting = new Map<number, { resolve: (b: CodedBlock) => void; reject: (e: Error) => void }>();
  let failed: Error | null = null;
  const failAll = (err: Error) => {
    failed ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (msg: { id: number; block?: CodedBlock; error?: string }) => {
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.block) w.resolve(msg.block);
    else w.reject(new Error(msg.error ?? 'the coding thread failed'));
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('the coding thread stopped')));
  return {
    code(block: BlockCells) {
      if (failed) return Promise.reject(failed);
      return new Promise<CodedBlock>((resolve, reject) => {
        waiting.set(block.id, { resolve, reject });
        try {
          const { cells, ...rest } = block;
          const packed = packCells(cells);
          const message: PackedBlock = { ...rest, packed };
          worker.postMessage(message, [packed.layout.buffer as ArrayBuffer]);
        } catch (err) {
          waiting.delete(block.id);
          reject(err as Error);
        }
      });
    },
    takeBack(id: number) {
      return id < SLOTS && Atomics.compareExchange(slots, id, 0, TAKEN_BACK) === 0;
    },
    async close() {
      await worker.terminate();
    },
  };
}
