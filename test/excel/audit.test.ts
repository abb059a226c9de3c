/**
 * A hostile audit of "our marks are ours alone" (issue 13) on the fake Excel: what a coder does to a coded sheet
 * between runs (sorts with and without our columns, filters, inserted and deleted rows and columns left of and
 * among ours, renamed headers, our block moved, typing into our cells, fills, font colours and the "Bad" style
 * on and beside our cells, their own notes and rules, a table over the data, merged header cells, a second
 * coded sheet, long text, a cancel), then a re-run and Clear results. Each scenario checks: no user value,
 * note, fill, font or rule changes; the highlights sit on the run's problems; a further run changes nothing;
 * the re-run's results are what a fresh run on the same data gives; after Clear nothing of ours is left.
 */
import { hostFrom, type ExcelHost } from '../../src/excel/host';
import { fillColor } from '../../src/excel/reconcile';
import { clearSheet, codeSheet, codeSheetSafely, updateSettings, type CodeSheetResult } from '../../src/excel/run';
import { syncBound } from './bounds';
import { parseSettings, SETTINGS_KEY } from '../../src/runtime/settings';
import { DERIVED_HEADERS, FLAGS_HEADER, isOurRule, NOTE_PREFIX } from '../../src/sheet';
import { isStatusRule } from '../../src/sheet/marks';
import {
  createFakeExcel,
  deleteColumns,
  deleteRows,
  FakeWorkbook,
  filterRows,
  insertColumns,
  insertRows,
  ruleHolds,
  sortRows,
  summarizeStats,
  type FakeSheet,
  type FakeValue,
} from '../fake-excel';
import { mapReferences } from '../fake-excel/formula';
import { cellKey } from '../fake-excel/model';
import { HEADERS, infusionSheet } from './sheetData';
import { columnOf, headerRow } from './harness';

jest.setTimeout(120_000);

const ROWS = 45;
const TITLE_ROWS = 1;
const OUR_HEADERS = [...DERIVED_HEADERS, FLAGS_HEADER];
const USER_GREEN = { color: '#E2EFDA', pattern: 'Solid' };
/** Excel's "Bad" style: light red fill (our error colour) and dark red font. */
const BAD_FILL = { color: '#FFC7CE', pattern: 'Solid' };
const BAD_FONT = { fontColor: '#9C0006' };
const USER_FONT = { fontColor: '#0070C0', bold: true };

function setup(values: (FakeValue | null)[][] = infusionSheet(ROWS, TITLE_ROWS), name = 'Infusions', model = new FakeWorkbook({ apiVersion: 18 })) {
  const sheet = model.addSheet(name, values);
  const host: ExcelHost = hostFrom(createFakeExcel(model).run as never, model.apiVersion);
  return { model, sheet, host };
}

/* ------------------------------------------------------------------ finding cells by what they hold */


const lastColumn = (sheet: FakeSheet) => sheet.usedRect(false)?.right ?? 1;
const lastRow = (sheet: FakeSheet) => sheet.usedRect(true)?.bottom ?? 1;

function rowOf(sheet: FakeSheet, encounter: string, drug: string): number {
  const e = columnOf(sheet, 'Encounter');
  const d = columnOf(sheet, 'Drug');
  for (let r = headerRow(sheet) + 1; r <= lastRow(sheet); r++) if (sheet.get(r, e) === encounter && sheet.get(r, d) === drug) return r;
  throw new Error(`no row ${encounter} ${drug}`);
}

/** Columns holding one of our headers now. */
function ourColumns(sheet: FakeSheet): Set<number> {
  const h = headerRow(sheet);
  const out = new Set<number>();
  for (let c = 1; c <= lastColumn(sheet) + 5; c++) if (OUR_HEADERS.includes(String(sheet.get(h, c)))) out.add(c);
  return out;
}

/* ------------------------------------------------------------------ the user's marks, by content */

interface Anchor {
  encounter: string;
  drug: string;
  /** A user header, or one of ours. */
  header: string;
}
const cellOf = (sheet: FakeSheet, a: Anchor) => ({ row: rowOf(sheet, a.encounter, a.drug), column: columnOf(sheet, a.header) });

