/**
 * End to end: a flat sheet with an NDC column, through `node bin/infusion-coder.js code`, gets the IC NDC
 * column in the 11-digit 5-4-2 form (xlsx and csv copies), NDC findings on the NDC cell, and `ndc` on the
 * HCPCS lines of `--json`.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ensureBuilt, headerColumns, load, noteText, run, tempDir } from './helpers';

let dir: string;

const HEADER = ['Encounter', 'Payer', 'Date', 'Drug', 'Dose', 'Route', 'Start', 'Stop', 'Diagnosis', 'Necessity', 'NDC'];
const ROWS: (string | number | null)[][] = [
  // row 2: 5-3-2 printed form; row 3: an 11-digit NDC kept as a number (Excel dropped its zeros)
  ['E1', 'Aetna', '2026-03-02', 'ondansetron', '4 mg', 'IV push', '09:00', null, 'R11.2', 'Nausea', '55150-128-05'],
  ['E1', 'Aetna', '2026-03-02', 'ceftriaxone', '1 g', 'IV infusion', '09:30', '10:05', 'N39.0', 'UTI', 409733801],
  // row 4: 10 digits without hyphens (ambiguous); row 5: a Medicaid solution row without an NDC
  ['E2', 'Aetna', '2026-03-03', 'famotidine', '20 mg', 'IV push', '08:00', null, 'K21.9', 'Reflux', '5515012805'],
  ['E3', 'State Medicaid', '2026-03-04', 'normal saline', '1000 mL', 'IV infusion', '08:00', '10:16', 'E86.0', 'Dehydration', null],
  // row 6: an asterisk placeholder
  ['E4', 'Aetna', '2026-03-05', 'ondansetron', '4 mg', 'IV push', '11:00', null, 'R11.2', 'Nausea', '55150-*128-05'],
];

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Log');
  ws.addRow(HEADER);
  for (const r of ROWS) ws.addRow(r);
  await wb.xlsx.writeFile(path.join(dir, 'ndc.xlsx'));
  const csv = [HEADER, ...ROWS].map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\r\n');
  fs.writeFileSync(path.join(dir, 'ndc.csv'), csv);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an NDC column through the command line', () => {
  it('the coded .xlsx copy has IC NDC beside IC HCPCS, in 5-4-2 form', async () => {
    const r = run(['code', 'ndc.xlsx'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ws = (await load(path.join(dir, 'ndc.coded.xlsx'))).getWorksheet('Log')!;
    const cols = headerColumns(ws, 1);
    expect(cols.get('IC NDC')).toBe(cols.get('IC HCPCS')! + 1);
    const at = (row: number, header: string) => ws.getCell(row, cols.get(header)!).value;
    expect([at(2, 'IC HCPCS'), at(2, 'IC NDC')]).toEqual(['J2405 x4', '55150-0128-05']);
    expect([at(3, 'IC HCPCS'), at(3, 'IC NDC')]).toEqual(['J0696 x4', '00409-7338-01']);
    expect([at(6, 'IC HCPCS'), at(6, 'IC NDC')]).toEqual(['J2405 x4', '55150-0128-05']);
    // Ambiguous: no NDC on the line, a warning noted on the NDC cell; J3490 then needs one.
    expect(at(4, 'IC NDC')).toBeNull();
    expect(String(at(4, 'IC Findings'))).toMatch(/^ambiguous-ndc: NDC '5515012805' has 10 digits without hyphens/m);
    expect(String(at(4, 'IC Findings'))).toMatch(/^missing-ndc: J3490 is a not-otherwise-classified drug code/m);
    expect(noteText(ws.getCell(4, cols.get('NDC')!).note)).toMatch(/could be 05515-0128-05, 55150-0128-05, 55150-1280-05/);
    // Medicaid, no NDC: the (blank) NDC cell says so.
    expect(at(5, 'IC NDC')).toBeNull();
    expect(String(at(5, 'IC Findings'))).toMatch(/^missing-ndc: Medicaid requires the NDC on drug lines: J7030 has none/m);
    const comments = await (await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'ndc.coded.xlsx')))).file('xl/comments1.xml')!.async('string');
    expect(comments).toMatch(/<comment ref="K5"[^>]*><text><r><t xml:space="preserve">Infusion Coder: Medicaid requires the NDC/);
  });

  it('the .csv copy carries the same IC NDC values, and a second run replaces them', () => {
    expect(run(['code', 'ndc.csv', '--out', 'ndc.coded.csv'], dir).code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'ndc.coded.csv'), 'utf8');
    const lines = text.replace(/^\ufeff/, '').split('\r\n');
    const header = lines[0].split(',');
    const ndc = header.indexOf('IC NDC');
    expect(ndc).toBe(header.indexOf('IC HCPCS') + 1);
    const cell = (row: number) => lines[row - 1].split(',')[ndc];
    expect([cell(2), cell(3), cell(6)]).toEqual(['55150-0128-05', '00409-7338-01', '55150-0128-05']);
    expect(run(['code', 'ndc.coded.csv', '--out', 'ndc.twice.csv'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'ndc.twice.csv'), 'utf8')).toBe(text);
  });

  it('--json keeps its shape: the claim NDC line on each HCPCS line', () => {
    const r = run(['code', 'ndc.xlsx', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const row = (n: number) => doc.rows.find((x: { row: number }) => x.row === n);
    expect(row(2).hcpcs.map((l: { code: string; ndc: string | null }) => [l.code, l.ndc])).toEqual([['J2405', 'N455150012805']]);
    expect(row(3).hcpcs[0].ndc).toBe('N400409733801');
    expect(row(4).hcpcs[0].ndc).toBeNull();
  });
});
