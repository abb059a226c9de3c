/**
 * src/excel against the fake Excel: what the add-in writes, that it touches nothing else, that a re-run and
 * "Clear results" leave the sheet exactly as they should, and the sync / payload bounds on a 100,000-row sheet.
 */
import { DERIVED_HEADERS } from '../../src/sheet';
import { hostFrom, type ExcelHost } from '../../src/excel/host';
import { CHUNK_CELLS } from '../../src/excel/limits';
import { fillColor } from '../../src/excel/reconcile';
import { clearSheet, codeSheet, codeSheetSafely, inspectSheet, selectCell, updateSettings } from '../../src/excel/run';
import { parseSettings, SETTINGS_KEY } from '../../src/excel/settings';
import { createFakeExcel, FakeWorkbook, shownFill, summarizeStats, type FakeSheet } from '../fake-excel';
import { BLOCK_WIDTH, syncBound } from './bounds';
import { HEADERS, infusionSheet } from './sheetData';

const FOUR_MB = 4 * 1024 * 1024;

function setup(rows: number, titleRows = 0, apiVersion = 18) {
  const model = new FakeWorkbook({ apiVersion });
  const sheet = model.addSheet('Infusions', infusionSheet(rows, titleRows));
  const fake = createFakeExcel(model);
  const host: ExcelHost = hostFrom(fake.run as never, apiVersion);
  return { model, sheet, host };
}

/** The user's columns (1..16) of every row, as a plain grid. */
function userBlock(sheet: FakeSheet, lastRow: number) {
  return sheet.getBlock({ top: 1, left: 1, bottom: lastRow, right: HEADERS.length });
}

const col = (name: string) => HEADERS.indexOf(name) + 1;

type Snapshot = ReturnType<FakeSheet['snapshot']>;

/** `row:column` of every cell of the first `rows` rows that shows a highlight. */
function shownCells(sheet: FakeSheet, rows: number, columns = 30): Set<string> {
  const out = new Set<string>();
  // The IC Status cells carry their row's colour (test/excel/layout.test.ts); these are the highlights.
  const status = HEADERS.length + 1 + DERIVED_HEADERS.indexOf('IC Status');
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= columns; c++) if (c !== status && shownFill(sheet, r, c)) out.add(`${r}:${c}`);
  return out;
}

/** The first difference between two sheet snapshots, or null (jest's diff of 2 million cells would never end). */
function firstDifference(a: Snapshot, b: Snapshot): string | null {
  const rows = Math.max(a.values.length, b.values.length);
  for (let r = 0; r < rows; r++) {
    const la = a.values[r] ?? [];
    const lb = b.values[r] ?? [];
    const cols = Math.max(la.length, lb.length);
    for (let c = 0; c < cols; c++) {
      const va = la[c] ?? '';
      const vb = lb[c] ?? '';
      if (va !== vb) return `value at row ${r + 1}, column ${c + 1}: ${JSON.stringify(va)} vs ${JSON.stringify(vb)}`;
    }
  }
  if (JSON.stringify(a.conditionalFormats) !== JSON.stringify(b.conditionalFormats)) return 'conditional formats differ';
  for (const kind of ['fills', 'notes'] as const) {
    const ka = Object.keys(a[kind]).sort();
    const kb = Object.keys(b[kind]).sort();
    if (ka.length !== kb.length) return `${kind}: ${ka.length} vs ${kb.length}`;
    for (const k of ka) {
      if (JSON.stringify(a[kind][k]) !== JSON.stringify(b[kind][k])) return `${kind} at ${k}: ${JSON.stringify(a[kind][k])} vs ${JSON.stringify(b[kind][k] ?? null)}`;
    }
  }
  return null;
}

