/** The command line decides what a file is from its bytes, on real .xls, .ods, zip and text bytes. */
import ExcelJS from 'exceljs';
import { detectFileKind } from '../../src/cli/fileType';
import { compoundFile, odsFile, zipPackage } from './officeFiles';

const problem = (name: string, data: Uint8Array, format: 'csv' | null = null) => {
  const v = detectFileKind(name, data, format);
  return 'problem' in v ? v.problem : `kind ${v.kind}`;
};

describe('detectFileKind', () => {
  it('reads an .xlsx package as a workbook whatever its name', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Log').addRow(['Drug', 'Start']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(detectFileKind('log.xlsx', bytes)).toEqual({ kind: 'xlsx' });
    expect(detectFileKind('log.csv', bytes)).toEqual({ kind: 'xlsx' });
    expect(detectFileKind('export', bytes)).toEqual({ kind: 'xlsx' });
  });

  it('an Excel 97-2003 .xls: old .xls, save it as .xlsx or .csv, whatever its extension', () => {
    for (const name of ['march.xls', 'march.xlsx', 'march.csv']) {
      expect(problem(name, compoundFile())).toBe('it is an old .xls workbook (Excel 97-2003); save it as .xlsx or .csv');
    }
    expect(problem('letter.xls', compoundFile('WordDocument'))).toMatch(/old Word document/);
    expect(problem('thing.xls', compoundFile('Contents'))).toMatch(/old Microsoft Office \(97-2003\) file, not a spreadsheet/);
  });

  it('an OpenDocument spreadsheet: save it as .xlsx', () => {
    for (const name of ['march.ods', 'march.xlsx']) expect(problem(name, odsFile())).toMatch(/^it is an OpenDocument spreadsheet \(\.ods\); save it as \.xlsx/);
    expect(problem('memo.odt', zipPackage({ 'content.xml': '<x/>' }, 'application/vnd.oasis.opendocument.text'))).toBe(
      'it is an OpenDocument file (text), not a spreadsheet',
    );
  });

  it('a Strict Open XML workbook: save it as an Excel Workbook', () => {
    const strict = zipPackage({
      '_rels/.rels':
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      'xl/workbook.xml': '<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>',
    });
    expect(problem('strict.xlsx', strict)).toMatch(/^it is saved as a Strict Open XML workbook, .*Save As "Excel Workbook \(\*\.xlsx\)"/);
  });

  it('a zip that is not a workbook, and other Office packages', () => {
    expect(problem('photos.xlsx', zipPackage({ 'a.txt': 'hello', 'b/c.csv': 'x,y' }))).toMatch(/^it is a zip archive that does not hold an Excel workbook/);
    expect(problem('letter.xlsx', zipPackage({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }))).toMatch(/Word document \(\.docx\)/);
    expect(problem('fast.xlsx', zipPackage({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': 'x' }))).toMatch(/\.xlsb\); save it as \.xlsx/);
    const whole = zipPackage({ 'xl/workbook.xml': '<workbook/>'.repeat(50) });
    expect(problem('cut.xlsx', whole.subarray(0, whole.length - 30))).toMatch(/damaged or incomplete/);
  });

  it('other binary files get one clear line', () => {
    expect(problem('scan.xlsx', Buffer.from('%PDF-1.7\n...'))).toBe('it is a PDF document, not a spreadsheet');
    expect(problem('data.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('it is a PNG image, not a spreadsheet');
    expect(problem('dump.csv', Buffer.from([1, 2, 0, 0, 7, 8, 9]))).toBe('it is binary data, neither an .xlsx workbook nor a text (CSV) file');
    expect(problem('dump.csv', Buffer.from([1, 2, 0, 0, 7, 8, 9]), 'csv')).toMatch(/binary data/);
    expect(problem('empty.csv', Buffer.alloc(0))).toBe('the file is empty');
  });

  it('text is read as CSV from .csv, .tsv and .txt, and otherwise only with --format csv', () => {
    const text = Buffer.from('Drug,Start,Stop\nNS,09:00,10:00\n');
    for (const name of ['a.csv', 'a.TSV', 'a.txt']) expect(detectFileKind(name, text)).toEqual({ kind: 'csv' });
    expect(problem('README.md', Buffer.from('# Infusion Coder\n'))).toBe(
      'it is a text file, not .csv/.tsv/.txt; if it holds a table, add --format csv (or rename it to .csv)',
    );
    expect(problem('log.xlsx', text)).toMatch(/^it is a text file/);
    expect(detectFileKind('export.dat', text, 'csv')).toEqual({ kind: 'csv' });
    expect(detectFileKind('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Drug,Start', 'utf16le')]))).toEqual({ kind: 'csv' });
    expect(problem('export.xls', Buffer.from('<html><body><table><tr><td>Drug</td></tr></table></body></html>'))).toMatch(/web page \(HTML\)/);
  });
});
