import ExcelJS from 'exceljs';
import { buildReport, REPORT_SHEETS } from '../../src/reports/report';
import { fillTableRows } from '../../src/reports/claimSheet';
import { ReportSheetConflict, writeReportSheets } from '../../src/reports/xlsx';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageSheets } from '../../src/outputs/xlsx/addSheets';
import { fixtureResult, fixtureRows } from './fixture';

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buf = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buf as ArrayBuffer);
  return back;
}

const tableNames = (ws: ExcelJS.Worksheet | undefined): string[] =>
  Object.keys((ws as unknown as { tables?: Record<string, unknown> })?.tables ?? {});

describe('exceljs report layout', () => {
  const report = buildReport(fixtureRows, fixtureResult);

  it('writes Claim Lines as an Excel table with real dates, and every summary as a sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').getCell('A1').value = 'user data';
    writeReportSheets(wb, report, { source: 'fixture', builtAt: new Date(Date.UTC(2026, 0, 31)) });
    const back = await roundTrip(wb);
    expect(back.worksheets.map((w) => w.name)).toEqual([
      'Data', 'Infusion Report', 'Claim Lines', 'Units by Month', 'Units by Drug', 'Units by Provider', 'Units by Setting', 'Expected Payment', 'Documentation Quality',
    ]);
    const claims = back.getWorksheet(REPORT_SHEETS.claimLines)!;
    expect(tableNames(claims)).toEqual(['ICClaimLines']);
    expect(claims.getRow(1).values).toEqual([undefined, 'Encounter', 'Patient', 'Date', 'Month', 'Setting', 'Payer', 'Provider', 'Nurse', 'Code', 'Kind', 'Units', 'Modifiers', 'Drug', 'Row', 'Amount', 'Revenue Code', 'NDC Line', 'Claim Form', 'At Risk']);
    expect(claims.rowCount).toBe(1 + report.claimLines.length);
    const date = claims.getCell('C2').value as Date;
    expect(date).toBeInstanceOf(Date);
    expect(date.toISOString().slice(0, 10)).toBe('2026-01-05');
    expect(claims.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    let units = 0;
    claims.eachRow((row, n) => { if (n > 1) units += Number(row.getCell(11).value); });
    expect(units).toBe(report.claimLines.reduce((s, l) => s + l.units, 0));
    expect(tableNames(back.getWorksheet(REPORT_SHEETS.quality))).toEqual(['ICQualityByNurse', 'ICQualityByProvider', 'ICQualityByMonth']);
    expect(back.getWorksheet('Data')!.getCell('A1').value).toBe('user data');
  });

  it('building again replaces only the sheets it made', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').getCell('A1').value = 'user data';
    writeReportSheets(wb, report);
    const again = await roundTrip(wb);
    again.addWorksheet('Notes').getCell('B2').value = 'mine';
    writeReportSheets(again, report);
    const back = await roundTrip(again);
    expect(back.worksheets.map((w) => w.name)).toEqual([
      'Data', 'Notes', 'Infusion Report', 'Claim Lines', 'Units by Month', 'Units by Drug', 'Units by Provider', 'Units by Setting', 'Expected Payment', 'Documentation Quality',
    ]);
    expect(back.getWorksheet('Notes')!.getCell('B2').value).toBe('mine');
    expect(back.getWorksheet(REPORT_SHEETS.claimLines)!.rowCount).toBe(1 + report.claimLines.length);
  });

  it("never deletes a user's own sheet that has a report name", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Claim Lines').getCell('A1').value = 'my own claim lines';
    expect(() => writeReportSheets(wb, report)).toThrow(ReportSheetConflict);
    expect(() => writeReportSheets(wb, report)).toThrow(/'Claim Lines'.*rename it/);
    expect(wb.getWorksheet('Claim Lines')!.getCell('A1').value).toBe('my own claim lines');
  });

  it('writes an empty report as valid tables', async () => {
    const wb = new ExcelJS.Workbook();
    writeReportSheets(wb, buildReport([], { encounters: [], rows: [] }));
    const back = await roundTrip(wb);
    expect(tableNames(back.getWorksheet(REPORT_SHEETS.claimLines))).toEqual(['ICClaimLines']);
  });
});

describe('the Claim Lines fast path (template row + rows written into the saved file)', () => {
  async function both(report: ReturnType<typeof buildReport>) {
    const full = new ExcelJS.Workbook();
    writeReportSheets(full, report);
    const fast = new ExcelJS.Workbook();
    fast.addWorksheet('Data & <notes>').getCell('A1').value = 'user data';
    writeReportSheets(fast, report, { claimLinesTemplate: true });
    const saved = Buffer.from(await fast.xlsx.writeBuffer());
    const filled = await fillTableRows(saved, 'Claim Lines', report.claimTable, new Date(Date.UTC(2026, 0, 31)));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(filled as unknown as ArrayBuffer);
    return { full: await roundTrip(full), back, filled };
  }

  const values = (wb: ExcelJS.Workbook) => {
    const out: unknown[][] = [];
    wb.getWorksheet('Claim Lines')!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };

  it('gives the same cells, formats and table as writing every row with exceljs', async () => {
    const report = buildReport(fixtureRows, fixtureResult);
    const { full, back, filled } = await both(report);
    expect(values(back)).toEqual(values(full));
    const ws = back.getWorksheet('Claim Lines')!;
    expect(ws.getCell('C9').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('K9').value).toBe(1);
    const table = (ws as unknown as { tables: Record<string, { table: { tableRef: string } }> }).tables.ICClaimLines;
    expect(table.table.tableRef).toBe('A1:S9');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ic-report-')), 'filled.xlsx');
    fs.writeFileSync(file, filled);
    expect(packageSheets(file)).toEqual([
      { name: 'Data & <notes>', tables: [] },
      { name: 'Infusion Report', tables: ['ICReportSummary'] },
      { name: 'Claim Lines', tables: ['ICClaimLines'] },
      { name: 'Units by Month', tables: ['ICUnitsByMonth'] },
      { name: 'Units by Drug', tables: ['ICUnitsByDrug'] },
      { name: 'Units by Provider', tables: ['ICUnitsByProvider'] },
      { name: 'Units by Setting', tables: ['ICUnitsBySetting'] },
      { name: 'Expected Payment', tables: ['ICPaymentByMonth', 'ICPaymentByDrug', 'ICPaymentByProvider', 'ICPaymentByPayer', 'ICAtRiskByFinding', 'ICAtRiskByNurse'] },
      { name: 'Documentation Quality', tables: ['ICQualityByNurse', 'ICQualityByProvider', 'ICQualityByMonth'] },
    ]);
  });

  it('keeps text that XML must escape, codes that look like numbers, and drops control characters', async () => {
    const rows = fixtureRows.map((r) => (r.row === 2 ? { ...r, values: { ...r.values, patient: ' O\'Brien & <Sons> "Ltd" \u0007😀', nurse: '00123' } } : r));
    const report = buildReport(rows, fixtureResult);
    const { back } = await both(report);
    const ws = back.getWorksheet('Claim Lines')!;
    expect(ws.getCell('B2').value).toBe('O\'Brien & <Sons> "Ltd" 😀');
    expect(ws.getCell('H2').value).toBe('00123');
    expect(ws.getCell('I2').value).toBe('96365');
  });
});
