/**
 * The package reader's three ways to a part's text give the same text: inflated in one call (small parts),
 * streamed through fflate (a big part read synchronously) and streamed from disk through Node's zlib (sheets).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { writePackage, ZipReader, ZipWriter } from '../../src/outputs/xlsx/zip';

const SAMPLE = path.join(__dirname, '..', '..', 'examples', 'infusions.xlsx');

/** Runs `fn` in a new temporary folder, removed afterwards. */
async function inTempDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-zip-'));
  try {
    await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function streamed(zip: ZipReader, name: string): Promise<string> {
  let text = '';
  for await (const chunk of zip.textStream(zip.get(name)!)) text += chunk;
  return text;
}

describe('reading a part of a package', () => {
  const whole = new ZipReader(SAMPLE);
  const chunked = new ZipReader(SAMPLE, { inflateWholeUpTo: 0 });
  afterAll(() => {
    whole.close();
    chunked.close();
  });

  it('gives every part the same text whichever way it is inflated', async () => {
    expect(whole.entries.length).toBeGreaterThan(5);
    for (const entry of whole.entries) {
      const text = whole.whole(entry);
      expect([entry.name, chunked.whole(chunked.get(entry.name)!)]).toEqual([entry.name, text]);
      expect([entry.name, await streamed(whole, entry.name)]).toEqual([entry.name, text]);
    }
    expect(whole.whole(whole.get('xl/worksheets/sheet1.xml')!)).toMatch(/<sheetData>/);
  });
});

describe('writing a package', () => {
  it('aborting after the file was finished (a failed rename) neither throws nor hides the first error', async () => {
    await inTempDir(async (dir) => {
    const writer = new ZipWriter(path.join(dir, 'out.zip'));
    writer.finish();
    expect(() => writer.abort()).not.toThrow();
    expect(new ZipReader(path.join(dir, 'out.zip')).entries).toEqual([]);
    });
  });
});

describe('writing a package through a symbolic link', () => {
  it('changes the file the link points at and keeps the link', async () => {
    await inTempDir(async (dir) => {
    fs.writeFileSync(path.join(dir, 'real.xlsx'), 'old');
    fs.symlinkSync(path.join(dir, 'real.xlsx'), path.join(dir, 'link.xlsx'));
    await writePackage(path.join(dir, 'link.xlsx'), () => undefined);
    expect(fs.lstatSync(path.join(dir, 'link.xlsx')).isSymbolicLink()).toBe(true);
    expect(new ZipReader(path.join(dir, 'real.xlsx')).entries).toEqual([]);
    });
  });
});

describe('a part that inflates past its declared size (a zip bomb)', () => {
  it('is stopped as damage', async () => {
    await inTempDir(async (dir) => {
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', '<row/>'.repeat(200000));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // The part's central directory header (46 bytes before its name's last occurrence) claims 1,000 bytes.
    const central = bytes.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46;
    expect(bytes.readUInt32LE(central)).toBe(0x02014b50);
    bytes.writeUInt32LE(1000, central + 24);
    const file = path.join(dir, 'bomb.xlsx');
    fs.writeFileSync(file, bytes);
    const reader = new ZipReader(file, { inflateWholeUpTo: 0 });
    await expect(streamed(reader, 'xl/worksheets/sheet1.xml')).rejects.toThrow(/does not match its size/);
    expect(() => reader.whole(reader.get('xl/worksheets/sheet1.xml')!)).toThrow(/does not match its size/);
    reader.close();
    });
  });
});

describe('a part whose bytes do not match the zip directory', () => {
  it('is damage, whichever way it is read, never the user data', async () => {
    await inTempDir(async (dir) => {
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', '<sheetData><row r="1"><c r="A1"><v>125</v></c></row></sheetData>');
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const at = bytes.indexOf(Buffer.from('<v>125'));
    bytes[at + 3] = '7'.charCodeAt(0); // one digit of the stored value changed
    const file = path.join(dir, 'changed.xlsx');
    fs.writeFileSync(file, bytes);
    const reader = new ZipReader(file);
    const entry = reader.get('xl/worksheets/sheet1.xml')!;
    expect(() => reader.whole(entry)).toThrow(/the part xl\/worksheets\/sheet1\.xml does not match its checksum/);
    await expect(streamed(reader, 'xl/worksheets/sheet1.xml')).rejects.toThrow(/does not match its checksum/);
    reader.close();
    });
  });
});
