/**
 * The exceljs writer: a WritePlan applied to a worksheet (earlier marks removed, derived columns written,
 * error cells filled and noted). Used for sources that have no package to patch (FHIR exports).
 */
import type ExcelJS from 'exceljs';
import { FILL_ARGB, NOTE_PREFIX } from '../../sheet/plan';
import type { WritePlan } from '../../sheet/types';

/** Cells a row really holds (exceljs keeps them in a sparse array; walking it creates no empty cells). */
function existingCells(row: ExcelJS.Row): ExcelJS.Cell[] {
  const cells = (row as unknown as { _cells?: (ExcelJS.Cell | undefined)[] })._cells;
  if (Array.isArray(cells)) return cells.filter((c): c is ExcelJS.Cell => !!c);
  const out: ExcelJS.Cell[] = [];
  row.eachCell({ includeEmpty: false }, (c) => out.push(c));
  return out;
}

/** Rows a worksheet really holds, values or not (walking them creates no empty rows). */
function existingRows(ws: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows = (ws as unknown as { _rows?: (ExcelJS.Row | undefined)[] })._rows;
  if (Array.isArray(rows)) return rows.filter((r): r is ExcelJS.Row => !!r);
  const out: ExcelJS.Row[] = [];
  ws.eachRow({ includeEmpty: false }, (r) => out.push(r));
  return out;
}

/** Text of a note as exceljs holds it (a string, or rich text runs). */
function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  if (note && typeof note === 'object' && Array.isArray((note as { texts?: unknown }).texts)) {
    return ((note as { texts: { text?: string }[] }).texts).map((t) => t?.text ?? '').join('');
  }
  return '';
}

const APPENDED = `\n\n${NOTE_PREFIX}`;

/**
 * exceljs has no way to delete a note: drop the cell's comment, and the copy a loaded cell keeps in its
 * value model (written back otherwise).
 */
function removeNote(cell: ExcelJS.Cell): void {
  const c = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  c._comment = undefined;
  if (c._value?.model && 'comment' in c._value.model) delete c._value.model.comment;
}

function isOurFill(fill: ExcelJS.Fill | undefined): boolean {
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return false;
  const argb = fill.fgColor?.argb?.toUpperCase();
  return argb === FILL_ARGB.error || argb === FILL_ARGB.warning;
}

/**
 * Removes the marks of an earlier run: our notes (or the part we appended to a user's note) and, on those
 * cells, a fill of exactly our colour. Other notes and fills are the user's and stay.
 */
export function clearEarlierMarks(ws: ExcelJS.Worksheet): number {
  let removed = 0;
  for (const row of existingRows(ws)) {
    for (const cell of existingCells(row)) {
      const note = (cell as unknown as { _comment?: unknown })._comment ? cell.note : undefined;
      if (note === undefined) continue;
      const text = noteText(note);
      let ours = false;
      if (text.startsWith(NOTE_PREFIX)) {
        removeNote(cell);
        ours = true;
      } else {
        const at = text.indexOf(APPENDED);
        if (at >= 0) {
          cell.note = trimNote(note, at);
          ours = true;
        }
      }
      if (ours && isOurFill(cell.fill)) {
        const style = { ...cell.style };
        delete style.fill;
        cell.style = style;
      }
      if (ours) removed++;
    }
  }
  return removed;
}

/** A user's note cut back to its first `length` characters (rich text runs kept). */
function trimNote(note: unknown, length: number): string | ExcelJS.Comment {
  if (typeof note === 'string') return note.slice(0, length);
  const rich = note as ExcelJS.Comment;
  const texts: ExcelJS.RichText[] = [];
  let left = length;
  for (const run of rich.texts ?? []) {
    if (left <= 0) break;
    const text = run.text ?? '';
    texts.push({ ...run, text: text.slice(0, left) });
    left -= text.length;
  }
  return { ...rich, texts };
}

/** Widths (characters) of the derived columns before the plan's layout fits them. */
const WIDTHS: Readonly<Record<string, number>> = { 'IC CPT': 16, 'IC HCPCS': 18, 'IC NDC': 16, 'IC Modifiers': 12, 'IC Minutes': 10, 'IC Status': 9, 'IC Findings': 48, 'IC Explanation': 60 };

