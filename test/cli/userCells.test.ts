/**
 * The coded copy never writes over a cell or a part of the user's that is easy to miss: a formula with no
 * result (openpyxl writes none) or an empty one, a styled blank cell (Excel writes one for every cell of a
 * bordered or filled range), a text that reads as blank (`N/A`); a header or footer picture's drawing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main, type Io } from '../../src/cli/main';
import { logRowsXml, oneSheetWorkbook } from './officeFiles';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-usercells-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function code(input: string, output: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: Io = { stdout: () => undefined, stderr: (t) => void (stderr += t), stderrIsTTY: false };
  const exit = await main(['code', input, '--out', output, '--quiet'], io);
  return { code: exit, stderr };
}

async function sheetXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return zip.file('xl/worksheets/sheet1.xml')!.async('string');
}

/** Every cell element of a sheet by its reference, as written. */
function cellsOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)) out.set(m[1], m[0]);
  return out;
}

/** The header row's texts by column letter. */
function headerOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ref, cell] of cellsOf(xml)) {
    const m = /^([A-Z]+)1$/.exec(ref);
    const t = /<t[^>]*>([^<]*)<\/t>/.exec(cell) ?? /<v>([^<]*)<\/v>/.exec(cell);
    if (m && t) out.set(m[1], t[1]);
  }
  return out;
}

async function codeTwice(name: string, book: Buffer): Promise<{ input: string; first: string; again: string }> {
  const input = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(input, book);
  const first = path.join(dir, `${name}.coded.xlsx`);
  const again = path.join(dir, `${name}.again.xlsx`);
  expect((await code(input, first)).code).toBe(0);
  expect((await code(first, again)).code).toBe(0);
  return { input, first, again };
}

describe('cells right of the table that hold no value the grid can show', () => {
  const extra = (r: number) =>
    r === 1
      ? ''
      : `<c r="I${r}"><f>(G${r}-F${r})*1440</f></c>` + // a formula with no result
        `<c r="J${r}" t="str"><f>IF(G${r}="","",G${r}-F${r})</f><v></v></c>` + // an empty result
        `<c r="K${r}" s="3"/>` + // a styled blank
        `<c r="L${r}" t="inlineStr"><is><t>N/A</t></is></c>`; // a text that reads as blank

  let files: { input: string; first: string; again: string };
  beforeAll(async () => {
    files = await codeTwice('valueless', oneSheetWorkbook({ sheet: `<sheetData>${logRowsXml(extra)}</sheetData>` }));
  });

  it('keeps each of them exactly as written', async () => {
    const before = cellsOf(await sheetXml(files.input));
    const after = cellsOf(await sheetXml(files.first));
    for (const [ref, cell] of before) expect([ref, after.get(ref)]).toEqual([ref, cell]);
  });

  it('puts our columns after them', async () => {
    const header = headerOf(await sheetXml(files.first));
    expect(header.get('M')).toBe('IC CPT');
    for (const letter of ['I', 'J', 'K', 'L']) expect(header.has(letter)).toBe(false);
  });

  it('codes the copy again to the same bytes', () => {
    expect(fs.readFileSync(files.again).equals(fs.readFileSync(files.first))).toBe(true);
  });
});

