import { infusionSheet } from '../../test/excel/sheetData';
import { FakeWorkbook, installFakeOffice, summarizeStats, type FakeSheet } from '../../test/fake-excel';
import { installReportObjects, numberFormatWrites, reportObjects, tableStyle } from '../../test/fake-excel/reportObjects';
import { fixtureResult, fixtureRows } from '../../test/reports/fixture';
import { CLAIM_HEADERS, buildReport, pivotSpecs, REPORT_SHEETS } from '../reports';
import { codeRows } from '../rules';
import type { CodeLine, CodingResult, InputRow, RowResult } from '../rules/types';
import { detectTable, readRows } from '../sheet';
import { officeHost } from './host';
import { buildExcelReport, excelDate, NO_PIVOTS_NOTE, ReportInputError, ReportSheetConflictError, type ExcelReportOptions } from './report';

installReportObjects();

const USER_DATA = [
  ['Infusion log'],
  [],
  ['Encounter', 'Patient', 'Drug', 'Start', 'Stop'],
  ['E1', 'MRN1', 'vancomycin', '09:00', '10:35'],
];

function setup(apiVersion = 18) {
  const model = new FakeWorkbook({ apiVersion });
  const data = model.addSheet('Infusions', USER_DATA);
  model.addSheet('Notes', [['my notes']]);
  installFakeOffice(globalThis as unknown as Record<string, unknown>, model);
  return { model, data };
}

/** The report over given rows, through the Office globals the fake installed (as the task pane runs it). */
const build = (rows: InputRow[], result: CodingResult, more: ExcelReportOptions = {}) =>
  buildExcelReport(officeHost(), { input: { rows, result, source: 'Infusions' }, ...more });

