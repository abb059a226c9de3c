/**
 * "This row" on the fake Excel: the view of the selected row read back from the IC columns in one sync, and
 * the selection handler that tells the pane the selection moved (added once, removed in its own context).
 */
import { hostFrom } from '../../src/excel/host';
import { parseFindings, readRowView, rowViewOf, watchSelection } from '../../src/excel/rowView';
import { codeSheet, watchActiveSheet } from '../../src/excel/run';
import { DERIVED_HEADERS } from '../../src/sheet';
import { createFakeExcel, FakeWorkbook } from '../fake-excel';
import { HEADERS, infusionSheet } from './sheetData';

describe('rowViewOf', () => {
  const head = [['Log'], ['Drug', 'Stop', ...DERIVED_HEADERS]];
  const cells = ['vancomycin', null, '96365; 96366', 'J3370 x3', '00409-6510-01', '', 95, 'Error', 'missing-stop-time: No stop.\nunknown-route: Odd route.', '96365: ran.\n96366 x1: more.'];
  it('reads a coded row below the header row that holds the IC columns', () => {
    expect(rowViewOf('S', 1, head, 3, cells)).toEqual({
      sheetName: 'S', row: 3, status: 'Error', cpt: ['96365', '96366'], hcpcs: ['J3370 x3'], hcpcsNdc: ['00409-6510-01'], modifiers: '', minutes: 95,
      findings: [
        { id: 'missing-stop-time', severity: 'error', message: 'No stop.' },
        { id: 'unknown-route', severity: 'warning', message: 'Odd route.' },
      ],
      explanation: ['96365: ran.', '96366 x1: more.'],
    });
  });
  it("gives each HCPCS line its NDC from IC NDC: null for a '-' entry and on a sheet coded before that column", () => {
    const lines = [...cells];
    lines[3] = 'J7050; J2405 x4';
    lines[4] = '-; 00641-6078-25';
    expect(rowViewOf('S', 1, head, 3, lines)?.hcpcsNdc).toEqual([null, '00641-6078-25']);
    const older = [['Drug', 'Stop', ...DERIVED_HEADERS.filter((h) => h !== 'IC NDC')]];
    expect(rowViewOf('S', 1, older, 2, lines.filter((_, i) => i !== 4))?.hcpcsNdc).toEqual([null, null]);
  });
  it('is null on the header, above it, on a sheet without IC columns, and on an uncoded row', () => {
    expect(rowViewOf('S', 1, head, 2, cells)).toBeNull();
    expect(rowViewOf('S', 1, [['Drug', 'Stop']], 3, cells)).toBeNull();
    expect(rowViewOf('S', 1, head, 4, ['x', null, '', '', '', '', '', '', '', ''])).toBeNull();
    expect(parseFindings('not a finding line')).toEqual([]);
  });
  it('counts rows from where the used range starts', () => {
    expect(rowViewOf('S', 5, head, 7, cells)?.row).toBe(7);
    expect(rowViewOf('S', 5, head, 6, cells)).toBeNull(); // row 6 is the header row when the range starts at row 5
  });
});

async function codedWorkbook(titleRows = 1) {
  const model = new FakeWorkbook();
  const sheet = model.addSheet('March', infusionSheet(20, titleRows));
  model.addSheet('Blank');
  const host = hostFrom(createFakeExcel(model).run as never);
  await codeSheet(host);
  return { model, sheet, host };
}

const icColumn = (header: (typeof DERIVED_HEADERS)[number]) => HEADERS.length + 1 + DERIVED_HEADERS.indexOf(header);

describe('readRowView', () => {
  it('reads the selected row of a coded sheet in one sync, whichever cell of the row is selected', async () => {
    const { model, sheet, host } = await codedWorkbook();
    const row = 7;
    model.select('March', row, 3);
    const before = model.stats.syncs;
    const view = await readRowView(host);
    expect(model.stats.syncs - before).toBe(1);
    expect(view).toMatchObject({ sheetName: 'March', row, status: sheet.get(row, icColumn('IC Status')) });
    expect(view!.cpt.join('; ')).toBe(sheet.get(row, icColumn('IC CPT')));
    expect(view!.hcpcsNdc).toHaveLength(view!.hcpcs.length);
    expect(view!.explanation.join('\n')).toBe(String(sheet.get(row, icColumn('IC Explanation'))).trim());
    const findings = String(sheet.get(row, icColumn('IC Findings')) ?? '');
    expect(view!.findings.map((f) => `${f.id}: ${f.message}`).join('\n')).toBe(findings);

    model.select('March', row, icColumn('IC Findings') + 2); // right of the table: still that row
    expect((await readRowView(host))?.row).toBe(row);
  });

  it('is null on the title and header rows, below the table, and on a sheet never coded', async () => {
    const { model, host } = await codedWorkbook();
    for (const [sheet, row] of [['March', 1], ['March', 2], ['March', 400], ['Blank', 3]] as const) {
      model.select(sheet, row, 1);
      expect([sheet, row, await readRowView(host)]).toEqual([sheet, row, null]);
    }
  });
});

describe('watchSelection', () => {
  it('calls back when the selection moves and removes its handler in the context that added it', async () => {
    const { model, host } = await codedWorkbook(0);
    const calls: number[] = [];
    const remove = await watchSelection(host, () => calls.push(1));
    expect(model.selectionHandlerCount).toBe(1);
    model.select('March', 3, 1);
    model.select('March', 4, 1);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(2);

    await remove();
    expect(model.selectionHandlerCount).toBe(0);
    model.select('March', 5, 1);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(2);
    await remove(); // a second call does nothing
  });

  it('a handler result removed outside its own context is refused, as by Office.js', async () => {
    const model = new FakeWorkbook();
    model.addSheet('S');
    const excel = createFakeExcel(model);
    const added = await excel.run(async (context) => context.workbook.worksheets.onSelectionChanged.add(() => undefined));
    expect(() => added.remove()).toThrow(/InvalidObjectPath/);
    await expect(excel.run(async () => added.remove())).rejects.toThrow(/InvalidObjectPath/);
    expect(model.selectionHandlerCount).toBe(1);
    await excel.run(added.context, async (context) => {
      added.remove();
      await context.sync();
    });
    expect(model.selectionHandlerCount).toBe(0);
  });

  it('does nothing before ExcelApi 1.9', async () => {
    const model = new FakeWorkbook({ apiVersion: 8 });
    model.addSheet('S');
    const remove = await watchSelection(hostFrom(createFakeExcel(model).run as never, 8), () => undefined);
    expect(model.selectionHandlerCount).toBe(0);
    await remove();
  });
});

describe('watchActiveSheet', () => {
  it('calls back when another sheet is activated and removes its handler in the context that added it', async () => {
    const model = new FakeWorkbook();
    model.addSheet('March');
    model.addSheet('April');
    const host = hostFrom(createFakeExcel(model).run as never);
    const seen: string[] = [];
    const remove = await watchActiveSheet(host, (id) => seen.push(id));
    expect(model.activatedHandlerCount).toBe(1);
    model.activate('April');
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(1);

    await remove();
    expect(model.activatedHandlerCount).toBe(0);
    model.activate('March');
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(1);
    await remove(); // a second call does nothing
  });
});
