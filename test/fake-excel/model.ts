/**
 * The in-memory workbook behind the fake Excel API: plain data that tests set up and inspect directly
 * (no load/sync needed on this side). The proxies in objects.ts read and change it only inside sync().
 */

import { letters } from './address';
export type FakeValue = string | number | boolean;

export interface FakeFill {
  color: string;
  pattern: string;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeNote {
  content: string;
  author: string;
}

export interface FakeComment {
  id: string;
  sheetId: string;
  row: number;
  column: number;
  content: string;
  author: string;
}

export interface FakeTable {
  id: string;
  name: string;
  sheetId: string;
  rect: Rect;
  showHeaders: boolean;
}

/** A call recorded on a pivot table, chart or other object the fake does not model in depth. */
export interface RecordedCall {
  path: string;
  method: string;
  args: unknown[];
}

export interface RecordedObject {
  kind: 'pivotTable' | 'chart';
  id: string;
  /** Arguments of the add() call that created it. */
  args: unknown[];
  /** Every later method call and property set on it or its children, in order. */
  calls: RecordedCall[];
  deleted: boolean;
}

/** A conditional format on a sheet; the list order is Excel's priority (0 = first). */
export interface FakeConditionalFormat {
  id: string;
  /** 'Custom' (a formula rule) is evaluated; other types are kept but never shown. */
  type: string;
  /** Where it applies; a rule whose areas are all deleted goes away, like in Excel. */
  rects: Rect[];
  /** A custom rule's formula, relative to the top-left cell of the first area. */
  formula: string | null;
  /** Fill colour (#RRGGBB) shown when the rule is true; null = the rule sets no fill. */
  fill: string | null;
  stopIfTrue: boolean;
}

export const cellKey = (row: number, column: number) => row * 20000 + column;
const key = cellKey;

export class FakeSheet {
  /** values[row - 1][column - 1]; rows and cells may be missing (empty). */
  readonly values: (FakeValue | undefined)[][] = [];
  readonly fills = new Map<number, FakeFill>();
  readonly notes = new Map<number, FakeNote>();
  readonly pivotTables: RecordedObject[] = [];
  readonly charts: RecordedObject[] = [];
  /** Column widths, number formats and fonts the code set (recorded, not rendered). */
  readonly formats = new Map<number, Record<string, unknown>>();
  /** Formats set on whole columns (`X:X`) by column: like Excel's column styles, they do not extend the used range. */
  readonly columnFormats = new Map<number, Record<string, unknown>>();
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  /** Conditional formats in priority order (index 0 first). */
  conditionalFormats: FakeConditionalFormat[] = [];
  /** Rows a filter hides (a hidden row keeps its values and formats). */
  readonly hiddenRows = new Set<number>();
  /** Merged areas. As in Office.js, only an area's top-left cell holds its value (set the others empty). */
  merges: Rect[] = [];
  /** Frozen rows and columns (freezePanes), or null. */
  freeze: { rows: number; columns: number } | null = null;
  /** The page setup (pageLayout): orientation, zoom (fit to pages) and the print title rows (`$1:$1`). */
  page: { orientation: string; zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number }; printTitleRows: string | null } = {
    orientation: 'Portrait',
    zoom: { scale: 100 },
    printTitleRows: null,
  };

  constructor(
    readonly workbook: FakeWorkbook,
    readonly id: string,
    public name: string,
  ) {}

  get position(): number {
    return this.workbook.sheets.indexOf(this);
  }

  get(row: number, column: number): FakeValue | '' {
    const v = this.values[row - 1]?.[column - 1];
    return v === undefined ? '' : v;
  }

  set(row: number, column: number, value: FakeValue | null | undefined): void {
    const r = row - 1;
    if (value === '' || value === null || value === undefined) {
      const arr = this.values[r];
      if (arr && column - 1 < arr.length) arr[column - 1] = undefined;
      return;
    }
    let arr = this.values[r];
    if (!arr) arr = this.values[r] = [];
    arr[column - 1] = value;
  }

  /** Writes a 2-D block starting at (row, column). */
  setBlock(row: number, column: number, block: (FakeValue | null | undefined)[][]): void {
    block.forEach((line, i) => line.forEach((v, j) => this.set(row + i, column + j, v)));
  }

