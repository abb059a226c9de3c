/**
 * The claims tables loaded from files in the CMS layouts (test/fixtures/cms, made by
 * scripts/make-cms-fixtures.js) through the command line: names, dates and row counts, header variants,
 * the .zip, wrong-file messages, `tables ptp`, and the report's money reconciled with the claim lines.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { zipSync } from 'fflate';
import { summarizeClaims } from '../../src/claims/check';
import { loadPtpFile } from '../../src/cli/claimsFiles';
import { chooseSheet, loadUserTables } from '../../src/cli/input';
import { main, type Io } from '../../src/cli/main';
import { openInput } from '../../src/cli/workbookFile';
import { codeSheetInput } from '../../src/pipeline';
import { buildReport } from '../../src/reports/report';

const ROOT = path.resolve(__dirname, '..', '..');
const CMS = path.join(ROOT, 'test', 'fixtures', 'cms');
const SAMPLE = path.join(ROOT, 'examples', 'infusions.xlsx');
const f = (name: string) => path.join(CMS, name);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const ALL = ['--asp', f('asp-pricing-2026-01.csv'), '--ndc-crosswalk', f('asp-ndc-hcpcs-2026-01.csv'), '--ptp', f('ccipra-v321r0-f1.txt'), '--ptp', f('ccioph-v321r0-f1.zip'), '--fees', f('fees.csv'), '--payers', f('payers.csv')];

describe('CMS files through the command line', () => {
  let json: {
    claims: { tables: { kind: string; name: string; date: string | null; rows: number }[]; ptp: { checked: boolean; note: string }; expectedPayment: number };
    rows: { status: string; cpt: { amount?: number; claimForm: string }[]; hcpcs: { code: string; amount?: number; revenueCode: string | null }[]; findings: { id: string }[] }[];
  };
  beforeAll(async () => {
    const r = await cli(['code', SAMPLE, '--json', ...ALL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    json = JSON.parse(r.stdout);
  });

  it('names every loaded table with its date and row count', () => {
    const t = json.claims.tables;
    expect(t.map((x) => [x.kind, x.name, x.date])).toEqual([
      ['asp', 'asp-pricing-2026-01.csv', '2026-01'],
      ['ndc-crosswalk', 'asp-ndc-hcpcs-2026-01.csv', '2026-01'],
      ['ptp', 'ccipra-v321r0-f1.txt', '2026-07'],
      ['ptp', 'ccioph-v321r0-f1.zip', '2026-07'],
      ['fees', 'fees.csv', null],
      ['payers', 'payers.csv', null],
    ]);
    expect(t[0].rows).toBe(1200);
    expect(t[1].rows).toBeGreaterThan(2500);
    // Only drug-administration and drug-code pairs are kept of the 5,000 and 4,000 edits.
    expect(t[2].rows).toBeGreaterThan(100);
    expect(t[2].rows).toBeLessThan(1000);
    expect(t[5].rows).toBe(3);
    expect(json.claims.ptp.checked).toBe(true);
  });

  it('puts amounts on lines with a price and revenue codes on UB-04 lines', () => {
    const drugs = json.rows.flatMap((r) => r.hcpcs);
    expect(drugs.filter((l) => typeof l.amount === 'number').length).toBeGreaterThan(50);
    expect(drugs.every((l) => l.revenueCode === null || /^0(636|258)$/.test(l.revenueCode))).toBe(true);
    const total = json.rows.flatMap((r) => [...r.cpt, ...r.hcpcs]).reduce((s, l) => s + (l.amount ?? 0), 0);
    expect(Math.round(total * 100) / 100).toBe(json.claims.expectedPayment);
  });

  it('reads another year\'s header spelling from an .xlsx', async () => {
    const r = await cli(['code', SAMPLE, '--json', '--asp', f('asp-pricing-2026-04.xlsx')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).claims.tables).toEqual([{ kind: 'asp', name: 'asp-pricing-2026-04.xlsx', date: '2026-04', rows: 400, skipped: 0, problems: [] }]);
  });

  it.each([
    ['--asp', 'asp-ndc-hcpcs-2026-01.csv', /ASP pricing file .*HCPCS Code, Short Description, HCPCS Code Dosage, Payment Limit/],
    ['--ndc-crosswalk', 'asp-pricing-2026-01.csv', /NDC-HCPCS crosswalk .*NDC2, PKG SIZE, PKG QTY, BILLUNITS/],
    ['--fees', 'payers.csv', /fee schedule .*columns: Code, Amount/],
    ['--ptp', 'fees.csv', /not an NCCI PTP edit file: expected a header row with the columns Column 1, Column 2, Effective Date, Deletion Date/],
  ])('%s with a %s gets one message naming the expected columns', async (flag, file, message) => {
    const r = await cli(['code', SAMPLE, '--json', flag, f(file)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('tables ptp writes the kept pairs in the CMS layout; loading it gives the same findings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-ptp-'));
    const out = path.join(dir, 'ptp-drug-admin.csv');
    const r = await cli(['tables', 'ptp', f('ccipra-v321r0-f1.txt'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept \d+ of 5,000 edits/);
    const filtered = await cli(['code', SAMPLE, '--json', '--ptp', out]);
    const original = await cli(['code', SAMPLE, '--json', '--ptp', f('ccipra-v321r0-f1.txt')]);
    const ids = (text: string) => (JSON.parse(text).rows as { findings: { id: string }[] }[]).map((row) => row.findings.map((x) => x.id).join(','));
    expect(ids(filtered.stdout)).toEqual(ids(original.stdout));
    expect(ids(original.stdout).some((s) => /ptp-/.test(s))).toBe(true);
  });

  it('without a PTP file the summary says the edits were not checked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-ptp-'));
    const r = await cli(['code', SAMPLE, '--out', path.join(dir, 'out.xlsx')]);
    expect(r.stdout).toMatch(/NCCI PTP edits were not checked/);
  });
});

describe('hostile side files get one short sentence naming them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-side-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), data);
    return path.join(dir, name);
  };

  it.each([
    ['binary data', () => write('garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))), /garbage\.bin: it is binary data/],
    ['an old Office file', () => write('old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])), /old\.xls: it is an old Microsoft Office/],
    ['a folder', () => (fs.mkdirSync(path.join(dir, 'folder')), path.join(dir, 'folder')), /folder: it is a folder/],
    ['text named .xlsx', () => write('fake.xlsx', 'Column 1,Column 2\n'), /fake\.xlsx: it is not a \.xlsx file/],
    ['one 2 MB line', () => write('huge.txt', 'A'.repeat(2_000_000)), /huge\.txt: this is not an NCCI PTP edit file/],
  ])('--ptp %s', async (_what, make, message) => {
    const r = await cli(['code', SAMPLE, '--json', '--ptp', make()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.length).toBeLessThan(700);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008]/);
  });

  it('an ASP workbook whose first sheet is a Read Me: the sheet with the header is read', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Read Me').addRows([['Payment allowance limits, April 2026'], ['See the notes below.']]);
    wb.addWorksheet('ASP').addRows([['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'], ['J2405', 'Ondansetron hcl injection', '1 MG', '0.123']]);
    const file = path.join(dir, 'asp-2sheets.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await cli(['code', SAMPLE, '--json', '--asp', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).claims.tables[0]).toMatchObject({ kind: 'asp', rows: 1 });
  });

  it('tables ptp says which rows it left out, and never writes over a PTP file it reads', async () => {
    const file = write('mix.txt', 'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\n' +
      '96374\t96361\t\t20100101\t*\t0\tfine\n96374\t96366\t\t20100101\t31.12.2015\t1\tbad date\n');
    const r = await cli(['tables', 'ptp', file, '--out', path.join(dir, 'kept.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/mix\.txt: 1 rows could not be read and were left out \(row 3 \(96374\/96366\): deletion date '31\.12\.2015' cannot be read\)/);
    const same = await cli(['tables', 'ptp', file, '--out', file]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/refusing to overwrite the PTP file/);
  });

  const PTP_HEADER = ['Column 1', 'Column 2', '*=in existence prior to 1996', 'Effective Date', 'Deletion Date *=no data', 'Modifier 0=not allowed 1=allowed 9=not applicable', 'PTP Edit Rationale'];
  const ptpRows = (d: string) => [PTP_HEADER.join(d), ['96374', '96361', '', '20100101', '*', '0', 'CPT Manual or CMS manual coding instructions'].join(d), ['96374', '96366', '', '20100101', '*', '1', 'Standards of practice'].join(d)].join('\r\n');
  const ptpTable = (stdout: string) => (JSON.parse(stdout).claims.tables as { kind: string; rows: number }[]).find((t) => t.kind === 'ptp');

  it.each([
    ['a tab file under a notice line full of commas', 'notice.txt', 'Note: CPT codes, descriptions, and other data, only, are copyright, 2025 AMA.\r\n' + ptpRows('\t')],
    ['a semicolon file (Excel in a locale with decimal commas)', 'semicolon.csv', 'CPT codes, descriptions and other data only are copyright 2025 AMA.\r\n' + ptpRows(';')],
    ['a tab file with every field quoted', 'quoted.txt', ptpRows('\t').split('\r\n').map((l) => l.split('\t').map((v) => `"${v}"`).join('\t')).join('\r\n')],
  ])('--ptp %s is read by its header\'s delimiter', async (_what, name, text) => {
    const r = await cli(['code', SAMPLE, '--json', '--ptp', write(name, text)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(ptpTable(r.stdout)).toMatchObject({ rows: 2 });
  });

  it('a PTP line whose quote never closes is named by its line in the file', async () => {
    const r = await cli(['code', SAMPLE, '--json', '--ptp', write('quote.csv', `${ptpRows(',')}\r\n96374,96367,,20100101,*,1,"Standards of practice\r\n`)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/quote\.csv: line 4 opens a quoted field that never closes/);
  });

  it('a PTP text file is decoded as the other tables are; its UTF-8 rationale survives tables ptp unchanged', async () => {
    const rationale = 'Misuse \u2013 column two code with column one code (\u00b5g, caf\u00e9)';
    const text = [PTP_HEADER.join('\t'), ['96374', '96361', '', '20100101', '*', '0', rationale].join('\t')].join('\r\n');
    const utf8 = write('ccioph-utf8.txt', text);
    const first = path.join(dir, 'first.csv');
    const second = path.join(dir, 'second.csv');
    expect((await cli(['tables', 'ptp', utf8, '--out', first])).code).toBe(0);
    expect((await cli(['tables', 'ptp', first, '--out', second])).code).toBe(0);
    const rationales = async (file: string) => [...(await loadPtpFile(file)).pairs.values()].flat().map((e) => e.rationale);
    expect(await rationales(second)).toEqual([rationale]);
    // UTF-16 with its mark (Excel's "Unicode Text"), and the CMS .zip, read the same.
    expect(await rationales(write('ccioph-utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])))).toEqual([rationale]);
    expect(await rationales(write('ccioph-utf8.zip', Buffer.from(zipSync({ 'ccioph-utf8.txt': Buffer.from(text) }))))).toEqual([rationale]);
  });

  it('a PTP text file not in UTF-8 is read as Latin-1, and an invalid UTF-8 byte is replaced, each said once with its line', async () => {
    const lines = (rows: Buffer[]) => Buffer.concat([Buffer.from(`${PTP_HEADER.join(',')}\r\n`), ...rows]);
    const row = (column2: string, rationale: Buffer) => Buffer.concat([Buffer.from(`96374,${column2},,20100101,*,0,`), rationale, Buffer.from('\r\n')]);
    const warnings: string[] = [];
    const latin1 = await loadPtpFile(write('latin1.csv', lines([row('96361', Buffer.from('caf\u00e9', 'latin1')), row('96366', Buffer.from('na\u00efve', 'latin1'))])), undefined, (w) => warnings.push(w));
    expect([...latin1.pairs.values()].flat().map((e) => e.rationale)).toEqual(['caf\u00e9', 'na\u00efve']);
    expect(warnings).toEqual(['the file is not UTF-8: read as Latin-1 (Windows) text']);
    warnings.length = 0;
    const mixed = await loadPtpFile(write('mixed.csv', lines([row('96361', Buffer.from('caf\u00e9')), row('96366', Buffer.from([0x96]))])), undefined, (w) => warnings.push(w));
    expect([...mixed.pairs.values()].flat().map((e) => e.rationale)).toEqual(['caf\u00e9', '\ufffd']);
    expect(warnings).toEqual(['line 3: invalid UTF-8 byte 0x96 replaced by \ufffd']);
  });

  it('the command line says how a PTP text file was decoded, for --ptp and for tables ptp', async () => {
    const file = write('ptp-bytes.csv', Buffer.concat([Buffer.from(`${PTP_HEADER.join(',')}\r\n96374,96361,,20100101,*,0,`), Buffer.from([0x96]), Buffer.from('\r\n')]));
    const tables = await cli(['tables', 'ptp', file, '--out', path.join(dir, 'ptp-bytes-kept.csv')]);
    expect(tables.stderr).toMatch(/warning: .*ptp-bytes\.csv: the file is not UTF-8: read as Latin-1/);
    const coded = await cli(['code', SAMPLE, '--ptp', file, '--json']);
    expect(coded.stderr).toMatch(/warning: .*ptp-bytes\.csv: the file is not UTF-8: read as Latin-1/);
  });

  it('a quoted PTP field may hold line ends (Excel saves the CMS header cells so)', async () => {
    const header = ['Column 1', 'Column 2', '"*=in existence\nprior to 1996"', '"Effective\nDate"', '"Deletion\nDate\n*=no data"', '"Modifier\n0=not allowed\n1=allowed\n9=not applicable"', 'PTP Edit Rationale'];
    const file = write('ccioph-saved.csv', ['"CPT codes, descriptions and other data only are copyright 2025 AMA."', header.join(','), '96374,96361,,20100101,*,0,"Misuse of column two code\r\nwith column one code"', '96374,96366,,20100101,*,1,Standards of practice 12" bag', ''].join('\r\n'));
    const t = await loadPtpFile(file);
    expect([...t.pairs.values()].flat().map((e) => [e.column2, e.rationale])).toEqual([['96361', 'Misuse of column two code\nwith column one code'], ['96366', 'Standards of practice 12" bag']]);
  });

  it('a PTP workbook whose first sheet is a notice: the sheet with the header is read', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notice').addRows([['CPT codes, descriptions and other data only are copyright 2025 AMA.'], ['See the PTP edits on the next sheet.']]);
    wb.addWorksheet('PTP').addRows([PTP_HEADER, ['96374', '96361', '', '20100101', '*', '0', 'Misuse of column two code with column one code']]);
    const file = path.join(dir, 'ccioph-2sheets.xlsx');
    await wb.xlsx.writeFile(file);
    expect((await loadPtpFile(file)).info).toMatchObject({ name: 'ccioph-2sheets.xlsx', rows: 1 });
    // Without a PTP sheet, the message names what its first sheet with rows has.
    wb.removeWorksheet(wb.getWorksheet('PTP')!.id);
    await wb.xlsx.writeFile(file);
    await expect(loadPtpFile(file)).rejects.toThrow(/not an NCCI PTP edit file: .*its widest row has: CPT codes, descriptions/);
  });

  it('a side file with an invalid UTF-8 byte is read, and the byte is named once as for the input', async () => {
    const file = write('asp-bytes.csv', Buffer.concat([
      Buffer.from('HCPCS Code,Short Description,HCPCS Code Dosage,Payment Limit\r\nJ2405,Ondansetron hcl injection caf\u00e9,1 MG,0.123\r\nJ1885,Ketorolac '),
      Buffer.from([0x96]),
      Buffer.from(' inj,15 MG,0.301\r\n'),
    ]));
    const r = await cli(['code', SAMPLE, '--json', '--asp', file]);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/warning: .*asp-bytes\.csv: line 3: invalid UTF-8 byte 0x96 replaced/)]);
    expect(JSON.parse(r.stdout).claims.tables[0]).toMatchObject({ kind: 'asp', rows: 2 });
  });

  it('a CMS .zip of several tables: the entry with the table asked for is read, not the one listed first', async () => {
    // The crosswalk zip holds the OPPS (and AWP, NOC) crosswalks beside the ASP one, in the same layout.
    const header = '_2026_CODE,Short Description,LABELER NAME,NDC2,Drug Name,HCPCS dosage,PKG SIZE,PKG QTY,BILLUNITS,BILLUNITSPKG\r\n';
    const opps = `OPPS NDC-HCPCS Crosswalk\r\n${header}J2405,Ondansetron,HOSPIRA,00409-4755-03,ONDANSETRON,1 MG,2,25,4,100\r\n`;
    const asp = `ASP NDC-HCPCS Crosswalk\r\n${header}J1756,Iron sucrose,AMERICAN REGENT,00517-2340-10,VENOFER,1 MG,5,10,100,1000\r\n`;
    const crosswalk = write('crosswalks.zip', Buffer.from(zipSync({
      'section 508 version of January 2026 OPPS NDC-HCPCS Crosswalk 121525.csv': Buffer.from(opps),
      'section 508 version of January 2026 ASP NDC-HCPCS Crosswalk 121525.csv': Buffer.from(asp),
    })));
    const input = write('iron.csv', 'Encounter,Date,Payer,Drug,NDC,Dose,Route,Start,Stop,Diagnosis,Necessity\r\nE1,2026-01-05,Medicare,iron sucrose,00517-2340-10,200 mg,IV infusion,09:00,09:30,D50.9,iron deficiency\r\n');
    const r = await cli(['code', input, '--json', '--ndc-crosswalk', crosswalk]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/crosswalks\.zip: read 'section 508 version of January 2026 ASP NDC-HCPCS Crosswalk 121525\.csv' of the 2 tables in the zip/);
    const row = JSON.parse(r.stdout).rows[0];
    expect(row.findings.map((x: { id: string }) => x.id)).not.toContain('unknown-ndc');
    // 200 mg from 100 mg / 5 mL vials: 2 vials, 10 mL.
    expect(row.hcpcs.find((l: { code: string }) => l.code === 'J1756').ndc).toBe('N400517234010ML10');
    // The ASP pricing zip: an entry without the header (here a note) listed first is passed over as well.
    const pricing = write('limits.zip', Buffer.from(zipSync({
      'Drugs Not Payable Payment Limit File.csv': Buffer.from('Drug Generic Name,Dosage,Notes\r\nSome drug,1 MG,not payable\r\n'),
      'section 508 version of January 2026 ASP Pricing File.csv': Buffer.from('HCPCS Code,Short Description,HCPCS Code Dosage,Payment Limit\r\nJ1756,Iron sucrose,1 MG,0.376\r\n'),
    })));
    const p = await cli(['code', input, '--json', '--asp', pricing]);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.stdout).rows[0].hcpcs.find((l: { code: string }) => l.code === 'J1756').amount).toBe(75.2);
  });

  it('a damaged .zip given to --asp names the file', async () => {
    const r = await cli(['code', SAMPLE, '--json', '--asp', write('bad.zip', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]))]);
    expect(r.stderr).toMatch(/cannot read .*bad\.zip: the zip is damaged/);
  });
});

describe('the report reconciles with the claim lines (sample workbook + CMS fixtures)', () => {
  it('expected payment and dollars at risk', async () => {
    const args = { drugMap: null, mue: null, asp: f('asp-pricing-2026-01.csv'), ndcCrosswalk: f('asp-ndc-hcpcs-2026-01.csv'), ptp: [f('ccipra-v321r0-f1.txt')], fees: f('fees.csv'), payers: f('payers.csv'), revenueCodes: null, all340b: false };
    const tables = await loadUserTables(args, { stderr: () => undefined });
    const chosen = await chooseSheet(await openInput(SAMPLE), { sheet: null, map: {} });
    const { result } = codeSheetInput(chosen.input, {}, tables);
    const summary = summarizeClaims(result, tables.claims ?? {});
    const report = buildReport(chosen.input.rows, result, summary);
    const cents = (n: number) => Math.round(n * 100) / 100;

    const lineTotal = cents(report.claimLines.reduce((s, l) => s + (l.amount ?? 0), 0));
    expect(lineTotal).toBeGreaterThan(0);
    expect(report.totals.expectedPayment).toBe(lineTotal);
    expect(summary.expectedPayment).toBe(lineTotal);
    for (const t of [report.money.byMonth, report.money.byProvider, report.money.byPayer]) expect(t.totals![2]).toBe(lineTotal);

    // At risk: the amounts of every line on a row with an error finding, summed from the coding result.
    let atRisk = 0;
    for (const r of result.rows) {
      if (!r.findings.some((x) => x.severity === 'error')) continue;
      for (const l of [...r.cpt, ...r.hcpcs]) atRisk += l.claim?.amount ?? 0;
    }
    expect(atRisk).toBeGreaterThan(0);
    expect(report.totals.atRisk).toBe(cents(atRisk));
    expect(report.money.atRiskByNurse.totals![2]).toBe(cents(atRisk));
    expect(report.money.byMonth.totals![3]).toBe(cents(atRisk));
    expect(report.money.note).toMatch(/ASP pricing file asp-pricing-2026-01.csv \(2026-01\) and fee schedule fees.csv/);
  });
});
