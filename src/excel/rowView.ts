/**
 * "This row" in the task pane: what Infusion Coder wrote on the row the user selected (codes, units,
 * minutes, status, explanation, findings), read back from the sheet's IC columns, so it works for any
 * coded sheet, also one coded in an earlier session. One Excel.run of one sync per read; the pane reads
 * once the selection has rested, not on every selection event.
 */
import { FINDING_SEVERITY } from '../rules/findings';
import type { Severity } from '../rules/types';
import type { ExcelHost } from './host';

export interface RowFinding {
  id: string;
  severity: Severity;
  message: string;
}

export interface RowView {
  sheetName: string;
  /** 1-based sheet row. */
  row: number;
  status: string;
  cpt: string[];
  hcpcs: string[];
  /** The NDC of each HCPCS line, in the order of `hcpcs` (the IC NDC cell); null where a line has none. */
  hcpcsNdc: (string | null)[];
  modifiers: string;
  minutes: number | null;
  findings: RowFinding[];
  /** One sentence per code (the IC Explanation cell's lines). */
  explanation: string[];
}

/** How many rows down the header row may sit (as the table detection searches). */
const HEADER_SEARCH_ROWS = 100;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).trim();

/** The IC Findings cell's lines (`id: message`) as findings, with each id's severity. */
export function parseFindings(cell: string): RowFinding[] {
  const out: RowFinding[] = [];
  for (const line of cell.split('\n')) {
    const m = /^([a-z0-9]+(?:-[a-z0-9]+)*): (.*)$/.exec(line.trim());
    if (!m) continue;
    const severity = (FINDING_SEVERITY as Record<string, Severity | undefined>)[m[1]] ?? 'info';
    out.push({ id: m[1], severity, message: m[2] });
  }
  return out;
}

/**
 * The view of one sheet row, from the top rows of the used range (to find the header row holding the IC
 * columns) and the selected row's cells. Null when the sheet has no IC columns or the row is not below them.
 */
export function rowViewOf(
  sheetName: string,
  firstRow: number,
  head: unknown[][],
  row: number,
  cells: unknown[],
): RowView | null {
  for (let r = 0; r < head.length; r++) {
    const headers = head[r].map(text);
    const at = (h: string) => headers.indexOf(h);
    if (at('IC Status') < 0 || at('IC CPT') < 0) continue;
    const headerRow = firstRow + r;
    if (row <= headerRow) return null;
    const get = (h: string) => (at(h) >= 0 ? cells[at(h)] : null);
    const status = text(get('IC Status'));
    if (!status) return null;
    const codes = (h: string) => text(get(h)).split(';').map((c) => c.trim()).filter(Boolean);
    const minutes = get('IC Minutes');
    const hcpcs = codes('IC HCPCS');
    // IC NDC holds one entry per HCPCS line, `-` for a line without an NDC (src/sheet/plan.ts, formatNdcs).
    const ndcs = codes('IC NDC');
    return {
      sheetName,
      row,
      status,
      cpt: codes('IC CPT'),
      hcpcs,
      hcpcsNdc: hcpcs.map((_, i) => (ndcs[i] && ndcs[i] !== '-' ? ndcs[i] : null)),
      modifiers: text(get('IC Modifiers')),
      minutes: typeof minutes === 'number' ? minutes : text(minutes) ? Number(text(minutes)) : null,
      findings: parseFindings(text(get('IC Findings'))),
      explanation: text(get('IC Explanation')).split('\n').map((l) => l.trim()).filter(Boolean),
    };
  }
  return null;
}

/**
 * Reads the selected row's view (the first row of the selection) in one sync: the top rows of the used range
 * (where the header row is) and the selected row across the used columns, both found by range arithmetic
 * that needs nothing loaded first.
 */
export async function readRowView(host: ExcelHost): Promise<RowView | null> {
  return host.run(async (context) => {
    // The selection is always on the active sheet.
    const selected = context.workbook.getSelectedRange();
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    // The used range of a blank sheet is A1, never a null object: the ranges below can be built on it.
    const used = sheet.getUsedRange(true);
    const topRows = used.getCell(0, 0).getResizedRange(HEADER_SEARCH_ROWS - 1, 0).getEntireRow();
    const head = used.getIntersection(topRows);
    head.load('values,rowIndex');
    const line = used.getIntersectionOrNullObject(selected.getCell(0, 0).getEntireRow());
    line.load('values,rowIndex');
    await context.sync();
    if (line.isNullObject) return null;
    return rowViewOf(sheet.name, head.rowIndex + 1, head.values, line.rowIndex + 1, line.values[0] ?? []);
  });
}

/**
 * Calls `onChange` when the selection moves, on any sheet (WorksheetCollection.onSelectionChanged, ExcelApi
 * 1.9). The pane batches: it reads the row once the selection has rested. Resolves to a function that removes
 * the handler (in the context that added it, as Office.js requires).
 */
export async function watchSelection(host: ExcelHost, onChange: () => void): Promise<() => Promise<void>> {
  if (!host.supports(9)) return async () => undefined;
  let live = true;
  const handler = await host.run(async (context) => {
    const added = context.workbook.worksheets.onSelectionChanged.add(async () => {
      if (live) onChange();
    });
    await context.sync();
    return added;
  });
  return async () => {
    if (!live) return;
    live = false;
    await host.runIn(handler.context as Excel.RequestContext, async (context) => {
      handler.remove();
      await context.sync();
    });
  };
}
