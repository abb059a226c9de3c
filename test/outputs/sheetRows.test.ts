/**
 * The sheet rows read without the XML parser (src/outputs/xlsx/sheetRows.ts) against the parser reading every
 * row: the same grid for any sheet, however its text is cut into chunks. The generated rows mix the common
 * shape with everything that path leaves to the parser (entities, CR, CDATA, comments, rich text, prefixes,
 * single quotes, a `>` in a value, a `</row>` inside CDATA or a comment), so both paths and the hand-over
 * between them are exercised, and a cut or malformed part still fails.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/rules/types';
import { RowScanner } from '../../src/outputs/xlsx/sheetRows';
import { readSheetXml } from '../../src/outputs/xlsx/workbook';
import { XmlStream } from '../../src/outputs/xlsx/xml';
import { cutAt, streamOf } from './chunks';

/** Style 1 is a date format: its numbers read as dates. */
const BOOK = { dateStyles: [false, true, false], date1904: false };
const STRINGS = ['Drug', 'ondansetron', 'Normal saline 1000 mL'];

async function grid(xml: string, cuts: number[], fastRows: boolean): Promise<{ values: CellValue[][]; rows: number[] }> {
  const rows: number[] = [];
  const watcher = { rows: (_: unknown, complete: number) => rows.push(complete), merged: () => undefined };
  const g = await readSheetXml(streamOf(cutAt(xml, cuts)), BOOK, STRINGS, undefined, watcher, { fastRows });
  return { values: g.values, rows };
}

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C9"/><sheetData>';
const TAIL = '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>';

/** Cells of the common shape and of every other shape, as a sheet may hold them. */
const cellXml = fc.oneof(
  fc.constantFrom(
    '<c r="A{r}" t="s"><v>1</v></c>',
    '<c r="B{r}" s="1"><v>46083.375</v></c>',
    '<c r="C{r}" s="2"><v>12.5</v></c>',
    '<c r="D{r}" t="inlineStr"><is><t>IV push</t></is></c>',
    '<c r="E{r}" t="inlineStr"><is><t xml:space="preserve"> 0930 </t></is></c>',
    '<c r="F{r}" t="str"><f>A1&amp;"x"</f><v>ondansetron 4 mg</v></c>',
    '<c r="G{r}" t="b"><v>1</v></c>',
    '<c r="H{r}" t="e"><v>#N/A</v></c>',
    '<c r="I{r}" s="1"/>',
    '<c t="n"><v>7</v></c>',
    '<c r="J{r}"><f t="shared" si="0"/><v>3</v></c>',
    '<c r="K{r}" s="2" cm="1"><v/></c>',
    '<c r="L{r}" t="d"><v>2026-03-02T09:30:00</v></c>',
    // The usual start tag's edges (read character by character) and the forms next to it:
    '<c r="AB{r}" s="1" t="s"/>',
    '<c r="XFD{r}" s="2" t="n"><v>4</v></c>',
    '<c r="A{r}" t="s" s="1"><v>0</v></c>',
    '<c r="B{r}" s="123456789"><v>5</v></c>',
    '<c r="C{r}" s="2" ><v>6</v> </c>',
    '<c r="D{r}" s="1"><v>1</v><v>2</v></c>',
    '<c r="E{r}" s="2" t="n" cm="1"><v>7</v></c>',
    // Left to the parser:
    '<c r="A{r}" t="inlineStr"><is><t>a &amp; b &#233;</t></is></c>',
    '<c r="B{r}" t="inlineStr"><is><t>line\r\nbreak</t></is></c>',
    '<c r="C{r}" t="inlineStr"><is><r><t>rich</t></r><r><rPr><b/></rPr><t> text</t></r></is></c>',
    '<c r="D{r}" t="inlineStr"><is><t>base</t><rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c>',
    "<c r='E{r}' t='s'><v>2</v></c>",
    '<c r="F{r}" t="str"><v><![CDATA[</row> a <b>]]></v></c>',
    '<c r="G{r}"><!-- </row> --><v>5</v></c>',
    '<c r="H{r}" note="a>b"><v>6</v></c>',
    '<c r = "I{r}"><v>8</v></c>',
    '<c r="J{r}" t="x"><v>9</v></c>',
    '<c r="k{r}"><v>10</v></c>',
    '<c r="L{r}" s="01"><v>11</v></c>',
    '<c r="ABCD{r}"><v>12</v></c>',
    '<c r="A{r}" s="1234567890"><v>13</v></c>',
    '<c r="B{r}"s="1"><v>14</v></c>',
    '<c r="C{r}" t="S"><v>1</v></c>',
    '<c r="D{r}" s=""><v>15</v></c>',
    '<c r="M{r}" t="str"><v>&lt;tag&gt;</v></c>',
  ),
  fc.string({ maxLength: 12 }).map((t) => `<c r="N{r}" t="inlineStr"><is><t>${t.replace(/[<&]/g, '')}</t></is></c>`),
);

const rowXml = fc.record({
  cells: fc.array(cellXml, { maxLength: 5 }),
  start: fc.constantFrom('<row r="{r}">', '<row r="{r}" spans="1:12" x14ac:dyDescent="0.25">', '<row>', '<row\tr="{r}"\n>', '<row r="{r}" ht="15" customHeight="1" >', '<row r="{r}" note="a>b">'),
  space: fc.constantFrom('', '\n', '\r\n  '),
  empty: fc.boolean(),
});