  /** Reads a block as Office.js would return it ('' for empty). */
  getBlock(rect: Rect): (FakeValue | '')[][] {
    const out: (FakeValue | '')[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const line: (FakeValue | '')[] = new Array(rect.right - rect.left + 1);
      const src = this.values[r - 1];
      for (let c = rect.left; c <= rect.right; c++) {
        const v = src?.[c - 1];
        line[c - rect.left] = v === undefined ? '' : v;
      }
      out.push(line);
    }
    return out;
  }

  fill(row: number, column: number): FakeFill | undefined {
    return this.fills.get(key(row, column));
  }

  setFill(row: number, column: number, fill: FakeFill | null): void {
    if (fill) this.fills.set(key(row, column), fill);
    else this.fills.delete(key(row, column));
  }

  note(row: number, column: number): FakeNote | undefined {
    return this.notes.get(key(row, column));
  }

  setNote(row: number, column: number, note: FakeNote | null): void {
    if (note) this.notes.set(key(row, column), note);
    else this.notes.delete(key(row, column));
    this.noteList = null;
  }

  private noteList: { row: number; column: number; note: FakeNote }[] | null = null;

  /** Forget the cached note order (after the notes map changed behind setNote, e.g. a sort). */
  notesChanged(): void {
    this.noteList = null;
  }

  /** Cells of notes in insertion order (cached until the next change: getItemAt(i) over many notes stays linear). */
  noteCells(): { row: number; column: number; note: FakeNote }[] {
    if (!this.noteList) {
      this.noteList = [...this.notes.entries()].map(([k, note]) => ({ row: Math.floor(k / 20000), column: k % 20000, note }));
    }
    return this.noteList;
  }

  fillCells(): { row: number; column: number; fill: FakeFill }[] {
    return [...this.fills.entries()].map(([k, fill]) => ({ row: Math.floor(k / 20000), column: k % 20000, fill }));
  }

  /** Bounding rectangle of cells with values (and, unless valuesOnly, with fills or formats), or null. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let bottom = -Infinity;
    let left = Infinity;
    let right = -Infinity;
    const rows = this.values;
    for (let r = 0; r < rows.length; r++) {
      const line = rows[r];
      if (!line) continue;
      let first = -1;
      for (let c = 0; c < line.length; c++) {
        if (line[c] !== undefined) {
          first = c;
          break;
        }
      }
      if (first < 0) continue;
      let last = first;
      for (let c = line.length - 1; c > first; c--) {
        if (line[c] !== undefined) {
          last = c;
          break;
        }
      }
      if (r + 1 < top) top = r + 1;
      bottom = r + 1;
      if (first + 1 < left) left = first + 1;
      if (last + 1 > right) right = last + 1;
    }
    if (!valuesOnly) {
      for (const k of [...this.fills.keys(), ...this.formats.keys()]) {
        const r = Math.floor(k / 20000);
        const c = k % 20000;
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    return top === Infinity ? null : { top, left, bottom, right };
  }

  /** A deep copy of values, fills and notes, for "the sheet is as it was" assertions. */
  snapshot(): {
    values: (FakeValue | '')[][];
    fills: Record<string, FakeFill>;
    notes: Record<string, string>;
    conditionalFormats: Omit<FakeConditionalFormat, 'id'>[];
  } {
    const used = this.usedRect(false);
    const values = used ? this.getBlock({ top: 1, left: 1, bottom: used.bottom, right: used.right }) : [];
    const fills: Record<string, FakeFill> = {};
    for (const { row, column, fill } of this.fillCells()) fills[`${row},${column}`] = { ...fill };
    const notes: Record<string, string> = {};
    for (const { row, column, note } of this.noteCells()) notes[`${row},${column}`] = note.content;
    const conditionalFormats = this.conditionalFormats.map(({ id, ...cf }) => (void id, { ...cf, rects: cf.rects.map((r) => ({ ...r })) }));
    return { values, fills, notes, conditionalFormats };
  }
}

export interface FakeStats {
  syncs: number;
  /** Request bytes of each sync, in order. */
  requestBytes: number[];
  /** Response bytes of each sync, in order. */
  responseBytes: number[];
  /** Actions (queued operations) of each sync. */
  actions: number[];
  /** Syncs during which calculation / screen updating were suspended. */
  calculationSuspended: number;
  screenUpdatingSuspended: number;
  /** Excel.run calls. */
  runs: number;
}

export function emptyStats(): FakeStats {
  return {
    syncs: 0,
    requestBytes: [],
    responseBytes: [],
    actions: [],
    calculationSuspended: 0,
    screenUpdatingSuspended: 0,
    runs: 0,
  };
}

