/**
 * Adding a workbook's sheets to a user's package (the report into an existing workbook): the user's parts stay
 * byte for byte, the added sheets keep their text and formats, and a rebuild replaces them with the same bytes.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as os from 'os';
import * as path from 'path';
import { addSheetsToPackage } from '../../src/outputs/xlsx/addSheets';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-add-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A small workbook of our own: a bold title, a date, an amount, and a table named `table`. */
async function ours(table = 'ICClaimLines'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Claim Lines');
  ws.getCell('A1').value = 'Claim lines';
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.addTable({ name: table, ref: 'A3', columns: [{ name: 'Date' }, { name: 'Amount' }], rows: [[new Date(Date.UTC(2026, 2, 2)), 12.5]] });
  ws.getCell('A4').numFmt = 'yyyy-mm-dd';
  ws.getCell('B4').numFmt = '$#,##0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The user's package: one sheet, written by hand as some tools write it (`parts` overrides a part). */
async function userPackage(file: string, parts: Record<string, string | null> = {}): Promise<void> {
  const zip = new JSZip();
  const all: Record<string, string | null> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="4" r:id="rId1"></sheet></sheets><definedNames><definedName name="konst">42</definedName></definedNames></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml':
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Drug 😀</t></is></c><c r="B1" s="1"><v>46083</v></c></row></sheetData></worksheet>',
    'xl/styles.xml':
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="d mmm"/></numFmts><fonts count="1"><font><sz val="10"/><name val="Arial"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ...parts,
  };
  for (const [name, text] of Object.entries(all)) if (text !== null) zip.file(name, text);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function parts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('string'));
  return out;
}

