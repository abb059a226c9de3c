/**
 * The layout's XML edits of the coded copy (src/outputs/xlsx/layout.ts): frozen header, filter, print
 * setup, status colours, row heights and the workbook's defined names, each keeping what the user set
 * (their sheet view, filter, page setup, print titles, Table) and each the same when applied again.
 */
import type { SheetLayout } from '../../src/sheet/types';
import { STATUS_FILLS } from '../../src/sheet/plan';
import {
  isStatusFormat,
  layoutHead,
  layoutTail,
  layoutWorkbook,
  startLayout,
  statusFormats,
  withRowHeight,
  wrappedHeight,
  type SheetLayoutEdit,
} from '../../src/outputs/xlsx/layout';

/** A table with its header on row 4, user columns A..T and our block U..AA, rows down to 212. */
const LAYOUT: SheetLayout = {
  freezeRows: 4,
  autoFilter: { row: 4, firstColumn: 1, lastColumn: 27, lastRow: 212 },
  columnWidths: [{ column: 21, width: 17 }],
  wrapColumns: [21],
  print: { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, repeatRows: { first: 4, last: 4 } },
  statusColumn: { column: 25, firstRow: 5, lastRow: 212, fills: STATUS_FILLS },
};

const ROOT_TAG = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r">';
interface Ends {
  head: string;
  tail: string;
}
const sheet = (head: string, tail: string): Ends => ({ head: `${ROOT_TAG}${head}`, tail: `${tail}</worksheet>` });
/** The head and tail with the layout applied as the sheet streams (head first), and what it settled. */
function apply(ends: Ends, tables: string[] = []): Ends & { edit: SheetLayoutEdit } {
  const edit = startLayout(LAYOUT, tables);
  const head = layoutHead(ends.head, '', edit);
  return { head, tail: layoutTail(ends.tail, '', edit), edit };
}

describe('the filter', () => {
  it('goes over the whole table, before the merged cells, as the schema orders them', () => {
    const out = apply(sheet('', '<mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells><pageMargins left="0.7"/>'));
    expect(out.tail).toMatch(/^<autoFilter ref="A4:AA212"\/><mergeCells/);
  });

  it('is left out when a Table overlaps the table (Excel allows one or the other), kept when the Table is elsewhere', () => {
    expect(startLayout(LAYOUT, ['A4:I50']).autoFilter).toBeNull();
    expect(apply(sheet('', ''), ['A4:I50']).tail).not.toContain('autoFilter');
    expect(startLayout(LAYOUT, ['AC1:AD9']).autoFilter).toBe('A4:AA212');
  });

  it("widens the user's filter with criteria to the right over our columns (criteria kept), keeps one on another row, and widens a bare one", () => {
    const criteria = '<autoFilter ref="A4:T212"><filterColumn colId="3"><filters><filter val="Medicare"/></filters></filterColumn></autoFilter>';
    // Before, a sort from the user's filter buttons moved A:T and left our columns beside other patients' rows.
    expect(apply(sheet('', criteria)).edit.autoFilter).toBe('A4:AA212');
    expect(apply(sheet('', criteria)).tail).toContain(criteria.replace('A4:T212', 'A4:AA212'));
    const fromB = '<autoFilter ref="B4:T212"><filterColumn colId="2"/></autoFilter>';
    expect(apply(sheet('', fromB)).tail).toContain(fromB.replace('B4:T212', 'B4:AA212')); // its left column, so colId 2 is still D
    expect(apply(sheet('', '<autoFilter ref="A2:T9"/>')).edit.autoFilter).toBeNull();
    expect(apply(sheet('', '<autoFilter ref="A4:T212"/><mergeCells/>')).tail).toMatch(/^<autoFilter ref="A4:AA212"\/><mergeCells\/><pageSetup /);
  });

  it('reads the sheet-level filter and page setup, not those of a custom view', () => {
    const view = '<customSheetViews><customSheetView guid="{1}"><autoFilter ref="A1:B2"><filterColumn colId="0"/></autoFilter><pageSetup orientation="landscape" scale="50"/></customSheetView></customSheetViews>';
    const out = apply(sheet('', view));
    expect(out.edit).toMatchObject({ autoFilter: 'A4:AA212', print: true });
    expect(out.tail).toBe(`<autoFilter ref="A4:AA212"/>${view}<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`);
  });
});

