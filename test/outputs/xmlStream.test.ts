/**
 * The streaming reader of the big parts (htmlparser2's tokenizer, src/outputs/xlsx/xml.ts) against saxes,
 * which reads the small parts: the same calls for the same XML, however the text is cut into chunks, and a
 * cut or mismatched part fails instead of reading as less than it holds.
 */
import fc from 'fast-check';
import { parseXml, parseXmlStream, type XmlHandlers } from '../../src/outputs/xlsx/xml';
import { cutAt, streamOf } from './chunks';

/** Every call the handlers receive, in order; adjacent text pieces joined (both parsers may split text). */
function recorder(): { handlers: XmlHandlers; calls: string[] } {
  const calls: string[] = [];
  const handlers: XmlHandlers = {
    open: (local, attributes, selfClosing) => calls.push(`open ${local} ${JSON.stringify(Object.entries(attributes).sort())} ${selfClosing}`),
    close: (local) => calls.push(`close ${local}`),
    text: (text) => {
      const last = calls.length - 1;
      if (last >= 0 && calls[last].startsWith('text ')) calls[last] += text;
      else calls.push(`text ${text}`);
    },
  };
  return { handlers, calls };
}

async function streamCalls(xml: string, cuts: number[]): Promise<string[]> {
  const { handlers, calls } = recorder();
  await parseXmlStream(streamOf(cutAt(xml, cuts)), handlers);
  return calls;
}

function saxesCalls(xml: string): string[] {
  const { handlers, calls } = recorder();
  parseXml([xml], handlers);
  return calls;
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheetData><row r="1" spans="1:3"><c r="A1" t="inlineStr"><is><t xml:space="preserve">Drug &amp; dose &lt;1&gt; &#233;&#x1F600;</t></is></c>' +
  '<c r="B1" s="2"><v>46083.375</v></c><c r="C1" t="s"><v>0</v></c></row>' +
  '<row r="2"><c r="A2" t="str"><f>A1&amp;"x"</f><v>a "quoted" &apos;value&apos;</v></c><c r="B2"/></row></sheetData>' +
  '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells><x:ext xmlns:x="urn:x" a="1 &quot;2&quot;"><![CDATA[<not a tag>]]></x:ext>' +
  '</worksheet>';

describe('the streaming XML reader', () => {
  it('reads a sheet as saxes does, cut anywhere into chunks', async () => {
    const expected = saxesCalls(SHEET);
    expect(expected).toContain('text Drug & dose <1> é😀');
    expect(expected).toContain('open mergeCell [["ref","A2:B2"]] true');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await streamCalls(SHEET, cuts)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads generated elements, attributes, entities, line ends and CDATA as saxes does', async () => {
    const name = fc.constantFrom('row', 'c', 'v', 't', 'x:ext', 'si', 'r');
    // Line ends and tabs as written (XML reads CRLF and CR as LF, and as a space in an attribute) and as
    // character references (read as they are).
    const text = fc
      .array(fc.constantFrom('a', ' ', '1', '&amp;', '&lt;', '&gt;', '&quot;', '&#10;', '&#13;', '&#x263A;', 'é', '_x000D_', '\r\n', '\r', '\n', '\t'), { maxLength: 8 })
      .map((pieces) => pieces.join(''));
    const attrs = fc.uniqueArray(fc.tuple(fc.constantFrom('r', 't', 's', 'ref', 'xml:space'), text), { selector: ([k]) => k, maxLength: 3 });
    const element: fc.Memo<string> = fc.memo((depth) =>
      fc.tuple(name, attrs, depth > 1 ? fc.array(fc.oneof(text, element(depth - 1), text.map((t) => `<![CDATA[${t.replace(/&/g, '')}]]>`), fc.constant('<!--a\r\n-->')), { maxLength: 3 }) : fc.constant([]), fc.boolean()).map(
        ([n, as, children, selfClose]) => {
          const a = as.map(([k, v]) => ` ${k}="${v}"`).join('');
          return selfClose && children.length === 0 ? `<${n}${a}/>` : `<${n}${a}>${children.join('')}</${n}>`;
        },
      ),
    );
    await fc.assert(
      fc.asyncProperty(element(4), fc.array(fc.nat(), { maxLength: 6 }), async (body, cuts) => {
        const xml = `<root>${body}</root>`;
        expect(await streamCalls(xml, cuts)).toEqual(saxesCalls(xml));
      }),
      // A CR that ends a CDATA section or comes before a tag or comment is not half of a CRLF with the LF after
      // it; a CRLF cut between two chunks (the cuts count from the start of <root>) is one line end.
      { numRuns: 1000, examples: [['<row><![CDATA[\r]]>\n</row>', []], ['<r>\r<!--c-->\n</r>', []], ['<r>\r<x/>\n</r>', [4]], ['<r>a\r\nb</r>', [11]], ['<r a="1\r\n2"/>', [14]]] },
    );
  });

  it('fails on a part that is cut short or whose tags do not match, as saxes does', async () => {
    const cut = SHEET.slice(0, SHEET.indexOf('</row>'));
    await expect(streamCalls(cut, [100])).rejects.toThrow('the part ends inside <row>: it is incomplete');
    expect(() => saxesCalls(cut)).toThrow();
    const mismatched = '<worksheet><sheetData><row r="1"></sheetData></worksheet>';
    await expect(streamCalls(mismatched, [])).rejects.toThrow('</sheetData> where </row> was expected');
    expect(() => saxesCalls(mismatched)).toThrow();
    await expect(streamCalls('not xml at all', [])).rejects.toThrow('no XML element');
  });
});
