/**
 * Coding a big sheet while it is still being read (issue 13): reading and coding each take about half of a
 * run, and on two cores they overlap. As rows stream in, the table is found in the first rows, and each block
 * of rows under it goes to a BlockCoder (another thread, in the command line) as soon as it is read.
 *
 * Blocks are cut before the whole sheet is known, so what they coded is checked once it is: the sheet must
 * give the same table and the same data rows, no merge range may cover a block, and no encounter or patient
 * on a date may span two blocks (tieKeys). A block that fails a check is coded again with the rest, in the
 * usual batches: the plan is the same either way.
 */
import { addClaimsCounts, claimsCounts, NO_CLAIMS_COUNTS, type ClaimsCounts } from '../claims/check';
import { tieKeys } from '../rules/batches';
import { encounterKey } from '../rules/line';
import { cellText, isBlank } from '../rules/values/cell';
import type { CellValue, InputRow } from '../rules/types';
import { dataRowTest } from '../sheet/headers';
import { planRows, type PlannedRows } from '../sheet/plan';
import { readRows } from '../sheet/rows';
import { HEADER_SCAN_ROWS } from '../sheet/tableScan';
import type { DetectedTable, Grid, GridWatcher } from '../sheet/types';
import type { ReadSettings, SheetInput } from '../inputs/types';
import { codedBatches, PLAN_BATCH_ROWS, readInput, type PipelineSettings } from './codeGrid';
import { addResultCounts, NO_RESULT_COUNTS, resultCounts, type ResultCounts } from './summary';
import type { Tables } from './tables';

/** Rows per block: small enough that the last block (coded after the read) is short, large enough to be cheap to send. */
export const BLOCK_ROWS = 8192;

/** What coding one block gives: plain data, since it crosses threads. */
export interface CodedBlock {
  /** One part per batch the block was coded in (planSheetInput's small batches). */
  planned: PlannedRows[];
  counts: ResultCounts;
  claims: ClaimsCounts;
  /** The block's tieKeys: a key in two blocks means they were not independent. */
  keys: string[];
}

/** What reading and planning a block needs of the table. */
export type BlockTable = Pick<DetectedTable, 'headerRow' | 'mapping' | 'headers' | 'unitColumns' | 'headerUnits' | 'volumeColumn' | 'companions'>;

/** One block as sent: its sheet cells from `firstRow` on and its data rows (plain data, cheap to copy across threads). */
export interface BlockCells {
  id: number;
  table: BlockTable;
  firstRow: number;
  cells: (CellValue[] | undefined)[];
  dataRows: number[];
}

/** Codes and plans one block of rows (the job a BlockCoder runs, on whatever thread). */
export function codeBlock(rows: InputRow[], table: Pick<DetectedTable, 'headerRow' | 'mapping'>, settings: PipelineSettings, tables: Tables): CodedBlock {
  const planned: PlannedRows[] = [];
  let counts = NO_RESULT_COUNTS;
  let claims = NO_CLAIMS_COUNTS;
  // In the small batches planSheetInput codes in, for the same reason (their results die young).
  for (const { rows: batchRows, result } of codedBatches(rows, settings, tables, PLAN_BATCH_ROWS)) {
    planned.push(planRows(table, batchRows, result));
    counts = addResultCounts(counts, resultCounts(result));
    claims = addClaimsCounts(claims, claimsCounts(result, tables.claims ?? {}));
  }
  return { planned, counts, claims, keys: [...tieKeys(rows)] };
}

/** The same from a block's cells. */
export function codeBlockCells(block: BlockCells, settings: PipelineSettings, tables: Tables): CodedBlock {
  const rows = readRows({ values: block.cells as CellValue[][], firstRow: block.firstRow, firstColumn: 1 }, { ...(block.table as DetectedTable), dataRows: block.dataRows });
  return codeBlock(rows, block.table, settings, tables);
}

export interface BlockCoder {
  /** Resolves to the coded block, or rejects (the block is then coded again with the rest). */
  code(block: BlockCells): Promise<CodedBlock>;
  /** Takes a block back to code it here: true when the coder had not begun it (it then skips it). */
  takeBack(id: number): boolean;
}

/** The blocks that stand, and the rows still to code (in sheet order). */
export interface ReadAheadResult {
  blocks: CodedBlock[];
  rows: InputRow[];
}

interface Block {
  id: number;
  /** Sheet rows the block spans, first and last. */
  first: number;
  last: number;
  /** Its data rows. */
  rows: number[];
  coded: Promise<CodedBlock | null>;
  /** Set when its result arrives. */
  done: CodedBlock | null | undefined;
}

/** A grid's first rows as a Grid (rows never read are empty). */
const gridOf = (values: readonly (CellValue[] | undefined)[], count: number): Grid => {
  const rows: CellValue[][] = new Array(count);
  for (let i = 0; i < count; i++) rows[i] = values[i] ?? [];
  return { values: rows, firstRow: 1, firstColumn: 1 };
};

