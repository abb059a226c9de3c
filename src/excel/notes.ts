/**
 * Cell notes: Excel notes (ExcelApi 1.18) where the host has them, else threaded comments (1.10).
 * Before writing, the add-in learns which cells already carry a note, so it never adds a second note to a
 * cell (Excel rejects that and would abort the whole batch) and never deletes a note that is not its own.
 */
import { parseRect, sheetAddress, cellAddress } from './address';
import { NOTE_SCAN_PER_SYNC } from './limits';

export type NoteKind = 'note' | 'comment';

/** Existing notes of a sheet by cell key `row:column`; for comments the value is the comment id. */
export type ExistingNotes = Map<string, string | null>;

export const cellKey = (row: number, column: number): string => `${row}:${column}`;

/**
 * Locates every existing note or comment of a sheet, a slice per sync: `queue(i)` adds the loads of slice i
 * to the pending batch, `collect()` reads them after the sync. Slices ride on the read syncs.
 */
export class NoteScan {
  private readonly pending: { location: Excel.Range; comment: Excel.Comment | null }[] = [];
  readonly existing: ExistingNotes = new Map();
  private next = 0;

  constructor(
    private readonly sheet: Excel.Worksheet,
    readonly kind: NoteKind | null,
    private readonly count: number,
  ) {}

  get done(): boolean {
    return this.kind === null || this.next >= this.count;
  }

  /** Queue the next slice of loads (no-op when done). */
  queue(): void {
    if (this.done) return;
    const end = Math.min(this.count, this.next + NOTE_SCAN_PER_SYNC);
    for (let i = this.next; i < end; i++) {
      if (this.kind === 'note') {
        const location = this.sheet.notes.getItemAt(i).getLocation();
        location.load('address');
        this.pending.push({ location, comment: null });
      } else {
        const comment = this.sheet.comments.getItemAt(i);
        comment.load('id');
        const location = comment.getLocation();
        location.load('address');
        this.pending.push({ location, comment });
      }
    }
    this.next = end;
  }

  /** Read what the last sync loaded. */
  collect(): void {
    for (const { location, comment } of this.pending.splice(0)) {
      const r = parseRect(location.address);
      this.existing.set(cellKey(r.top, r.left), comment ? comment.id : null);
    }
  }
}

/** Queue adding a note on a cell. */
export function addNote(context: Excel.RequestContext, sheet: Excel.Worksheet, sheetName: string, kind: NoteKind, row: number, column: number, text: string): void {
  const address = sheetAddress(sheetName, cellAddress(row, column));
  if (kind === 'note') sheet.notes.add(address, text);
  else context.workbook.comments.add(address, text);
}

/** Queue replacing the text of the add-in's own note on a cell. */
export function setNote(context: Excel.RequestContext, sheet: Excel.Worksheet, sheetName: string, kind: NoteKind, id: string | null, row: number, column: number, text: string): void {
  if (kind === 'note') sheet.notes.getItem(sheetAddress(sheetName, cellAddress(row, column))).content = text;
  else if (id) context.workbook.comments.getItem(id).content = text;
}

/** Queue deleting the add-in's own note on a cell. */
export function deleteNote(context: Excel.RequestContext, sheet: Excel.Worksheet, sheetName: string, kind: NoteKind, id: string | null, row: number, column: number): void {
  if (kind === 'note') sheet.notes.getItem(sheetAddress(sheetName, cellAddress(row, column))).delete();
  else if (id) context.workbook.comments.getItem(id).delete();
}