const USER_NOTES: (Anchor & { text: string })[] = [
  { encounter: 'E100000', drug: 'ondansetron', header: 'Dx', text: 'check with Dr. Ruiz' },
  // A note on a cell of ours that had none.
  { encounter: 'E100004', drug: 'Normal saline', header: 'IC Status', text: 'looked at this one' },
  { encounter: 'E100005', drug: 'ceftriaxone', header: 'IC Explanation', text: 'appeal letter sent' },
];
const USER_FILLS: (Anchor & { fill: typeof USER_GREEN })[] = [
  { encounter: 'E100008', drug: 'ceftriaxone', header: 'Stop', fill: USER_GREEN },
  { encounter: 'E100002', drug: 'ondansetron', header: 'Payer', fill: BAD_FILL },
  { encounter: 'E100004', drug: 'ceftriaxone', header: 'IC Findings', fill: USER_GREEN },
  { encounter: 'E100001', drug: 'ceftriaxone', header: 'IC CPT', fill: BAD_FILL },
];
const USER_FONTS: (Anchor & { font: Record<string, unknown> })[] = [
  { encounter: 'E100001', drug: 'ceftriaxone', header: 'IC CPT', font: BAD_FONT },
  { encounter: 'E100003', drug: 'Normal saline', header: 'IC Minutes', font: USER_FONT },
  { encounter: 'E100003', drug: 'Normal saline', header: 'Drug', font: USER_FONT },
];
const USER_RULES = ['user-rule-dose', 'user-rule-ic'];

function addUserMarks(sheet: FakeSheet): void {
  for (const n of USER_NOTES) {
    const { row, column } = cellOf(sheet, n);
    sheet.setNote(row, column, { content: n.text, author: 'Ann' });
  }
  for (const f of USER_FILLS) {
    const { row, column } = cellOf(sheet, f);
    sheet.setFill(row, column, f.fill);
  }
  for (const f of USER_FONTS) {
    const { row, column } = cellOf(sheet, f);
    sheet.formats.set(cellKey(row, column), { ...f.font });
  }
  const top = headerRow(sheet) + 1;
  const bottom = lastRow(sheet);
  const dose = columnOf(sheet, 'Dose');
  const minutes = columnOf(sheet, 'IC Minutes');
  sheet.conditionalFormats.push(
    { id: USER_RULES[0], type: 'Custom', rects: [{ top, bottom, left: dose, right: dose }], formula: `=ISNUMBER(SEARCH("mg",G${top}))`, fill: '#00B050', stopIfTrue: false },
    // The user's own rule on one of our columns (IC Minutes over an hour, written as they would).
    { id: USER_RULES[1], type: 'CellValue', rects: [{ top, bottom, left: minutes, right: minutes }], formula: null, fill: '#FFEB9C', stopIfTrue: false },
  );
}

/** The user's marks where they are now (after the user's edit): fills, fonts, their notes and their rules. */
function userMarks(sheet: FakeSheet) {
  const notes = sheet.noteCells().filter(({ note }) => !note.content.startsWith(NOTE_PREFIX));
  return {
    fills: [...sheet.fills.entries()].sort(),
    fonts: [...sheet.formats.entries()].sort(),
    notes: notes.map(({ row, column, note }) => `${row}:${column} ${note.content}`).sort(),
    rules: sheet.conditionalFormats.filter((cf) => !isOurRule(cf.formula)),
  };
}

/* ------------------------------------------------------------------ our marks */

/** Cells our highlight rules colour now (status rules aside), with the colour. */
function ourHighlights(sheet: FakeSheet): Map<string, string> {
  const out = new Map<string, string>();
  for (const cf of sheet.conditionalFormats) {
    if (!isOurRule(cf.formula) || isStatusRule(cf.formula)) continue;
    for (const rect of cf.rects) {
      for (let r = rect.top; r <= rect.bottom; r++) {
        for (let c = rect.left; c <= rect.right; c++) if (!out.has(`${r}:${c}`) && ruleHolds(sheet, cf, r, c)) out.set(`${r}:${c}`, cf.fill!);
      }
    }
  }
  return out;
}