/** Watches a sheet being read (readSheetGrid) and sends each block of rows to the coder as soon as it is read. */
export class ReadAhead implements GridWatcher {
  private table: DetectedTable | null = null;
  private isData: ((cells: CellValue[]) => boolean) | null = null;
  private off = false;
  /** Grid index of the first row not yet in a block. */
  private next = 0;
  private readonly blocks: Block[] = [];
  private merges: readonly string[] = [];

  /**
   * `codeHere` codes a block on this thread: once the sheet is read, this thread codes the blocks the coder has
   * not reached yet, from the last one back, instead of waiting.
   */
  constructor(
    private readonly settings: ReadSettings,
    private readonly coder: BlockCoder,
    private readonly codeHere: (block: BlockCells) => CodedBlock,
    private readonly blockRows = BLOCK_ROWS,
  ) {}

  /** Whether any block went to the coder (its block ids are taken). */
  get sentBlocks(): boolean {
    return this.blocks.length > 0;
  }

  rows(values: readonly (CellValue[] | undefined)[], complete: number): void {
    if (this.off) return;
    if (complete < 0) {
      this.off = true; // rows came out of order: nothing is final before the end
      return;
    }
    if (!this.table) {
      // The header is looked for in the first HEADER_SCAN_ROWS rows: once they are read, the table is known.
      if (complete <= HEADER_SCAN_ROWS) return;
      this.start(values, complete);
      if (!this.table) {
        this.off = true;
        return;
      }
    }
    while (complete - this.next >= this.blockRows) this.send(values, this.next, this.next + this.blockRows);
  }

  merged(refs: readonly string[]): void {
    this.merges = refs;
  }

  private start(values: readonly (CellValue[] | undefined)[], complete: number): void {
    let input: SheetInput | null = null;
    try {
      input = readInput(gridOf(values, complete), this.settings);
    } catch {
      return; // a --map the first rows cannot satisfy: the usual read says why
    }
    if (!input || input.adapter !== 'sheet' || input.source) return;
    const table = input.table;
    this.table = table;
    this.isData = dataRowTest(1, table.mapping, table.headers, table.unitColumns, table.volumeColumn, table.companions);
    this.next = table.headerRow; // sheet row headerRow + 1
  }

  private send(values: readonly (CellValue[] | undefined)[], from: number, upTo: number): void {
    const table = this.table as DetectedTable;
    const isData = this.isData as (cells: CellValue[]) => boolean;
    const dataRows: number[] = [];
    for (let i = from; i < upTo; i++) {
      const cells = values[i];
      if (cells && cells.length > 0 && isData(cells)) dataRows.push(i + 1);
    }
    let to = upTo;
    // Cut between two rows of different encounters and patients: the related rows at the end wait for the
    // next block (rows of one encounter cut apart would send both blocks back to be coded again).
    const grid = { values: values as CellValue[][], firstRow: 1, firstColumn: 1 };
    const rowAt = (k: number) => readRows(grid, { ...table, dataRows: [dataRows[k]] })[0];
    let cut = dataRows.length - 1;
    let after = cut >= 0 ? rowAt(cut) : null;
    while (cut > 0 && after) {
      const before = rowAt(cut - 1);
      if (!related(before, after)) break;
      after = before;
      cut--;
    }
    if (cut > 0) {
      to = dataRows[cut] - 1;
      dataRows.length = cut;
    }
    this.next = to;
    const block: Block = { id: this.blocks.length, first: from + 1, last: to, rows: dataRows, coded: Promise.resolve(null), done: undefined };
    if (dataRows.length > 0) {
      const firstRow = dataRows[0];
      const cells = values.slice(firstRow - 1, dataRows[dataRows.length - 1]);
      const blockTable: BlockTable = {
        headerRow: table.headerRow, mapping: table.mapping, headers: table.headers, unitColumns: table.unitColumns, headerUnits: table.headerUnits, volumeColumn: table.volumeColumn,
        companions: table.companions,
      };
      block.coded = this.coder.code({ id: block.id, table: blockTable, firstRow, cells, dataRows }).then(
        (coded) => (block.done ??= coded),
        () => (block.done ??= null),
      );
    } else block.done = null;
    this.blocks.push(block);
  }

  /** The blocks the coder has not returned, coded here from the last one back (the coder works from the first). */
  private codeRemaining(values: readonly (CellValue[] | undefined)[]): void {
    const table = this.table as DetectedTable;
    for (let b = this.blocks.length - 1; b >= 0; b--) {
      const block = this.blocks[b];
      if (block.done !== undefined) continue;
      // The coder works from the first block: once it has begun one, it has begun every one before.
      if (!this.coder.takeBack(block.id)) break;
      try {
        const firstRow = block.rows[0];
        block.done = this.codeHere({ id: block.id, table, firstRow, cells: values.slice(firstRow - 1, block.rows[block.rows.length - 1]), dataRows: block.rows });
      } catch {
        block.done = null;
      }
    }
  }

