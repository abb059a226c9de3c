import { DERIVED_HEADERS, FLAGS_HEADER, NOTE_PREFIX } from '../sheet';
import type { DetectedTable, Grid, WritePlan } from '../sheet/types';
import { textHash, type ExistingNote } from './notes';
import { changedColumns, decideOwnership, fillColor, reconcile, staleAreas, type SheetState } from './reconcile';
import type { Ledger } from '../runtime/settings';

// A sheet: header in row 1, user columns A:D (Encounter, Drug, Start, Stop), our block from E (IC Status in J,
// IC Findings in K, IC Flags in M).
const USER = ['Encounter', 'Drug', 'Start', 'Stop'];
const OURS = [...DERIVED_HEADERS, FLAGS_HEADER];
const STATUS = USER.length + DERIVED_HEADERS.indexOf('IC Status');

function grid(header: string[]): Grid {
  return { firstRow: 1, firstColumn: 1, values: [header, ['E1', 'NS', '08:00', null]] };
}

function ledger(over: Partial<Ledger> = {}): Ledger {
  return { sheetId: 's', sheetName: 'Data', headerRow: 1, firstColumn: 5, headers: OURS, lastRow: 3, notes: [], noteKind: 'note', rules: 1, ...over };
}

function table(): DetectedTable {
  return {
    headerRow: 1,
    headers: new Map(USER.map((h, i) => [i + 1, h])),
    mapping: { encounter: 1, drug: 2, start: 3, stop: 4 },
    derivedColumns: new Map(OURS.map((h, i) => [h, 5 + i])),
    lastUserColumn: 4,
    dataRows: [2, 3],
  };
}

function plan(over: Partial<WritePlan> = {}): WritePlan {
  return {
    headerRow: 1,
    firstColumn: 5,
    headers: [...DERIVED_HEADERS],
    values: [
      ['96365', null, null, null, 60, 'OK', null, null],
      [null, null, null, null, null, 'Error', 'missing-stop-time: No stop time.', null],
    ],
    lastRow: 3,
    highlights: [],
    notes: [],
    staleColumns: [],
    ...over,
  };
}

function state(notes: ExistingNote[] = [], rules: SheetState['rules'] = []): SheetState {
  return { sheetId: 's', sheetName: 'Data', usedBottom: 3, notes, rules, noteKind: 'note' };
}

describe('whose columns', () => {
  it('finds a header of ours that became something else, next to the ones still there', () => {
    const header = [...USER, ...OURS];
    header[STATUS] = 'Status'; // IC Status renamed
    expect(changedColumns(grid(header), 1, ledger())).toEqual([{ column: 10, address: 'J1', header: 'Status', was: 'IC Status' }]);
  });

  it('asks nothing when all our headers are there, even moved by an inserted column, or when none is', () => {
    expect(changedColumns(grid(['Pump', ...USER, ...OURS]), 1, ledger())).toEqual([]);
    expect(changedColumns(grid(USER), 1, ledger())).toEqual([]);
    expect(changedColumns(grid([...USER, ...OURS]), 1, null)).toEqual([]);
  });

  it('reads a re-run of a full sheet (1,048,576 rows) without spreading its rows into a call', () => {
    const header = [...USER, ...OURS];
    header[STATUS] = 'Status';
    const full = grid(header);
    const data = header.map(() => 'x');
    const values = [full.values[0]];
    for (let i = 1; i < 1_048_576; i++) values.push(data);
    expect(changedColumns({ ...full, values }, 1, ledger())).toEqual([{ column: 10, address: 'J1', header: 'Status', was: 'IC Status' }]);
  });

  it('returns a question without an answer; "ours" puts our header back before detection, "theirs" leaves the grid', () => {
    const header = [...USER, ...OURS];
    header[STATUS] = 'Status';
    const seen: string[] = [];
    const detect = (g: Grid) => {
      seen.push(String(g.values[0][STATUS]));
      return null;
    };
    expect(decideOwnership(grid(header), detect, ledger(), undefined, false).question?.columns).toHaveLength(1);
    expect(decideOwnership(grid(header), detect, ledger(), { changedColumns: 'ours' }, false).question).toBeNull();
    expect(decideOwnership(grid(header), detect, ledger(), { changedColumns: 'theirs' }, false).question).toBeNull();
    expect(seen).toEqual(['Status', 'Status', 'IC Status', 'Status']);
  });
});