export interface FakeWorkbookOptions {
  /** Highest ExcelApi minor version the fake host claims (1.18 has notes). */
  apiVersion?: number;
  /** Payload limit per request and per response; Excel's is 5 MB. */
  payloadLimit?: number;
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly comments: FakeComment[] = [];
  /** Settings as Excel stores them: JSON text per key. */
  readonly settings = new Map<string, string>();
  activeSheetId = '';
  selection: { sheetId: string; rect: Rect } | null = null;
  stats: FakeStats = emptyStats();
  readonly apiVersion: number;
  readonly payloadLimit: number;
  calculationMode: 'Automatic' | 'Manual' | 'AutomaticExceptTables' = 'Automatic';
  author = 'Fake User';
  /** Calls on objects the fake records but does not model (fonts, borders, freeze panes). */
  readonly calls: RecordedCall[] = [];
  private nextId = 1;

  constructor(options: FakeWorkbookOptions = {}) {
    this.apiVersion = options.apiVersion ?? 18;
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
  }

  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  addSheet(name: string, values?: (FakeValue | null | undefined)[][]): FakeSheet {
    if (this.sheet(name)) throw new Error(`sheet ${name} exists`);
    const sheet = new FakeSheet(this, this.newId('{sheet-'), name);
    if (values) sheet.setBlock(1, 1, values);
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  get activeSheet(): FakeSheet {
    const s = this.sheetById(this.activeSheetId) ?? this.sheets[0];
    if (!s) throw new Error('the workbook has no sheets');
    return s;
  }

  addTable(sheet: FakeSheet, rect: Rect, name?: string, showHeaders = true): FakeTable {
    const table: FakeTable = {
      id: this.newId('table-'),
      name: name ?? `Table${this.tables.length + 1}`,
      sheetId: sheet.id,
      rect,
      showHeaders,
    };
    this.tables.push(table);
    return table;
  }

  private activatedHandlers = new Set<(args: { worksheetId: string; type: string }) => unknown>();

  /** Registers a worksheet-activated handler (what worksheets.onActivated.add reaches); returns its remover. */
  onActivated(handler: (args: { worksheetId: string; type: string }) => unknown): () => void {
    this.activatedHandlers.add(handler);
    return () => this.activatedHandlers.delete(handler);
  }

  /** How many activation handlers are registered (a pane that closed must have removed its own). */
  get activatedHandlerCount(): number {
    return this.activatedHandlers.size;
  }

  /** Tells the handlers a sheet became active (the product's activate(), or a test playing the user). */
  emitActivated(worksheetId: string): void {
    for (const h of [...this.activatedHandlers]) setTimeout(() => void h({ worksheetId, type: 'WorksheetActivated' }), 0);
  }

  private selectionHandlers = new Set<(args: { worksheetId: string; address: string; type: string }) => unknown>();

  /** Registers a selection-changed handler (worksheets.onSelectionChanged.add); returns its remover. */
  onSelectionChanged(handler: (args: { worksheetId: string; address: string; type: string }) => unknown): () => void {
    this.selectionHandlers.add(handler);
    return () => this.selectionHandlers.delete(handler);
  }

  /** How many selection handlers are registered (a pane that closed must have removed its own). */
  get selectionHandlerCount(): number {
    return this.selectionHandlers.size;
  }

  /** Tells the handlers the selection moved (the product's select(), or a test playing the user). */
  emitSelectionChanged(): void {
    const sel = this.selection;
    if (!sel) return;
    const address = `${letters(sel.rect.left)}${sel.rect.top}`;
    for (const h of [...this.selectionHandlers]) setTimeout(() => void h({ worksheetId: sel.sheetId, address, type: 'WorksheetSelectionChanged' }), 0);
  }

  /** Plays the user clicking a cell. */
  select(sheetName: string, row: number, column: number): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    this.activeSheetId = sheet.id;
    this.selection = { sheetId: sheet.id, rect: { top: row, left: column, bottom: row, right: column } };
    this.emitSelectionChanged();
  }

  /** Plays the user clicking another sheet tab. */
  activate(name: string): void {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    this.activeSheetId = sheet.id;
    this.emitActivated(sheet.id);
  }

  resetStats(): void {
    this.stats = emptyStats();
  }

  /** The parsed value of a setting (tests read it directly). */
  setting(key: string): unknown {
    const raw = this.settings.get(key);
    return raw === undefined ? undefined : JSON.parse(raw);
  }
}
