/**
 * Our marks are ours alone (issue 13, item 2): after the user sorts, filters, inserts and deletes rows and
 * columns, renames a header, and puts notes and fills on our cells and beside them, a re-run and "Clear
 * results" change none of the user's notes, fills or values, the highlights are on the right cells, and after
 * Clear none of our marks remain. All on the fake Excel, whose sort / insert / delete move values, fills,
 * notes and conditional formats the way Excel does (test/fake-excel/edits.ts).
 */
import { hostFrom, type ExcelHost } from '../../src/excel/host';
import { fillColor } from '../../src/excel/reconcile';
import { clearSheet, codeSheet, type CodeSheetResult } from '../../src/excel/run';
import { parseSettings, SETTINGS_KEY } from '../../src/runtime/settings';
import { DERIVED_HEADERS, isOurRule, NOTE_PREFIX } from '../../src/sheet';
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
  shownFill,
  sortRows,
  type FakeSheet,
} from '../fake-excel';
import { infusionSheet } from './sheetData';
import { columnOf, headerRow } from './harness';

jest.setTimeout(60_000);

const ROWS = 60;
const TITLE_ROWS = 2;
const USER_GREEN = { color: '#E2EFDA', pattern: 'Solid' };
/** Excel's "Bad" cell style: the same colour as our error highlight, and still the user's. */
const USER_BAD = { color: '#FFC7CE', pattern: 'Solid' };
const USER_RULE_FORMULA = '=ISNUMBER(SEARCH("mg",G4))';

function setup(apiVersion = 18) {
  const model = new FakeWorkbook({ apiVersion });
  const sheet = model.addSheet('Infusions', infusionSheet(ROWS, TITLE_ROWS));
  const host: ExcelHost = hostFrom(createFakeExcel(model).run as never, apiVersion);
  return { model, sheet, host };
}

/* ------------------------------------------------------------------ finding cells by what they hold */


function lastColumn(sheet: FakeSheet): number {
  return sheet.usedRect(false)?.right ?? 1;
}

/** A data row by what it holds (encounter and drug are unique per row in the sample data). */
function rowOf(sheet: FakeSheet, encounter: string, drug: string): number {
  const e = columnOf(sheet, 'Encounter');
  const d = columnOf(sheet, 'Drug');
  const bottom = sheet.usedRect(true)!.bottom;
  for (let r = headerRow(sheet) + 1; r <= bottom; r++) if (sheet.get(r, e) === encounter && sheet.get(r, d) === drug) return r;
  throw new Error(`no row ${encounter} ${drug}`);
}

/** A user mark, anchored by row content and column header so it can be found after any edit. */
interface Anchor {
  encounter: string;
  drug: string;
  header: string;
}
/** Where our columns were, for marks the user put on them (after Clear their header is gone, the cells stay). */
let ourColumnsBeforeClear = new Map<string, number>();
const cellOf = (sheet: FakeSheet, a: Anchor) => ({
  row: rowOf(sheet, a.encounter, a.drug),
  column: ourColumnsBeforeClear.get(a.header) ?? columnOf(sheet, a.header),
});

/* ------------------------------------------------------------------ the user's own marks */

const USER_NOTES: (Anchor & { text: string })[] = [
  // On a cell the add-in also wants a note on (encounter 1's ceftriaxone has no stop time): the user's wins.
  { encounter: 'E100001', drug: 'ceftriaxone', header: 'Stop', text: 'Stop time is on the paper MAR' },
  // Beside our marks.
  { encounter: 'E100000', drug: 'ondansetron', header: 'Dx', text: 'check with Dr. Ruiz' },
  // On one of our derived cells.
  { encounter: 'E100003', drug: 'Normal saline', header: 'IC CPT', text: 'billed already' },
];
const USER_FILLS: (Anchor & { fill: typeof USER_GREEN })[] = [
  // On a cell the add-in highlights (encounter 8's ceftriaxone has no stop time either).
  { encounter: 'E100008', drug: 'ceftriaxone', header: 'Stop', fill: USER_GREEN },
  // The "Bad" style, our error colour, on a cell the add-in never highlights.
  { encounter: 'E100002', drug: 'ondansetron', header: 'Payer', fill: USER_BAD },
  // On our derived cells.
  { encounter: 'E100004', drug: 'ceftriaxone', header: 'IC Findings', fill: USER_GREEN },
];

