/**
 * Workbooks other writers make, valid and opened by Excel, that the coded copy once damaged: a relationship
 * naming its part in another case (part names are case-insensitive), `<col>` elements with an end tag or
 * single quotes, and a value merged across empty columns right of the table (report exports).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main, type Io } from '../../src/cli/main';
import { logRowsXml, oneSheetWorkbook } from './officeFiles';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-quirks-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function code(input: string, output: string): Promise<number> {
  const io: Io = { stdout: () => undefined, stderr: () => undefined, stderrIsTTY: false };
  return main(['code', input, '--out', output, '--quiet'], io);
}

async function codeTwice(name: string, book: Buffer): Promise<{ first: string; again: string }> {
  const input = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(input, book);
  const first = path.join(dir, `${name}.coded.xlsx`);
  const again = path.join(dir, `${name}.again.xlsx`);
  expect(await code(input, first)).toBe(0);
  expect(await code(first, again)).toBe(0);
  return { first, again };
}

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The column letters of the header cells holding `text`. */
function columnsOf(sheet: string, text: string): string[] {
  return [...sheet.matchAll(/<c r="([A-Z]+)1"[^>]*>(?:(?!<\/c>)[\s\S])*?<t[^>]*>([^<]*)<\/t>/g)].filter((m) => m[2] === text).map((m) => m[1]);
}

describe('a relationship naming the sheet in another case than the zip entry', () => {
  const book = oneSheetWorkbook({
    sheet: `<sheetData>${logRowsXml()}</sheetData>`,
    parts: {
      'xl/_rels/workbook.xml.rels':
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="Worksheets/SHEET1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="Styles.xml"/></Relationships>`,
    },
  });
  let files: { first: string; again: string };
  let zip: JSZip;
  beforeAll(async () => {
    files = await codeTwice('case', book);
    zip = await JSZip.loadAsync(fs.readFileSync(files.first));
  });

  it('keeps the workbook part (it was left out: the copy was no workbook)', () => {
    expect(zip.file('xl/workbook.xml')).not.toBeNull();
  });

  it('codes the sheet under its stored name', async () => {
    expect(columnsOf(await zip.file('xl/worksheets/sheet1.xml')!.async('string'), 'IC CPT')).toEqual(['I']);
  });

  it('codes the copy again to the same bytes', () => {
    expect(fs.readFileSync(files.again).equals(fs.readFileSync(files.first))).toBe(true);
  });
});

describe('column widths written with an end tag or in single quotes', () => {
  const cols = `<cols><col min="1" max="1" width="30" customWidth="1"></col><col min='2' max='16384' width='12' customWidth='1'/></cols>`;
  let sheet: string;
  let files: { first: string; again: string };
  beforeAll(async () => {
    files = await codeTwice('cols', oneSheetWorkbook({ sheet: `${cols}<sheetData>${logRowsXml()}</sheetData>` }));
    sheet = await (await JSZip.loadAsync(fs.readFileSync(files.first))).file('xl/worksheets/sheet1.xml')!.async('string');
  });

  it("keeps the user's width of column A (it was dropped)", () => {
    expect(sheet).toContain('<col min="1" max="1" width="30" customWidth="1"></col>');
  });

  it('leaves no two ranges over one column (Excel repairs such a file), in order', () => {
    const ranges = [...sheet.matchAll(/<col\b[^>]*?\smin\s*=\s*["'](\d+)["'][^>]*?\smax\s*=\s*["'](\d+)["']/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][1]);
    expect(ranges[ranges.length - 1][1]).toBe(16384);
  });

  it('codes the copy again to the same bytes', () => {
    expect(fs.readFileSync(files.again).equals(fs.readFileSync(files.first))).toBe(true);
  });
});

describe('a value merged across empty columns right of the table', () => {
  // H3 (the diagnosis) merged over I3:K3, as report exports do: the cells under it are the user's.
  const book = oneSheetWorkbook({ sheet: `<sheetData>${logRowsXml()}</sheetData><mergeCells count="1"><mergeCell ref="H3:K3"/></mergeCells>` });
  let sheet: string;
  let files: { first: string; again: string };
  beforeAll(async () => {
    files = await codeTwice('merged', book);
    sheet = await (await JSZip.loadAsync(fs.readFileSync(files.first))).file('xl/worksheets/sheet1.xml')!.async('string');
  });

  it('puts our columns right of the merge, none of our cells under it', () => {
    expect(columnsOf(sheet, 'IC CPT')).toEqual(['L']);
    expect(sheet).not.toMatch(/<c r="[IJK]\d+"/);
    expect(sheet).toContain('<mergeCell ref="H3:K3"/>');
  });

  it('codes the copy again to the same bytes', () => {
    expect(fs.readFileSync(files.again).equals(fs.readFileSync(files.first))).toBe(true);
  });
});

describe('a Table whose part is written in single quotes', () => {
  const table =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main' id='1' name='Log' displayName='Log' ref='A1:H4'>` +
    "<autoFilter ref='A1:H4'/><tableColumns count='8'>" +
    ['Encounter', 'Date of Service', 'Drug', 'Dose', 'Route', 'Start Time', 'Stop Time', 'Diagnosis'].map((n, i) => `<tableColumn id='${i + 1}' name='${n}'/>`).join('') +
    '</tableColumns></table>';
  const book = oneSheetWorkbook({
    sheet: `<sheetData>${logRowsXml()}</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts>`,
    sheetRels: [`<Relationship Id="rId1" Type="${REL_NS}/table" Target="../tables/table1.xml"/>`],
    types: ['<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>'],
    parts: { 'xl/tables/table1.xml': table },
  });

  it('gets no sheet filter over the Table (Excel allows one or the other, and repairs the file)', async () => {
    const { first } = await codeTwice('table-quotes', book);
    const zip = await JSZip.loadAsync(fs.readFileSync(first));
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).not.toContain('<autoFilter');
    expect(await zip.file('xl/workbook.xml')!.async('string')).not.toContain('_FilterDatabase');
  });
});