function expectHighlightsMatch(sheet: FakeSheet, result: CodeSheetResult): void {
  const errors = result.summary!.problems.filter((p) => p.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  expect(ourHighlights(sheet)).toEqual(new Map(errors.map((p) => [`${p.row}:${p.column}`, fillColor('error')])));
}

function expectNoMarksOfOurs(sheet: FakeSheet, model: FakeWorkbook): void {
  const h = headerRow(sheet);
  for (let c = 1; c <= lastColumn(sheet) + 10; c++) expect(String(sheet.get(h, c))).not.toMatch(/^IC /);
  expect(sheet.conditionalFormats.filter((cf) => isOurRule(cf.formula))).toEqual([]);
  expect(sheet.noteCells().filter(({ note }) => note.content.startsWith(NOTE_PREFIX))).toEqual([]);
  expect(parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id]).toBeUndefined();
}

/** The user's values: every cell outside our columns, as text. */
function userValues(sheet: FakeSheet, ours = ourColumns(sheet)): string[][] {
  const used = sheet.usedRect(true);
  if (!used) return [];
  const out: string[][] = [];
  for (let r = 1; r <= used.bottom; r++) {
    const line: string[] = [];
    for (let c = 1; c <= used.right; c++) line.push(ours.has(c) ? '' : String(sheet.get(r, c)));
    while (line.length && line[line.length - 1] === '') line.pop();
    out.push(line);
  }
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}

/** Our derived values per row, keyed by the row's encounter and drug: `key -> header -> value`. */
function derivedByRow(sheet: FakeSheet): Map<string, Record<string, string>> {
  const e = columnOf(sheet, 'Encounter');
  const d = columnOf(sheet, 'Drug');
  const cols = DERIVED_HEADERS.map((h) => [h, columnOf(sheet, h)] as const);
  const out = new Map<string, Record<string, string>>();
  for (let r = headerRow(sheet) + 1; r <= lastRow(sheet); r++) {
    if (sheet.get(r, e) === '' && sheet.get(r, d) === '') continue;
    out.set(`${sheet.get(r, e)}|${sheet.get(r, d)}`, Object.fromEntries(cols.map(([h, c]) => [h, String(sheet.get(r, c))])));
  }
  return out;
}

/** What a first run on the same user data (our columns left out) writes: the re-run must equal it. */
async function freshResults(sheet: FakeSheet): Promise<Map<string, Record<string, string>>> {
  const ours = ourColumns(sheet);
  const used = sheet.usedRect(true)!;
  const grid: (FakeValue | null)[][] = [];
  for (let r = 1; r <= used.bottom; r++) {
    const line: (FakeValue | null)[] = [];
    for (let c = 1; c <= used.right; c++) if (!ours.has(c)) line.push(sheet.get(r, c) === '' ? null : (sheet.get(r, c) as FakeValue));
    grid.push(line);
  }
  const fresh = setup(grid);
  await codeSheet(fresh.host);
  return derivedByRow(fresh.sheet);
}

/* ------------------------------------------------------------------ edits the fake has no verb for */

/** Excel's Cut + Insert Cut Cells of whole columns: `count` columns from `from` go before column `to`. */
function moveColumns(sheet: FakeSheet, from: number, count: number, to: number): void {
  insertColumns(sheet, to, count);
  const src = to <= from ? from + count : from;
  const map = (c: number) => (c >= src && c < src + count ? to + (c - src) : c);
  const bottom = lastRow(sheet) + 5;
  for (let r = 1; r <= bottom; r++) {
    for (let i = 0; i < count; i++) {
      sheet.set(r, to + i, sheet.get(r, src + i) === '' ? null : (sheet.get(r, src + i) as FakeValue));
      sheet.set(r, src + i, null);
    }
  }
  for (const m of [sheet.fills, sheet.notes, sheet.formats] as Map<number, unknown>[]) {
    for (const [k, v] of [...m.entries()]) {
      const r = Math.floor(k / 20000);
      const c = k % 20000;
      if (map(c) !== c) {
        m.delete(k);
        m.set(cellKey(r, map(c)), v);
      }
    }
  }
  sheet.notesChanged();
  // Rules on the cut cells go with them; references to the cut cells follow them.
  sheet.conditionalFormats = sheet.conditionalFormats.map((cf) => ({
    ...cf,
    rects: cf.rects.map((r) => (r.left >= src && r.right < src + count ? { ...r, left: map(r.left), right: map(r.right) } : r)),
    formula: cf.formula && mapReferences(cf.formula, (row, column) => ({ row, column: map(column) })),
  }));
  deleteColumns(sheet, src, count);
}