  /**
   * Once the sheet is read and its input found: the blocks that stand and the rows to code again, or null
   * when nothing was coded ahead or the sheet turned out to be read differently (another table, an action log).
   */
  async finish(input: SheetInput, grid: Grid): Promise<ReadAheadResult | null> {
    const blocks = this.blocks;
    const unusable = this.off || !this.table || input.adapter !== 'sheet' || input.source || grid.firstRow !== 1 || grid.firstColumn !== 1 || !sameTable(this.table, input.table);
    if (unusable || blocks.length === 0) {
      // What the coder returns is not needed: the blocks it has not begun are taken back, so it skips them.
      for (const block of blocks) if (block.done === undefined) this.coder.takeBack(block.id);
      return null;
    }
    // Blocks still queued are coded here, from the end, while the coder finishes from the front.
    this.codeRemaining(grid.values);
    await Promise.all(blocks.map((b) => b.coded));
    const coded = blocks.map((b) => b.done ?? null);
    const bad = new Set<number>();
    coded.forEach((c, b) => {
      if (!c && blocks[b].rows.length > 0) bad.add(b);
    });

    // Each block's rows must be the sheet's data rows in its span.
    const final = input.table.dataRows;
    let p = 0;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      while (p < final.length && final[p] < block.first) p++;
      let k = 0;
      while (p < final.length && final[p] <= block.last) {
        if (block.rows[k] !== final[p]) bad.add(b);
        k++;
        p++;
      }
      if (k !== block.rows.length) bad.add(b);
    }
    const before = final.filter((r) => r < blocks[0].first);
    const after = final.slice(p);

    // A merge range sets cells after they were read: a block it touches read them too early.
    for (const ref of this.merges) {
      const span = rowSpan(ref);
      if (!span) continue;
      blocks.forEach((block, b) => {
        if (span[0] <= block.last && span[1] >= block.first) bad.add(b);
      });
    }

    // Ties: a block stands only when none of its keys (a visit, a patient on a date) appears anywhere else,
    // in another block or in the rows coded here; the others are coded here as well.
    const restRows = (): number[] => {
      const out = before.slice();
      blocks.forEach((block, b) => {
        if (bad.has(b)) for (const r of block.rows) out.push(r);
      });
      for (const r of after) out.push(r);
      return out;
    };
    const HERE = -1;
    const SEVERAL = -2;
    const owner = new Map<string, number>();
    const own = (key: string, id: number) => {
      const o = owner.get(key);
      owner.set(key, o === undefined || o === id ? id : SEVERAL);
    };
    for (const key of tieKeys(readRows(grid, { ...input.table, dataRows: restRows() }))) own(key, HERE);
    coded.forEach((c, b) => {
      if (c && !bad.has(b)) for (const key of c.keys) own(key, b);
    });
    const kept: CodedBlock[] = [];
    coded.forEach((c, b) => {
      if (!c || bad.has(b)) return;
      if (c.keys.every((key) => owner.get(key) === b)) kept.push(c);
      else bad.add(b);
    });
    const rows = restRows().sort((a, b) => a - b);
    return { blocks: kept, rows: readRows(grid, { ...input.table, dataRows: rows }) };
  }
}

/** Two rows of one encounter or one patient. */
function related(a: InputRow, b: InputRow): boolean {
  if (encounterKey(a.values) === encounterKey(b.values)) return true;
  const pa = a.values.patient;
  const pb = b.values.patient;
  return !isBlank(pa) && !isBlank(pb) && cellText(pa).toLowerCase() === cellText(pb).toLowerCase();
}

/** The same header, mapping and units: the rows read the same. */
function sameTable(a: DetectedTable, b: DetectedTable): boolean {
  const shape = (t: DetectedTable) =>
    JSON.stringify([
      t.headerRow,
      t.mapping,
      t.unitColumns ?? null,
      t.headerUnits ?? null,
      t.volumeColumn ?? null,
      t.companions ?? null,
      Object.values(t.mapping).map((c) => (c ? (t.headers.get(c) ?? null) : null)),
    ]);
  return shape(a) === shape(b);
}

/** `B12:D40` -> [12, 40]; a single cell's row twice; null for anything else. */
function rowSpan(ref: string): [number, number] | null {
  const rows = ref.split(':').map((part) => Number(/\d+$/.exec(part.replace(/\$/g, ''))?.[0] ?? NaN));
  if (rows.some((r) => !Number.isInteger(r))) return null;
  return [Math.min(...rows), Math.max(...rows)];
}
