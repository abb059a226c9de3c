/**
 * What a coder does to a coded sheet between two runs, found by a hostile audit on the fake Excel, where the
 * add-in used to overwrite or delete the user's own content: a column of ours deleted (its neighbour was offered
 * as ours, and "Still Infusion Coder's" wrote over the Nurse column), a column inserted among ours and filled
 * without a header, a total typed under the table in one of our columns, and a user's conditional format that
 * has our formula's shape on a column of their own. And a mapping saved in the pane for headers the product
 * does not know: the row that names those headers is the header row, not a data row of text times.
 */
import { hostFrom } from '../../src/excel/host';
import { clearSheet, codeSheet, updateSettings } from '../../src/excel/run';
import { createFakeExcel, deleteColumns, FakeWorkbook, insertColumns, type FakeValue } from '../fake-excel';
import { infusionSheet } from './sheetData';

const ROWS = 30;
const LAST = ROWS + 1;
/** infusionSheet's user columns are A..P (Nurse in P); the first run writes IC CPT in Q .. IC Flags in Y. */
const NURSE = 16;
const IC_CPT = 17;

function setup(values: FakeValue[][] = infusionSheet(ROWS, 0) as FakeValue[][]) {
  const model = new FakeWorkbook({ apiVersion: 18 });
  const sheet = model.addSheet('Infusions', values);
  const host = hostFrom(createFakeExcel(model).run as never, 18);
  return { model, sheet, host };
}
const columnValues = (sheet: ReturnType<typeof setup>['sheet'], column: number) => sheet.getBlock({ top: 1, left: column, bottom: LAST, right: column });

it('a deleted column of ours: its neighbour, the Nurse column, is never offered as ours and never written over', async () => {
  const { sheet, host } = setup();
  await codeSheet(host);
  expect(sheet.get(1, IC_CPT)).toBe('IC CPT');
  deleteColumns(sheet, IC_CPT, 1);
  const nurse = columnValues(sheet, NURSE);
  const run = await codeSheet(host);
  expect(run.question).toBeNull();
  expect(columnValues(sheet, NURSE)).toEqual(nurse);
  const clear = await clearSheet(host);
  expect(clear.question).toBeNull();
  expect(columnValues(sheet, NURSE)).toEqual(nurse);
});

it('a column inserted among ours and filled without a header keeps its values: the block moves after the data', async () => {
  const { sheet, host } = setup();
  await codeSheet(host);
  sheet.set(1, 26, 'Reviewer');
  for (let r = 2; r <= LAST; r++) sheet.set(r, 26, 'JS');
  await codeSheet(host);
  insertColumns(sheet, IC_CPT + 1, 1);
  for (let r = 2; r <= LAST; r++) sheet.set(r, IC_CPT + 1, 'checked');
  const run = await codeSheet(host);
  expect(run.question).toBeNull();
  let kept = 0;
  for (let r = 2; r <= LAST; r++) for (let c = 1; c <= 50; c++) if (sheet.get(r, c) === 'checked') kept++;
  expect(kept).toBe(ROWS);
  expect(sheet.get(2, 27)).toBe('JS'); // Reviewer, moved right by the inserted column, untouched
});

it('a total typed under the table, after a blank row, in one of our columns survives a re-run and Clear results', async () => {
  const { sheet, host } = setup();
  await codeSheet(host);
  sheet.set(LAST + 2, 20, 'Total minutes');
  sheet.set(LAST + 2, 21, 1234);
  const again = await codeSheet(host);
  expect(again.question).toBeNull();
  expect([sheet.get(LAST + 2, 20), sheet.get(LAST + 2, 21)]).toEqual(['Total minutes', 1234]);
  expect(sheet.get(2, IC_CPT)).not.toBe('');
  // Clear results empties our columns down to the table, and the total stays there too.
  const clear = await clearSheet(host);
  expect(clear.question).toBeNull();
  expect([sheet.get(LAST + 2, 20), sheet.get(LAST + 2, 21)]).toEqual(['Total minutes', 1234]);
  for (let r = 1; r <= LAST; r++) for (let c = IC_CPT; c < 26; c++) expect([r, c, sheet.get(r, c)]).toEqual([r, c, '']);
});

it("a user's rule shaped like ours on their own column stays, through Code rows and Clear results", async () => {
  const values = infusionSheet(ROWS, 0).map((line, i) => [...line, i === 0 ? 'Claim status' : i % 2 ? 'Error' : 'Paid']) as FakeValue[][];
  const { sheet, host } = setup(values);
  const rule = { id: 'user-rule', type: 'Custom', rects: [{ top: 2, bottom: LAST, left: 17, right: 17 }], formula: '=EXACT($Q2,"Error")', fill: '#FF0000', stopIfTrue: false };
  sheet.conditionalFormats.push(rule);
  await clearSheet(host); // never coded
  expect(sheet.conditionalFormats.map((c) => c.id)).toContain('user-rule');
  await codeSheet(host);
  expect(sheet.conditionalFormats.map((c) => c.id)).toContain('user-rule');
  expect(sheet.conditionalFormats.length).toBeGreaterThan(1); // ours were added beside it
  await codeSheet(host);
  await clearSheet(host);
  expect(sheet.conditionalFormats.map((c) => c.id)).toEqual(['user-rule']);
});