/* ------------------------------------------------------------------ the scenarios */

type Edit = (sheet: FakeSheet) => void;
const dataRect = (sheet: FakeSheet, right: number) => ({ top: headerRow(sheet) + 1, bottom: lastRow(sheet), left: 1, right });

const EDITS: [string, Edit][] = [
  ['sort the user columns only (our columns left out) by drug', (sheet) => sortRows(sheet, dataRect(sheet, HEADERS.length), columnOf(sheet, 'Drug'))],
  ['sort everything (our columns too) by Start, descending', (sheet) => sortRows(sheet, dataRect(sheet, lastColumn(sheet)), columnOf(sheet, 'Start'), true)],
  ['sort everything by IC Status', (sheet) => sortRows(sheet, dataRect(sheet, lastColumn(sheet)), columnOf(sheet, 'IC Status'))],
  [
    'filter to Medicare rows',
    (sheet) => {
      const payer = columnOf(sheet, 'Payer');
      filterRows(sheet, headerRow(sheet) + 1, lastRow(sheet), (r) => sheet.get(r, payer) === 'Medicare');
    },
  ],
  ['delete the title row above the header', (sheet) => deleteRows(sheet, 1, 1)],
  ['insert 3 rows above the header', (sheet) => insertRows(sheet, 1, 3)],
  ['insert a blank row right under the header', (sheet) => insertRows(sheet, headerRow(sheet) + 1, 1)],
  ['delete the first data row', (sheet) => deleteRows(sheet, headerRow(sheet) + 1, 1)],
  [
    'insert a column at A with its own header and values',
    (sheet) => {
      insertColumns(sheet, 1, 1);
      sheet.set(headerRow(sheet), 1, 'Row #');
      for (let r = headerRow(sheet) + 1; r <= lastRow(sheet); r++) sheet.set(r, 1, r);
    },
  ],
  ['delete the Payer column (left of our block)', (sheet) => deleteColumns(sheet, columnOf(sheet, 'Payer'), 1)],
  [
    'insert a column between IC HCPCS and IC NDC, with a header and values',
    (sheet) => {
      const at = columnOf(sheet, 'IC NDC');
      insertColumns(sheet, at, 1);
      sheet.set(headerRow(sheet), at, 'Reviewer');
      for (let r = headerRow(sheet) + 1; r <= lastRow(sheet); r++) sheet.set(r, at, 'JS');
    },
  ],
  ['insert an empty column between IC Findings and IC Explanation', (sheet) => insertColumns(sheet, columnOf(sheet, 'IC Explanation'), 1)],
  ['insert an empty column between the user data and our block', (sheet) => insertColumns(sheet, columnOf(sheet, 'IC CPT'), 1)],
  ['delete the IC Flags column', (sheet) => deleteColumns(sheet, columnOf(sheet, 'IC Flags'), 1)],
  ['delete the IC Minutes column', (sheet) => deleteColumns(sheet, columnOf(sheet, 'IC Minutes'), 1)],
  ['move our whole block 3 columns right (cut, insert)', (sheet) => moveColumns(sheet, columnOf(sheet, 'IC CPT'), OUR_HEADERS.length, columnOf(sheet, 'IC CPT') + OUR_HEADERS.length + 3)],
  ['move our whole block left of the user data (cut, insert at A)', (sheet) => moveColumns(sheet, columnOf(sheet, 'IC CPT'), OUR_HEADERS.length, 1)],
  ['move the Nurse column after our block (cut, insert)', (sheet) => moveColumns(sheet, columnOf(sheet, 'Nurse'), 1, columnOf(sheet, 'IC Flags') + 1)],
  ['rename the Nurse header', (sheet) => sheet.set(headerRow(sheet), columnOf(sheet, 'Nurse'), 'RN')],
  [
    'type into our cells (IC CPT and IC Flags of a row)',
    (sheet) => {
      const r = rowOf(sheet, 'E100006', 'ondansetron');
      sheet.set(r, columnOf(sheet, 'IC CPT'), '99999');
      sheet.set(r, columnOf(sheet, 'IC Flags'), 'E:drug');
    },
  ],
  [
    'append a new encounter below the table',
    (sheet) => {
      const r = lastRow(sheet) + 1;
      const line = ['E199999', 'MRN1', '2026-03-09', 'facility', 'Aetna', 'vancomycin', '1 g', null, 'IV infusion', 'therapeutic', '10:00', null, 'R arm', 'A41.9', 'Sepsis', 'RN Lee'];
      line.forEach((v, i) => sheet.set(r, columnOf(sheet, HEADERS[i]), v));
    },
  ],
];