describe('code rows on a small sheet', () => {
  it('writes the derived columns right of the data, below title rows, and leaves user cells alone', async () => {
    const { sheet, host } = setup(30, 2);
    const before = userBlock(sheet, 40);
    const result = await codeSheet(host);
    expect(result.noTable).toBe(false);
    expect(result.summary!.rows).toBe(30);
    expect(result.summary!.encounters).toBe(10);
    const first = HEADERS.length + 1;
    expect(sheet.getBlock({ top: 3, left: first, bottom: 3, right: first + 6 })[0]).toEqual([...DERIVED_HEADERS]);
    // Row 4 is the first data row: normal saline hydration beside a therapeutic infusion.
    expect(sheet.get(4, first)).toBe('96361');
    expect(sheet.get(4, first + 1)).toBe('J7030');
    expect(sheet.get(5, first)).toBe('96365');
    expect(sheet.get(5, first + 1)).toBe('J0696 x4');
    expect(userBlock(sheet, 40)).toEqual(before);
  });

  it('highlights the cells behind error findings (conditional formats, no cell fill) and notes them', async () => {
    const { sheet, host } = setup(30, 2);
    const result = await codeSheet(host);
    const problems = result.summary!.problems.filter((p) => p.severity === 'error');
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(shownFill(sheet, p.row, p.column)?.color).toBe(fillColor('error'));
      expect(sheet.fill(p.row, p.column)).toBeUndefined();
      expect(sheet.note(p.row, p.column)?.content).toContain(p.message);
    }
    // Encounter 1 (rows 7-9 after 2 title rows + header) has no stop time on its infusion.
    const stop = problems.find((p) => p.id === 'missing-stop-time')!;
    expect(stop.column).toBe(col('Stop'));
    expect(stop.address).toBe(`L${stop.row}`);
    expect(sheet.get(stop.row, col('Stop'))).toBe('');
    expect(sheet.fillCells()).toHaveLength(0);
    expect(shownCells(sheet, 40)).toEqual(new Set(problems.map((p) => `${p.row}:${p.column}`)));
  });

  it('a second run leaves the sheet exactly as the first did', async () => {
    const { sheet, host, model } = setup(30, 2);
    await codeSheet(host);
    const once = sheet.snapshot();
    const ledger = parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id];
    await codeSheet(host);
    expect(sheet.snapshot()).toEqual(once);
    const again = parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id];
    expect({ ...again, at: '' }).toEqual({ ...ledger, at: '' });
  });

  it('after the user fixes a cell, re-running clears its highlight and note', async () => {
    const { sheet, host } = setup(30, 2);
    const first = await codeSheet(host);
    const stop = first.summary!.problems.find((p) => p.id === 'missing-stop-time')!;
    expect(shownFill(sheet, stop.row, stop.column)).toBeDefined();
    sheet.set(stop.row, stop.column, '10:45');
    const second = await codeSheet(host);
    expect(shownFill(sheet, stop.row, stop.column)).toBeUndefined();
    expect(sheet.note(stop.row, stop.column)).toBeUndefined();
    expect(second.summary!.problems.some((p) => p.row === stop.row && p.id === 'missing-stop-time')).toBe(false);
  });

  it('Clear results restores the original sheet: values, fills and notes', async () => {
    const { sheet, host, model } = setup(30, 2);
    // The user's own formatting and notes, including on cells the add-in will highlight.
    sheet.setFill(3, 1, { color: '#DDEBF7', pattern: 'Solid' });
    sheet.setFill(8, col('Stop'), { color: '#E2EFDA', pattern: 'Solid' });
    sheet.setNote(11, col('Dx'), { content: 'check with Dr. Ruiz', author: 'Ann' });
    sheet.setNote(4, 1, { content: 'first visit', author: 'Ann' });
    const before = sheet.snapshot();
    const result = await codeSheet(host);
    // The highlight shows over the user's fill, which stays the cell's own.
    expect(shownFill(sheet, 8, col('Stop'))?.color).toBe(fillColor('error'));
    expect(sheet.fill(8, col('Stop'))).toEqual({ color: '#E2EFDA', pattern: 'Solid' });
    // The user's note stays; the add-in does not add a second one there.
    expect(sheet.note(11, col('Dx'))?.content).toBe('check with Dr. Ruiz');
    expect(result.write!.notesSkipped).toBe(1);
    await codeSheet(host);
    const cleared = await clearSheet(host);
    expect(cleared.columnsCleared).toBe(8); // 7 derived columns and IC Flags
    expect(sheet.snapshot()).toEqual(before);
    expect(parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id]).toBeUndefined();
    // Clearing again finds nothing.
    expect((await clearSheet(host)).message).toMatch(/Nothing to clear/);
    expect(sheet.snapshot()).toEqual(before);
  });

  it('Clear results also removes derived columns another tool wrote (found by header), and nothing else', async () => {
    const { sheet, host } = setup(9);
    const before = sheet.snapshot();
    const first = HEADERS.length + 1;
    sheet.setBlock(1, first, [[...DERIVED_HEADERS], ['96365', 'J0696 x4', '', 40, 'OK', '', 'x']]);
    await clearSheet(host);
    expect(sheet.snapshot()).toEqual(before);
  });

  it('uses threaded comments where the host has no notes API (ExcelApi < 1.18)', async () => {
    const { sheet, host, model } = setup(30, 0, 12);
    const before = sheet.snapshot();
    const result = await codeSheet(host);
    const errors = result.summary!.problems.filter((p) => p.severity === 'error');
    expect(model.comments.length).toBe(new Set(errors.map((p) => `${p.row}:${p.column}`)).size);
    expect(sheet.noteCells()).toHaveLength(0);
    await codeSheet(host);
    expect(model.comments.length).toBe(new Set(errors.map((p) => `${p.row}:${p.column}`)).size);
    await clearSheet(host);
    expect(model.comments).toHaveLength(0);
    expect(sheet.snapshot()).toEqual(before);
  });

  it('remembers a corrected mapping per workbook and codes with it', async () => {
    const { sheet, host, model } = setup(9);
    // The user says the "Nurse" column is not the nurse, and the Dx column is not a diagnosis.
    await updateSettings(host, (s) => {
      s.mappings.Infusions = { diagnosis: null };
    });
    const inspection = await inspectSheet(host);
    expect(inspection.table!.mapping.diagnosis).toBeUndefined();
    expect(inspection.table!.mapping.drug).toBe(col('Drug'));
    const result = await codeSheet(host);
    expect(result.summary!.findings.some((f) => f.id === 'missing-diagnosis')).toBe(true);
    expect(parseSettings(model.setting(SETTINGS_KEY)).mappings.Infusions).toEqual({ diagnosis: null });
    void sheet;
  });

  it('selects a problem cell', async () => {
    const { host, model, sheet } = setup(9);
    model.addSheet('Other');
    model.activeSheetId = model.sheet('Other')!.id;
    await selectCell(host, 'Infusions', 8, 12);
    expect(model.activeSheetId).toBe(sheet.id);
    expect(model.selection).toEqual({ sheetId: sheet.id, rect: { top: 8, left: 12, bottom: 8, right: 12 } });
  });

  it('says so when the sheet has no header row, and writes nothing', async () => {
    const model = new FakeWorkbook();
    const sheet = model.addSheet('Notes', [['hello'], ['world']]);
    const before = sheet.snapshot();
    const host = hostFrom(createFakeExcel(model).run as never);
    const result = await codeSheet(host);
    expect(result.noTable).toBe(true);
    expect(result.message).toMatch(/No header row/);
    expect(sheet.snapshot()).toEqual(before);
    const empty = model.addSheet('Empty');
    model.activeSheetId = empty.id;
    expect((await codeSheet(host)).message).toMatch(/empty/);
  });

  it('a cancel while writing stops between value blocks, and Clear results still removes everything', async () => {
    const { sheet, host, model } = setup(21000);
    const before = sheet.snapshot();
    const controller = new AbortController();
    const result = await codeSheetSafely(host, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && /part 1 of/.test(p.message)) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.write!.cancelled).toBe(true);
    expect(result.message).toMatch(/Cancelled after writing/);
    // Some values are missing below, but every highlight and note is in place and in the ledger.
    const ledger = parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id];
    expect(ledger.rules).toBe(result.write!.rulesAdded);
    expect(sheet.conditionalFormats).toHaveLength(result.write!.rulesAdded);
    expect(sheet.get(21001, HEADERS.length + 1)).toBe('');
    await clearSheet(host);
    expect(sheet.snapshot()).toEqual(before);
  });

  it('a cancel while reading leaves the sheet unchanged', async () => {
    const { sheet, host } = setup(3000);
    const before = sheet.snapshot();
    const controller = new AbortController();
    const result = await codeSheetSafely(host, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' && p.fraction > 0) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(sheet.snapshot()).toEqual(before);
  });
});

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