describe("a sheet with a header or footer picture and no notes", () => {
  const vml =
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
    '<v:shape id="LH" o:spid="_x0000_s1025" type="#_x0000_t75" style="position:absolute;width:60pt;height:20pt"><v:imagedata o:relid="rId1" o:title="logo"/></v:shape></xml>';
  const book = oneSheetWorkbook({
    sheet:
      `<sheetData>${logRowsXml()}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      '<headerFooter><oddHeader>&amp;L&amp;G</oddHeader></headerFooter><legacyDrawingHF r:id="rId1"/>',
    sheetRels: ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawingHF1.vml"/>'],
    types: ['<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'],
    parts: { 'xl/drawings/vmlDrawingHF1.vml': vml },
  });
  let files: { input: string; first: string; again: string };
  let zip: JSZip;
  beforeAll(async () => {
    files = await codeTwice('hf-picture', book);
    zip = await JSZip.loadAsync(fs.readFileSync(files.first));
  });

  it("leaves the picture's drawing as it was", async () => {
    expect(await zip.file('xl/drawings/vmlDrawingHF1.vml')!.async('string')).toBe(vml);
  });

  it('puts our notes in a drawing of their own, which the sheet names as its notes drawing', async () => {
    const sheet = await sheetXml(files.first);
    const rels = await zip.file('xl/worksheets/_rels/sheet1.xml.rels')!.async('string');
    const id = /<legacyDrawing\b[^>]*\br:id="([^"]+)"/.exec(sheet)?.[1];
    expect(id).toBeDefined();
    expect(id).not.toBe('rId1');
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    expect(target).toMatch(/vmlDrawing\d+\.vml$/);
    const notes = await zip.file(path.posix.join('xl/worksheets', target))!.async('string');
    expect(notes).toMatch(/ObjectType="Note"/);
    // ECMA-376 order: legacyDrawing before legacyDrawingHF.
    expect(sheet.indexOf('<legacyDrawing ')).toBeLessThan(sheet.indexOf('<legacyDrawingHF'));
  });

  it('codes the copy again to the same bytes', () => {
    expect(fs.readFileSync(files.again).equals(fs.readFileSync(files.first))).toBe(true);
  });
});

describe('a sheet with a custom view', () => {
  const views =
    '<customSheetViews><customSheetView guid="{6F3B1E2A-0000-4000-8000-000000000001}" showAutoFilter="1">' +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup orientation="portrait"/>' +
    '<headerFooter><oddHeader>View</oddHeader></headerFooter></customSheetView></customSheetViews>';
  let sheet: string;
  beforeAll(async () => {
    const files = await codeTwice('custom-view', oneSheetWorkbook({ sheet: `<sheetData>${logRowsXml()}</sheetData>${views}` }));
    sheet = await sheetXml(files.first);
  });

  it('keeps the view as it was, and puts our highlights and print setup at sheet level after it', () => {
    expect(sheet).toContain(views);
    const after = sheet.slice(sheet.indexOf(views) + views.length);
    expect(after).toMatch(/^<conditionalFormatting /);
    expect(after).toMatch(/<pageSetup orientation="landscape"/);
  });
});

describe('a row with an XML comment among its cells', () => {
  // A comment before D, and H written without its reference (valid: the cell after G).
  const rows = logRowsXml()
    .replace(/(<c r="D\d+")/g, '<!-- checked -->$1')
    .replace(/<c r="H(\d+)" /g, '<c ');
  let files: { input: string; first: string; again: string };
  beforeAll(async () => {
    files = await codeTwice('row-comment', oneSheetWorkbook({ sheet: `<sheetData>${rows}</sheetData>` }));
  });

  it("keeps the comment with the cell after it, and the user's cells before ours", async () => {
    const sheet = await sheetXml(files.first);
    const row2 = /<row r="2"[^>]*>([\s\S]*?)<\/row>/.exec(sheet)![1];
    expect(row2).toContain('<!-- checked --><c r="D2"');
    // H2 (no reference) still follows G2, and our block starts after it.
    expect(row2.indexOf('L03.115')).toBeGreaterThan(row2.indexOf('r="G2"'));
    expect(row2.indexOf('L03.115')).toBeLessThan(row2.indexOf('r="I2"'));
  });

  it('codes the copy again to the same bytes', () => {
    expect(fs.readFileSync(files.again).equals(fs.readFileSync(files.first))).toBe(true);
  });
});

describe('a styles part written without fonts, fills or borders', () => {
  const styles =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="m/d/yyyy"/><numFmt numFmtId="165" formatCode="h:mm"/></numFmts>' +
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';
  let out: string;
  beforeAll(async () => {
    const files = await codeTwice('min-styles', oneSheetWorkbook({ sheet: `<sheetData>${logRowsXml()}</sheetData>`, styles }));
    const zip = await JSZip.loadAsync(fs.readFileSync(files.first));
    out = await zip.file('xl/styles.xml')!.async('string');
  });

  it("gets a plain default font first, so the user's cells (font 0) do not turn bold", () => {
    const fonts = /<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(out)![1].match(/<font\b[\s\S]*?<\/font>/g)!;
    expect(fonts[0]).not.toMatch(/<b\/>/);
    expect(fonts.slice(1).some((f) => /<b\/>/.test(f))).toBe(true);
  });

  it('gets the fills and border Excel requires, and keeps cell format 0 the plain default', () => {
    const fills = /<fills\b[^>]*>([\s\S]*?)<\/fills>/.exec(out)![1];
    expect(fills).toMatch(/^<fill><patternFill patternType="none"\/><\/fill><fill><patternFill patternType="gray125"\/><\/fill>/);
    expect(out).toMatch(/<borders count="1"><border>/);
    expect(/<cellXfs\b[^>]*>(<xf [^>]*?\/?>)/.exec(out)![1]).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>');
  });
});

describe("a user's column that shares the name of one of ours", () => {
  const extra = (r: number) => `<c r="I${r}" t="inlineStr"><is><t>${r === 1 ? 'IC Findings' : `checked by RN ${r}`}</t></is></c>`;
  let files: { input: string; first: string; again: string };
  beforeAll(async () => {
    files = await codeTwice('user-ic-findings', oneSheetWorkbook({ sheet: `<sheetData>${logRowsXml(extra)}</sheetData>` }));
  });

  it('is not taken for an earlier run of ours (ours start with IC CPT): it keeps its cells, and ours go after it', async () => {
    const before = cellsOf(await sheetXml(files.input));
    const sheet = await sheetXml(files.first);
    const after = cellsOf(sheet);
    for (const [ref, cell] of before) expect([ref, after.get(ref)]).toEqual([ref, cell]);
    expect(headerOf(sheet).get('J')).toBe('IC CPT');
  });

  it('codes the copy again to the same bytes', () => {
    expect(fs.readFileSync(files.again).equals(fs.readFileSync(files.first))).toBe(true);
  });
});

describe('merged cells', () => {
  it('a label merged across a row is not the value of every field it covers; a visit merged down its rows is each row’s', async () => {
    const rows = logRowsXml()
      .replace('<row r="3"><c r="A3" t="inlineStr"><is><t>E1</t></is></c>', '<row r="3">') // A2:A3 merged: row 3 reads E1
      .concat('<row r="5"><c r="A5" t="inlineStr"><is><t>Reviewed by J. Doe RN 03/05/2026</t></is></c></row>');
    const book = oneSheetWorkbook({ sheet: `<sheetData>${rows}</sheetData><mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="A5:H5"/></mergeCells>` });
    const input = path.join(dir, 'merged.xlsx');
    fs.writeFileSync(input, book);
    let stdout = '';
    const io: Io = { stdout: (t) => void (stdout += t), stderr: () => undefined, stderrIsTTY: false };
    expect(await main(['code', input, '--json'], io)).toBe(0);
    const json = JSON.parse(stdout) as { rows: { row: number; encounter: string; status: string; findings: { field: string | null }[] }[] };
    expect(json.rows.find((r) => r.row === 3)!.encounter).toBe('E1');
    const label = json.rows.find((r) => r.row === 5);
    // Before: the label was copied into Date, Drug, Dose, Route, Start, Stop and Diagnosis, each an error. Now it
    // is a row with nothing to code (a warning), and no cell it does not hold is marked.
    expect(label!.status).toBe('Review');
    expect(label!.findings.map((f) => f.field).filter((f) => !['date', 'drug'].includes(f!))).toEqual([]);
  });
});