describe('after a user edit, a re-run and Clear results keep every promise', () => {
  it.each(EDITS)('%s', async (_name, edit) => {
    const { model, sheet, host } = setup();
    const first = await codeSheet(host);
    expect(first.question).toBeNull();
    addUserMarks(sheet);
    edit(sheet);
    const valuesAfterEdit = userValues(sheet);
    const marksAfterEdit = userMarks(sheet);
    expect(marksAfterEdit.notes.length * marksAfterEdit.fills.length * marksAfterEdit.fonts.length).toBeGreaterThan(0);

    const second = await codeSheet(host);
    expect(second.question).toBeNull();
    expect(userMarks(sheet)).toEqual(marksAfterEdit);
    expect(userValues(sheet)).toEqual(valuesAfterEdit);
    expectHighlightsMatch(sheet, second);
    // The results are what a first run on the same data gives.
    expect(derivedByRow(sheet)).toEqual(await freshResults(sheet));
    // A further run changes nothing.
    const once = sheet.snapshot();
    const third = await codeSheet(host);
    expect(third.question).toBeNull();
    expect(sheet.snapshot()).toEqual(once);

    const cleared = await clearSheet(host);
    expect(cleared.question).toBeNull();
    expect(userMarks(sheet)).toEqual(marksAfterEdit);
    expectNoMarksOfOurs(sheet, model);
    expect(userValues(sheet)).toEqual(valuesAfterEdit);
  });
});

describe('a header of the user renamed so that no table is recognised any more', () => {
  const SMALL: (FakeValue | null)[][] = [
    ['Drug', 'Start', 'Stop', 'Route'],
    ['ceftriaxone', '08:00', '08:40', 'IV infusion'],
    ['ondansetron', '09:00', null, 'IV push'],
    ['vancomycin', '10:00', null, 'IV infusion'],
  ];

  it('a re-run says so and writes nothing; Clear results still removes our columns, rules and notes', async () => {
    const { model, sheet, host } = setup(SMALL, 'Small');
    await codeSheet(host);
    expect(sheet.get(1, 5)).toBe('IC CPT');
    sheet.set(1, 1, 'Item');
    sheet.set(1, 4, 'How');
    const user = sheet.getBlock({ top: 1, left: 1, bottom: 4, right: 4 });
    const before = sheet.snapshot();
    const run = await codeSheet(host);
    expect(run.noTable).toBe(true);
    expect(run.message).toMatch(/No header row found/);
    expect(sheet.snapshot()).toEqual(before);

    const cleared = await clearSheet(host);
    expect(cleared.question).toBeNull();
    expect(cleared.columnsCleared).toBe(OUR_HEADERS.length);
    expect(sheet.getBlock({ top: 1, left: 1, bottom: 4, right: 4 })).toEqual(user);
    for (let c = 5; c <= 5 + OUR_HEADERS.length; c++) for (let r = 1; r <= 4; r++) expect([r, c, sheet.get(r, c)]).toEqual([r, c, '']);
    expect(sheet.conditionalFormats).toEqual([]);
    expect(sheet.noteCells()).toEqual([]);
    expect(parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id]).toBeUndefined();
  });
});

