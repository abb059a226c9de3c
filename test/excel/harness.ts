/** The fake-Excel harness shared by the adapter suites: a sheet of infusion rows, snapshots and their first difference. */
import { hostFrom, type ExcelHost } from '../../src/excel/host';
import { DERIVED_HEADERS } from '../../src/sheet';
import { createFakeExcel, FakeWorkbook, shownFill, type FakeSheet } from '../fake-excel';
import { HEADERS, infusionSheet } from './sheetData';

export const FOUR_MB = 4 * 1024 * 1024;

export function setup(rows: number, titleRows = 0, apiVersion = 18) {
  const model = new FakeWorkbook({ apiVersion });
  const sheet = model.addSheet('Infusions', infusionSheet(rows, titleRows));
  const fake = createFakeExcel(model);
  const host: ExcelHost = hostFrom(fake.run as never, apiVersion);
  return { model, sheet, host };
}

/** The row of the `Encounter` header (a title may stand above it). */
export function headerRow(sheet: FakeSheet): number {
  for (let r = 1; r <= 20; r++) for (let c = 1; c <= 60; c++) if (sheet.get(r, c) === 'Encounter') return r;
  throw new Error('no header row');
}

/** The column of a header in the header row, wherever an edit moved it. */
export function columnOf(sheet: FakeSheet, header: string): number {
  const h = headerRow(sheet);
  for (let c = 1; c <= 80; c++) if (sheet.get(h, c) === header) return c;
  throw new Error(`no column ${header}`);
}

/** The user's columns (1..16) of every row, as a plain grid. */
export function userBlock(sheet: FakeSheet, lastRow: number) {
  return sheet.getBlock({ top: 1, left: 1, bottom: lastRow, right: HEADERS.length });
}

export const col = (name: string) => HEADERS.indexOf(name) + 1;

export type Snapshot = ReturnType<FakeSheet['snapshot']>;

/** `row:column` of every cell of the first `rows` rows that shows a highlight. */
export function shownCells(sheet: FakeSheet, rows: number, columns = 30): Set<string> {
  const out = new Set<string>();
  // The IC Status cells carry their row's colour (test/excel/layout.test.ts); the rest are the highlights.
  const status = HEADERS.length + 1 + DERIVED_HEADERS.indexOf('IC Status');
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= columns; c++) if (c !== status && shownFill(sheet, r, c)) out.add(`${r}:${c}`);
  return out;
}

/** The first difference between two sheet snapshots, or null (jest's diff of 2 million cells would never end). */
export function firstDifference(a: Snapshot, b: Snapshot): string | null {
  const rows = Math.max(a.values.length, b.values.length);
  for (let r = 0; r < rows; r++) {
    const la = a.values[r] ?? [];
    const lb = b.values[r] ?? [];
    const cols = Math.max(la.length, lb.length);
    for (let c = 0; c < cols; c++) {
      const va = la[c] ?? '';
      const vb = lb[c] ?? '';
      if (va !== vb) return `value at row ${r + 1}, column ${c + 1}: ${JSON.stringify(va)} vs ${JSON.stringify(vb)}`;
    }
  }
  if (JSON.stringify(a.conditionalFormats) !== JSON.stringify(b.conditionalFormats)) return 'conditional formats differ';
  for (const kind of ['fills', 'notes'] as const) {
    const ka = Object.keys(a[kind]).sort();
    const kb = Object.keys(b[kind]).sort();
    if (ka.length !== kb.length) return `${kind}: ${ka.length} vs ${kb.length}`;
    for (const k of ka) {
      if (JSON.stringify(a[kind][k]) !== JSON.stringify(b[kind][k])) return `${kind} at ${k}: ${JSON.stringify(a[kind][k])} vs ${JSON.stringify(b[kind][k] ?? null)}`;
    }
  }
  return null;
}

