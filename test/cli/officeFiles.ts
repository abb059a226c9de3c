/**
 * Real file bytes for the file-type tests, built here rather than stored: an Excel 97-2003 compound file
 * with a `Workbook` stream, an OpenDocument spreadsheet, and other zip packages.
 */
import { strToU8, zipSync } from 'fflate';

const ENDOFCHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;
const SECTOR = 512;

function directoryEntry(name: string, type: number, child: number, start: number, size: number): Buffer {
  const e = Buffer.alloc(128);
  if (name) {
    e.write(name, 0, 'utf16le');
    e.writeUInt16LE((name.length + 1) * 2, 64);
  }
  e.writeUInt8(type, 66);
  e.writeUInt8(1, 67); // black
  e.writeUInt32LE(NOSTREAM, 68); // left sibling
  e.writeUInt32LE(NOSTREAM, 72); // right sibling
  e.writeUInt32LE(child, 76);
  e.writeUInt32LE(start, 116);
  e.writeUInt32LE(size, 120);
  return e;
}

/**
 * A compound file (MS-CFB version 3) holding one stream, as Excel 97-2003 writes an .xls: `Workbook` with a
 * BIFF8 BOF record (worksheet globals) and EOF. The stream is 4096 bytes, so it lives in ordinary sectors.
 */
export function compoundFile(streamName = 'Workbook'): Buffer {
  const streamSectors = 8;
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32); // 64-byte mini sectors
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // directory starts at sector 1
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 60);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 76 + i * 4);

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(ENDOFCHAIN, 4);
  for (let s = 2; s < 2 + streamSectors; s++) fat.writeUInt32LE(s === 1 + streamSectors ? ENDOFCHAIN : s + 1, s * 4);

  const directory = Buffer.concat([
    directoryEntry('Root Entry', 5, 1, ENDOFCHAIN, 0),
    directoryEntry(streamName, 2, NOSTREAM, 2, streamSectors * SECTOR),
    directoryEntry('', 0, NOSTREAM, 0, 0),
    directoryEntry('', 0, NOSTREAM, 0, 0),
  ]);
  const stream = Buffer.alloc(streamSectors * SECTOR);
  // BOF (0x0809): BIFF8, worksheet globals; then EOF (0x000A).
  Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xbb, 0x0d, 0xcc, 0x07, 0, 0, 0, 0, 0x06, 0x03, 0, 0, 0x0a, 0x00, 0x00, 0x00]).copy(stream, 0);
  return Buffer.concat([header, fat, directory, stream]);
}

/** A zip package: `mimetype` first and stored, as OpenDocument requires, when given. */
export function zipPackage(files: Record<string, string>, mimetype?: string): Buffer {
  const entries: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  if (mimetype !== undefined) entries.mimetype = [strToU8(mimetype), { level: 0 }];
  for (const [name, text] of Object.entries(files)) entries[name] = strToU8(text);
  return Buffer.from(zipSync(entries, { mtime: new Date(Date.UTC(2026, 0, 1)) }));
}

/** An OpenDocument spreadsheet (.ods) with one small table. */
export function odsFile(): Buffer {
  return zipPackage(
    {
      'META-INF/manifest.xml':
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
      'content.xml':
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Log"><table:table-row><table:table-cell office:value-type="string"><text:p>Drug</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>',
    },
    'application/vnd.oasis.opendocument.spreadsheet',
  );
}