/** A user's note: an Excel note, or a threaded comment where the host has no notes (ExcelApi < 1.18). */
function putNote(sheet: FakeSheet, row: number, column: number, text: string): void {
  if (sheet.workbook.apiVersion >= 18) sheet.setNote(row, column, { content: text, author: 'Ann' });
  else sheet.workbook.comments.push({ id: sheet.workbook.newId('user-comment-'), sheetId: sheet.id, row, column, content: text, author: 'Ann' });
}

function noteAt(sheet: FakeSheet, row: number, column: number): string | undefined {
  if (sheet.workbook.apiVersion >= 18) return sheet.note(row, column)?.content;
  return sheet.workbook.comments.find((c) => c.sheetId === sheet.id && c.row === row && c.column === column)?.content;
}

/** Every note or comment on the sheet. */
function allNotes(sheet: FakeSheet): { row: number; column: number; text: string }[] {
  if (sheet.workbook.apiVersion >= 18) return sheet.noteCells().map(({ row, column, note }) => ({ row, column, text: note.content }));
  return sheet.workbook.comments.filter((c) => c.sheetId === sheet.id).map(({ row, column, content }) => ({ row, column, text: content }));
}

/** Puts the user's notes, fills and own conditional format on the sheet (after a first run: our columns exist). */
function addUserMarks(sheet: FakeSheet): void {
  for (const n of USER_NOTES.slice(1)) {
    const { row, column } = cellOf(sheet, n);
    putNote(sheet, row, column, n.text);
  }
  for (const f of USER_FILLS) {
    const { row, column } = cellOf(sheet, f);
    sheet.setFill(row, column, f.fill);
  }
  const dose = columnOf(sheet, 'Dose');
  const top = headerRow(sheet) + 1;
  sheet.conditionalFormats.push({
    id: 'user-rule',
    type: 'Custom',
    rects: [{ top, bottom: top + ROWS - 1, left: dose, right: dose }],
    formula: USER_RULE_FORMULA,
    fill: '#00B050',
    stopIfTrue: false,
  });
}

/** Every user mark is where its row and column now are, unchanged; the user's rule is still there. */
function expectUserMarksIntact(sheet: FakeSheet, edited: { anchor: Anchor; text: string }[] = []): void {
  for (const n of [...USER_NOTES, ...edited.map((e) => ({ ...e.anchor, text: e.text }))]) {
    const { row, column } = cellOf(sheet, n);
    expect({ at: n, note: noteAt(sheet, row, column) }).toEqual({ at: n, note: n.text });
  }
  for (const f of USER_FILLS) {
    const { row, column } = cellOf(sheet, f);
    expect({ at: f, fill: sheet.fill(row, column) }).toEqual({ at: f, fill: f.fill });
  }
  const userRules = sheet.conditionalFormats.filter((cf) => !isOurRule(cf.formula));
  expect(userRules).toHaveLength(1);
  expect(userRules[0]).toMatchObject({ id: 'user-rule', fill: '#00B050' });
}

/** Cells (`row:column`) that our highlight rules colour now (status-colour rules aside), with the colour. */
function ourHighlights(sheet: FakeSheet): Map<string, string> {
  const out = new Map<string, string>();
  for (const cf of sheet.conditionalFormats) {
    if (!isOurRule(cf.formula) || isStatusRule(cf.formula)) continue;
    for (const rect of cf.rects) {
      for (let r = rect.top; r <= rect.bottom; r++) {
        for (let c = rect.left; c <= rect.right; c++) {
          if (!out.has(`${r}:${c}`) && ruleHolds(sheet, cf, r, c)) out.set(`${r}:${c}`, cf.fill!);
        }
      }
    }
  }
  return out;
}