const sheetNames = (model: FakeWorkbook) => model.sheets.map((s) => s.name);
const tablesOn = (model: FakeWorkbook, sheet: FakeSheet) => model.tables.filter((t) => t.sheetId === sheet.id && model.sheetById(t.sheetId));
const table = (model: FakeWorkbook, name: string) => {
  const t = model.tables.find((x) => x.name === name && model.sheetById(x.sheetId));
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

describe('buildExcelReport with PivotTables (ExcelApi 1.8+)', () => {
  const report = buildReport(fixtureRows, fixtureResult);

  it('writes Claim Lines as a table: values, real dates, codes kept as text', async () => {
    const { model } = setup();
    const outcome = await build(fixtureRows, fixtureResult);
    expect(outcome).toMatchObject({ pivotTables: true, chart: true, claimLines: 8, replaced: [] });
    expect(sheetNames(model)).toEqual(['Infusions', 'Notes', 'Infusion Report', 'Claim Lines', 'Expected Payment', 'Documentation Quality']);

    const claims = model.sheet(REPORT_SHEETS.claimLines)!;
    const t = table(model, 'ICClaimLines');
    expect(t.sheetId).toBe(claims.id);
    expect(t.rect).toEqual({ top: 1, left: 1, bottom: 9, right: 19 });
    expect(tableStyle(t)).toBe('TableStyleMedium2');
    expect(claims.getBlock({ top: 1, left: 1, bottom: 1, right: 19 })[0]).toEqual(Object.values(CLAIM_HEADERS));
    expect(claims.getBlock({ top: 2, left: 1, bottom: 2, right: 19 })[0]).toEqual([
      'E1', 'MRN1', excelDate('2026-01-05'), '2026-01', 'facility', 'Medicare', 'Dr A', 'RN X', '96365', 'CPT', 1, '', 'vancomycin', 2,
      '', '', '', '', '',
    ]);
    expect(excelDate('2026-01-05')).toBe(46027);
    let units = 0;
    for (let r = 2; r <= 9; r++) units += claims.get(r, 11) as number;
    expect(units).toBe(report.claimLines.reduce((s, l) => s + l.units, 0));

    // Number formats go out before values: text for codes, months and MRNs, a date format for Date.
    const fmt = numberFormatWrites(model).find((w) => w.sheet === 'Claim Lines' && w.rect.top === 2)!;
    const firstRow = (fmt.formats as string[][])[0];
    expect(firstRow[0]).toBe('@');
    expect(firstRow[2]).toBe('yyyy-mm-dd');
    expect(firstRow[3]).toBe('@');
    expect(firstRow[8]).toBe('@');
  });

  it('adds the four PivotTables over the claim-lines table with the right rows, columns and values', async () => {
    const { model } = setup();
    await build(fixtureRows, fixtureResult);
    const overview = model.sheet(REPORT_SHEETS.overview)!;
    const { pivots } = reportObjects(overview);
    expect(pivots.map((p) => p.name)).toEqual(['ICPivotUnitsByMonth', 'ICPivotUnitsByDrug', 'ICPivotUnitsByProvider', 'ICPivotUnitsBySetting']);
    for (const p of pivots) {
      expect(p.source).toMatchObject({ sheet: 'Claim Lines', table: 'ICClaimLines', rect: { top: 1, left: 1, bottom: 9, right: 19 } });
      expect(p.source.fields).toEqual(Object.values(CLAIM_HEADERS));
      expect(p.destination.sheet).toBe('Infusion Report');
      expect(p.values).toEqual([{ field: 'Units', summarizeBy: 'Sum', name: 'Sum of Units' }]);
    }
    expect(pivots.map((p) => [p.rows, p.columns])).toEqual([
      [['Month'], ['Kind', 'Code']],
      [['Drug', 'Code'], ['Kind']],
      [['Provider'], ['Kind']],
      [['Setting', 'Payer'], ['Kind']],
    ]);
    // Stacked top to bottom without overlapping: each starts below the room the previous one may take.
    const tops = pivots.map((p) => p.destination.rect.top);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    expect(pivotSpecs(report).map((s) => s.name)).toEqual(pivots.map((p) => p.name));
  });

  it('charts CPT units by month from the month table: months down, one series per code', async () => {
    const { model } = setup();
    await build(fixtureRows, fixtureResult);
    const overview = model.sheet(REPORT_SHEETS.overview)!;
    const [chart] = reportObjects(overview).charts;
    expect(chart).toMatchObject({ type: 'ColumnStacked', seriesBy: 'Columns', name: 'ICVolumeChart', title: 'Infusion volume by month (CPT units)' });
    const src = overview.getBlock(chart.source.rect);
    expect(chart.source.sheet).toBe('Infusion Report');
    expect(src).toEqual([
      ['Month', '96360', '96365', '96366', '96375'],
      ['2026-01', 0, 1, 1, 1],
      ['2026-02', 1, 0, 0, 0],
    ]);
    const monthTable = table(model, 'ICUnitsByMonth');
    expect(monthTable.rect.top).toBe(chart.source.rect.top);
    expect(chart.position!.start).toMatch(/^A\d+$/);
    expect(overview.get(3, 1)).toMatch(/PivotTables below read the table ICClaimLines/);
  });

  it('writes the documentation-quality tables as shares', async () => {
    const { model } = setup();
    await build(fixtureRows, fixtureResult);
    const q = model.sheet(REPORT_SHEETS.quality)!;
    expect(tablesOn(model, q).map((t) => t.name)).toEqual(['ICQualityByNurse', 'ICQualityByProvider', 'ICQualityByMonth']);
    const nurse = table(model, 'ICQualityByNurse');
    const block = q.getBlock({ ...nurse.rect, bottom: nurse.rect.bottom + 1 });
    expect(block[0].slice(0, 5)).toEqual(['Nurse', 'Rows', 'Any finding', 'Status Error', 'Status Review']);
    expect(block.map((r) => r[0])).toEqual(['Nurse', 'RN X', 'RN Y', '(blank)', 'All rows']);
    expect(block[4][2]).toBe(0.75);
  });

  it('writes expected payment and dollars at risk on their own sheet, as the command line report does', async () => {
    const { model } = setup();
    await build(fixtureRows, fixtureResult);
    const sheet = model.sheet(REPORT_SHEETS.money)!;
    expect(String(sheet.get(1, 1))).toBe(report.money.note);
    expect(tablesOn(model, sheet).map((t) => t.name)).toEqual(['ICPaymentByMonth', 'ICPaymentByDrug', 'ICPaymentByProvider', 'ICPaymentByPayer', 'ICAtRiskByFinding', 'ICAtRiskByNurse']);
    const month = table(model, 'ICPaymentByMonth');
    expect(sheet.getBlock({ ...month.rect, bottom: month.rect.top })[0]).toEqual(report.money.byMonth.columns.map((c) => c.header));
  });

  it('rebuilding replaces only its own sheets; user sheets stay as they were', async () => {
    const { model, data } = setup();
    const before = data.snapshot();
    const notes = model.sheet('Notes')!.snapshot();
    await build(fixtureRows, fixtureResult);
    const second = await build(fixtureRows, fixtureResult);
    expect(second.replaced.sort()).toEqual(['Claim Lines', 'Documentation Quality', 'Expected Payment', 'Infusion Report']);
    expect(sheetNames(model)).toEqual(['Infusions', 'Notes', 'Infusion Report', 'Claim Lines', 'Expected Payment', 'Documentation Quality']);
    expect(data.snapshot()).toEqual(before);
    expect(model.sheet('Notes')!.snapshot()).toEqual(notes);
    expect(reportObjects(model.sheet(REPORT_SHEETS.overview)!).pivots).toHaveLength(4);
    expect(model.tables.filter((t) => t.name === 'ICClaimLines' && model.sheetById(t.sheetId))).toHaveLength(1);
  });

  it("refuses, writing nothing, when a user's own sheet has a report name", async () => {
    const { model } = setup();
    model.addSheet('Claim Lines', [['my own list']]);
    const names = sheetNames(model);
    await expect(build(fixtureRows, fixtureResult)).rejects.toThrow(ReportSheetConflictError);
    await expect(build(fixtureRows, fixtureResult)).rejects.toThrow(/'Claim Lines'.*rename it/);
    expect(sheetNames(model)).toEqual(names);
    expect(model.sheet('Claim Lines')!.get(1, 1)).toBe('my own list');
  });
});

describe('buildExcelReport reading the sheet itself', () => {
  it('codes the active sheet as Code rows does and reports on it', async () => {
    const model = new FakeWorkbook();
    const values = infusionSheet(90, 2);
    const data = model.addSheet('Log', values);
    installFakeOffice(globalThis as unknown as Record<string, unknown>, model);
    const before = data.snapshot();
    const outcome = await buildExcelReport(officeHost());

    const grid = { values: values.map((r) => r.map((v) => v ?? null)), firstRow: 1, firstColumn: 1 };
    const rows = readRows(grid, detectTable(grid)!);
    const expected = buildReport(rows, codeRows(rows));
    expect(outcome.claimLines).toBe(expected.claimLines.length);
    expect(outcome.claimLines).toBeGreaterThan(90);
    const claims = model.sheet(REPORT_SHEETS.claimLines)!;
    let units = 0;
    for (let r = 2; r <= outcome.claimLines + 1; r++) units += claims.get(r, 11) as number;
    expect(units).toBe(expected.claimLines.reduce((s, l) => s + l.units, 0));
    expect(data.snapshot()).toEqual(before);

    // Built again from a report sheet, with nothing coded yet: a message, not a crash.
    model.activeSheetId = model.sheet(REPORT_SHEETS.overview)!.id;
    await expect(buildExcelReport(officeHost())).rejects.toThrow(ReportInputError);
    await expect(buildExcelReport(officeHost(), { sheetName: 'Log' })).resolves.toMatchObject({ replaced: expect.arrayContaining(['Claim Lines']) });
    // Once Code rows has run (its ledger names the sheet), a report sheet being active is fine.
    const ledger = { sheetId: data.id, sheetName: 'Log', headerRow: 3, firstColumn: 17, headers: [], lastRow: 93, fills: [], notes: [], at: '2026-03-31T10:00:00Z' };
    model.settings.set('InfusionCoder', JSON.stringify({ version: 1, ledgers: { [data.id]: ledger } }));
    model.activeSheetId = model.sheet(REPORT_SHEETS.claimLines)!.id;
    await expect(buildExcelReport(officeHost())).resolves.toMatchObject({ claimLines: outcome.claimLines });
  });

  it('says so when the sheet has no rows to report on', async () => {
    const model = new FakeWorkbook();
    model.addSheet('Empty');
    installFakeOffice(globalThis as unknown as Record<string, unknown>, model);
    await expect(buildExcelReport(officeHost())).rejects.toThrow(/Empty is empty/);
    expect(model.sheets.map((s) => s.name)).toEqual(['Empty']);
  });
});

describe('buildExcelReport without ExcelApi 1.8', () => {
  it('says so and writes the summaries as plain tables, with the chart', async () => {
    const { model } = setup(7);
    const outcome = await build(fixtureRows, fixtureResult);
    expect(outcome.pivotTables).toBe(false);
    expect(outcome.message).toMatch(/ExcelApi 1\.8/);
    const overview = model.sheet(REPORT_SHEETS.overview)!;
    expect(overview.get(3, 1)).toBe(NO_PIVOTS_NOTE);
    expect(reportObjects(overview).pivots).toEqual([]);
    // The month table (the chart's source) stands for the month pivot; the other three follow it.
    expect(tablesOn(model, overview).map((t) => t.name)).toEqual(['ICReportSummary', 'ICUnitsByMonth', 'ICUnitsByDrug', 'ICUnitsByProvider', 'ICUnitsBySetting']);
    expect(reportObjects(overview).charts).toHaveLength(1);
    const drug = table(model, 'ICUnitsByDrug');
    const rows = overview.getBlock(drug.rect);
    expect(rows[0]).toEqual(['HCPCS', 'Drug', 'Units', 'Wasted units (JW)', 'Lines', 'Encounters']);
  });
});

/** A coded result with many claim lines (no engine needed): n rows, each with a CPT and an HCPCS line. */
function bigResult(n: number): { rows: InputRow[]; result: CodingResult } {
  const rows: InputRow[] = [];
  const results: RowResult[] = [];
  const line = (kind: 'cpt' | 'hcpcs', code: string, row: number, units: number): CodeLine => ({
    kind, code, units, modifiers: [], row, rows: [row], date: `2026-0${1 + (row % 9)}-15`, drug: 'ceftriaxone', explanation: '',
  });
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    const enc = `ENC${Math.floor(i / 3)}`;
    rows.push({ row, values: { encounter: enc, patient: `MRN-${i}`, provider: `Dr ${i % 7}`, nurse: `RN ${i % 11} with a fairly long name` } });
    results.push({ row, encounter: enc, cpt: [line('cpt', '96374', row, 1)], hcpcs: [line('hcpcs', 'J0696', row, 4)], minutes: 10, findings: [], explanation: '', status: 'OK' });
  }
  const encounters = [...new Set(results.map((r) => r.encounter))].map((id) => ({
    id, rows: [], setting: 'facility' as const, payer: 'Medicare', patient: null, date: '2026-01-15', provider: null, cpt: [], hcpcs: [], findings: [],
  }));
  return { rows, result: { encounters, rows: results } };
}

