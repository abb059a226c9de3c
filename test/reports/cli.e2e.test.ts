/**
 * End to end: `node bin/infusion-coder.js report ...` on the sample workbook (dist is built by `npm test`'s
 * pretest, or here when stale). The report's unit totals equal those of `infusion-coder code --json`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ensureBuilt, load, run, tempDir } from '../cli/helpers';

const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'infusions.xlsx');
const REPORT_SHEETS = ['Infusion Report', 'Claim Lines', 'Units by Month', 'Units by Drug', 'Units by Provider', 'Units by Setting', 'Expected Payment', 'Documentation Quality'];

let dir: string;
let coded: { cpt: number; hcpcs: number; lines: number; rows: number };

const tables = (ws: ExcelJS.Worksheet | undefined) => Object.keys((ws as unknown as { tables?: Record<string, unknown> })?.tables ?? {});
const media = (wb: ExcelJS.Workbook) => (wb as unknown as { media: unknown[] }).media.length;

/** Claim Lines as objects by header. */
function claimRows(wb: ExcelJS.Workbook): Record<string, unknown>[] {
  const ws = wb.getWorksheet('Claim Lines')!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(headers.map((h, i) => [h, v[i] ?? null])));
  });
  return out;
}

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  fs.copyFileSync(SAMPLE, path.join(dir, 'infusions.xlsx'));
  const json = run(['code', 'infusions.xlsx', '--json'], dir);
  expect(json.code).toBe(0);
  const doc = JSON.parse(json.stdout) as { rows: { cpt: { units: number }[]; hcpcs: { units: number }[] }[] };
  coded = { cpt: 0, hcpcs: 0, lines: 0, rows: doc.rows.length };
  for (const r of doc.rows) {
    for (const l of r.cpt) (coded.cpt += l.units), (coded.lines += 1);
    for (const l of r.hcpcs) (coded.hcpcs += l.units), (coded.lines += 1);
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('infusion-coder report INPUT --out FILE', () => {
  let out: string;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    out = path.join(dir, 'report.xlsx');
    const r = run(['report', 'infusions.xlsx', '--out', 'report.xlsx'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^report: ${coded.lines} claim lines \\(\\d+ CPT, \\d+ HCPCS\\) from ${coded.rows} rows`));
    wb = await load(out);
  });

  it('writes the report sheets, Claim Lines as an Excel table', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(REPORT_SHEETS);
    expect(tables(wb.getWorksheet('Claim Lines'))).toEqual(['ICClaimLines']);
    expect(tables(wb.getWorksheet('Units by Month'))).toEqual(['ICUnitsByMonth']);
    expect(tables(wb.getWorksheet('Documentation Quality'))).toEqual(['ICQualityByNurse', 'ICQualityByProvider', 'ICQualityByMonth']);
  });

  it("Claim Lines units equal the coded rows' units", () => {
    const lines = claimRows(wb);
    expect(lines).toHaveLength(coded.lines);
    const sum = (kind: string) => lines.filter((l) => l.Kind === kind).reduce((s, l) => s + Number(l.Units), 0);
    expect(sum('CPT')).toBe(coded.cpt);
    expect(sum('HCPCS')).toBe(coded.hcpcs);
    expect(lines.every((l) => l.Date instanceof Date && typeof l.Month === 'string')).toBe(true);
  });

  it("names the product as the file's author, and the minute it was built as the overview does", () => {
    expect(wb.creator).toBe('Infusion Coder');
    expect(wb.lastModifiedBy).toBe('Infusion Coder');
    expect(wb.created.getUTCSeconds()).toBe(0);
    const stamp = wb.created.toISOString().slice(0, 16).replace('T', ' ');
    expect(String(wb.getWorksheet('Infusion Report')!.getCell('A2').value)).toContain(`${stamp} UTC`);
  });

  it('embeds the chart of infusion volume by month as a PNG', () => {
    const images = wb.getWorksheet('Infusion Report')!.getImages();
    expect(images).toHaveLength(1);
    const img = wb.getImage(Number(images[0].imageId));
    expect(img.extension).toBe('png');
    expect((img.buffer as unknown as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });

  it('building again over a report-only file replaces it whole', async () => {
    const r = run(['report', 'infusions.xlsx', '--out', 'report.xlsx', '-q'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const again = await load(out);
    expect(again.worksheets.map((w) => w.name)).toEqual(REPORT_SHEETS);
    expect(media(again)).toBe(1);
    expect(claimRows(again)).toHaveLength(coded.lines);
  });

  it('--no-chart leaves the image out and says so on the sheet', async () => {
    const r = run(['report', 'infusions.xlsx', '--out', 'plain.xlsx', '--no-chart', '-q'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const plain = await load(path.join(dir, 'plain.xlsx'));
    const ws = plain.getWorksheet('Infusion Report')!;
    expect(ws.getImages()).toHaveLength(0);
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.some((t) => /--no-chart/.test(t))).toBe(true);
  });
});

describe('infusion-coder report into the coded copy', () => {
  it('keeps the coded sheet and replaces only its own sheets when built again', async () => {
    expect(run(['code', 'infusions.xlsx', '--out', 'coded.xlsx', '-q'], dir).code).toBe(0);
    const before = await load(path.join(dir, 'coded.xlsx'));
    const dataSheet = before.worksheets[0].name;
    const dataRows = before.worksheets[0].rowCount;

    for (let i = 0; i < 2; i++) {
      const r = run(['report', 'coded.xlsx', '--out', 'coded.xlsx', '-q'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const after = await load(path.join(dir, 'coded.xlsx'));
    expect(after.worksheets.map((w) => w.name)).toEqual([...before.worksheets.map((w) => w.name), ...REPORT_SHEETS]);
    expect(after.getWorksheet(dataSheet)!.rowCount).toBe(dataRows);
    expect(media(after)).toBe(1); // no image left behind by the first build
    const lines = claimRows(after);
    expect(lines.reduce((s, l) => s + Number(l.Units), 0)).toBe(coded.cpt + coded.hcpcs);
  });
});

describe('infusion-coder report into a workbook with other content', () => {
  /** Every part of a package, inflated, by name. */
  async function partsOf(file: string): Promise<Map<string, Buffer>> {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const out = new Map<string, Buffer>();
    for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('nodebuffer'));
    return out;
  }

  it('copies every part of the workbook unchanged but the four that list sheets and styles, and builds again to the same bytes', async () => {
    expect(run(['code', 'infusions.xlsx', '--out', 'kept.xlsx', '-q'], dir).code).toBe(0);
    // A constant name and printer settings, as a user's workbook has them (exceljs would drop both on a re-save).
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'kept.xlsx')));
    const workbook = (await zip.file('xl/workbook.xml')!.async('string')).replace(/<\/sheets>/, '</sheets><definedNames><definedName name="konst">42</definedName></definedNames>');
    zip.file('xl/workbook.xml', workbook);
    zip.file('xl/printerSettings/printerSettings1.bin', Buffer.from([1, 2, 3, 4]));
    fs.writeFileSync(path.join(dir, 'kept.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const before = await partsOf(path.join(dir, 'kept.xlsx'));

    // One build minute for both builds (SOURCE_DATE_EPOCH), so a minute passing between them cannot differ them.
    const fixed = { ...process.env, SOURCE_DATE_EPOCH: '1772352000' };
    expect(run(['report', 'kept.xlsx', '--out', 'kept.xlsx', '-q', '--no-chart'], dir, fixed)).toMatchObject({ code: 0, stderr: '' });
    const first = fs.readFileSync(path.join(dir, 'kept.xlsx'));
    const after = await partsOf(path.join(dir, 'kept.xlsx'));
    const listing = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']);
    for (const [name, bytes] of before) {
      if (listing.has(name)) continue;
      expect([name, after.get(name)?.equals(bytes)]).toEqual([name, true]);
    }
    const notes = (xml: Buffer | undefined) => (String(xml).match(/<comment /g) ?? []).length;
    expect(notes(after.get('xl/comments1.xml'))).toBe(notes(before.get('xl/comments1.xml')));
    expect(String(after.get('xl/workbook.xml'))).toContain('<definedName name="konst">42</definedName>');

    const wb = await load(path.join(dir, 'kept.xlsx'));
    expect(wb.worksheets.map((w) => w.name).slice(-REPORT_SHEETS.length)).toEqual(REPORT_SHEETS);
    expect(wb.getWorksheet('Infusion Report')!.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    expect(wb.getWorksheet('Claim Lines')!.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(claimRows(wb).reduce((n, l) => n + Number(l.Units), 0)).toBe(coded.cpt + coded.hcpcs);

    expect(run(['report', 'kept.xlsx', '--out', 'kept.xlsx', '-q', '--no-chart'], dir, fixed).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'kept.xlsx')).equals(first)).toBe(true);
  });
});

describe('infusion-coder report into workbooks written by other tools', () => {
  it("a workbook part with a namespace prefix keeps the user's sheets (it was taken for an empty report and replaced)", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    const prefixed = workbook
      .replace(/<(\/?)(?!\?)([A-Za-z][\w]*)(?=[\s>/])/g, (m, slash: string, name: string) => (name.includes(':') ? m : `<${slash}x:${name}`))
      .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    zip.file('xl/workbook.xml', prefixed);
    fs.writeFileSync(path.join(dir, 'prefixed.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const r = run(['report', 'prefixed.xlsx', '--out', 'prefixed.xlsx', '-q', '--no-chart'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const after = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'prefixed.xlsx')));
    const names = [...(await after.file('xl/workbook.xml')!.async('string')).matchAll(/<x:sheet\b[^>]*?\sname="([^"]+)"/g)].map((m) => m[1]);
    expect(names.slice(0, 2)).toEqual(['Infusion Log', 'About']);
    expect(names.slice(2)).toEqual(REPORT_SHEETS);
  });

  it('a pipe or a folder as --out is refused, not waited on', () => {
    if (process.platform === 'win32') return;
    execFileSync('mkfifo', [path.join(dir, 'pipe.xlsx')]);
    expect(run(['report', 'infusions.xlsx', '--out', 'pipe.xlsx'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/pipe\.xlsx: it is not a regular file/) });
    fs.mkdirSync(path.join(dir, 'folder.xlsx'));
    expect(run(['report', 'infusions.xlsx', '--out', 'folder.xlsx'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/folder\.xlsx: it is a folder/) });
  });
});

describe('infusion-coder report problems', () => {
  it('a missing input is one line on stderr and exit 1', () => {
    const r = run(['report', 'nope.xlsx', '--out', 'x.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('infusion-coder: cannot read nope.xlsx: no such file\n');
  });

  it('usage problems exit 2', () => {
    expect(run(['report'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^infusion-coder: report needs an input file/) });
    expect(run(['report', 'infusions.xlsx', '--out', 'r.csv'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--out must be an \.xlsx file/) });
    expect(run(['report', 'infusions.xlsx', '--json'], dir).code).toBe(2);
    expect(run(['report', '--help'], dir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: infusion-coder report/) });
  });

  it("refuses to overwrite a user's own sheet named like a report sheet", async () => {
    const ExcelJSmod = (await import('exceljs')).default;
    const wb = new ExcelJSmod.Workbook();
    wb.addWorksheet('Claim Lines').getCell('A1').value = 'my own claim lines';
    await wb.xlsx.writeFile(path.join(dir, 'mine.xlsx'));
    const r = run(['report', 'infusions.xlsx', '--out', 'mine.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^infusion-coder: mine\.xlsx: The workbook already has a sheet 'Claim Lines' that the report did not make; rename it/);
    const back = await load(path.join(dir, 'mine.xlsx'));
    expect(back.worksheets.map((w) => w.name)).toEqual(['Claim Lines']);
  });

  it('reports on a CSV input', async () => {
    const csv = 'Encounter,Patient,DOS,Drug,Dose,Route,Start,Stop,Dx,Necessity,Nurse\n' +
      'A1,MRN9,2026-04-02,ceftriaxone,1 g,IV infusion,09:00,09:40,N39.0,UTI,RN Lee\n';
    fs.writeFileSync(path.join(dir, 'one.csv'), csv);
    const r = run(['report', 'one.csv', '-q'], dir);
    expect(r.code).toBe(0);
    const wb = await load(path.join(dir, 'one.report.xlsx'));
    const lines = claimRows(wb);
    expect(lines.map((l) => [l.Code, l.Units, l.Nurse, l.Month, l.Setting])).toEqual([
      ['96365', 1, 'RN Lee', '2026-04', 'facility'],
      ['J0696', 4, 'RN Lee', '2026-04', 'facility'],
    ]);
  });

  it("takes code's options: --setting, --map", async () => {
    const csv = 'Visit,Who gave it,DOS,Drug,Dose,Route,Start,Stop,Dx,Necessity\n' +
      'A1,RN Lee,2026-04-02,ceftriaxone,1 g,IV infusion,09:00,09:40,N39.0,UTI\n';
    fs.writeFileSync(path.join(dir, 'two.csv'), csv);
    const r = run(['report', 'two.csv', '--out', 'two.xlsx', '--setting', 'office', '--map', 'nurse=Who gave it', '-q'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = claimRows(await load(path.join(dir, 'two.xlsx')));
    expect(lines.map((l) => [l.Code, l.Nurse, l.Setting])).toEqual([
      ['96365', 'RN Lee', 'office'],
      ['J0696', 'RN Lee', 'office'],
    ]);
    expect(run(['report', 'two.csv', '--setting', 'home'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--setting must be one of facility, office/) });
  });
});