describe('adding our sheets to a user package', () => {
  it("keeps the user's parts and number formats; ours keep their formats; a rebuild gives the same bytes", async () => {
    const user = path.join(dir, 'user.xlsx');
    await userPackage(user);
    const before = await parts(user);
    const out = path.join(dir, 'out.xlsx');
    await addSheetsToPackage(user, await ours(), (name) => name === 'Claim Lines', out);
    const after = await parts(out);
    expect(after.get('xl/worksheets/sheet1.xml')).toBe(before.get('xl/worksheets/sheet1.xml'));
    const styles = after.get('xl/styles.xml')!;
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="d mmm"/>'); // the user's format keeps its id
    expect(styles).toContain('<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>');
    const workbook = after.get('xl/workbook.xml')!;
    expect(workbook).toMatch(/<sheet name="Claim Lines" sheetId="5" r:id="rId3"\/>/); // after the user's sheetId 4
    expect(workbook).toContain('<definedName name="konst">42</definedName>');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Log', 'Claim Lines']);
    const ws = wb.getWorksheet('Claim Lines')!;
    expect([ws.getCell('A1').value, ws.getCell('A1').font?.bold, ws.getCell('A4').numFmt, ws.getCell('B4').numFmt]).toEqual([
      'Claim lines',
      true,
      'yyyy-mm-dd',
      '$#,##0.00',
    ]);
    expect(wb.getWorksheet('Log')!.getCell('B1').numFmt).toBe('d mmm');

    // Built again into its own output: our earlier sheet goes, the new one takes the same names and ids.
    const again = path.join(dir, 'again.xlsx');
    await addSheetsToPackage(out, await ours(), (name) => name === 'Claim Lines', again);
    expect([...(await parts(again)).entries()]).toEqual([...after.entries()]);
  });

  it("a styles part with a prefixed namespace gets ours under the same prefix", async () => {
    const user = path.join(dir, 'prefixed.xlsx');
    await userPackage(user, {
      'xl/styles.xml':
        '<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:fonts count="1"><x:font><x:sz val="10"/></x:font></x:fonts><x:cellXfs count="2"><x:xf numFmtId="0" fontId="0"/><x:xf numFmtId="14" fontId="0" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>',
    });
    const out = path.join(dir, 'prefixed.out.xlsx');
    await addSheetsToPackage(user, await ours(), () => false, out);
    const styles = (await parts(out)).get('xl/styles.xml')!;
    expect(styles).toMatch(/<x:numFmts count="\d+"><x:numFmt numFmtId="164" formatCode="yyyy-mm-dd"\/>/);
    expect(styles).toMatch(/<x:font><x:b\/><x:sz val="16"\/>/);
    expect(styles).not.toMatch(/<(font|xf|numFmt|fill|border)\b/);
  });

  it('a rebuild keeps a picture a user sheet shares, drops the calculation chain, and keeps the active tab on the report', async () => {
    const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const rels = (list: string) => `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list}</Relationships>`;
    const sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="' + RELS + '"><sheetData/><drawing r:id="rId1"/></worksheet>';
    const user = path.join(dir, 'shared.xlsx');
    await userPackage(user, {
      // Single quotes, as some writers use them; Log, an earlier Claim Lines, then a hidden sheet of the user's.
      'xl/workbook.xml':
        "<?xml version='1.0' encoding='UTF-8'?><workbook xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main' xmlns:r='" + RELS + "'><bookViews><workbookView activeTab='1'/></bookViews><sheets><sheet name='Log' sheetId='1' r:id='rId1'/><sheet name='Claim Lines' sheetId='2' r:id='rId5'/><sheet name='Hidden' sheetId='3' state='hidden' r:id='rId6'/></sheets></workbook>",
      'xl/_rels/workbook.xml.rels': rels(
        `<Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELS}/styles" Target="styles.xml"/>` +
          `<Relationship Id="rId5" Type="${RELS}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId6" Type="${RELS}/worksheet" Target="worksheets/sheet3.xml"/>` +
          `<Relationship Id="rId7" Type="${RELS}/calcChain" Target="calcChain.xml"/>`,
      ),
      'xl/worksheets/sheet1.xml': sheet,
      'xl/worksheets/sheet2.xml': sheet,
      'xl/worksheets/sheet3.xml': '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
      'xl/worksheets/_rels/sheet1.xml.rels': rels(`<Relationship Id="rId1" Type="${RELS}/drawing" Target="../drawings/drawing1.xml"/>`),
      'xl/worksheets/_rels/sheet2.xml.rels': rels(`<Relationship Id="rId1" Type="${RELS}/drawing" Target="../drawings/drawing2.xml"/>`),
      'xl/drawings/drawing1.xml': '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>',
      'xl/drawings/drawing2.xml': '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>',
      'xl/drawings/_rels/drawing1.xml.rels': rels(`<Relationship Id="rId1" Type="${RELS}/image" Target="../media/image1.png"/>`),
      'xl/drawings/_rels/drawing2.xml.rels': rels(`<Relationship Id="rId1" Type="${RELS}/image" Target="../media/image1.png"/>`),
      'xl/media/image1.png': 'a picture',
      'xl/calcChain.xml': '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="2"/></calcChain>',
    });
    const out = path.join(dir, 'shared.out.xlsx');
    await addSheetsToPackage(user, await ours(), (name) => name === 'Claim Lines', out);
    const after = await parts(out);
    expect(after.get('xl/media/image1.png')).toBe('a picture'); // Log's drawing still shows it
    expect(after.has('xl/drawings/drawing2.xml')).toBe(false); // the old report's own drawing went
    expect(after.has('xl/calcChain.xml')).toBe(false);
    expect(after.get('xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    const workbook = after.get('xl/workbook.xml')!;
    expect([...workbook.matchAll(/<sheet name=["']([^"']+)/g)].map((m) => m[1])).toEqual(['Log', 'Hidden', 'Claim Lines']);
    expect(workbook).toContain('<workbookView activeTab="2"/>'); // the report again, not the hidden sheet in its old place
    expect(workbook).toMatch(/<sheet name="Claim Lines" sheetId="4" r:id="rId3"\/>/);
  });

  it('refuses a defined name that has one of our table names', async () => {
    const user = path.join(dir, 'named.xlsx');
    await userPackage(user, {
      'xl/workbook.xml':
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="ICClaimLines">Log!$A$1</definedName></definedNames></workbook>',
    });
    await expect(addSheetsToPackage(user, await ours(), () => false, path.join(dir, 'named.out.xlsx'))).rejects.toThrow(/a table or a name called ICClaimLines/);
  });

  it('a workbook without a styles part gets ours', async () => {
    const user = path.join(dir, 'plain.xlsx');
    await userPackage(user, {
      'xl/styles.xml': null,
      'xl/_rels/workbook.xml.rels':
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    });
    const out = path.join(dir, 'plain.out.xlsx');
    await addSheetsToPackage(user, await ours(), () => false, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Claim Lines')!.getCell('B4').numFmt).toBe('$#,##0.00');
  });

  it("refuses when a user's own table already has one of our table names", async () => {
    const user = path.join(dir, 'tables.xlsx');
    await userPackage(user, {
      'xl/tables/table1.xml':
        '<?xml version="1.0" encoding="UTF-8"?><table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="ICClaimLines" displayName="ICClaimLines" ref="A1:B2"><tableColumns count="2"><tableColumn id="1" name="A"/><tableColumn id="2" name="B"/></tableColumns></table>',
    });
    await expect(addSheetsToPackage(user, await ours(), () => false, path.join(dir, 'tables.out.xlsx'))).rejects.toThrow(
      /already has a table or a name called ICClaimLines; rename it/,
    );
    expect(fs.existsSync(path.join(dir, 'tables.out.xlsx'))).toBe(false);
  });
});
