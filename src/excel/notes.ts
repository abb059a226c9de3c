/**
 * Cell notes: Excel notes (ExcelApi 1.18) where the host has them, else threaded comments (1.10).
 * Before writing, the add-in reads every note of the sheet (where it is and what it says): a cell never gets
 * a second note (Excel rejects that and would abort the whole batch), and a note is the add-in's own only
 * when its text is exactly one the add-in wrote (its fingerprint is in the ledger), wherever a sort or an
 * inserted row has moved it. A note the user edited or replaced is theirs: never changed, never deleted.
 */
import { NOTE_PREFIX } from '../sheet/plan';
import { parseRect, sheetAddress, cellAddress } from './address';
import { NOTE_SCAN_PER_SYNC } from './limits';

export type NoteKind = 'note' | 'comment';

/** A note found on the sheet; `id` is the comment id (threaded comments are addressed by id). */
export interface ExistingNote {
  row: number;
  column: number;
  text: string;
  id: string | null;
}

export const cellKey = (row: number, column: number): string => `${row}:${column}`;

/** A short fingerprint of a note's text (FNV-1a, 32 bits), kept in the ledger (the same hash as version 1). */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Ours: written by Infusion Coder and unchanged since (the fingerprints of the last run's notes). */
export function isOurNote(text: string, fingerprints: ReadonlySet<string>): boolean {
  return text.startsWith(NOTE_PREFIX) && fingerprints.has(textHash(text));
}

/**
 * Reads every existing note or comment of a sheet, a slice per sync: `queue()` adds the loads of the next
 * slice to the pending batch, `collect()` reads them after the sync. Slices ride on the read syncs.
 */
export class NoteScan {
  private readonly pending: { note: Excel.Note | Excel.Comment; location: Excel.Range }[] = [];
  readonly found: ExistingNote[] = [];
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
      const note = this.kind === 'note' ? this.sheet.notes.getItemAt(i) : this.sheet.comments.getItemAt(i);
      note.load(this.kind === 'note' ? 'content' : 'id,content');
      const location = note.getLocation();
      location.load('address');
      this.pending.push({ note, location });
    }
    this.next = end;
  }

  /** Read what the last sync loaded. */
  collect(): void {
    for (const { note, location } of this.pending.splice(0)) {
      const r = parseRect(location.address);
      this.found.push({ row: r.top, column: r.left, text: note.content, id: this.kind === 'comment' ? (note as Excel.Comment).id : null });
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
export function setNote(context: Excel.RequestContext, sheet: Excel.Worksheet, sheetName: string, kind: NoteKind, note: ExistingNote, text: string): void {
  if (kind === 'note') sheet.notes.getItem(sheetAddress(sheetName, cellAddress(note.row, note.column))).content = text;
  else if (note.id) context.workbook.comments.getItem(note.id).content = text;
}

/** Queue deleting the add-in's own note on a cell. */
export function deleteNote(context: Excel.RequestContext, sheet: Excel.Worksheet, sheetName: string, kind: NoteKind, note: ExistingNote): void {
  if (kind === 'note') sheet.notes.getItem(sheetAddress(sheetName, cellAddress(note.row, note.column))).delete();
  else if (note.id) context.workbook.comments.getItem(note.id).delete();
}
