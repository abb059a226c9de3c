/**
 * The sync and payload bounds of src/excel on a 100,000-row sheet: code, code again, clear. The tests run in
 * order on one sheet (each starts from the state the previous one left), so they stand alone in this suite.
 */
import { CHUNK_CELLS } from '../../src/excel/limits';
import { clearSheet, codeSheet } from '../../src/excel/run';
import { summarizeStats } from '../fake-excel';
import { BLOCK_WIDTH, syncBound } from './bounds';
import { FOUR_MB, firstDifference, setup, type Snapshot } from './harness';
import { HEADERS } from './sheetData';

describe('a 100,000-row sheet', () => {
  // Coding 100,000 rows twice through the whole pipeline takes a while under ts-jest.
  jest.setTimeout(300_000);
  const ROWS = 100_000;
  const { sheet, host, model } = setup(ROWS);
  const lastRow = ROWS + 1;
  let before: Snapshot;
  let afterFirst: Snapshot;
  const figures: Record<string, unknown> = {};

  beforeAll(() => {
    before = sheet.snapshot();
  });

  afterAll(() => {
    // The figures the closing note quotes.
    console.log(`fake Excel figures: ${JSON.stringify(figures)}`);
  });

  it(`is read and coded in at most 2 + ceil(read / ${CHUNK_CELLS}) + ceil(written / ${CHUNK_CELLS}) syncs, no request over 4 MB`, async () => {
    model.resetStats();
    const result = await codeSheet(host);
    const stats = summarizeStats(model.stats);
    const readCells = lastRow * HEADERS.length;
    const writtenCells = lastRow * BLOCK_WIDTH;
    const bound = syncBound(readCells, writtenCells);
    Object.assign(figures, {
      rows: ROWS,
      readCells,
      writtenCells,
      chunk: CHUNK_CELLS,
      bound,
      syncs: stats.syncs,
      maxRequestBytes: stats.maxRequestBytes,
      maxResponseBytes: stats.maxResponseBytes,
      totalRequestBytes: stats.totalRequestBytes,
      rules: result.write!.rulesAdded,
      notes: result.write!.notesAdded,
    });
    expect(result.summary!.rows).toBe(ROWS);
    expect(stats.syncs).toBe(result.syncs);
    expect(stats.syncs).toBeLessThanOrEqual(bound);
    expect(stats.maxRequestBytes).toBeLessThan(FOUR_MB);
    expect(stats.maxResponseBytes).toBeLessThan(FOUR_MB);
    // Every write batch suspended calculation and screen updating.
    expect(model.stats.calculationSuspended).toBe(result.write!.syncs);
    expect(model.stats.screenUpdatingSuspended).toBe(result.write!.syncs);
    expect(result.write!.rulesAdded).toBeGreaterThan(0);
    expect(result.write!.notesAdded).toBeGreaterThan(10_000);
    afterFirst = sheet.snapshot();
  });

  it('leaves the user columns identical', () => {
    const userOnly = { ...afterFirst, values: afterFirst.values.map((line) => line.slice(0, HEADERS.length)), fills: {}, notes: {}, conditionalFormats: [] };
    expect(firstDifference(userOnly, { ...before, fills: {}, notes: {} })).toBeNull();
    // Highlights are conditional formats: no cell's fill was set.
    expect(afterFirst.fills).toEqual({});
    expect(afterFirst.conditionalFormats.length).toBeGreaterThan(0);
  });

  it('a second run leaves the sheet as the first did, within the same bounds', async () => {
    model.resetStats();
    const result = await codeSheet(host);
    const stats = summarizeStats(model.stats);
    const bound = syncBound(lastRow * (HEADERS.length + BLOCK_WIDTH), lastRow * BLOCK_WIDTH);
    figures.secondRun = { syncs: stats.syncs, maxRequestBytes: stats.maxRequestBytes, maxResponseBytes: stats.maxResponseBytes };
    expect(result.write!.notesAdded).toBe(0);
    expect(stats.syncs).toBeLessThanOrEqual(bound);
    expect(stats.maxRequestBytes).toBeLessThan(FOUR_MB);
    expect(stats.maxResponseBytes).toBeLessThan(FOUR_MB);
    expect(firstDifference(sheet.snapshot(), afterFirst)).toBeNull();
  });

  it('Clear results restores the original', async () => {
    model.resetStats();
    await clearSheet(host);
    figures.clear = summarizeStats(model.stats);
    expect(summarizeStats(model.stats).maxRequestBytes).toBeLessThan(FOUR_MB);
    expect(firstDifference(sheet.snapshot(), before)).toBeNull();
  });
});
