/**
 * What a user does to a sheet between runs, applied to the model the way Excel does it: sort a block of rows
 * (values, cell fills, notes and comments move with their rows; conditional formats stay where they are and
 * their relative formulas follow the data), filter (rows are hidden, nothing moves), insert and delete rows
 * and columns (everything below or right shifts; rule areas grow, shrink or vanish; references in rule
 * formulas and table areas follow, a deleted referenced cell becomes #REF!).
 */
import { mapReferences } from './formula';
import { cellKey, type FakeSheet, type FakeValue, type Rect } from './model';

type Axis = 'row' | 'column';
/** Where an old row (or column) index goes; null = deleted. */
type Move = (index: number) => number | null;

function shiftAxis(sheet: FakeSheet, axis: Axis, move: Move): void {
  const at = (row: number, column: number) => (axis === 'row' ? { row: move(row), column } : { row, column: move(column) });
  // Values: rebuilt row by row (rows are arrays, cells may be missing).
  const old = sheet.values.slice();
  sheet.values.length = 0;
  old.forEach((line, r) => {
    line?.forEach((v, c) => {
      if (v === undefined) return;
      const to = at(r + 1, c + 1);
      if (to.row !== null && to.column !== null) sheet.set(to.row, to.column, v);
    });
  });
  for (const map of [sheet.fills, sheet.notes, sheet.formats] as Map<number, unknown>[]) {
    const entries = [...map.entries()];
    map.clear();
    for (const [k, v] of entries) {
      const to = at(Math.floor(k / 20000), k % 20000);
      if (to.row !== null && to.column !== null) map.set(cellKey(to.row, to.column), v);
    }
  }
  sheet.notesChanged();
  for (const c of sheet.workbook.comments) {
    if (c.sheetId !== sheet.id) continue;
    const to = at(c.row, c.column);
    if (to.row === null || to.column === null) sheet.workbook.comments.splice(sheet.workbook.comments.indexOf(c), 1);
    else Object.assign(c, to);
  }
  const moveRect = (r: Rect): Rect | null => {
    const [lo, hi] = axis === 'row' ? [r.top, r.bottom] : [r.left, r.right];
    let first: number | null = null;
    let last: number | null = null;
    for (let i = lo; i <= hi; i++) {
      const to = move(i);
      if (to === null) continue;
      if (first === null) first = to;
      last = to;
    }
    if (first === null || last === null) return null;
    return axis === 'row' ? { ...r, top: first, bottom: last } : { ...r, left: first, right: last };
  };
  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((cf) => {
    const rects = cf.rects.map(moveRect).filter((r): r is Rect => r !== null);
    if (!rects.length) return [];
    const formula = cf.formula && mapReferences(cf.formula, (row, column) => {
      const to = at(row, column);
      return to.row === null || to.column === null ? null : { row: to.row, column: to.column };
    });
    return [{ ...cf, rects, formula }];
  });
  for (const t of sheet.workbook.tables) {
    if (t.sheetId !== sheet.id) continue;
    const r = moveRect(t.rect);
    if (r) t.rect = r;
  }
}

/** Inserts `count` empty rows before `row` (Excel's Insert > Sheet rows). */
export function insertRows(sheet: FakeSheet, row: number, count = 1): void {
  // A rule area that spans the insertion point grows over the new rows (its first and last rows move apart).
  shiftAxis(sheet, 'row', (r) => (r >= row ? r + count : r));
}

export function deleteRows(sheet: FakeSheet, row: number, count = 1): void {
  shiftAxis(sheet, 'row', (r) => (r < row ? r : r < row + count ? null : r - count));
}

export function insertColumns(sheet: FakeSheet, column: number, count = 1): void {
  shiftAxis(sheet, 'column', (c) => (c >= column ? c + count : c));
}

export function deleteColumns(sheet: FakeSheet, column: number, count = 1): void {
  shiftAxis(sheet, 'column', (c) => (c < column ? c : c < column + count ? null : c - count));
}

/**
 * Sorts rows top..bottom of columns left..right by one column (ascending text order, blanks last, stable):
 * values, cell fills, cell formats (fonts, number formats), notes and comments of those cells move with their
 * rows, as Excel's sort moves a cell's whole formatting.
 */
export function sortRows(sheet: FakeSheet, rect: Rect, byColumn: number, descending = false): void {
  const rows: number[] = [];
  for (let r = rect.top; r <= rect.bottom; r++) rows.push(r);
  const keyOf = (r: number) => sheet.get(r, byColumn);
  const order = rows.slice().sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (ka === '' || kb === '') return ka === kb ? 0 : ka === '' ? 1 : -1;
    const cmp = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return descending ? -cmp : cmp;
  });
  // order[i] is the old row that lands at rect.top + i.
  const target = new Map<number, number>();
  order.forEach((old, i) => target.set(old, rect.top + i));
  const inRect = (row: number, column: number) => row >= rect.top && row <= rect.bottom && column >= rect.left && column <= rect.right;
  const values: { row: number; column: number; v: FakeValue | '' }[] = [];
  for (const r of rows) for (let c = rect.left; c <= rect.right; c++) values.push({ row: target.get(r)!, column: c, v: sheet.get(r, c) });
  for (const { row, column, v } of values) sheet.set(row, column, v);
  for (const map of [sheet.fills, sheet.formats, sheet.notes] as Map<number, unknown>[]) {
    const moved: [number, unknown][] = [];
    for (const [k, v] of [...map.entries()]) {
      const row = Math.floor(k / 20000);
      const column = k % 20000;
      if (!inRect(row, column)) continue;
      map.delete(k);
      moved.push([cellKey(target.get(row)!, column), v]);
    }
    for (const [k, v] of moved) map.set(k, v);
  }
  sheet.notesChanged();
  for (const c of sheet.workbook.comments) if (c.sheetId === sheet.id && inRect(c.row, c.column)) c.row = target.get(c.row)!;
}

/** An AutoFilter: hides the rows of top..bottom where `keep(row)` is false (nothing moves). */
export function filterRows(sheet: FakeSheet, top: number, bottom: number, keep: (row: number) => boolean): void {
  sheet.hiddenRows.clear();
  for (let r = top; r <= bottom; r++) if (!keep(r)) sheet.hiddenRows.add(r);
}

export function clearFilter(sheet: FakeSheet): void {
  sheet.hiddenRows.clear();
}
