/**
 * The plan's layout in Excel, on the fake Excel: header row frozen, IC columns wrapped at fitted widths,
 * the status column coloured by one conditional format per status, the print setup; all in the write's
 * existing batches (no extra round trip), and only the parts the host's API version has.
 */
import { DERIVED_HEADERS } from '../../src/sheet';
import { hostFrom } from '../../src/excel/host';
import { FILL_COLORS } from '../../src/excel/limits';
import { codeSheet } from '../../src/excel/run';
import { createFakeExcel, FakeWorkbook } from '../fake-excel';
import { HEADERS, infusionSheet } from './sheetData';

async function coded(apiVersion: number, titleRows = 2) {
  const model = new FakeWorkbook({ apiVersion });
  const sheet = model.addSheet('Infusions', infusionSheet(30, titleRows));
  const host = hostFrom(createFakeExcel(model).run as never, apiVersion);
  const result = await codeSheet(host);
  return { model, sheet, result, headerRow: titleRows + 1 };
}

const callsOn = (model: FakeWorkbook, path: RegExp, method: string) => model.calls.filter((c) => path.test(c.path) && c.method === method);

describe('the coded sheet layout in Excel', () => {
  it('freezes the header row, wraps and sizes the IC columns, colours status cells and sets up printing', async () => {
    const { model, sheet, result, headerRow } = await coded(18);
    expect(result.write!.syncs).toBe(result.write!.batches);
    expect(callsOn(model, /freezePanes$/, 'freezeRows').map((c) => c.args)).toEqual([[headerRow]]);

    const first = HEADERS.length + 1;
    for (let j = 0; j < DERIVED_HEADERS.length; j++) {
      const format = sheet.formats.get(headerRow * 20000 + first + j) ?? {};
      expect([DERIVED_HEADERS[j], format.wrapText]).toEqual([DERIVED_HEADERS[j], true]);
      expect(format.columnWidth as number).toBeGreaterThan(30);
    }
    const width = (header: string) => sheet.formats.get(headerRow * 20000 + first + DERIVED_HEADERS.indexOf(header))!.columnWidth as number;
    expect(width('IC Findings')).toBeGreaterThan(width('IC Status'));

    expect(callsOn(model, /conditionalFormats$/, 'clearAll')).toHaveLength(1);
    expect(callsOn(model, /conditionalFormats$/, 'add').map((c) => c.args)).toEqual([['CellValue'], ['CellValue']]);
    const rules = callsOn(model, /cellValue$/, 'set rule').map((c) => c.args[0]);
    expect(rules).toEqual([
      { formula1: '="Error"', operator: 'EqualTo' },
      { formula1: '="Review"', operator: 'EqualTo' },
    ]);
    expect(callsOn(model, /cellValue\.format\.fill$/, 'set color').map((c) => c.args[0])).toEqual([FILL_COLORS.error, FILL_COLORS.warning]);

    expect(callsOn(model, /pageLayout$/, 'set orientation').map((c) => c.args[0])).toEqual(['Landscape']);
    expect(callsOn(model, /pageLayout$/, 'set zoom').map((c) => c.args[0])).toEqual([{ horizontalFitToPages: 1, verticalFitToPages: 0 }]);
    expect(callsOn(model, /pageLayout$/, 'setPrintTitleRows').map((c) => c.args)).toEqual([[`$${headerRow}:$${headerRow}`]]);
  });

  it('leaves out what an older host cannot do', async () => {
    const { model } = await coded(6, 0);
    expect(callsOn(model, /freezePanes$/, 'freezeRows')).toHaveLength(0);
    expect(callsOn(model, /pageLayout$/, 'setPrintTitleRows')).toHaveLength(0);
    expect(callsOn(model, /conditionalFormats$/, 'add')).toHaveLength(2);
  });
});