/** Our highlights named by what their cell holds: `encounter|drug|header`. */
function highlightedByContent(sheet: FakeSheet): Set<string> {
  const h = headerRow(sheet);
  const e = columnOf(sheet, 'Encounter');
  const d = columnOf(sheet, 'Drug');
  return new Set(
    [...ourHighlights(sheet).keys()].map((k) => {
      const [r, c] = k.split(':').map(Number);
      return `${sheet.get(r, e)}|${sheet.get(r, d)}|${sheet.get(h, c)}`;
    }),
  );
}

/** The highlights are exactly on the cells of the run's error problems, in the error colour. */
function expectHighlightsMatch(sheet: FakeSheet, result: CodeSheetResult): void {
  const errors = result.summary!.problems.filter((p) => p.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  const expected = new Map(errors.map((p) => [`${p.row}:${p.column}`, fillColor('error')]));
  expect(ourHighlights(sheet)).toEqual(expected);
}

/** The user's own fills show wherever no highlight of ours is, and ours shows over theirs. */
function expectUserFillsShown(sheet: FakeSheet): void {
  const ours = ourHighlights(sheet);
  for (const f of USER_FILLS) {
    const { row, column } = cellOf(sheet, f);
    expect(shownFill(sheet, row, column)?.color).toBe(ours.get(`${row}:${column}`) ?? f.fill.color);
  }
}

/** Nothing of ours is left: no IC column, no rule of ours, no unedited note of ours, no ledger. */
function expectNoMarksOfOurs(sheet: FakeSheet, model: FakeWorkbook): void {
  const h = headerRow(sheet);
  for (let c = 1; c <= lastColumn(sheet) + 10; c++) expect(String(sheet.get(h, c))).not.toMatch(/^IC /);
  expect(sheet.conditionalFormats.filter((cf) => isOurRule(cf.formula))).toEqual([]);
  const ours = allNotes(sheet).filter(({ text }) => text.startsWith(NOTE_PREFIX) && !text.endsWith('(checked)'));
  expect(ours).toEqual([]);
  expect(parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id]).toBeUndefined();
}