const sheetXml = fc.record({
  rows: fc.array(rowXml, { minLength: 0, maxLength: 8 }),
  between: fc.constantFrom('', '', '', '<!-- a comment -->', '<x:row xmlns:x="urn:x"/>'),
}).map(({ rows, between }) => {
  let r = 0;
  const body = rows.map((row, k) => {
    r += 1;
    const start = row.start.replace(/\{r\}/g, String(r));
    const text = row.empty && row.start === '<row r="{r}">' ? `<row r="${r}"/>` : `${start}${row.cells.join('')}</row>`;
    return `${row.space}${text.replace(/\{r\}/g, String(r))}${k === 2 ? between : ''}`;
  });
  return `${HEAD}${body.join('')}${TAIL}`;
});

describe('sheet rows read without the XML parser', () => {
  it('give the grid the parser gives, for any rows, cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(sheetXml, fc.array(fc.nat(), { maxLength: 8 }), async (xml, cuts) => {
        const parser = await grid(xml, [], false);
        const fast = await grid(xml, cuts, true);
        expect(fast.values).toEqual(parser.values);
        // Rows passed on as complete are complete: never more than the parser would say.
        expect(Math.max(0, ...fast.rows)).toBeLessThanOrEqual(parser.values.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the common shape itself, with dates, shared and inline strings, formulas and errors', async () => {
    const rowCells = jest.spyOn(RowScanner.prototype, 'rowCells');
    const xml = `${HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2" spans="1:6"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>46083.375</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve"> IV push</t></is></c><c r="D2" t="str"><f>X</f><v>f</v></c><c r="F2" t="e"><v>#N/A</v></c></row>${TAIL}`;
    const { values } = await grid(xml, [], true);
    expect(rowCells.mock.results.map((r) => r.value)).toEqual([true, true]);
    rowCells.mockRestore();
    expect(values[1][0]).toBe('ondansetron');
    expect(values[1][1]).toEqual(new Date(Date.UTC(2026, 2, 2, 9, 0)));
    expect(values[1][2]).toBe(' IV push');
    expect(values[1][3]).toBe('f');
    expect(values[1][5]).toBe('#N/A');
    // The merge in the tail (read by the parser) is across a row: a label, not copied into the cells it spans.
    expect(values[0][0]).toBe('Drug');
    expect(values[0][1]).toBeUndefined();
  });

  it('leaves a row longer than it holds to the parser, which streams it', async () => {
    const xml = `${HEAD}<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>${'9'.repeat(5000)}</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>${TAIL}`;
    const chunks = Array.from({ length: Math.ceil(xml.length / 100) }, (_, k) => xml.slice(k * 100, (k + 1) * 100));
    const parser = await readSheetXml(streamOf(chunks), BOOK, STRINGS, undefined, undefined, { fastRows: false });
    const write = jest.spyOn(XmlStream.prototype, 'write');
    const small = await readSheetXml(streamOf(chunks), BOOK, STRINGS, undefined, undefined, { maxRowText: 1000 });
    const written = write.mock.calls.map((call) => call[0]);
    write.mockRestore();
    expect(small.values).toEqual(parser.values);
    expect(small.values[2][0]).toBe(3);
    // Row 1 was read here; the long row 2 and what follows went to the parser as the text came.
    expect(written.join('')).not.toContain('<row r="1">');
    expect(written.join('')).toContain('<row r="3">');
  });

  it('fails on a cut or mismatched part as the parser does', async () => {
    const cutShort = `${HEAD}<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`;
    await expect(grid(cutShort, [], true)).rejects.toThrow(/incomplete/);
    const mismatched = `${HEAD}<row r="1"><c r="A1"><v>1</c></row>${TAIL}`;
    await expect(grid(mismatched, [], true)).rejects.toThrow(/where <\/v> was expected|closes no element/);
  });
});

describe('date-formatted numbers', () => {
  it('a time alone stays a time in the 1904 date system (never 1904-01-01); dates shift by 1,462 days', async () => {
    const xml = `${HEAD}<row r="1"><c r="B1" s="1"><v>0.9583333333333334</v></c><c r="C1" s="1"><v>44620.5</v></c></row>${TAIL}`;
    const read = (date1904: boolean) => readSheetXml(streamOf([xml]), { ...BOOK, date1904 }, STRINGS);
    const [b1900, c1900] = (await read(false)).values[0].slice(1) as Date[];
    const [b1904, c1904] = (await read(true)).values[0].slice(1) as Date[];
    expect(b1900.toISOString()).toBe('1899-12-30T23:00:00.000Z');
    expect(b1904.toISOString()).toBe('1899-12-30T23:00:00.000Z');
    expect(c1900.toISOString()).toBe('2022-02-28T12:00:00.000Z');
    expect(c1904.toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });
});

describe('numbers shown with a unit', () => {
  it('formatUnit reads the unit a number format shows after the number, and nothing else', async () => {
    const { formatUnit } = await import('../../src/outputs/xlsx/workbook');
    expect(formatUnit('0.0 "g"')).toBe('g');
    expect(formatUnit('0" mg"')).toBe('mg');
    expect(formatUnit('#,##0\\ "mL"')).toBe('mL');
    expect(formatUnit('0 "units";-0 "units"')).toBe('units');
    expect(formatUnit('0.00')).toBeNull();
    expect(formatUnit('0 "patients"')).toBeNull();
    expect(formatUnit('0000" hrs"')).toBeNull(); // a military time: the number is the time
    expect(formatUnit('0.0" hrs"')).toBe('hrs'); // a duration
    expect(formatUnit('"Total"')).toBeNull();
  });

  it('a number in a unit-formatted cell reads as the biller sees it (1 formatted 0.0 "g" is 1 g)', async () => {
    const xml = `${HEAD}<row r="1"><c r="C1" s="2"><v>1</v></c><c r="D1" s="0"><v>4</v></c></row>${TAIL}`;
    const g = await readSheetXml(streamOf([xml]), { ...BOOK, styleUnits: [null, null, 'g'] }, STRINGS);
    expect(g.values[0].slice(2)).toEqual(['1 g', 4]);
  });
});
