/**
 * The Claim Lines rows, written straight into the saved .xlsx. exceljs keeps every cell as an object, so a
 * sheet of 190,000 claim lines (2.6 million cells) took minutes and gigabytes; its streaming writer is fast
 * but cannot hold an Excel table or an image. So exceljs writes the workbook with the claim-lines table
 * holding one template row (which carries each column's cell style), and this module replaces that row
 * with the real rows in the sheet's XML and widens the table's range. Node only.
 */
import JSZip from 'jszip';
import type { ReportTable, TableCell } from './types';
import { columnLetters } from '../sheet/columns';
import { attr, partText, relationships, resolvePart, sheetParts } from './xlsxParts';

/** Text as XML character data: escaped, without the control characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** yyyy-mm-dd -> Excel date serial (1900 system). */
function serial(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 + 25569 : null;
}

/** Each column's style index (`s`) in the template row, by column letters. */
function templateStyles(rowXml: string): Map<string, string> {
  const styles = new Map<string, string>();
  for (const m of rowXml.matchAll(/<c\b([^>]*?)(\/>|>)/g)) {
    const ref = attr(m[1], 'r');
    const s = attr(m[1], 's');
    if (ref && s) styles.set(ref.replace(/\d+$/, ''), s);
  }
  return styles;
}

const ROWS_PER_CHUNK = 5000;

/** The XML of the data rows, from sheet row `firstRow` on, with the template's styles. */
export function rowsXml(table: ReportTable, firstRow: number, styles: Map<string, string>): string {
  const letters = table.columns.map((_, i) => columnLetters(i + 1));
  const styleAttr = letters.map((l) => (styles.has(l) ? ` s="${styles.get(l)}"` : ''));
  const dates = table.columns.map((c) => c.format === 'date');
  const out: string[] = [];
  table.rows.forEach((row: TableCell[], i) => {
    const r = firstRow + i;
    let xml = `<row r="${r}">`;
    for (let j = 0; j < letters.length; j++) {
      let v = row[j];
      if (v === null || v === '') continue;
      if (dates[j] && typeof v === 'string') v = serial(v) ?? v;
      const ref = `${letters[j]}${r}`;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) xml += `<c r="${ref}"${styleAttr[j]}><v>${v}</v></c>`;
      } else {
        const t = xmlText(v);
        const space = /^\s|\s$/.test(t) ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}"${styleAttr[j]} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
      }
    }
    out.push(`${xml}</row>`);
  });
  return out.join('');
}

/** The first date a zip entry can hold (its DOS date counts years from 1980). */
const FIRST_ZIP_DATE = Date.UTC(1980, 0, 1);

/**
 * Replaces the template data row of `sheetName` (the table's second row, right below its header in row
 * `headerRow`) with every row of `table`, and widens the sheet's dimension and the table's range. Every entry
 * of the package is dated `date` (exceljs dates them by the clock), so two builds of one report are the same bytes.
 */
export async function fillTableRows(xlsx: Buffer | ArrayBuffer, sheetName: string, table: ReportTable, date: Date, headerRow = 1): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const part = (await sheetParts(zip)).find((p) => p.name === sheetName)?.part;
  if (!part) throw new Error(`the workbook has no sheet '${sheetName}'`);
  let sheet = await partText(zip, part);
  const first = headerRow + 1;
  const last = headerRow + Math.max(1, table.rows.length);
  const lastColumn = columnLetters(table.columns.length);
  const oldRef = `A${headerRow}:${lastColumn}${first}`;
  const newRef = `A${headerRow}:${lastColumn}${last}`;

  const rowRe = new RegExp(`<row\\b[^>]*\\br="${first}"[^>]*>[\\s\\S]*?</row>|<row\\b[^>]*\\br="${first}"[^>]*/>`);
  const template = rowRe.exec(sheet);
  if (!template) throw new Error(`no template row ${first} on sheet '${sheetName}'`);
  sheet = sheet.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${lastColumn}${last}"/>`);
  const at = rowRe.exec(sheet)!;
  // The rows go in as UTF-8 chunks: one JavaScript string of 200,000 rows would be several hundred MB.
  const chunks: Buffer[] = [Buffer.from(sheet.slice(0, at.index), 'utf8')];
  const styles = templateStyles(template[0]);
  for (let start = 0; start < table.rows.length; start += ROWS_PER_CHUNK) {
    const part = { ...table, rows: table.rows.slice(start, start + ROWS_PER_CHUNK) };
    chunks.push(Buffer.from(rowsXml(part, first + start, styles), 'utf8'));
  }
  if (table.rows.length === 0) chunks.push(Buffer.from(at[0], 'utf8'));
  chunks.push(Buffer.from(sheet.slice(at.index + at[0].length), 'utf8'));
  zip.file(part, Buffer.concat(chunks));

  // The table of the sheet whose range is the template's.
  for (const rel of await relationships(zip, part)) {
    if (!rel.type.endsWith('/table')) continue;
    const tablePart = resolvePart(part, rel.target);
    const xml = await partText(zip, tablePart);
    if (!xml.includes(`ref="${oldRef}"`)) continue;
    zip.file(tablePart, xml.split(`ref="${oldRef}"`).join(`ref="${newRef}"`));
  }
  const entryDate = new Date(Math.max(date.getTime(), FIRST_ZIP_DATE));
  for (const entry of Object.values(zip.files)) entry.date = entryDate;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 4 } });
}
