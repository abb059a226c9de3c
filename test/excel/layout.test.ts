/**
 * The plan's layout in Excel, on the fake Excel: header row frozen, IC columns wrapped at fitted widths,
 * the status cells coloured by one rule per status (replaced on a re-run, removed by Clear results), the print setup; all in the write's
 * existing batches (no extra round trip), and only the parts the host's API version has.
 */
import { DERIVED_HEADERS } from '../../src/sheet';
import { hostFrom } from '../../src/excel/host';
import { FILL_COLORS } from '../../src/excel/limits';
import { clearSheet, codeSheet } from '../../src/excel/run';
import { columnLetters } from '../../src/sheet/columns';
import { createFakeExcel, FakeWorkbook, shownFill } from '../fake-excel';
import { HEADERS, infusionSheet } from './sheetData';

async function coded(apiVersion: number, titleRows = 2) {
  const model = new FakeWorkbook({ apiVersion });
  const sheet = model.addSheet('Infusions', infusionSheet(30, titleRows));
  const host = hostFrom(createFakeExcel(model).run as never, apiVersion);
  const result = await codeSheet(host);
  return { model, sheet, host, result, headerRow: titleRows + 1 };
}

const callsOn = (model: FakeWorkbook, path: RegExp, method: string) => model.calls.filter((c) => path.test(c.path) && c.method === method);

describe('the coded sheet layout in Excel', () => {
  it('freezes the header row, wraps and sizes the IC columns, colours status cells and sets up printing', async () => {
    const { model, sheet, host, result, headerRow } = await coded(18);
    expect(result.write!.syncs).toBe(result.write!.batches);
    expect(callsOn(model, /freezePanes$/, 'freezeRows').map((c) => c.args)).toEqual([[headerRow]]);

    const first = HEADERS.length + 1;
    for (let j = 0; j < DERIVED_HEADERS.length; j++) {
      const format = sheet.columnFormats.get(first + j) ?? {};
      expect([DERIVED_HEADERS[j], format.wrapText]).toEqual([DERIVED_HEADERS[j], true]);
      expect(format.columnWidth as number).toBeGreaterThan(30);
    }
    const width = (header: string) => sheet.columnFormats.get(first + DERIVED_HEADERS.indexOf(header))!.columnWidth as number;
    expect(width('IC Findings')).toBeGreaterThan(width('IC Status'));

    const statusColumn = first + DERIVED_HEADERS.indexOf('IC Status');
    const statusRules = () => sheet.conditionalFormats.filter((cf) => /^=EXACT\(/.test(cf.formula ?? ''));
    expect(statusRules().map((cf) => [cf.formula, cf.fill])).toEqual([
      [`=EXACT($${columnLetters(statusColumn)}${headerRow + 1},"Review")`, FILL_COLORS.warning],
      [`=EXACT($${columnLetters(statusColumn)}${headerRow + 1},"Error")`, FILL_COLORS.error],
    ]);
    let shown = 0;
    for (let r = headerRow + 1; r <= headerRow + 30; r++) {
      const status = sheet.get(r, statusColumn);
      const want = status === 'Error' ? FILL_COLORS.error : status === 'Review' ? FILL_COLORS.warning : undefined;
      expect([r, status, shownFill(sheet, r, statusColumn)?.color]).toEqual([r, status, want]);
      if (want) shown++;
    }
    expect(shown).toBeGreaterThan(0);


    expect(callsOn(model, /pageLayout$/, 'set orientation').map((c) => c.args[0])).toEqual(['Landscape']);
    expect(callsOn(model, /pageLayout$/, 'set zoom').map((c) => c.args[0])).toEqual([{ horizontalFitToPages: 1, verticalFitToPages: 0 }]);
    expect(callsOn(model, /pageLayout$/, 'setPrintTitleRows').map((c) => c.args)).toEqual([[`$${headerRow}:$${headerRow}`]]);

    await codeSheet(host);
    expect(statusRules()).toHaveLength(2); // a re-run replaces them, never adds more
    await clearSheet(host);
    expect(statusRules()).toHaveLength(0);
  });

  it("keeps panes the user froze elsewhere and a page setup of theirs; re-freezes only its own header row", async () => {
    const model = new FakeWorkbook({ apiVersion: 18 });
    const sheet = model.addSheet('Infusions', infusionSheet(30, 2));
    sheet.freeze = { rows: 0, columns: 2 };
    sheet.page = { orientation: 'Portrait', zoom: { horizontalFitToPages: 2, verticalFitToPages: 3 }, printTitleRows: '$1:$1' };
    const host = hostFrom(createFakeExcel(model).run as never, 18);
    await codeSheet(host);
    expect(sheet.freeze).toEqual({ rows: 0, columns: 2 });
    expect(sheet.page).toEqual({ orientation: 'Portrait', zoom: { horizontalFitToPages: 2, verticalFitToPages: 3 }, printTitleRows: '$1:$1' });
    // A sheet with nothing of the user's gets ours, and a second run finds them its own.
    const { model: fresh, sheet: plain, host: again, headerRow } = await coded(18);
    expect(plain.freeze).toEqual({ rows: headerRow, columns: 0 });
    expect(plain.page.printTitleRows).toBe(`$${headerRow}:$${headerRow}`);
    await codeSheet(again);
    expect(callsOn(fresh, /freezePanes$/, 'freezeRows')).toHaveLength(2);
    expect(plain.freeze).toEqual({ rows: headerRow, columns: 0 });
  });

  it('leaves out what an older host cannot do', async () => {
    const { model } = await coded(6, 0);
    expect(callsOn(model, /freezePanes$/, 'freezeRows')).toHaveLength(0);
    expect(callsOn(model, /pageLayout$/, 'setPrintTitleRows')).toHaveLength(0);
    expect(callsOn(model, /pageLayout$/, 'set zoom')).toHaveLength(0);
  });
});
