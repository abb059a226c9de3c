/**
 * Our conditional formats in a sheet's XML, recognised by formula and the column it reads
 * (src/outputs/xlsx/sheetXml.ts): the highlights reading IC Flags, the status colours and an earlier version's
 * address-fixed fingerprint go on a re-run; a user's rule stays, whatever its colour, range or the element it
 * shares with ours, and so does a rule of our shape that reads a column of the user's.
 */
import { withoutOurFormats } from '../../src/outputs/xlsx/sheetXml';

const cf = (sqref: string, rules: string, p = '') => `<${p}conditionalFormatting sqref="${sqref}">${rules}</${p}conditionalFormatting>`;
const rule = (formula: string, priority: number, p = '') => `<${p}cfRule type="expression" dxfId="0" priority="${priority}"><${p}formula>${formula}</${p}formula></${p}cfRule>`;

const HIGHLIGHT = 'ISNUMBER(SEARCH(" E:stop "," "&amp;$R2&amp;" "))';
const STATUS = 'EXACT($O2,"Error")';
const EARLIER = '"Infusion Coder"&lt;&gt;""';
const USERS = 'ISNUMBER(SEARCH("mg",$D2))';
/** Our columns in these tails: IC Status in O, IC Flags in R. */
const OURS = new Set([15, 18]);

describe('withoutOurFormats', () => {
  it('drops our formats, this version’s and the earlier one’s, as Excel or exceljs wrote them', () => {
    const tail = [
      cf('G2:G6', rule(HIGHLIGHT, 1)),
      cf('G2:G6', rule(HIGHLIGHT.replace(/"/g, '&quot;'), 2)), // exceljs escapes the quotes
      cf('O2:O6', rule(STATUS, 3)),
      cf('B4 G5', rule(EARLIER, 4)),
      cf('G2:G6', rule(HIGHLIGHT.replace('$R2', '#REF!'), 5)), // its flags column deleted since
      '<pageMargins left="0.7"/>',
    ].join('');
    expect(withoutOurFormats(tail, OURS)).toBe('<pageMargins left="0.7"/>');
  });

  it('keeps a user’s rules as written, also one Excel grouped with ours, and other kinds of rule', () => {
    const users = cf('D2:D6', rule(USERS, 1));
    const bar = cf('E2:E6', '<cfRule type="dataBar" priority="2"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule>');
    const text = cf('C2:C6', '<cfRule type="containsText" dxfId="0" priority="3" operator="containsText" text="E:stop"><formula>NOT(ISERROR(SEARCH("E:stop",C2)))</formula></cfRule>');
    expect(withoutOurFormats(users + bar + text, OURS)).toBe(users + bar + text);
    expect(withoutOurFormats(cf('G2:G6', rule(HIGHLIGHT, 4) + rule(USERS, 5)), OURS)).toBe(cf('G2:G6', rule(USERS, 5)));
  });

  it("keeps a user's rule of our shape on a column of theirs (their own Claim status column)", () => {
    const theirs = cf('Q2:Q6', rule('EXACT($Q2,"Error")', 1)) + cf('P2:P6', rule('ISNUMBER(SEARCH(" E:x "," "&amp;$P2&amp;" "))', 2));
    expect(withoutOurFormats(theirs, OURS)).toBe(theirs);
  });

  it('reads prefixed elements', () => {
    expect(withoutOurFormats(cf('G2:G6', rule(HIGHLIGHT, 1, 'x:'), 'x:') + cf('D2:D6', rule(USERS, 2, 'x:'), 'x:'), OURS)).toBe(cf('D2:D6', rule(USERS, 2, 'x:'), 'x:'));
  });
});