describe('a saved column choice whose header the user renamed', () => {
  // Dutch headers: none of them is a built-in header (Spanish ones are), so only the saved choice reads the sheet.
  const DUTCH = ['Bezoek', 'Cliënt', 'Datum', 'Omgeving', 'Verzekeraar', 'Geneesmiddel', 'Dosering', 'Verspilling', 'Toediening', 'Doel', 'Aanvang', 'Einde', 'Plaats', 'Diagnose', 'Noodzaak', 'Verpleegkundige'];
  const MAP = { encounter: 'Bezoek', patient: 'Cliënt', date: 'Datum', drug: 'Geneesmiddel', dose: 'Dosering', route: 'Toediening', start: 'Aanvang', stop: 'Einde', site: 'Plaats', diagnosis: 'Diagnose' };

  it('the run names the missing header rather than only "no header row"; Clear results still removes everything of ours', async () => {
    const values = infusionSheet(30, 0);
    values[0] = DUTCH;
    const { model, sheet, host } = setup(values, 'Hoja');
    await updateSettings(host, (s) => {
      s.mappings = { Hoja: MAP };
    });
    expect((await codeSheet(host)).summary!.rows).toBe(30);
    sheet.set(1, 12, 'Einde (tijd)');
    const before = sheet.snapshot();
    const run = await codeSheet(host);
    expect(run.write).toBeNull();
    expect(run.message).toMatch(/stop \('Einde'\)/);
    expect(sheet.snapshot()).toEqual(before);
    const user = sheet.getBlock({ top: 1, left: 1, bottom: 31, right: 16 });
    const cleared = await clearSheet(host);
    expect(cleared.columnsCleared).toBe(OUR_HEADERS.length);
    expect(sheet.getBlock({ top: 1, left: 1, bottom: 31, right: 16 })).toEqual(user);
    expect(sheet.usedRect(true)!.right).toBe(16);
    expect(sheet.conditionalFormats).toEqual([]);
    expect(sheet.noteCells()).toEqual([]);
    expect(parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id]).toBeUndefined();
  });
});

describe('two coded sheets', () => {
  it('a run, an edit and Clear results on one leave the other, its notes, rules and ledger as they were', async () => {
    const model = new FakeWorkbook({ apiVersion: 18 });
    const a = setup(infusionSheet(ROWS, TITLE_ROWS), 'March', model);
    const b = setup(infusionSheet(ROWS, 0), 'April', model);
    model.activate('March');
    await codeSheet(a.host);
    model.activate('April');
    await codeSheet(b.host);
    const april = b.sheet.snapshot();
    const aprilLedger = parseSettings(model.setting(SETTINGS_KEY)).ledgers[b.sheet.id];
    // The same findings on both sheets: the same note texts, so the same fingerprints in both ledgers.
    model.activate('March');
    sortRows(a.sheet, dataRect(a.sheet, lastColumn(a.sheet)), columnOf(a.sheet, 'MRN'));
    a.sheet.name = 'March (final)';
    expect((await codeSheet(a.host)).question).toBeNull();
    const cleared = await clearSheet(a.host);
    expect(cleared.columnsCleared).toBe(OUR_HEADERS.length);
    expectNoMarksOfOurs(a.sheet, model);
    expect(b.sheet.snapshot()).toEqual(april);
    expect(parseSettings(model.setting(SETTINGS_KEY)).ledgers[b.sheet.id]).toEqual(aprilLedger);
    // Clear on the second sheet by name, while the first is active.
    await clearSheet(b.host, 'April');
    expectNoMarksOfOurs(b.sheet, model);
    expect(parseSettings(model.setting(SETTINGS_KEY)).ledgers).toEqual({});
  });
});