describe('buildExcelReport on large results', () => {
  it('writes 40,000 claim lines in chunks, every request under the budget, in few syncs', async () => {
    const { model } = setup();
    const { rows, result } = bigResult(20000);
    model.resetStats();
    const progress: number[] = [];
    const budget = 1024 * 1024;
    await build(rows, result, { maxRequestBytes: budget, onProgress: (p) => progress.push(p.fraction) });
    const stats = summarizeStats(model.stats);
    expect(stats.maxRequestBytes).toBeLessThan(budget + 64 * 1024);
    expect(stats.maxRequestBytes).toBeLessThan(4 * 1024 * 1024);
    expect(stats.syncs).toBeLessThanOrEqual(3 + Math.ceil(stats.totalRequestBytes / (budget * 0.8)));
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress.filter((f) => f > 0.5 && f < 0.9).length).toBeGreaterThan(3);
    const claims = model.sheet(REPORT_SHEETS.claimLines)!;
    expect(table(model, 'ICClaimLines').rect.bottom).toBe(40001);
    let units = 0;
    for (let r = 2; r <= 40001; r++) units += claims.get(r, 11) as number;
    expect(units).toBe(20000 * 5);
    expect(model.stats.calculationSuspended).toBeGreaterThan(0);
  });

  it('stays under 4 MB per request with the default budget', async () => {
    const { model } = setup();
    const { rows, result } = bigResult(30000);
    model.resetStats();
    await build(rows, result);
    expect(summarizeStats(model.stats).maxRequestBytes).toBeLessThan(4 * 1024 * 1024);
  });
});
