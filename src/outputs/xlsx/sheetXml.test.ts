/**
 * The coded sheet as it streams (sheetXml.ts): text between rows, however long, goes out as it comes in.
 */
import { patchSheetXml, type SheetEdit } from './sheetXml';

const edit: SheetEdit = {
  plan: { headerRow: 1, firstColumn: 2, headers: ['IC CPT'], values: [['96365']], lastRow: 2, highlights: [], notes: [], staleColumns: [] },
  flags: { column: 3, rows: new Map(), rules: [] },
  styles: { header: 1, wrap: 2, dxf: { error: 0, warning: 1 } },
  widths: [10],
  wrapColumns: new Set(),
  legacyDrawing: null,
  layout: null,
};

describe('white space between rows', () => {
  it('is copied as it comes, never held whole (600 MB of it deflate to 600 kB, and held it passed the longest string V8 makes)', async () => {
    const piece = ' '.repeat(1 << 16);
    const pieces = 64; // 4 MB here: enough to see it is not held
    let read = 0;
    let outBeforeRows = 0;
    let out = '';
    async function* source(): AsyncGenerator<string> {
      yield '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Drug</t></is></c></row>';
      for (; read < pieces; read++) yield piece;
      outBeforeRows = out.length;
      yield '<row r="2"><c r="A2" t="inlineStr"><is><t>vancomycin</t></is></c></row></sheetData></worksheet>';
    }
    for await (const chunk of patchSheetXml(source(), edit)) out += chunk;
    expect(outBeforeRows).toBeGreaterThan((pieces - 2) * piece.length);
    // All of it copied, once, and the row after it coded.
    expect(out.length).toBeGreaterThan(pieces * piece.length);
    expect(out.includes(`</row>${' '.repeat(pieces * piece.length)}<row r="2">`)).toBe(true); // (a regex of 4 M spaces overflows the stack)
    expect(out).toContain('<c r="B2" t="inlineStr"><is><t xml:space="preserve">96365</t></is></c>');
  });

  it('goes out in the same pieces however the input was cut (so a second run writes the same bytes)', async () => {
    const text = ' '.repeat(300000);
    const run = async (size: number): Promise<number[]> => {
      async function* source(): AsyncGenerator<string> {
        yield '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>';
        for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
        yield '<row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>';
      }
      const sizes: number[] = [];
      for await (const chunk of patchSheetXml(source(), edit)) sizes.push(chunk.length);
      return sizes;
    };
    expect(await run(7001)).toEqual(await run(65536));
  });
});