/** Alignment of every derived cell: text wraps (one finding, one sentence per line), top-aligned. */
const WRAP_TOP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** The plan's layout: frozen header, filter over the table, fitted widths, wrapped cells, print setup. */
export function applyLayout(ws: ExcelJS.Worksheet, plan: WritePlan): void {
  const { layout } = plan;
  if (!layout) return;
  const view = (ws.views?.[0] ?? {}) as Partial<ExcelJS.WorksheetView>;
  const xSplit = view.state === 'frozen' ? ((view as ExcelJS.WorksheetViewFrozen).xSplit ?? 0) : 0;
  const common = { ...(view as Partial<ExcelJS.WorksheetViewCommon>) };
  delete (common as { activeCell?: string }).activeCell;
  ws.views = [{ ...common, state: 'frozen', xSplit, ySplit: layout.freezeRows } as ExcelJS.WorksheetView];
  const f = layout.autoFilter;
  ws.autoFilter = { from: { row: f.row, column: f.firstColumn }, to: { row: f.lastRow, column: f.lastColumn } };
  for (const { column, width } of layout.columnWidths) ws.getColumn(column).width = width;
  for (const column of layout.wrapColumns) {
    for (let r = plan.headerRow; r <= plan.lastRow; r++) {
      const cell = ws.findRow(r)?.findCell(column);
      if (cell && cell.value !== null && cell.value !== undefined) cell.alignment = WRAP_TOP;
    }
  }
  const status = layout.statusColumn;
  for (let r = status.firstRow; r <= status.lastRow; r++) {
    const cell = ws.findRow(r)?.findCell(status.column);
    const fill = cell && (cell.value === 'Error' || cell.value === 'Review') ? status.fills[cell.value] : null;
    if (cell && fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_ARGB[fill] } };
  }
  const p = layout.print;
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    printTitlesRow: `${p.repeatRows.first}:${p.repeatRows.last}`,
  };
}

/** Our fill on a derived cell (the status colour of an earlier run) goes: the plan says what it is now. */
function clearDerivedFills(ws: ExcelJS.Worksheet, plan: WritePlan): void {
  const columns = [...plan.staleColumns];
  for (let j = 0; j < plan.headers.length; j++) columns.push(plan.firstColumn + j);
  for (let r = plan.headerRow + 1; r <= plan.lastRow; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (const c of columns) {
      const cell = row.findCell(c);
      if (cell && isOurFill(cell.fill)) {
        const style = { ...cell.style };
        delete style.fill;
        cell.style = style;
      }
    }
  }
}

/** Applies a plan to a worksheet: earlier marks removed, derived columns written, error cells filled and noted. */
export function applyPlan(ws: ExcelJS.Worksheet, plan: WritePlan, onRow?: (count: number) => void): void {
  clearEarlierMarks(ws);
  clearDerivedFills(ws, plan);
  const setIfPresent = (r: number, c: number, value: string | number | null) => {
    if (value !== null) {
      ws.getRow(r).getCell(c).value = value;
      return;
    }
    const row = ws.findRow(r);
    const cell = row?.findCell(c);
    if (cell && cell.value !== null && cell.value !== undefined) cell.value = null;
  };
  for (const column of plan.staleColumns) {
    for (let r = plan.headerRow; r <= plan.lastRow; r++) setIfPresent(r, column, null);
  }
  plan.headers.forEach((header, i) => {
    const cell = ws.getRow(plan.headerRow).getCell(plan.firstColumn + i);
    cell.value = header;
    cell.style = { ...cell.style, font: { ...(cell.style.font ?? {}), bold: true } };
    const column = ws.getColumn(plan.firstColumn + i);
    column.width = WIDTHS[header] ?? 14;
  });
  for (let i = 0; i < plan.values.length; i++) {
    const r = plan.headerRow + 1 + i;
    const values = plan.values[i];
    for (let j = 0; j < values.length; j++) setIfPresent(r, plan.firstColumn + j, values[j]);
    if (onRow && (i + 1) % 10000 === 0) onRow(i + 1);
  }
  for (const h of plan.highlights) {
    const cell = ws.getRow(h.row).getCell(h.column);
    cell.style = {
      ...cell.style,
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_ARGB[h.fill] } },
    };
  }
  for (const n of plan.notes) {
    const cell = ws.getRow(n.row).getCell(n.column);
    const existing = (cell as unknown as { _comment?: unknown })._comment ? cell.note : undefined;
    const text = existing === undefined ? '' : noteText(existing);
    if (text === '') cell.note = n.text;
    else if (typeof existing === 'string') cell.note = text + '\n\n' + n.text;
    else {
      const rich = existing as ExcelJS.Comment;
      cell.note = { ...rich, texts: [...(rich.texts ?? []), { text: '\n\n' + n.text }] };
    }
  }
  applyLayout(ws, plan);
}