/** The user's values: every cell outside our columns (whose header starts with `IC `). */
function userValues(sheet: FakeSheet): string[][] {
  const h = headerRow(sheet);
  const used = sheet.usedRect(true);
  if (!used) return [];
  const ours = new Set<number>();
  for (let c = 1; c <= used.right; c++) if (String(sheet.get(h, c)).startsWith('IC ')) ours.add(c);
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

/* ------------------------------------------------------------------ the edits */

type Edit = (sheet: FakeSheet) => void;

const EDITS: [string, Edit][] = [
  [
    'sort the whole table by drug, descending',
    (sheet) => {
      const top = headerRow(sheet) + 1;
      sortRows(sheet, { top, bottom: top + ROWS - 1, left: 1, right: lastColumn(sheet) }, columnOf(sheet, 'Drug'), true);
    },
  ],
  [
    'filter out Aetna rows',
    (sheet) => {
      const payer = columnOf(sheet, 'Payer');
      const top = headerRow(sheet) + 1;
      filterRows(sheet, top, top + ROWS - 1, (r) => sheet.get(r, payer) !== 'Aetna');
    },
  ],
  [
    'insert rows above the header and inside the table, one with a new line typed in',
    (sheet) => {
      insertRows(sheet, 1, 1);
      const at = rowOf(sheet, 'E100005', 'ceftriaxone');
      insertRows(sheet, at, 2);
      const line = ['E100005', 'MRN5005', '2026-03-06', 'facility', 'Blue Cross', 'vancomycin', '1 g', null, 'IV infusion', 'therapeutic', '10:00', null, 'R arm', 'A41.9', 'Sepsis', 'RN Lee'];
      line.forEach((v, i) => sheet.set(at, i + 1, v));
    },
  ],
  [
    'delete rows, one of them highlighted',
    (sheet) => {
      deleteRows(sheet, rowOf(sheet, 'E100015', 'ceftriaxone'), 1);
      deleteRows(sheet, rowOf(sheet, 'E100006', 'Normal saline'), 2);
    },
  ],
  ['rename a user header', (sheet) => sheet.set(headerRow(sheet), columnOf(sheet, 'Nurse'), 'Nurse name')],
  [
    'insert a column before Stop and delete the Site column',
    (sheet) => {
      const stop = columnOf(sheet, 'Stop');
      insertColumns(sheet, stop, 1);
      sheet.set(headerRow(sheet), stop, 'Pump');
      sheet.set(headerRow(sheet) + 1, stop, 'Alaris 8100');
      deleteColumns(sheet, columnOf(sheet, 'Site'), 1);
    },
  ],
  [
    'all of the above, one after the other',
    (sheet) => {
      for (const [name, edit] of EDITS) if (!name.startsWith('all')) edit(sheet);
    },
  ],
];

describe.each([
  ['notes', 18],
  ['threaded comments', 12],
])('our marks are ours alone (%s)', (_kind, apiVersion) => {
  it.each(EDITS)('after "%s", a re-run and Clear results change no user note, fill or value', async (name, edit) => {
    const { model, sheet, host } = setup(apiVersion);
    // The user's note on a cell the add-in wants a note on, before the first run: theirs stays, ours is not added.
    const stopNote = USER_NOTES[0];
    putNote(sheet, rowOf(sheet, stopNote.encounter, stopNote.drug), columnOf(sheet, stopNote.header), stopNote.text);
    const first = await codeSheet(host);
    expect(first.write!.notesSkipped).toBe(1);
    addUserMarks(sheet);
    const before = highlightedByContent(sheet);
    expect(before.size).toBeGreaterThan(3);

    edit(sheet);
    // Before any re-run, the highlights moved with their rows (sort) or stayed on them (filter, inserts, renames).
    const after = highlightedByContent(sheet);
    for (const k of after) expect(before).toContain(k);
    if (!/delete|all of/.test(name)) expect(after).toEqual(before);
    const fillsBefore = new Map(sheet.fills);
    const valuesAfterEdit = userValues(sheet);

    const second = await codeSheet(host);
    expect(second.question).toBeNull();
    expectUserMarksIntact(sheet);
    expectHighlightsMatch(sheet, second);
    expectUserFillsShown(sheet);
    expect(sheet.fills).toEqual(fillsBefore);
    expect(userValues(sheet)).toEqual(valuesAfterEdit);

    // A run on an unchanged sheet changes no note.
    const third = await codeSheet(host);
    expect(third.write!.notesAdded + third.write!.notesUpdated + third.write!.notesDeleted).toBe(0);
    expectHighlightsMatch(sheet, third);

    ourColumnsBeforeClear = new Map(['IC CPT', 'IC Findings'].map((h) => [h, columnOf(sheet, h)]));
    const cleared = await clearSheet(host);
    expect(cleared.question).toBeNull();
    expectUserMarksIntact(sheet);
    ourColumnsBeforeClear = new Map();
    expectNoMarksOfOurs(sheet, model);
    expect(sheet.fills).toEqual(fillsBefore);
    expect(userValues(sheet)).toEqual(valuesAfterEdit);
  });
});

describe('notes the user changed are theirs', () => {
  it('an edited or replaced note of ours is never overwritten or deleted; the finding stays in IC Findings', async () => {
    const { model, sheet, host } = setup();
    const first = await codeSheet(host);
    const ours = sheet.noteCells().filter(({ note }) => note.content.startsWith(NOTE_PREFIX));
    expect(ours.length).toBeGreaterThan(2);
    const [edited, replaced] = ours;
    const editedText = `${edited.note.content} (checked)`;
    sheet.setNote(edited.row, edited.column, { content: editedText, author: 'Ann' });
    sheet.setNote(replaced.row, replaced.column, { content: 'Pharmacy confirmed the dose', author: 'Ann' });
    // The rows move: the notes go with them.
    const top = headerRow(sheet) + 1;
    sortRows(sheet, { top, bottom: top + ROWS - 1, left: 1, right: lastColumn(sheet) }, columnOf(sheet, 'MRN'));
    const notesOf = () => new Map(sheet.noteCells().map(({ row, column, note }) => [note.content, `${row}:${column}`]));
    const where = notesOf();

    const second = await codeSheet(host);
    expect(second.write!.notesSkipped).toBe(2);
    expect(second.notices.join(' ')).toMatch(/2 cell\(s\) already had someone else's note/);
    expect(notesOf().get(editedText)).toBe(where.get(editedText));
    expect(notesOf().get('Pharmacy confirmed the dose')).toBe(where.get('Pharmacy confirmed the dose'));
    // The finding is still in IC Findings on that row, and the cell is still highlighted.
    const [r, c] = where.get(editedText)!.split(':').map(Number);
    expect(String(sheet.get(r, columnOf(sheet, 'IC Findings')))).not.toBe('');
    expect(ourHighlights(sheet).get(`${r}:${c}`)).toBe(fillColor('error'));
    void first;

    const cleared = await clearSheet(host);
    expect(cleared.notices.join(' ')).toMatch(/edited since/);
    expect(notesOf().get(editedText)).toBe(where.get(editedText));
    expect(notesOf().get('Pharmacy confirmed the dose')).toBe(where.get('Pharmacy confirmed the dose'));
    expect(sheet.noteCells()).toHaveLength(2);
    expectNoMarksOfOurs(sheet, model);
  });
});

describe('when the ledger cannot be sure, the product asks', () => {
  async function renamedStatus() {
    const { model, sheet, host } = setup();
    await codeSheet(host);
    const status = columnOf(sheet, 'IC Status');
    sheet.set(headerRow(sheet), status, 'Status');
    return { model, sheet, host, status };
  }

  it('a renamed header of ours: re-run and Clear change nothing and return a question', async () => {
    const { sheet, host, status } = await renamedStatus();
    const before = sheet.snapshot();
    const run = await codeSheet(host);
    expect(run.question).toMatchObject({ id: 'changed-columns', columns: [{ column: status, header: 'Status', was: 'IC Status' }] });
    expect(run.write).toBeNull();
    expect(run.message).toMatch(/'Status' \(was 'IC Status'\)/);
    const clear = await clearSheet(host);
    expect(clear.question).not.toBeNull();
    expect(sheet.snapshot()).toEqual(before);
  });

  it("answered 'theirs': the column and its values stay the user's; results go beside it; Clear leaves it", async () => {
    const { model, sheet, host, status } = await renamedStatus();
    const kept = sheet.getBlock({ top: 1, left: status, bottom: ROWS + 3, right: status });
    const run = await codeSheet(host, { answers: { changedColumns: 'theirs' } });
    expect(run.question).toBeNull();
    expect(sheet.getBlock({ top: 1, left: status, bottom: ROWS + 3, right: status })).toEqual(kept);
    expect(columnOf(sheet, 'IC Status')).toBeGreaterThan(status);
    expectHighlightsMatch(sheet, run);
    // The new ledger knows the new block: no more question.
    expect((await codeSheet(host)).question).toBeNull();
    const cleared = await clearSheet(host);
    expect(cleared.question).toBeNull();
    expect(sheet.getBlock({ top: 1, left: status, bottom: ROWS + 3, right: status })).toEqual(kept);
    expectNoMarksOfOurs(sheet, model);
  });

  it("answered 'ours': the column is replaced, and Clear removes it", async () => {
    const { model, sheet, host, status } = await renamedStatus();
    const run = await codeSheet(host, { answers: { changedColumns: 'ours' } });
    expect(run.question).toBeNull();
    expect(sheet.get(headerRow(sheet), status)).toBe('IC Status');
    sheet.set(headerRow(sheet), status, 'Status');
    const cleared = await clearSheet(host, { answers: { changedColumns: 'ours' } });
    expect(cleared.columnsCleared).toBe(DERIVED_HEADERS.length + 1);
    expect(sheet.get(headerRow(sheet), status)).toBe('');
    expectNoMarksOfOurs(sheet, model);
  });
});

describe('an earlier version’s ledger', () => {
  it('is upgraded: its fills are left (and reported once), its unchanged notes are still ours', async () => {
    const { model, sheet, host } = setup();
    await codeSheet(host);
    const ours = sheet.noteCells().filter(({ note }) => note.content.startsWith(NOTE_PREFIX));
    // What version 1 left: fills by address and notes by address with an FNV fingerprint.
    const ledger = parseSettings(model.setting(SETTINGS_KEY)).ledgers[sheet.id];
    const { textHash } = await import('../../src/excel/notes');
    const v1 = {
      version: 1,
      options: {},
      mappings: {},
      ledgers: {
        [sheet.id]: {
          ...ledger,
          fills: [[8, 12, 'error', null]],
          notes: ours.map(({ row, column, note }) => [row, column, 'note', textHash(note.content)]),
        },
      },
    };
    sheet.setFill(8, 12, { color: '#FFC7CE', pattern: 'Solid' });
    model.settings.set(SETTINGS_KEY, JSON.stringify(JSON.stringify(v1)));
    const run = await codeSheet(host);
    expect(run.notices.join(' ')).toMatch(/1 cell fill\(s\) from an earlier version/);
    expect(run.write!.notesAdded).toBe(0);
    expect(sheet.fill(8, 12)).toEqual({ color: '#FFC7CE', pattern: 'Solid' });
    expect((await codeSheet(host)).notices.join(' ')).not.toMatch(/earlier version/);
    await clearSheet(host);
    expect(sheet.noteCells()).toHaveLength(0);
  });
});

describe('a user column typed right beside our columns', () => {
  it('is never written over: the block (with IC Flags) moves after it, and Clear leaves it', async () => {
    const { model, sheet, host } = setup();
    await codeSheet(host);
    const flags = columnOf(sheet, 'IC Flags');
    clearBlock(sheet, flags);
    sheet.set(headerRow(sheet), flags, 'Added later');
    sheet.set(headerRow(sheet) + 1, flags, 'keep me');
    // Typed over our IC Flags header: whose column is it now? The user says: mine.
    expect((await codeSheet(host)).question?.columns).toEqual([expect.objectContaining({ column: flags, header: 'Added later', was: 'IC Flags' })]);
    const run = await codeSheet(host, { answers: { changedColumns: 'theirs' } });
    expect(sheet.get(headerRow(sheet), flags)).toBe('Added later');
    expect(sheet.get(headerRow(sheet) + 1, flags)).toBe('keep me');
    expect(columnOf(sheet, "IC CPT")).toBe(flags + 1);
    expectHighlightsMatch(sheet, run);
    await clearSheet(host);
    expect(sheet.get(headerRow(sheet) + 1, flags)).toBe('keep me');
    expectNoMarksOfOurs(sheet, model);
  });
});

/** Empties one column (the user deleting its contents). */
function clearBlock(sheet: FakeSheet, column: number): void {
  for (let r = 1; r <= (sheet.usedRect(true)?.bottom ?? 0); r++) sheet.set(r, column, null);
}