describe('stale areas', () => {
  it('clears our columns the new block does not cover, and our rows below it', () => {
    // The block moved one column right and got shorter.
    expect(staleAreas([17, 18], 3, 40, { firstColumn: 18, width: 2, lastRow: 30 })).toEqual([
      { top: 3, bottom: 40, left: 17, right: 17 },
      { top: 31, bottom: 40, left: 18, right: 18 },
    ]);
    // Clear: everything of ours, down to the used range.
    expect(staleAreas([17, 18, 19], 3, 50, null)).toEqual([{ top: 3, bottom: 50, left: 17, right: 19 }]);
    expect(staleAreas([], 1, 10, { firstColumn: 5, width: 8, lastRow: 10 })).toEqual([]);
  });
});

describe('highlights', () => {
  it('one rule per highlighted column and severity, reading the row’s IC Flags; the worse severity wins on a cell', () => {
    const p = plan({
      highlights: [
        { row: 3, column: 4, fill: 'warning' },
        { row: 3, column: 4, fill: 'error' },
        { row: 2, column: 2, fill: 'warning' },
        { row: 3, column: 11, fill: 'error' },
      ],
    });
    const r = reconcile({ state: state([], [{ id: 'old', formula: '=ISNUMBER(SEARCH(" E:stop "," "&$M2&" "))' }]), table: table(), plan: p, ledger: null, at: 't' });
    expect(r.rules.remove).toEqual(['old']);
    expect(r.rules.add).toEqual([
      // Warnings first: rules added later come first in Excel's priority.
      { address: 'B2:B3', formula: '=ISNUMBER(SEARCH(" W:drug "," "&$M2&" "))', color: fillColor('warning') },
      { address: 'D2:D3', formula: '=ISNUMBER(SEARCH(" E:stop "," "&$M2&" "))', color: fillColor('error') },
      { address: 'K2:K3', formula: '=ISNUMBER(SEARCH(" E:findings "," "&$M2&" "))', color: fillColor('error') },
    ]);
    expect(r.block!.headers).toEqual(OURS);
    expect(r.block!.row(1)).toEqual(OURS);
    expect(r.block!.row(2)).toEqual(['96365', '', '', '', 60, 'OK', '', '', 'W:drug']);
    expect(r.block!.row(3)[8]).toBe('E:findings E:stop');
    expect(fillColor('error')).toBe('#FFC7CE');
  });
});

describe('notes', () => {
  const text = (s: string) => `${NOTE_PREFIX}${s}`;
  const note = (row: number, column: number, t: string): ExistingNote => ({ row, column, text: t, id: null });

  it('ours by exact text wherever they are; the user’s (or edited) ones are never changed', () => {
    const l = ledger({ notes: [textHash(text('No stop time.')), textHash(text('Old finding.'))] });
    const existing = [
      note(3, 4, text('No stop time.')), // ours, wanted again, same text: nothing to do
      note(2, 3, text('Old finding.')), // ours, no longer wanted: removed
      note(2, 2, 'Pharmacy confirmed'), // the user's, where a note is wanted: skipped
      note(2, 1, text('Old finding. (checked)')), // ours once, edited: the user's now
    ];
    const p = plan({
      notes: [
        { row: 3, column: 4, text: text('No stop time.') },
        { row: 2, column: 2, text: text('Unknown drug.') },
        { row: 3, column: 1, text: text('No encounter.') },
      ],
    });
    const r = reconcile({ state: state(existing), table: table(), plan: p, ledger: l, at: 't' });
    expect(r.notes.add).toEqual([{ row: 3, column: 1, text: text('No encounter.') }]);
    expect(r.notes.update).toEqual([]);
    expect(r.notes.remove).toEqual([existing[1]]);
    expect(r.notesTheirs).toBe(1);
    expect(r.notesEdited).toBe(1);
    // The new ledger knows the notes that are ours after the run, and nothing by address.
    expect(r.ledger!.notes).toEqual([textHash(text('No encounter.')), textHash(text('No stop time.'))].sort());
  });

  it('Clear removes only unchanged notes of ours and the ledger', () => {
    const l = ledger({ notes: [textHash(text('A.'))] });
    const r = reconcile({ state: state([note(2, 2, text('A.')), note(2, 3, 'mine')]), table: table(), plan: null, ledger: l, at: 't' });
    expect(r.notes.remove.map((n) => n.text)).toEqual([text('A.')]);
    expect(r.ledger).toBeNull();
    expect(r.columnsCleared).toBe(OURS.length);
  });

  it('a ledger of notes is not applied to threaded comments (another host wrote them)', () => {
    const l = ledger({ notes: [textHash(text('A.'))], noteKind: 'comment' });
    const r = reconcile({ state: state([note(2, 2, text('A.'))]), table: table(), plan: null, ledger: l, at: 't' });
    expect(r.notes.remove).toEqual([]);
  });
});
