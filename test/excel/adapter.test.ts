/**
 * src/excel against the fake Excel: what the add-in writes, that it touches nothing else, and that a re-run
 * and "Clear results" leave the sheet exactly as they should (the 100,000-row bounds: large-sheet.test.ts).
 */
import { BATCH_ROWS } from '../../src/pipeline';
import { DERIVED_HEADERS } from '../../src/sheet';
import { hostFrom } from '../../src/excel/host';
import { fillColor } from '../../src/excel/reconcile';
import { clearSheet, codeSheet, codeSheetSafely, inspectSheet, selectCell, updateSettings, type Progress } from '../../src/excel/run';
import { parseSettings, SETTINGS_KEY } from '../../src/runtime/settings';
import { createFakeExcel, FakeWorkbook, shownFill } from '../fake-excel';
import { col, setup, shownCells, userBlock } from './harness';
import { HEADERS } from './sheetData';

describe('code rows on a small sheet', () => {
  it('writes the derived columns right of the data, below title rows, and leaves user cells alone', async () => {
    const { sheet, host } = setup(30, 2);
    const before = userBlock(sheet, 40);
    const result = await codeSheet(host);
    expect(result.noTable).toBe(false);
    expect(result.summary!.rows).toBe(30);
    expect(result.summary!.encounters).toBe(10);
    const first = HEADERS.length + 1;
    expect(sheet.getBlock({ top: 3, left: first, bottom: 3, right: first + DERIVED_HEADERS.length - 1 })[0]).toEqual([...DERIVED_HEADERS]);
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
    expect(cleared.columnsCleared).toBe(DERIVED_HEADERS.length + 1); // the derived columns and IC Flags
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
    sheet.setBlock(1, first, [[...DERIVED_HEADERS], ['96365', 'J0696 x4', '', '', 40, 'OK', '', 'x']]);
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

  it.each([
    ['reading', (p: Progress) => p.phase === 'reading' && p.fraction > 0],
    ['coding (the pane gets a turn between the pure steps)', (p: Progress) => p.message.startsWith('Coding')],
    ['planning', (p: Progress) => p.message.startsWith('Planning')],
  ])('a cancel while %s leaves the sheet unchanged', async (_when, now) => {
    const { sheet, host } = setup(3000);
    const before = sheet.snapshot();
    const controller = new AbortController();
    const result = await codeSheetSafely(host, {
      signal: controller.signal,
      onProgress: (p) => {
        if (now(p)) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(sheet.snapshot()).toEqual(before);
  });

  it('a big sheet is coded in batches: progress moves between them, and a cancel after the first stops coding', async () => {
    const { sheet, host } = setup(BATCH_ROWS + 5000);
    const before = sheet.snapshot();
    const controller = new AbortController();
    const coding: string[] = [];
    const result = await codeSheetSafely(host, {
      signal: controller.signal,
      onProgress: (p) => {
        if (!p.message.startsWith('Coding rows:')) return;
        coding.push(p.message);
        controller.abort();
      },
    });
    // One batch (whole encounters, so up to BATCH_ROWS rows) was coded, then the cancel was heard.
    expect(coding).toHaveLength(1);
    const [, done, total] = /^Coding rows: ([\d,]+) of ([\d,]+)$/.exec(coding[0])!.map((n) => Number(n.replace(/,/g, '')));
    expect(total).toBe(BATCH_ROWS + 5000);
    expect(done).toBeGreaterThan(BATCH_ROWS / 2);
    expect(done).toBeLessThanOrEqual(BATCH_ROWS);
    expect(result.cancelled).toBe(true);
    expect(sheet.snapshot()).toEqual(before);
  });
});
