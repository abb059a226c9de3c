/**
 * Fidelity of the coded copy (issue 13): workbooks built part by part (scripts/make-fidelity-fixtures.js)
 * are coded, and everything that is not ours must come out as it went in: every part other than the coded
 * sheet, the styles, the content types and the sheet's relationships and notes byte for byte (the workbook
 * part too, but for the sheet's print titles and filter range among its defined names); in those, every
 * user cell, element, style, note and content type as written. A second run writes the same bytes.
 * Highlights are rules per column reading the IC Flags column, so reordered rows keep theirs, and a re-run
 * replaces our rules (and an earlier version's) without touching a user's.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main, type Io } from '../../src/cli/main';
import { parseXml } from '../../src/outputs/xlsx/xml';
import { FLAGS_HEADER } from '../../src/sheet/marks';
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
/** The coded sheet's IC Flags column: right of the derived columns, which start at J (10). */
const FLAGS = columnLetters(10 + DERIVED_HEADERS.length);

/**
 * What our highlight rules fill, worked out from the sheet XML as Excel would: for each rule
 * ISNUMBER(SEARCH(" E:stop "," "&$R2&" ")) over G2:G6, the cells of its range whose row's flags cell names
 * the token. Each filled cell is told by its column, its XML without its address, and the rule's fill.
 */
function filledCells(xml: string): { address: string; what: string }[] {
  const cells = new Map<string, string>();
  for (const c of elements(elements(xml, 'sheetData')[0] ?? '', 'c')) cells.set(/ r="([A-Z]+\d+)"/.exec(c)![1], c);
  const flagsOf = (ref: string) => /<(?:x:)?t[^>]*>([^<]*)</.exec(cells.get(ref) ?? '')?.[1] ?? '';
  const out: { address: string; what: string }[] = [];
  for (const cf of elements(xml, 'conditionalFormatting')) {
    const rule = /sqref="([A-Z]+)(\d+):\1(\d+)"><(?:x:)?cfRule [^>]*dxfId="(\d+)"[^>]*><(?:x:)?formula>ISNUMBER\(SEARCH\("( [EW]:\w+ )"," "&amp;\$([A-Z]+)(\d+)&amp;" "\)\)</.exec(cf);
    if (!rule) continue;
    const [, letters, top, bottom, dxf, token, flagsColumn, flagsRow] = rule;
    expect(flagsRow).toBe(top);
    for (let r = Number(top); r <= Number(bottom); r++) {
      if (!` ${flagsOf(`${flagsColumn}${r}`)} `.includes(token)) continue;
      out.push({ address: `${letters}${r}`, what: `${letters}|${(cells.get(`${letters}${r}`) ?? '').replace(/ r="[A-Z]+\d+"/, '')}|${dxf}` });
    }
  }
  return out.sort((a, b) => (a.what < b.what ? -1 : a.what > b.what ? 1 : 0));
}

