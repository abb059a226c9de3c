/**
 * The coding thread of `infusion-coder code` (src/pipeline/readAhead): codes and plans each block of rows the
 * reading thread sends, with the same tables the command loaded (read again here from the same files).
 * Entry point of a worker thread: started by blockWorker.ts from the compiled dist/cli/codingWorker.js.
 */
import { parentPort, workerData } from 'worker_threads';
import type { Tables } from '../pipeline';
import { unpackCells, type PackedCells } from '../pipeline/packedCells';
import { codeBlockCells, type BlockCells } from '../pipeline/readAhead';
import type { CodingOptionsInput } from '../rules/options';
import { loadUserTables } from './input';

export interface CodingWorkerData {
  options: CodingOptionsInput | undefined;
  /** The command's table arguments (the same files, read again: the reading thread warned about them already). */
  tableArgs: Parameters<typeof loadUserTables>[0];
  /** One slot per block id: 0 waiting, 1 begun here, 2 taken back by the reading thread. */
  status: SharedArrayBuffer;
}

/** A block as sent: its cells packed (packedCells.ts). */
export type PackedBlock = Omit<BlockCells, 'cells'> & { packed: PackedCells };

const BEGUN = 1;

const data = workerData as CodingWorkerData;
const tables = loadUserTables(data.tableArgs, { stderr: () => undefined });
const status = new Int32Array(data.status);
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (block: PackedBlock) => {
  // One block at a time, in the order sent; a block taken back is skipped.
  // Every block gets an answer, even when the tables fail to load here (the reading thread then codes it).
  queue = queue.then(async () => {
    const fail = (err: unknown) => parentPort?.postMessage({ id: block.id, error: String((err as Error)?.message ?? err) });
    let loaded: Tables;
    try {
      loaded = await tables;
    } catch (err) {
      fail(err);
      return;
    }
    // Begun only now, so the reading thread can take the block back while the tables load.
    if (block.id < status.length && Atomics.compareExchange(status, block.id, 0, BEGUN) !== 0) {
      parentPort?.postMessage({ id: block.id, error: 'taken back' });
      return;
    }
    try {
      const { packed, ...rest } = block;
      parentPort?.postMessage({ id: block.id, block: codeBlockCells({ ...rest, cells: unpackCells(packed) }, { options: data.options }, loaded) });
    } catch (err) {
      fail(err);
    }
  });
});
