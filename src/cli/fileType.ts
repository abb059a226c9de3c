/**
 * What a file is, from its bytes rather than its name: an .xlsx package, text to read as CSV, or something
 * the command line cannot read, with one sentence that says what it is and what to do.
 */
import * as path from 'path';
import { unzipSync } from 'fflate';

export type FileKind = 'xlsx' | 'csv';

/** The verdict on a file: a kind to read it as, or why it cannot be read (completes "cannot read FILE: ..."). */
export type FileVerdict = { kind: FileKind } | { problem: string };

/** Extensions a text file may have without `--format csv`. */
export const TEXT_TABLE_EXTENSIONS = ['.csv', '.tsv', '.txt'] as const;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

/** Other binary formats people pick by mistake, by their first bytes. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
];

const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((b, i) => data[i] === b);

/** True when the UTF-16LE name occurs in the data (an OLE2 directory entry such as `Workbook`). */
function hasUtf16Name(data: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(needle) >= 0;
}

/** An OLE2 compound file: Excel 97-2003 keeps its sheets in a `Workbook` (BIFF8) or `Book` (BIFF5) stream. */
function oleVerdict(data: Uint8Array): FileVerdict {
  // An .xlsx saved with "Encrypt with Password" is an OLE2 file holding EncryptionInfo and EncryptedPackage.
  if (hasUtf16Name(data, 'EncryptionInfo') || hasUtf16Name(data, 'EncryptedPackage')) {
    return {
      problem:
        'it is a password-protected (encrypted) workbook; open it in Excel, remove the password ' +
        '(File > Info > Protect Workbook > Encrypt with Password, clear it), save, and code that copy',
    };
  }
  if (hasUtf16Name(data, 'Workbook') || hasUtf16Name(data, 'Book')) {
    return { problem: 'it is an old .xls workbook (Excel 97-2003); save it as .xlsx or .csv' };
  }
  if (hasUtf16Name(data, 'WordDocument')) return { problem: 'it is an old Word document (.doc), not a spreadsheet' };
  return { problem: 'it is an old Microsoft Office (97-2003) file, not a spreadsheet; save the table as .xlsx or .csv' };
}

/** A zip package: an .xlsx, an OpenDocument file, another Office package, or an ordinary zip. */
function zipVerdict(data: Uint8Array): FileVerdict {
  const names: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    // Only the small `mimetype` entry is inflated; every other entry is just named.
    entries = unzipSync(data, {
      filter: (f) => {
        names.push(f.name);
        return (f.name === 'mimetype' && f.originalSize < 200) || (f.name === '_rels/.rels' && f.originalSize < 65536);
      },
    });
  } catch {
    return { problem: 'it starts like an .xlsx workbook but is damaged or incomplete (not a complete zip package)' };
  }
  const mimetype = entries.mimetype ? Buffer.from(entries.mimetype).toString('latin1').trim() : '';
  if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') {
    return { problem: 'it is an OpenDocument spreadsheet (.ods); save it as .xlsx (LibreOffice: File > Save As, Excel 2007-365)' };
  }
  if (mimetype.startsWith('application/vnd.oasis.opendocument.')) {
    return { problem: `it is an OpenDocument file (${mimetype.slice('application/vnd.oasis.opendocument.'.length)}), not a spreadsheet` };
  }
  const has = (name: string) => names.some((n) => n.toLowerCase() === name);
  // Strict Open XML names its parts and relationships in other namespaces than every other .xlsx does.
  const packageRels = entries['_rels/.rels'] ? Buffer.from(entries['_rels/.rels']).toString('utf8') : '';
  if (packageRels.includes('http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument')) {
    return { problem: 'it is saved as a Strict Open XML workbook, which is not read here; in Excel, File > Save As "Excel Workbook (*.xlsx)" and code that copy' };
  }
  if (has('xl/workbook.xml')) return { kind: 'xlsx' };
  if (has('xl/workbook.bin')) return { problem: 'it is a binary Excel workbook (.xlsb); save it as .xlsx' };
  if (has('word/document.xml')) return { problem: 'it is a Word document (.docx), not a spreadsheet' };
  if (has('ppt/presentation.xml')) return { problem: 'it is a PowerPoint file (.pptx), not a spreadsheet' };
  return { problem: 'it is a zip archive that does not hold an Excel workbook (no xl/workbook.xml inside); unzip it and code the .xlsx or .csv inside' };
}

/**
 * Binary data, not text: in the first 64 KB (outside UTF-16 text with its mark), NUL bytes are more than one
 * byte in a thousand, or control bytes other than tab, line ends and form feed more than one in a hundred.
 * A text file with a stray NUL (some EHR exports pad a field with one) is still text: its NULs are removed
 * with a warning (decodeCsvBytes).
 */
function looksBinary(data: Uint8Array): boolean {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) return false;
  const n = Math.min(data.length, 65536);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i];
    if (b === 0) nul++;
    else if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++;
  }
  return nul * 1000 > Math.max(n, 8192) || control * 100 > n;
}

/** A web page saved with a spreadsheet name (some EHR "Excel" exports are HTML tables). */
function looksLikeHtml(data: Uint8Array): boolean {
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<') && head.includes('<table'));
}

/**
 * Decides how to read a file from its first bytes. `format` is `--format csv`: read any text file as CSV.
 * The name only matters for text: a text file must be .csv/.tsv/.txt (README.md is not a sheet).
 */
export function detectFileKind(fileName: string, data: Uint8Array, format: FileKind | null = null): FileVerdict {
  if (data.length === 0) return { problem: 'the file is empty' };
  if (startsWith(data, OLE2)) return oleVerdict(data);
  if (startsWith(data, ZIP)) return zipVerdict(data);
  if (startsWith(data, EMPTY_ZIP)) return { problem: 'it is an empty zip archive, not a workbook' };
  const signature = SIGNATURES.find((s) => startsWith(data, s.bytes));
  if (signature) return { problem: `it is ${signature.what}, not a spreadsheet` };
  if (looksBinary(data)) return { problem: 'it is binary data, neither an .xlsx workbook nor a text (CSV) file' };
  if (format === 'csv') return { kind: 'csv' };
  if (looksLikeHtml(data)) return { problem: 'it is a web page (HTML), not a workbook; open it in Excel and save it as .xlsx' };
  const ext = path.extname(fileName).toLowerCase();
  if ((TEXT_TABLE_EXTENSIONS as readonly string[]).includes(ext)) return { kind: 'csv' };
  return {
    problem: `it is a text file, not ${TEXT_TABLE_EXTENSIONS.join('/')}; if it holds a table, add --format csv (or rename it to .csv)`,
  };
}