/** The sheet XML with data rows first..last moved down by one (the last to the top), as a sort would move them. */
function rotateRows(xml: string, first: number, last: number): string {
  const moved = (r: number) => (r < first || r > last ? r : r === last ? first : r + 1);
  const data = /<((?:x:)?)sheetData>([\s\S]*)<\/\1sheetData>/.exec(xml)!;
  const rows = elements(data[2], 'row').map((row) => {
    const r = moved(Number(/ r="(\d+)"/.exec(row)![1]));
    return { r, xml: row.replace(/ r="\d+"/, ` r="${r}"`).replace(/(<(?:x:)?c r="[A-Z]+)\d+"/g, `$1${r}"`) };
  });
  rows.sort((a, b) => a.r - b.r);
  const p = data[1];
  return xml.slice(0, data.index) + `<${p}sheetData>${rows.map((x) => x.xml).join('')}</${p}sheetData>` + xml.slice(data.index + data[0].length);
}

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
    // IC Flags after the derived columns (10 .. 9 + one per derived header), a modest width; then the
    // user's default width resumes.
    const flags = 10 + DERIVED_HEADERS.length;
    expect(after).toMatch(new RegExp(`<(x:)?col min="${flags}" max="${flags}" width="16" customWidth="1"/><(x:)?col min="${flags + 1}" max="16384" width="14" customWidth="1"/></(x:)?cols>`));
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
      const last = FLAGS; // the flags sort with their rows from the filter buttons too
      expect(after).toMatch(new RegExp(`</(x:)?sheetData><(x:)?autoFilter ref="A1:${last}6"/>`));
      expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Infusion Log'!$A$1:$${last}$6</definedName>`);
    }
  });

  it('adds our columns beside the data, with highlights and notes of our own', () => {
    const after = text(output, 'xl/worksheets/sheet1.xml');
    expect(after).toMatch(/<(x:)?c r="J1" s="\d+" t="inlineStr"><(x:)?is><(x:)?t xml:space="preserve">IC CPT</);
    expect(after).toMatch(/r="J2"[^>]*><(x:)?is><(x:)?t xml:space="preserve">96365</);
    const comments = text(output, notesParts(input).comments);
    expect(comments).toMatch(/ref="B4"[^>]*><text><r><t xml:space="preserve">Infusion Coder: /);
    // B4 holds no date: its row's flags name the Date column, and the Date column's rule reads the flags
    expect(after).toMatch(new RegExp(`<(x:)?c r="${FLAGS}1" s="\\d+" t="inlineStr"><(x:)?is><(x:)?t xml:space="preserve">${FLAGS_HEADER}<`));
    expect(after).toMatch(new RegExp(`<(x:)?c r="${FLAGS}4" t="inlineStr"><(x:)?is><(x:)?t xml:space="preserve">E:date<`));
    expect(after).toMatch(
      new RegExp(`<(x:)?conditionalFormatting sqref="B2:B6"><(x:)?cfRule type="expression" dxfId="\\d+" priority="\\d+"><(x:)?formula>ISNUMBER\\(SEARCH\\(" E:date "," "&amp;\\$${FLAGS}2&amp;" "\\)\\)<`),
    );
    expect(filledCells(after).map((c) => c.address)).toEqual(expect.arrayContaining(['B4']));
    // no rule is tied to a cell's address any more
    expect(after).not.toContain('"Infusion Coder"');
  });

  it('keeps every highlight on its row when the rows are reordered (the rules are per column, the flags move)', () => {
    const after = text(output, 'xl/worksheets/sheet1.xml');
    const before = filledCells(after);
    expect(before.length).toBeGreaterThan(1);
    const moved = filledCells(rotateRows(after, 2, 6));
    // the same user cells are filled, in the same colours, at their new addresses
    expect(moved.map((c) => c.what)).toEqual(before.map((c) => c.what));
    expect(moved.map((c) => c.address)).not.toEqual(before.map((c) => c.address));
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

describe('a re-run and conditional formats', () => {
  // A user's rule of its own, a user's rule Excel grouped with one of ours (same range), and an earlier
  // version's address-fixed highlight, added to a coded copy.
  const USER_RULE = '<conditionalFormatting sqref="C2:C6"><cfRule type="containsText" dxfId="0" priority="11" operator="containsText" text="NS"><formula>NOT(ISERROR(SEARCH("NS",C2)))</formula></cfRule></conditionalFormatting>';
  const GROUPED_RULE = '<cfRule type="expression" dxfId="0" priority="12"><formula>$G2&gt;0.5</formula></cfRule>';
  const EARLIER = '<conditionalFormatting sqref="B4 G5"><cfRule type="expression" dxfId="1" priority="13"><formula>"Infusion Coder"&lt;&gt;""</formula></cfRule></conditionalFormatting>';

  let first: string;
  let edited: string;
  let again: string;

  beforeAll(async () => {
    const coded = path.join(dir, 'rules.coded.xlsx');
    expect((await code([fixtures.excel, '--out', coded])).code).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(coded));
    first = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const grouped = elements(first, 'conditionalFormatting').find((cf) => cf.startsWith('<conditionalFormatting sqref="G2:G6">'))!;
    edited = first
      .replace(grouped, grouped.replace('</conditionalFormatting>', `${GROUPED_RULE}</conditionalFormatting>`))
      .replace('<dataValidations', `${USER_RULE}${EARLIER}<dataValidations`);
    zip.file('xl/worksheets/sheet1.xml', edited);
    const input = path.join(dir, 'rules.edited.xlsx');
    fs.writeFileSync(input, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const output = path.join(dir, 'rules.again.xlsx');
    expect((await code([input, '--out', output])).code).toBe(0);
    again = text(await parts(output), 'xl/worksheets/sheet1.xml');
    // and once more: the same bytes
    const twice = path.join(dir, 'rules.twice.xlsx');
    expect((await code([output, '--out', twice])).code).toBe(0);
    expect(fs.readFileSync(twice).equals(fs.readFileSync(output))).toBe(true);
  });

  const ours = (xml: string) =>
    elements(xml, 'conditionalFormatting')
      .filter((cf) => /ISNUMBER\(SEARCH|EXACT\(/.test(cf))
      .map((cf) => cf.replace(/ priority="\d+"/, ''));

  it("keeps the user's rules as written, the one grouped with ours too", () => {
    expect(again).toContain(USER_RULE);
    expect(again).toContain(`<conditionalFormatting sqref="G2:G6">${GROUPED_RULE}</conditionalFormatting>`);
  });

  it("replaces our rules (once each, after the user's in priority) and drops the earlier version's", () => {
    expect(again).not.toContain('"Infusion Coder"');
    expect(ours(again)).toEqual(ours(first));
    // the user's rules keep their priorities (11, 12); ours follow them, errors before warnings
    const ourPriorities = elements(again, 'conditionalFormatting')
      .filter((cf) => /ISNUMBER\(SEARCH|EXACT\(/.test(cf))
      .map((cf) => Number(/ priority="(\d+)"/.exec(cf)![1]));
    expect(ourPriorities).toEqual(ourPriorities.map((_, i) => 13 + i));
  });

  it('changes nothing else in the sheet', () => {
    const withoutFormats = (xml: string) => xml.replace(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g, '');
    expect(withoutFormats(again)).toBe(withoutFormats(first));
  });
});

/** The excel fixture with its sheet XML edited, coded, and its coded copy coded again: both sheets' XML. */
async function codeEditedSheet(name: string, edit: (sheetXml: string) => string): Promise<{ out: string; again: string }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(fixtures.excel));
  zip.file('xl/worksheets/sheet1.xml', edit(await zip.file('xl/worksheets/sheet1.xml')!.async('string')));
  const input = path.join(dir, `${name}.xlsx`);
  fs.writeFileSync(input, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  const first = path.join(dir, `${name}.coded.xlsx`);
  const second = path.join(dir, `${name}.again.xlsx`);
  expect((await code([input, '--out', first])).code).toBe(0);
  expect((await code([first, '--out', second])).code).toBe(0);
  return { out: text(await parts(first), 'xl/worksheets/sheet1.xml'), again: text(await parts(second), 'xl/worksheets/sheet1.xml') };
}

describe("a data bar on the coded sheet (Excel writes an extLst inside the rule)", () => {
  const DATA_BAR =
    '<conditionalFormatting sqref="G2:G6"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>' +
    '<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>{7E2F1A3C-0000-4000-8000-000000000001}</x14:id></ext></extLst>' +
    '</cfRule></conditionalFormatting>';

  it('keeps the rule whole, puts ours and the page setup at sheet level, and a second run gives the same file', async () => {
    const { out, again } = await codeEditedSheet('databar', (xml) => xml.replace(/(<\/(?:\w+:)?sheetData>)/, `$1${DATA_BAR}`));
    expect(out).toContain(DATA_BAR); // before, our rules, page setup and notes link went inside it, and a re-run broke the sheet
    expect(() => parseXml([out], {})).not.toThrow();
    expect(again).toBe(out);
  });
});

describe("a sheet written with r='5' (single quotes, as some writers do)", () => {
  it('puts our cells on the rows they belong to, and a second run gives the same sheet', async () => {
    // Single quotes, and the blank row 3 not written at all (as Excel leaves blank rows out).
    const { out, again } = await codeEditedSheet('quoted', (xml) => {
      const data = /<sheetData>[\s\S]*<\/sheetData>/.exec(xml)!;
      return xml.replace(data[0], data[0].replace(/ r="([A-Z]*\d+)"/g, " r='$1'").replace(/<row r='3'[^>]*?(?:\/>|>[\s\S]*?<\/row>)/, ''));
    });
    const rowNumbers: string[] = [];
    for (const row of out.matchAll(/<row\b[^>]*?\sr=["'](\d+)["'][^>]*>([\s\S]*?)<\/row>/g)) {
      rowNumbers.push(row[1]);
      for (const cell of row[2].matchAll(/<c\b[^>]*?\sr=["'][A-Z]+(\d+)["']/g)) expect([row[1], cell[1]]).toEqual([row[1], row[1]]);
    }
    expect(new Set(rowNumbers).size).toBe(rowNumbers.length); // before, rows after the blank one took the row above's results
    expect(again).toBe(out);
  });
});

describe('notes on another sheet', () => {
  it("gives our note drawing its own block of shape ids (two drawings sharing one make Excel repair the file)", async () => {
    const wb = new ExcelJS.Workbook();
    const log = wb.addWorksheet('Log');
    log.addRow(['Encounter', 'Drug', 'Dose', 'Route', 'Start', 'Stop']);
    log.addRow(['E1', 'ceftriaxone', '1 g', 'IV', '09:00', '09:31']);
    log.addRow(['E1', 'not a drug we know', '1 g', 'IV', '10:00', '10:31']);
    const other = wb.addWorksheet('Other');
    other.getCell('A1').value = 'x';
    other.getCell('A1').note = 'a note of the user';
    const input = path.join(dir, 'notes-elsewhere.xlsx');
    await wb.xlsx.writeFile(input);
    const output = path.join(dir, 'notes-elsewhere.coded.xlsx');
    expect((await code([input, '--out', output])).code).toBe(0);
    const drawings = [...(await parts(output))].filter(([name]) => name.endsWith('.vml')).map(([, bytes]) => bytes.toString('utf8'));
    expect(drawings).toHaveLength(2);
    const blocks = drawings.map((vml) => /<o:idmap\b[^>]*data="(\d+)"/.exec(vml)![1]);
    expect(new Set(blocks).size).toBe(2);
    const ids = drawings.flatMap((vml) => [...vml.matchAll(/ id="(_x0000_s\d+)"/g)].map((m) => m[1]));
    expect(new Set(ids).size).toBe(ids.length);
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
