/**
 * Served in place of Office.js in the browser test: installs a fake Office host (Excel over an in-memory
 * workbook) on the page, and exposes it as window.__fakeHost for the test to inspect.
 */
import { FakeWorkbook, installFakeOffice, ruleHolds } from '../fake-excel';
import { HEADERS, infusionSheet } from '../excel/sheetData';

const model = new FakeWorkbook();
const rows = infusionSheet(60, 1);
// A header the detector does not know: the test maps it by hand.
rows[1][HEADERS.indexOf('Necessity')] = 'Why';
model.addSheet('March infusions', rows);
model.addSheet('Drug map', [['name', 'HCPCS', 'billing unit', 'class']]);
const installed = installFakeOffice(window as unknown as Record<string, unknown>, model);

(window as unknown as { __fakeHost: unknown }).__fakeHost = {
  model,
  installed,
  selection: () => model.selection,
  cell: (row: number, column: number) => model.sheet('March infusions')!.get(row, column),
  /** Plays the user clicking a cell of the sheet (raises the selection event). */
  select: (row: number, column: number) => model.select('March infusions', row, column),
  /** Cells a conditional-format highlight shows on (the add-in never sets a cell's own fill). */
  highlights: () => {
    const sheet = model.sheet('March infusions')!;
    let n = 0;
    for (const cf of sheet.conditionalFormats) {
      for (const r of cf.rects) for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) if (ruleHolds(sheet, cf, row, c)) n += 1;
    }
    return n;
  },
  fills: () => model.sheet('March infusions')!.fillCells().length,
  functions: () => [...installed.functions.keys()],
  actions: () => [...installed.actions.keys()],
  stats: () => ({ ...model.stats }),
  invoke: (id: string) => installed.invokeAction(id),
};
