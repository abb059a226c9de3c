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

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SHEETML = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Styles with one font, the two fills Excel requires, and cell formats 1 (a date), 2 (a time) and 3 (a yellow fill). */
export const PLAIN_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="m/d/yyyy"/><numFmt numFmtId="165" formatCode="h:mm"/></numFmts>' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** An infusion log's rows as sheet XML cells (inline strings; a date column in format 1, times in format 2), row 1 the header. */
export function logRowsXml(extraCells: (row: number) => string = () => ''): string {
  const rows: (string | number | null)[][] = [
    ['Encounter', 'Date of Service', 'Drug', 'Dose', 'Route', 'Start Time', 'Stop Time', 'Diagnosis'],
    ['E1', 46084, 'vancomycin', '1 g', 'IV infusion', 0.375, 0.4375, 'L03.115'],
    ['E1', 46084, 'ondansetron', '4 mg', 'IV push', 0.45, null, 'R11.2'],
    ['E2', 46084, 'normal saline', '1000 mL', 'IV infusion', 0.5, 0.6, 'E86.0'],
  ];
  return rows
    .map((cells, i) => {
      const r = i + 1;
      const xml = cells
        .map((v, j) => {
          const ref = `${String.fromCharCode(65 + j)}${r}`;
          if (v === null) return '';
          if (typeof v === 'number') return `<c r="${ref}" s="${j === 1 ? 1 : 2}"><v>${v}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
        })
        .join('');
      return `<row r="${r}">${xml}${extraCells(r)}</row>`;
    })
    .join('');
}

/**
 * A one-sheet workbook, part by part: `sheet` is the worksheet's XML inside `<worksheet>` (sheetData and the rest),
 * `parts` adds or replaces parts, `types` adds content-type entries, `sheetRels` the sheet's relationships.
 */
export function oneSheetWorkbook(o: { sheet: string; styles?: string | null; parts?: Record<string, string>; types?: string[]; sheetRels?: string[] }): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${SHEETML}.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${SHEETML}.worksheet+xml"/>` +
      (o.styles === null ? '' : `<Override PartName="/xl/styles.xml" ContentType="${SHEETML}.styles+xml"/>`) +
      (o.types ?? []).join('') +
      '</Types>',
    '_rels/.rels': `${head}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${head}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `${head}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      (o.styles === null ? '' : `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>`) +
      '</Relationships>',
    'xl/worksheets/sheet1.xml': `${head}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${o.sheet}</worksheet>`,
  };
  if (o.styles !== null) files['xl/styles.xml'] = o.styles ?? PLAIN_STYLES;
  if (o.sheetRels) files['xl/worksheets/_rels/sheet1.xml.rels'] = `${head}<Relationships xmlns="${PKG_REL_NS}">${o.sheetRels.join('')}</Relationships>`;
  Object.assign(files, o.parts ?? {});
  return zipPackage(files);
}
