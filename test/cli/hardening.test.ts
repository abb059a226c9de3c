/**
 * The command line against hostile paths and files (issue 13): --out that is the input under another name,
 * encrypted and OpenDocument files, CSV with formulas, broken quotes, bad bytes and a byte-order mark.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { parseCsv } from '../../src/cli/csv';
import { main, type Io } from '../../src/cli/main';

let dir: string;
const CSV = 'Encounter,Drug,Dose,Route,Start,Stop,Diagnosis,Necessity\nE1,vancomycin,1 g,IV infusion,09:00,10:30,L03.115,=HYPERLINK("http://evil")\nE2,ondansetron,4 mg,IV push,09:00,,R11.2,@cmd\n';

async function code(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false };
  return { code: await main(['code', ...args], io), stdout, stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-hardening-'));
  fs.writeFileSync(path.join(dir, 'log.csv'), CSV);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--out that is the input under another name is refused, the input unchanged', () => {
  it.each([
    ['a symbolic link to the input', (input: string, out: string) => fs.symlinkSync(input, out)],
    ['a hard link to the input', (input: string, out: string) => fs.linkSync(input, out)],
    ['a path through a linked folder', (_input: string, out: string) => fs.symlinkSync(dir, path.dirname(out))],
  ])('%s', async (_what, make) => {
    const input = path.join(dir, 'log.csv');
    const sub = fs.mkdtempSync(path.join(dir, 'out-'));
    const out = _what === 'a path through a linked folder' ? path.join(sub, 'link', 'log.csv') : path.join(sub, 'coded.csv');
    make(input, out);
    const run = await code([input, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing to overwrite the input file/);
    expect(fs.readFileSync(input, 'utf8')).toBe(CSV);
  });
});

describe('a workbook with macros (.xlsm)', () => {
  it('is coded to .coded.xlsm, keeping its macros; an .xlsx out is refused (Excel refuses an .xlsx with macros)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Log');
    ws.addRow(['Encounter', 'Drug', 'Dose', 'Route', 'Start', 'Stop']);
    ws.addRow(['E1', 'ceftriaxone', '1 g', 'IV', '09:00', '09:31']);
    const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    zip.file('xl/vbaProject.bin', Buffer.from('not really VBA, but a part of its own'));
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file('[Content_Types].xml', types.replace('sheet.main+xml', 'sheet.macroEnabled.main+xml').replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'));
    const input = path.join(dir, 'macros.xlsm');
    fs.writeFileSync(input, await zip.generateAsync({ type: 'nodebuffer' }));
    const refused = await code([input, '--out', path.join(dir, 'macros.coded.xlsx')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/has macros: .* must be an \.xlsm too/);
    expect(fs.existsSync(path.join(dir, 'macros.coded.xlsx'))).toBe(false);
    expect((await code([input, '--quiet'])).code).toBe(0);
    const coded = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'macros.coded.xlsm')));
    expect(await coded.file('xl/vbaProject.bin')!.async('string')).toBe('not really VBA, but a part of its own');
  });
});

describe('--out that would destroy another file, or is not a file, is refused before anything is written', () => {
  it('a file the run reads with a flag (the drug map)', async () => {
    const map = path.join(dir, 'mymap.csv');
    const text = 'name,synonyms,HCPCS,billing unit,class,single_dose\nfoodrug,,J9999,1 mg,chemo,no\n';
    fs.writeFileSync(map, text);
    const run = await code([path.join(dir, 'log.csv'), '--drug-map', map, '--out', map]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing to overwrite .*mymap\.csv \(read with --drug-map\)/);
    expect(fs.readFileSync(map, 'utf8')).toBe(text);
  });

  it("the table beside a CSV output (x.csv writes x.administrations.csv) when it is the input", async () => {
    const input = path.join(dir, 'rep.administrations.csv');
    const log = 'Encounter,Medication,Action,Action Time,Rate,Route\nE1,vancomycin 1 g,New Bag,2026-03-02 09:00,250 mL/hr,IV\nE1,vancomycin 1 g,Stopped,2026-03-02 10:30,,IV\n';
    fs.writeFileSync(input, log);
    const run = await code([input, '--out', path.join(dir, 'rep.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing to overwrite the input file .*rep\.administrations\.csv/);
    expect(fs.readFileSync(input, 'utf8')).toBe(log);
    expect(fs.existsSync(path.join(dir, 'rep.csv'))).toBe(false);
  });

  it('a folder, or a pipe that writing would replace with a file', async () => {
    const folder = path.join(dir, 'folder.xlsx');
    fs.mkdirSync(folder);
    const run = await code([path.join(dir, 'log.csv'), '--out', folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/folder\.xlsx: it is a folder/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const piped = await code([path.join(dir, 'log.csv'), '--out', fifo]);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/pipe\.xlsx: it is not a regular file/);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
  });
});

describe('files that are not plain workbooks get their own message', () => {
  it('an encrypted (password-protected) workbook', async () => {
    // An OLE2 header and the EncryptionInfo stream name, as Excel's encrypted packages hold them.
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1152);
    const file = path.join(dir, 'secret.xlsx');
    fs.writeFileSync(file, ole);
    const run = await code([file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/password-protected \(encrypted\) workbook; open it in Excel, remove the password/);
  });
});

describe('odd EHR exports and damaged packages get one clear message', () => {
  const bundle = {
    resourceType: 'Bundle',
    entry: [
      {
        resource: {
          resourceType: 'MedicationAdministration', id: 'm1', status: 'completed', subject: { reference: 'Patient/p1' },
          medicationCodeableConcept: { text: 'ondansetron' }, effectiveDateTime: '2026-03-02T09:00:00Z',
          dosage: { route: { text: 'IV push' }, dose: { value: 4, unit: 'mg' } },
        },
      },
    ],
  };

  it('a pretty-printed Bundle saved as .ndjson is read as the one document it is', async () => {
    const file = path.join(dir, 'pretty.ndjson');
    fs.writeFileSync(file, JSON.stringify(bundle, null, 2));
    const run = await code([file, '--out', path.join(dir, 'pretty.coded.xlsx'), '-q']);
    expect([run.code, run.stderr]).toEqual([0, '']);
  });

  it('a .json file that is not JSON: the error once, not also as a warning', async () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}},]}');
    const run = await code([file, '-q']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^infusion-coder: nothing to code in .*bad\.json: the file is not valid JSON at line 1/)]);
  });

  it('a workbook that lists a sheet its package does not hold is damaged, not a sheet without a table', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'infusions.xlsx')));
    zip.remove('xl/worksheets/sheet1.xml');
    const file = path.join(dir, 'nosheet.xlsx');
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const run = await code([file, '-q']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/nosheet\.xlsx: the workbook is damaged: sheet '.+' is missing from the file; open and save it again in Excel/);
  });
});

describe('a workbook whose sheet is damaged', () => {
  it('is one sentence naming the sheet, and nothing is written', async () => {
    // The sample with bytes of its sheet's compressed data scrambled (the zip directory stays valid).
    const bytes = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'infusions.xlsx'));
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
    expect(bytes.readUInt32LE(at - 30)).toBe(0x04034b50); // the part's local header
    const data = at + bytes.readUInt16LE(at - 4) + bytes.readUInt16LE(at - 2);
    for (let i = data + 200; i < data + 400; i++) bytes[i] ^= 0x5a;
    const file = path.join(dir, 'damaged.xlsx');
    fs.writeFileSync(file, bytes);
    const out = path.join(dir, 'damaged.coded.xlsx');
    const run = await code([file, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^infusion-coder: cannot read .*damaged\.xlsx: sheet '.+' is damaged \(.+\); open and save it again in Excel, or save it as \.csv\n$/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('CSV in and out', () => {
  it('neutralises formulas in the CSV copy, with a byte-order mark, unless told otherwise', async () => {
    const out = path.join(dir, 'guarded.csv');
    expect((await code([path.join(dir, 'log.csv'), '--out', out, '-q'])).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain(",'@cmd,");
    const raw = path.join(dir, 'raw.csv');
    expect((await code([path.join(dir, 'log.csv'), '--out', raw, '-q', '--no-csv-guard', '--no-bom'])).code).toBe(0);
    const plain = fs.readFileSync(raw, 'utf8');
    expect(plain.charCodeAt(0)).not.toBe(0xfeff);
    expect(plain).toContain('"=HYPERLINK(""http://evil"")"');
  });

  it('a merged title of a workbook is written once in its CSV copy, as Excel shows it', async () => {
    const out = path.join(dir, 'sample.csv');
    expect((await code([path.join(__dirname, '..', '..', 'examples', 'infusions.xlsx'), '--out', out, '-q'])).code).toBe(0);
    const first = fs.readFileSync(out, 'utf8').replace(/^\ufeff/, '').split('\r\n')[0].split(',');
    expect(first.filter((v) => v !== '')).toHaveLength(1);
    expect(first[0]).toMatch(/Infusion & Injection Administration Log/);
  });

  it('an unterminated quote is one error naming its line, and nothing is written', async () => {
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, 'Drug,Dose,Start,Stop\nNS,1000 mL,08:00,09:00\n"vancomycin,1 g,09:00,10:00\nE2,x,1,2\n');
    const run = await code([file, '--out', path.join(dir, 'broken.coded.xlsx')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/broken\.csv: line 3 opens a quoted field that never closes/)]);
    expect(fs.existsSync(path.join(dir, 'broken.coded.xlsx'))).toBe(false);
  });

  it('an invalid UTF-8 byte is replaced with a warning; the rest stays UTF-8', async () => {
    const file = path.join(dir, 'bytes.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(CSV.replace('vancomycin', 'vancomycin ß')), Buffer.from('E3,ketorolac,30 mg,IV push,11:00,,R10.9,pain '), Buffer.from([0xe9]), Buffer.from('\n')]));
    const out = path.join(dir, 'bytes.coded.csv');
    const run = await code([file, '--out', out, '-q']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: .*bytes\.csv: line 4: invalid UTF-8 byte 0xE9 replaced by \ufffd/);
    expect(fs.readFileSync(out, 'utf8')).toContain('vancomycin ß');
  });

  it("a cell over Excel's 32,767 characters is cut with a cell-cut finding on its row, and on its cell when the column is read", async () => {
    const file = path.join(dir, 'long.csv');
    const long = 'pain '.repeat(8000); // 40,000 characters
    fs.writeFileSync(file, `Encounter,Drug,Dose,Route,Start,Stop,Diagnosis,Necessity,Comments\nE1,ketorolac,30 mg,IV push,09:00,,R10.9,${long},ok\nE2,ondansetron,4 mg,IV push,09:00,,R11.2,nausea,${long}\n`);
    const out = path.join(dir, 'long.coded.csv');
    const run = await code([file, '--out', out, '-q']);
    expect(run.code).toBe(0);
    const rows = parseCsv(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), ',');
    const header = rows[0];
    const findings = (r: number) => rows[r][header.indexOf('IC Findings')];
    expect(rows[1][header.indexOf('Necessity')]).toHaveLength(32767);
    expect(findings(1)).toMatch(/The Necessity cell held 40,000 characters, over Excel's 32,767-character cell limit/);
    expect(findings(2)).toMatch(/The Comments cell held 40,000 characters/);
    expect(rows[1][header.indexOf('IC Status')]).toBe('Review');
  });

  it('a stray NUL byte in a CSV is removed with a warning; the file is read as text', async () => {
    const file = path.join(dir, 'nul.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(CSV.slice(0, CSV.indexOf('vancomycin'))), Buffer.from([0]), Buffer.from(CSV.slice(CSV.indexOf('vancomycin')))]));
    const out = path.join(dir, 'nul.coded.csv');
    const run = await code([file, '--out', out, '-q']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: .*nul\.csv: line 2: a NUL byte \(0x00\) removed/);
    expect(fs.readFileSync(out, 'utf8')).toContain('E1,vancomycin,1 g');
  });

  it("names the columns of an action log that nothing read, as it does a flat sheet's", async () => {
    const file = path.join(dir, 'mar.csv');
    fs.writeFileSync(file, 'CSN,Order ID,Medication,MAR Action,Action Time,Dose,Route,Pump Serial\nE1,1,ceftriaxone,New Bag,2026-03-02 09:00,1 g,IV infusion,PX-1\nE1,1,ceftriaxone,Stopped,2026-03-02 09:40,,IV infusion,PX-1\n');
    const run = await code([file, '--out', path.join(dir, 'mar.coded.xlsx')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/columns not read: 'Pump Serial' \(to read one, --map field=Header\)/);
    expect(run.stdout).not.toMatch(/columns not read: .*(MAR Action|Action Time|Order ID)/);
  });
});


describe('which sheet is coded', () => {
  it('the log after a summary sheet (Drug, Doses, Route, no times), not the summary; the summary when nothing does better', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const summary = book.addWorksheet('Summary');
    summary.addRows([['Drug', 'Doses', 'Total Dose', 'Route'], ['ceftriaxone', 12, '12 g', 'IV'], ['ondansetron', 30, '120 mg', 'IV push']]);
    const log = book.addWorksheet('Log');
    log.addRows(CSV.trim().split('\n').map((line) => line.split(',')));
    const both = path.join(dir, 'two-sheets.xlsx');
    await book.xlsx.writeFile(both);
    const run = await code([both, '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { encounters: { id: string; cpt: { code: string }[] }[] };
    expect(json.encounters.map((e) => e.id)).toEqual(['E1', 'E2']);
    book.removeWorksheet(log.id);
    const alone = path.join(dir, 'summary-only.xlsx');
    await book.xlsx.writeFile(alone);
    const only = await code([alone, '--json']);
    expect(only.code).toBe(0);
    expect((JSON.parse(only.stdout) as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it('the administrations (Drug, Dose, Route) before an orders sheet (Drug, Start, Stop, Frequency), not the orders', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Injections').addRows([['MRN', 'Date', 'Drug', 'Dose', 'Route'], ['M1', '3/2/2026', 'ceftriaxone', '1 g', 'IM']]);
    book.addWorksheet('Orders').addRows([['MRN', 'Drug', 'Start', 'Stop', 'Frequency'], ['M1', 'ceftriaxone', '09:00', '', 'daily']]);
    const file = path.join(dir, 'orders-after.xlsx');
    await book.xlsx.writeFile(file);
    const run = await code([file, '--json']);
    const json = JSON.parse(run.stdout) as { encounters: { cpt: { code: string }[] }[] };
    expect(json.encounters.flatMap((e) => e.cpt.map((c) => c.code))).toEqual(['96372']);
  });
});

describe('an Excel Table over the data', () => {
  it('is copied as it is, and the summary says its own sort buttons move only its columns', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Log');
    const [header, ...rows] = CSV.trim().split('\n').map((line) => line.split(','));
    ws.addTable({ name: 'Visits', ref: 'A1', headerRow: true, columns: header.map((name) => ({ name })), rows });
    const input = path.join(dir, 'table.xlsx');
    await book.xlsx.writeFile(input);
    const run = await code([input, '--out', path.join(dir, 'table.coded.xlsx')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/the data is an Excel Table \(A1:H3\): sort it with our columns selected too/);
    const plain = await code([path.join(dir, 'log.csv'), '--out', path.join(dir, 'plain.coded.xlsx')]);
    expect(plain.stdout).not.toMatch(/Excel Table/);
  });
});