describe('a table (ListObject) over the data', () => {
  it('over the user columns and ours, sorted inside the table: re-run and Clear keep the table and the user marks', async () => {
    const { model, sheet, host } = setup();
    await codeSheet(host);
    const h = headerRow(sheet);
    const table = model.addTable(sheet, { top: h, left: 1, bottom: lastRow(sheet), right: lastColumn(sheet) }, 'Infusions');
    const rect = { ...table.rect };
    addUserMarks(sheet);
    sortRows(sheet, { ...rect, top: h + 1 }, columnOf(sheet, 'Payer'));
    const marks = userMarks(sheet);
    const values = userValues(sheet);
    const run = await codeSheet(host);
    expect(run.question).toBeNull();
    expectHighlightsMatch(sheet, run);
    expect(derivedByRow(sheet)).toEqual(await freshResults(sheet));
    expect(userMarks(sheet)).toEqual(marks);
    expect(table.rect).toEqual(rect);
    await clearSheet(host);
    expect(userMarks(sheet)).toEqual(marks);
    expect(userValues(sheet)).toEqual(values);
    expectNoMarksOfOurs(sheet, model);
    // Not modelled by the fake: Excel gives an emptied table header a default name (Column17), so after Clear
    // results the table would keep nine columns named Column17..Column25 (see the audit report).
    expect(model.tables).toHaveLength(1);
  });
});

describe('merged cells in the header', () => {
  it('group labels merged above the header and a header merged down two rows: coded, re-run the same, cleared', async () => {
    const values = infusionSheet(30, 1);
    values[0] = ['Visit', null, null, null, null, 'Medication', null, null, null, null, 'Times', null, null, null, null, null];
    values[1][0] = null; // Encounter is merged from row 1 down to row 2: Office.js gives '' below the top-left cell
    values[0][0] = 'Encounter';
    const { model, sheet, host } = setup(values);
    sheet.merges.push({ top: 1, bottom: 2, left: 1, right: 1 }, { top: 1, bottom: 1, left: 2, right: 5 }, { top: 1, bottom: 1, left: 6, right: 10 }, { top: 1, bottom: 1, left: 11, right: 12 });
    const before = sheet.snapshot();
    const first = await codeSheet(host);
    expect(first.summary!.rows).toBe(30);
    expect(sheet.get(2, 17)).toBe('IC CPT');
    expect(sheet.get(1, 17)).toBe('');
    expect(sheet.get(2, 1)).toBe(''); // the merged cell is read, never written
    const once = sheet.snapshot();
    await codeSheet(host);
    expect(sheet.snapshot()).toEqual(once);
    await clearSheet(host);
    expect(sheet.snapshot()).toEqual(before);
    expect(parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id]).toBeUndefined();
  });
});

describe('edited and replaced notes', () => {
  it("an edited note stays the user's after its finding is fixed, and after Clear results; a replaced one too", async () => {
    const { model, sheet, host } = setup();
    await codeSheet(host);
    const ours = sheet.noteCells().filter(({ note }) => note.content.startsWith(NOTE_PREFIX));
    const stop = columnOf(sheet, 'Stop');
    const onStop = ours.filter((n) => n.column === stop);
    expect(onStop.length).toBeGreaterThan(1);
    const [edited, replaced] = onStop;
    const editedText = `${edited.note.content}\nAnn: paper MAR says 10:40`;
    sheet.setNote(edited.row, edited.column, { content: editedText, author: 'Ann' });
    sheet.setNote(replaced.row, replaced.column, { content: 'see paper MAR', author: 'Ann' });
    // The user fixes the data: the findings go away.
    sheet.set(edited.row, stop, '10:40');
    sheet.set(replaced.row, stop, '10:45');
    const run = await codeSheet(host);
    expect(run.summary!.problems.some((p) => p.row === edited.row && p.column === stop)).toBe(false);
    expect(sheet.note(edited.row, stop)?.content).toBe(editedText);
    expect(sheet.note(replaced.row, stop)?.content).toBe('see paper MAR');
    // The user's own note on a cell where a later run wants one of ours: theirs stays, the finding is in IC Findings.
    sheet.set(replaced.row, stop, null);
    const again = await codeSheet(host);
    expect(again.write!.notesSkipped).toBeGreaterThan(0);
    expect(sheet.note(replaced.row, stop)?.content).toBe('see paper MAR');
    expect(String(sheet.get(replaced.row, columnOf(sheet, 'IC Findings')))).toMatch(/stop time/);
    await clearSheet(host);
    expect(sheet.note(edited.row, stop)?.content).toBe(editedText);
    expect(sheet.note(replaced.row, stop)?.content).toBe('see paper MAR');
    // The edited note starts like ours and is the user's: it is the only one left that does.
    expect(sheet.noteCells().filter(({ note }) => note.content.startsWith(NOTE_PREFIX)).map(({ note }) => note.content)).toEqual([editedText]);
    sheet.setNote(edited.row, stop, null);
    expectNoMarksOfOurs(sheet, model);
  });
});