describe('the print setup', () => {
  it('is landscape, one page wide and as many tall as needed, after the margins', () => {
    const out = apply(sheet('<dimension ref="A1:T212"/>', '<pageMargins left="0.7"/><headerFooter/><drawing r:id="rId1"/>'));
    expect(out.head).toBe(`${ROOT_TAG}<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:T212"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`);
    expect(out.tail).toBe('<autoFilter ref="A4:AA212"/><pageMargins left="0.7"/><pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/><headerFooter/><drawing r:id="rId1"/></worksheet>');
  });

  it("merges into a default page setup (exceljs's portrait at 100%), keeping its paper size and printer settings", () => {
    const tail = '<pageSetup paperSize="9" orientation="portrait" scale="100" fitToWidth="1" fitToHeight="1" r:id="rId3"/>';
    expect(apply(sheet('', tail)).tail).toContain('<pageSetup paperSize="9" orientation="landscape" scale="100" fitToWidth="1" fitToHeight="0" r:id="rId3"/>');
  });

  it('keeps the page setup of a sheet already set to fit to pages', () => {
    const ends = sheet('<sheetPr><pageSetUpPr fitToPage="true"/></sheetPr>', '<pageSetup orientation="portrait" fitToHeight="2"/>');
    const out = apply(ends);
    expect(out.edit.print).toBe(false);
    expect(out.tail).toBe('<autoFilter ref="A4:AA212"/><pageSetup orientation="portrait" fitToHeight="2"/></worksheet>');
    expect(out.head).toContain('<sheetPr><pageSetUpPr fitToPage="true"/></sheetPr>');
  });

  it('otherwise fits the wider copy one page wide, whatever orientation or scale the sheet had', () => {
    const out = apply(sheet('', '<pageSetup paperSize="5" scale="70" orientation="portrait"/>'));
    expect(out.tail).toContain('<pageSetup paperSize="5" scale="70" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(out.head).toContain('<pageSetUpPr fitToPage="1"/>');
  });

  it("switches fit to page on in the user's sheet properties, keeping theirs", () => {
    expect(apply(sheet('<sheetPr codeName="Log"/>', '')).head).toContain('<sheetPr codeName="Log"><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(apply(sheet('<sheetPr><tabColor rgb="FF00FF00"/></sheetPr>', '')).head).toContain('<sheetPr><tabColor rgb="FF00FF00"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(apply(sheet('<sheetPr><pageSetUpPr autoPageBreaks="0"/></sheetPr>', '')).head).toContain('<sheetPr><pageSetUpPr autoPageBreaks="0" fitToPage="1"/></sheetPr>');
  });
});

describe('the frozen header', () => {
  it("freezes the rows down to the header in the user's view, keeping its attributes (a scrolled view starts at the top)", () => {
    const out = apply(sheet('<sheetViews><sheetView tabSelected="1" zoomScale="85" topLeftCell="C40" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>', ''));
    expect(out.head).toContain('<sheetViews><sheetView tabSelected="1" zoomScale="85" workbookViewId="0"><pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr');
    const withSelection = apply(sheet('<sheetViews><sheetView workbookViewId="0"><selection activeCell="B3" sqref="B3"/></sheetView></sheetViews>', ''));
    expect(withSelection.head).toContain('<sheetView workbookViewId="0"><pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/><selection activeCell="B3" sqref="B3"/></sheetView>');
  });

  it('fills an empty view list', () => {
    expect(apply(sheet('<sheetViews/><sheetFormatPr defaultRowHeight="15"/>', '')).head).toContain(
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr',
    );
  });

  it("keeps the user's panes (frozen columns, a split)", () => {
    const views = '<sheetViews><sheetView workbookViewId="0"><pane xSplit="2" topLeftCell="C1" activePane="topRight" state="frozen"/><selection pane="topRight"/></sheetView></sheetViews>';
    expect(apply(sheet(views, '')).head).toContain(views);
  });

  it('goes in a new view before the columns when the sheet has none, with the namespace prefix the sheet uses', () => {
    const edit = startLayout(LAYOUT, []);
    expect(layoutHead('<x:worksheet xmlns:x="m"><x:dimension ref="A1"/><x:cols><x:col min="1" max="1" width="9"/></x:cols>', 'x:', edit)).toBe(
      '<x:worksheet xmlns:x="m"><x:sheetPr><x:pageSetUpPr fitToPage="1"/></x:sheetPr><x:dimension ref="A1"/><x:sheetViews><x:sheetView workbookViewId="0"><x:pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/><x:selection pane="bottomLeft"/></x:sheetView></x:sheetViews><x:cols><x:col min="1" max="1" width="9"/></x:cols>',
    );
  });
});

describe('a second run', () => {
  it('changes nothing in a sheet it laid out', () => {
    for (const ends of [
      sheet('<sheetFormatPr defaultRowHeight="12.75"/>', '<pageSetup orientation="landscape" scale="55"/>'),
      sheet('<dimension ref="A1:T212"/>', '<mergeCells count="1"><mergeCell ref="A1:H1"/></mergeCells><pageMargins left="0.7"/><pageSetup orientation="portrait" scale="100"/>'),
      sheet('<sheetPr codeName="Log"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>', '<autoFilter ref="A4:T9"/>'),
    ]) {
      const once = apply(ends);
      const twice = apply(once);
      expect([twice.head, twice.tail]).toEqual([once.head, once.tail]);
      expect(twice.edit.autoFilter).toBe(once.edit.autoFilter);
    }
  });
});

describe('the status colours', () => {
  it('are two rules over the IC Status cells, one per status, recognised as ours and no one else’s', () => {
    const { xml, priority } = statusFormats(LAYOUT, '', { error: 3, warning: 4 }, 2);
    expect(priority).toBe(4);
    const formats = xml.match(/<conditionalFormatting[\s\S]*?<\/conditionalFormatting>/g)!;
    expect(formats).toEqual([
      '<conditionalFormatting sqref="Y5:Y212"><cfRule type="expression" dxfId="3" priority="3"><formula>EXACT($Y5,"Error")</formula></cfRule></conditionalFormatting>',
      '<conditionalFormatting sqref="Y5:Y212"><cfRule type="expression" dxfId="4" priority="4"><formula>EXACT($Y5,"Review")</formula></cfRule></conditionalFormatting>',
    ]);
    for (const f of formats) expect(isStatusFormat(f)).toBe(true);
    // as another writer may escape it
    expect(isStatusFormat('<x:conditionalFormatting sqref="Y5:Y9"><x:cfRule type="expression" dxfId="3" priority="1"><x:formula>EXACT($Y5,&quot;Review&quot;)</x:formula></x:cfRule></x:conditionalFormatting>')).toBe(true);
    expect(isStatusFormat('<conditionalFormatting sqref="B2:B9"><cfRule type="expression" dxfId="0" priority="1"><formula>EXACT($B2,"Done")</formula></cfRule></conditionalFormatting>')).toBe(false);
    expect(isStatusFormat('<conditionalFormatting sqref="B2:B9"><cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>"Error"</formula></cfRule></conditionalFormatting>')).toBe(false);
  });
});

describe('row heights', () => {
  it('give wrapped cells one line per line of text and per column width of prose', () => {
    const wrapped = new Set([0, 1]);
    expect(wrappedHeight(['96365', 'one line'], [10, 20], wrapped, 15)).toBe(0);
    expect(wrappedHeight(['a\nb\nc', 'x'.repeat(45)], [10, 20], wrapped, 15)).toBe(45);
    expect(wrappedHeight(['x'.repeat(50)], [20], wrapped, 12.75)).toBe(38.25);
    expect(wrappedHeight(['a\nb\nc'], [20], new Set(), 15)).toBe(0);
  });

  it("raise a row to fit, never lower it, and leave a height the user set by hand", () => {
    expect(withRowHeight('<row r="5" spans="1:9">', 45)).toBe('<row r="5" spans="1:9" ht="45">');
    expect(withRowHeight('<row r="5" />', 22.5)).toBe('<row r="5" ht="22.5"/>');
    expect(withRowHeight('<row r="5"\n>', 30)).toBe('<row r="5" ht="30">');
    expect(withRowHeight('<row r="5" ht="60">', 45)).toBe('<row r="5" ht="60">');
    expect(withRowHeight('<row r="5" ht="20">', 45)).toBe('<row r="5" ht="45">');
    expect(withRowHeight('<row r="5" ht="20" customHeight="1">', 45)).toBe('<row r="5" ht="20" customHeight="1">');
    expect(withRowHeight('<row r="5">', 0)).toBe('<row r="5">');
  });
});

describe('the workbook part', () => {
  const WB = (names: string) =>
    '<workbook xmlns="m" xmlns:r="r"><sheets><sheet name="About" sheetId="2" r:id="rId1"/><sheet name="Pat &amp; Jo\'s Log" sheetId="1" r:id="rId2"/></sheets>' +
    `${names}<calcPr calcId="171027"/></workbook>`;
  const edit = startLayout(LAYOUT, []);

  it("names the sheet's print titles and filter range (localSheetId is its place in the list), before calcPr", () => {
    expect(layoutWorkbook(WB(''), "Pat & Jo's Log", edit)).toBe(
      WB(
        '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">\'Pat &amp; Jo\'\'s Log\'!$4:$4</definedName>' +
          '<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">\'Pat &amp; Jo\'\'s Log\'!$A$4:$AA$212</definedName></definedNames>',
      ),
    );
  });

  it("keeps the user's names and print titles, and moves an earlier filter range to this run's", () => {
    const user = '<definedNames><definedName name="TaxRate">0.07</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">\'Pat &amp; Jo\'\'s Log\'!$A:$B</definedName>' +
      '<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">\'Pat &amp; Jo\'\'s Log\'!$A$4:$T$99</definedName></definedNames>';
    expect(layoutWorkbook(WB(user), "Pat & Jo's Log", edit)).toBe(WB(user.replace('$A$4:$T$99', '$A$4:$AA$212')));
    const titlesOfAnother = '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">About!$1:$1</definedName></definedNames>';
    expect(layoutWorkbook(WB(titlesOfAnother), "Pat & Jo's Log", edit)).toContain(`${titlesOfAnother.slice(0, -'</definedNames>'.length)}<definedName name="_xlnm.Print_Titles" localSheetId="1">`);
  });

  it("names the widened range of the user's filter, none when the sheet keeps a filter on another row, and is the same text when applied again", () => {
    const settled = apply(sheet('', '<autoFilter ref="A4:T212"><filterColumn colId="1"/></autoFilter>')).edit;
    expect(layoutWorkbook(WB(''), "Pat & Jo's Log", settled)).toContain("'Pat &amp; Jo''s Log'!$A$4:$AA$212");
    const elsewhere = apply(sheet('', '<autoFilter ref="A2:T9"><filterColumn colId="1"/></autoFilter>')).edit;
    expect(layoutWorkbook(WB(''), "Pat & Jo's Log", elsewhere)).not.toContain('_FilterDatabase');
    const once = layoutWorkbook(WB(''), "Pat & Jo's Log", { ...edit, autoFilter: null });
    expect(once).not.toContain('_FilterDatabase');
    expect(layoutWorkbook(once, "Pat & Jo's Log", { ...edit, autoFilter: null })).toBe(once);
    expect(layoutWorkbook(WB('<definedNames/>'), 'About', edit)).toMatch(/<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'About'!\$4:\$4<\/definedName>/);
  });
});