it.each(['CellValue', 'ColorScale', 'DataBar'])("a user's %s rule (not a formula rule) stays, through Code rows and Clear results", async (type) => {
  const { sheet, host } = setup();
  sheet.conditionalFormats.push({ id: 'user-scale', type, rects: [{ top: 2, bottom: LAST, left: 11, right: 12 }], formula: null, fill: '#FFFF00', stopIfTrue: false });
  await codeSheet(host); // loading every rule's customOrNullObject/rule/formula failed on such a rule
  expect(sheet.conditionalFormats.map((c) => c.id)).toContain('user-scale');
  await clearSheet(host);
  expect(sheet.conditionalFormats.map((c) => c.id)).toEqual(['user-scale']);
});

it('a saved mapping of unknown headers finds their row as the header, even when the data holds text times', async () => {
  const values = infusionSheet(ROWS, 0) as FakeValue[][];
  values[0] = ['Visita', 'Paciente', 'Fecha', 'Ámbito', 'Aseguradora', 'Fármaco', 'Dosis', 'Desecho', 'Vía', 'Propósito', 'Inicio', 'Fin', 'Sitio', 'Diagnóstico', 'Necesidad', 'Enfermera'];
  const { sheet, host } = setup(values);
  await updateSettings(host, (s) => {
    s.mappings = { Infusions: { drug: 'Fármaco', start: 'Inicio', stop: 'Fin' } };
  });
  const run = await codeSheet(host);
  expect(sheet.get(1, IC_CPT)).toBe('IC CPT');
  expect(run.summary!.rows).toBe(ROWS);
});

describe('a sheet renamed after coding, with a mapping saved under its old name', () => {
  const SPANISH = ['Visita', 'Paciente', 'Fecha', 'Ámbito', 'Aseguradora', 'Fármaco', 'Dosis', 'Desecho', 'Vía', 'Propósito', 'Inicio', 'Fin', 'Sitio', 'Diagnóstico', 'Necesidad', 'Enfermera'];
  const MAP = { encounter: 'Visita', patient: 'Paciente', date: 'Fecha', drug: 'Fármaco', dose: 'Dosis', route: 'Vía', start: 'Inicio', stop: 'Fin', site: 'Sitio', diagnosis: 'Diagnóstico' };
  async function codedThenRenamed() {
    const values = infusionSheet(ROWS, 0) as FakeValue[][];
    values[0] = SPANISH;
    const env = setup(values);
    await updateSettings(env.host, (s) => {
      s.mappings = { Infusions: MAP };
    });
    await codeSheet(env.host);
    expect(env.sheet.get(1, IC_CPT)).toBe('IC CPT');
    env.sheet.name = 'Infusions revised';
    return env;
  }

  it('Clear results still finds and removes our columns', async () => {
    const { sheet, host } = await codedThenRenamed();
    const clear = await clearSheet(host);
    expect(clear.columnsCleared).toBe(9);
    expect(sheet.get(1, IC_CPT)).toBe('');
  });

  it('a re-run codes it as before, and the mapping goes with the new name', async () => {
    const { sheet, host } = await codedThenRenamed();
    const before = columnValues(sheet, IC_CPT);
    const again = await codeSheet(host);
    expect(again.question).toBeNull();
    expect(columnValues(sheet, IC_CPT)).toEqual(before);
    sheet.name = 'Infusions final';
    expect((await clearSheet(host)).columnsCleared).toBe(9);
  });
});

it("a copy of a coded sheet (Excel's Move or Copy: a new sheet id, no ledger): Clear results removes our notes and rules there too", async () => {
  const { model, sheet, host } = setup();
  await codeSheet(host);
  expect(sheet.noteCells().length).toBeGreaterThan(0);
  const copy = model.addSheet('Infusions (2)');
  sheet.values.forEach((line, r) => line?.forEach((value, c) => value !== undefined && copy.set(r + 1, c + 1, value)));
  for (const { row, column, note } of sheet.noteCells()) copy.setNote(row, column, { ...note });
  copy.conditionalFormats = sheet.conditionalFormats.map((cf) => ({ ...cf, id: `${cf.id}-copy`, rects: cf.rects.map((r) => ({ ...r })) }));
  model.activate('Infusions (2)');
  const clear = await clearSheet(host);
  expect(clear.notices.join(' ')).not.toMatch(/edited since/);
  expect(copy.noteCells()).toHaveLength(0);
  expect(copy.conditionalFormats).toHaveLength(0);
  expect(sheet.noteCells().length).toBeGreaterThan(0); // the original keeps its marks
});

it('merged Encounter, MRN and date cells code as the same rows filled in, as the command line reads them', async () => {
  const filled = setup(infusionSheet(9, 0) as FakeValue[][]);
  // Office.js gives '' below a merged area's top-left cell: rows 2-4, 5-7 and 8-10 share columns A-E.
  const blanked = (infusionSheet(9, 0) as FakeValue[][]).map((line, i) => (i > 0 && (i - 1) % 3 !== 0 ? line.map((v, j) => (j <= 4 ? '' : v)) : line));
  const merged = setup(blanked);
  for (const top of [2, 5, 8]) for (let c = 1; c <= 5; c++) merged.sheet.merges.push({ top, bottom: top + 2, left: c, right: c });
  const a = await codeSheet(filled.host);
  const b = await codeSheet(merged.host);
  expect(b.summary!.encounters).toBe(a.summary!.encounters);
  const block = (sheet: typeof filled.sheet) => sheet.getBlock({ top: 1, left: IC_CPT, bottom: 10, right: IC_CPT + 8 });
  expect(block(merged.sheet)).toEqual(block(filled.sheet));
  // The user's cells stay as they were: merged areas are read, never written.
  expect(merged.sheet.get(3, 1)).toBe('');
});