describe('5,000+ rows', () => {
  it('batched syncs, none per row, every request and response under 4 MB; re-run identical; Clear restores', async () => {
    const rows = 6000;
    const { model, sheet, host } = setup(infusionSheet(rows, 0));
    const before = sheet.snapshot();
    model.resetStats();
    const first = await codeSheet(host);
    const stats = summarizeStats(model.stats);
    const cols = HEADERS.length;
    expect(first.write!.notesAdded).toBeGreaterThan(500);
    expect(stats.syncs).toBeLessThanOrEqual(syncBound((rows + 1) * cols, (rows + 1) * OUR_HEADERS.length));
    expect(stats.syncs).toBeLessThan(12);
    expect(stats.maxRequestBytes).toBeLessThan(4 * 1024 * 1024);
    expect(stats.maxResponseBytes).toBeLessThan(4 * 1024 * 1024);
    const once = sheet.snapshot();
    model.resetStats();
    await codeSheet(host);
    expect(summarizeStats(model.stats).syncs).toBeLessThanOrEqual(syncBound((rows + 1) * (cols + OUR_HEADERS.length), (rows + 1) * OUR_HEADERS.length));
    expect(sheet.snapshot()).toEqual(once);
    model.resetStats();
    await clearSheet(host);
    expect(summarizeStats(model.stats).syncs).toBeLessThan(8);
    expect(sheet.snapshot()).toEqual(before);
  });

  it('long free text in the rows (about 1.7 KB a row): no read nears the 5 MB response limit', async () => {
    const rows = 6000;
    const values = infusionSheet(rows, 0);
    const necessity = HEADERS.indexOf('Necessity');
    for (let r = 1; r <= rows; r++) values[r][necessity] = `${String(values[r][necessity])}; `.repeat(32);
    const { model, sheet, host } = setup(values);
    model.resetStats();
    const first = await codeSheet(host);
    expect(first.summary!.rows).toBe(rows);
    expect(summarizeStats(model.stats).maxResponseBytes).toBeLessThan(4 * 1024 * 1024);
    model.resetStats();
    await codeSheet(host);
    expect(summarizeStats(model.stats).maxResponseBytes).toBeLessThan(4 * 1024 * 1024);
    await clearSheet(host);
    expect(sheet.usedRect(true)!.right).toBe(HEADERS.length);
  });
});

describe('cancel in the middle of a re-run', () => {
  it('after a sort of the user columns only: marks in place, then a re-run equals a fresh run, and Clear restores', async () => {
    const rows = 15000;
    const { sheet, host } = setup(infusionSheet(rows, 0));
    const before = sheet.snapshot();
    await codeSheet(host);
    sortRows(sheet, { top: 2, bottom: rows + 1, left: 1, right: HEADERS.length }, columnOf(sheet, 'MRN'));
    const sorted = userValues(sheet);
    const controller = new AbortController();
    const result = await codeSheetSafely(host, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && /part 1 of/.test(p.message)) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.message).toMatch(/run again to finish/);
    expect(userValues(sheet)).toEqual(sorted);
    const run = await codeSheet(host);
    expect(run.cancelled).toBe(false);
    expect(userValues(sheet)).toEqual(sorted);
    expectHighlightsMatch(sheet, run);
    expect(derivedByRow(sheet)).toEqual(await freshResults(sheet));
    await clearSheet(host);
    const after = sheet.snapshot();
    // The user's sort stays; nothing else differs from the sheet before the first run.
    expect(after.conditionalFormats).toEqual(before.conditionalFormats);
    expect(after.notes).toEqual(before.notes);
    expect(after.fills).toEqual(before.fills);
    expect(sheet.usedRect(true)!.right).toBe(HEADERS.length);
  });
});
