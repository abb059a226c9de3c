/**
 * Fidelity of the coded copy (issue 13): workbooks built part by part (scripts/make-fidelity-fixtures.js)
 * are coded, and everything that is not ours must come out as it went in: every part other than the coded
 * sheet, the styles, the content types and the sheet's relationships and notes byte for byte (the workbook
 * part too, but for the sheet's print titles and filter range among its defined names); in those, every
 * user cell, element, style, note and content type as written. A second run writes the same bytes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main, type Io } from '../../src/cli/main';
import { parseXml } from '../../src/outputs/xlsx/xml';
import { DERIVED_HEADERS } from '../../src/sheet/plan';
import { columnLetters } from '../../src/sheet/columns';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeFidelityFixtures } = require('../../scripts/make-fidelity-fixtures.js') as {
  makeFidelityFixtures: (dir: string) => Promise<Record<string, string>>;
};

let dir: string;
let fixtures: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-fidelity-'));
  fixtures = await makeFidelityFixtures(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function code(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false };
  const exit = await main(['code', ...args, '--quiet'], io);
  return { code: exit, stdout, stderr };
}

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) out.set(name, await zip.files[name].async('nodebuffer'));
  return out;
}

const text = (m: Map<string, Buffer>, name: string) => m.get(name)?.toString('utf8') ?? '';
/** Elements `<name ...>...</name>` or `<name .../>` (any prefix) in document order. */
const elements = (xml: string, name: string) => xml.match(new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:[\\w.-]+:)?${name}>)`, 'g')) ?? [];
const childrenOf = (xml: string, container: string, child: string) => elements(elements(xml, container)[0] ?? '', child);

/** Where the coded sheet's notes live, as the fixture names them. */
function notesParts(input: Map<string, Buffer>): { comments: string; vml: string } {
  const rels = text(input, 'xl/worksheets/_rels/sheet1.xml.rels');
  const target = (type: string) => {
    const t = new RegExp(`Type="[^"]*/${type}" Target="([^"]+)"`).exec(rels)![1];
    return t.startsWith('/') ? t.slice(1) : path.posix.join('xl/worksheets', t);
  };
  return { comments: target('comments'), vml: target('vmlDrawing') };
}

describe.each(['excel', 'date1904', 'prefixed', 'openpyxl'])('the coded copy of the %s fixture', (which) => {
  let input: Map<string, Buffer>;
  let output: Map<string, Buffer>;
  let out1: string;

  beforeAll(async () => {
    out1 = path.join(dir, `${which}.coded.xlsx`);
    const run = await code([fixtures[which], '--out', out1]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    input = await parts(fixtures[which]);
    output = await parts(out1);
  });

  it('copies every part that is not the coded sheet or a part listing its cells byte for byte', () => {
    const notes = notesParts(input);
    const rewritten = new Set(['xl/worksheets/sheet1.xml', 'xl/worksheets/_rels/sheet1.xml.rels', 'xl/styles.xml', '[Content_Types].xml', 'xl/workbook.xml', notes.comments, notes.vml]);
    const changed: string[] = [];
    for (const [name, bytes] of input) {
      expect(output.has(name)).toBe(true);
      if (!rewritten.has(name) && !bytes.equals(output.get(name)!)) changed.push(name);
    }
    expect(changed).toEqual([]);
    // charts, pivots, images, links, threaded comments, protection and custom XML are among them
    for (const kept of ['xl/charts/chart1.xml', 'xl/pivotTables/pivotTable1.xml', 'xl/media/image1.png', 'xl/externalLinks/externalLink1.xml', 'xl/worksheets/sheet3.xml', 'customXml/item1.xml']) {
      expect(output.get(kept)?.equals(input.get(kept)!)).toBe(true);
    }
    // the workbook part: the same text once the coded sheet's print titles and filter range are taken out
    const ours = /<definedName name="_xlnm\.(Print_Titles|_FilterDatabase)" localSheetId="0"[^>]*>[^<]*<\/definedName>/g;
    expect(text(output, 'xl/workbook.xml').replace(ours, '')).toBe(text(input, 'xl/workbook.xml'));
  });

  it('keeps every user cell of the coded sheet exactly as written (emoji, huge numbers in date cells, dates)', () => {
    const before = text(input, 'xl/worksheets/sheet1.xml');
    const after = text(output, 'xl/worksheets/sheet1.xml');
    const cells = elements(elements(before, 'sheetData')[0] ?? '', 'c');
    expect(cells.length).toBeGreaterThan(40);
    for (const cell of cells) expect(after).toContain(cell);
    expect(after).toContain('Cellulitis 🦠 needs IV antibiotics'); // an inline string; 🤢 sits in the shared strings, copied as is
    expect(after).toMatch(/<(x:)?v>10000000000<\/(x:)?v>/);
    expect(after).not.toMatch(/NaN/);
    // and every other element of the sheet: validation, margins, the Table, the note drawing
    for (const name of ['sheetFormatPr', 'dataValidations', 'pageMargins', 'tableParts', 'legacyDrawing']) {
      for (const el of elements(before, name)) expect(after).toContain(el);
    }
    // the view keeps its attributes, and gains the frozen header row
    for (const view of elements(before, 'sheetView')) expect(after).toContain(view.replace(/\/>$/, '>'));
  });

  it('lays the sheet out: header frozen, fitted widths, landscape one page wide, header row printed on every page', () => {
    const after = text(output, 'xl/worksheets/sheet1.xml');
    const workbook = text(output, 'xl/workbook.xml');
    expect(after).toMatch(/<(x:)?sheetView tabSelected="1" workbookViewId="0"><(x:)?pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    expect(after).toMatch(/<(x:)?sheetPr><(x:)?pageSetUpPr fitToPage="1"\/><\/(x:)?sheetPr><(x:)?dimension/);
    expect(after).toMatch(/<(x:)?pageMargins [^>]*\/><(x:)?pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Infusion Log'!$1:$1</definedName>`);
    // the user's width over every column is kept on either side of ours
    expect(after).toMatch(/<(x:)?col min="1" max="9" width="14" customWidth="1"\/><(x:)?col min="10" max="10" width="\d+" style="\d+" customWidth="1"\/>/);
    // The user's default width resumes after our block (columns 10 .. 9 + one per derived header).
    const afterOurs = 10 + DERIVED_HEADERS.length;
    expect(after).toMatch(new RegExp(`<(x:)?col min="${afterOurs}" max="16384" width="14" customWidth="1"/></(x:)?cols>`));
    // the IC Status cells in their row's colour
    const status = columnLetters(10 + DERIVED_HEADERS.indexOf('IC Status'));
    expect(after).toMatch(new RegExp(`<(x:)?conditionalFormatting sqref="${status}2:${status}6"><(x:)?cfRule type="expression" dxfId="\\d+" priority="\\d+"><(x:)?formula>EXACT\\(\\$${status}2,"Error"\\)<`));
  });

  it("puts a filter over the table only when no Table covers it (Excel allows one or the other)", () => {
    const after = text(output, 'xl/worksheets/sheet1.xml');
    const workbook = text(output, 'xl/workbook.xml');
    if (elements(text(input, 'xl/worksheets/sheet1.xml'), 'tableParts').length > 0) {
      expect(after).not.toMatch(/<(x:)?autoFilter/);
      expect(workbook).not.toContain('_FilterDatabase');
    } else {
      const last = columnLetters(9 + DERIVED_HEADERS.length);
      expect(after).toMatch(new RegExp(`</(x:)?sheetData><(x:)?autoFilter ref="A1:${last}6"/>`));
      expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Infusion Log'!$A$1:$${last}$6</definedName>`);
    }
  });

  it('adds our columns beside the data, with highlights and notes of our own', () => {
    const after = text(output, 'xl/worksheets/sheet1.xml');
    expect(after).toMatch(/<(x:)?c r="J1" s="\d+" t="inlineStr"><(x:)?is><(x:)?t xml:space="preserve">IC CPT</);
    expect(after).toMatch(/r="J2"[^>]*><(x:)?is><(x:)?t xml:space="preserve">96365</);
    expect(after).toMatch(/<(x:)?conditionalFormatting sqref="[^"]*B4/);
    const comments = text(output, notesParts(input).comments);
    expect(comments).toMatch(/ref="B4"[^>]*><text><r><t xml:space="preserve">Infusion Coder: /);
  });

  it("keeps the user's notes, note shapes, styles and content types, adding ours after them", () => {
    const notes = notesParts(input);
    for (const c of elements(text(input, notes.comments), 'comment')) expect(text(output, notes.comments)).toContain(c);
    for (const shape of elements(text(input, notes.vml), 'v:shape')) expect(text(output, notes.vml)).toContain(shape);
    for (const [container, child] of [['fonts', 'font'], ['cellXfs', 'xf'], ['dxfs', 'dxf'], ['numFmts', 'numFmt']]) {
      const was = childrenOf(text(input, 'xl/styles.xml'), container, child);
      expect(childrenOf(text(output, 'xl/styles.xml'), container, child).slice(0, was.length)).toEqual(was);
    }
    for (const t of [...elements(text(input, '[Content_Types].xml'), 'Default'), ...elements(text(input, '[Content_Types].xml'), 'Override')]) {
      expect(text(output, '[Content_Types].xml')).toContain(t);
    }
  });

  it("writes the coded sheet's elements in the order Excel requires (ECMA-376 CT_Worksheet)", () => {
    const order = ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
    const children: string[] = [];
    let depth = 0;
    parseXml([text(output, 'xl/worksheets/sheet1.xml')], {
      open(local) {
        if (depth === 1) children.push(local);
        depth++;
      },
      close() {
        depth--; // saxes closes a self-closing element too
      },
    });
    expect(children.every((c) => order.includes(c))).toBe(true);
    const ranks = children.map((c) => order.indexOf(c));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(children).toEqual(expect.arrayContaining(['sheetPr', 'sheetViews', 'cols', 'conditionalFormatting', 'pageSetup']));
  });

  it('writes well-formed XML parts', () => {
    for (const [name, bytes] of output) {
      if (/\.(xml|rels)$/.test(name)) expect(() => parseXml([bytes.toString('utf8')], {})).not.toThrow();
    }
  });

  it('gives the same bytes on a second run, and coding the coded copy again changes nothing', async () => {
    const out2 = path.join(dir, `${which}.again.xlsx`);
    expect((await code([fixtures[which], '--out', out2])).code).toBe(0);
    expect(fs.readFileSync(out2).equals(fs.readFileSync(out1))).toBe(true);
    const out3 = path.join(dir, `${which}.twice.xlsx`);
    expect((await code([out1, '--out', out3])).code).toBe(0);
    expect(fs.readFileSync(out3).equals(fs.readFileSync(out1))).toBe(true);
  });
});

describe('dates of the fixtures', () => {
  it('reads the 1904 date system, huge numbers in date cells and dates before 1900-03-01 without a crash or NaN', async () => {
    const json = async (file: string) => {
      const run = await code([file, '--json']);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/NaN|Invalid Date/);
      return JSON.parse(run.stdout) as { rows: { row: number; status: string; findings: { message: string }[] }[]; encounters: { date: string | null }[] };
    };
    const d1900 = await json(fixtures.excel);
    const d1904 = await json(fixtures.date1904);
    expect(d1904.rows.map((r) => r.status)).toEqual(d1900.rows.map((r) => r.status));
    expect(d1900.encounters[0].date).toBe('2026-03-03');
    expect(d1904.encounters[0].date).toBe('2030-03-04'); // 46084 in the 1904 system
    expect(d1900.rows.find((r) => r.row === 4)!.findings.map((f) => f.message).join(' ')).toMatch(/not a date/);
    expect(d1900.encounters[3].date).toBe('1900-01-12'); // serial 12 in Excel's 1900 system
  });
});
