/**
 * A CSV input's coded copy as .xlsx: the rows are written as a one-sheet package (plain numbers as numbers,
 * as Excel opens a CSV; everything else as text), which the package patch then codes like any workbook.
 */
import { rmSync } from 'fs';
import * as fsPath from 'path';
import { columnLetters } from '../../sheet/columns';
import type { OutputTable } from '../../inputs/types';
import type { FlagsPlan } from '../../sheet/marks';
import type { WritePlan } from '../../sheet/types';
import { writeCodedCopy } from './patch';
import { openWorkbook } from './workbook';
import { cellXml } from './sheetXml';
import { escapeAttribute } from './xml';
import { ZipReader, ZipWriter } from './zip';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A CSV field that Excel opens as a number (no leading zeros, at most 15 digits). */
const NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

function* sheetXml(rows: string[][]): Generator<string> {
  yield `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${DOC}"><sheetData>`;
  let out = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.every((v) => v === '')) continue;
    out += `<row r="${i + 1}">`;
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (v === '') continue;
      out += cellXml(`${columnLetters(j + 1)}${i + 1}`, NUMBER.test(v) ? Number(v) : v, -1);
    }
    out += '</row>';
    if (out.length > 1 << 16) {
      yield out;
      out = '';
    }
  }
  yield `${out}</sheetData></worksheet>`;
}

/** Writes a one-sheet package holding `rows` to `file`. */
export function writeCsvPackage(rows: string[][], sheetName: string, file: string): void {
  const zip = new ZipWriter(file);
  zip.add('[Content_Types].xml', [
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
  ]);
  zip.add('_rels/.rels', [`${HEAD}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]);
  zip.add('xl/workbook.xml', [
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${DOC}"><sheets><sheet name="${escapeAttribute(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ]);
  zip.add('xl/_rels/workbook.xml.rels', [`${HEAD}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`]);
  zip.add('xl/worksheets/sheet1.xml', sheetXml(rows));
  zip.finish();
}

/** The coded copy of a CSV input as an .xlsx at `outPath`. */
export async function writeCsvAsCodedXlsx(rows: string[][], sheetName: string, plan: WritePlan, flags: FlagsPlan, outPath: string, owned: OutputTable[] = []): Promise<void> {
  const temp = fsPath.join(fsPath.dirname(outPath), `.${fsPath.basename(outPath)}.${process.pid}.csv.xlsx`);
  try {
    writeCsvPackage(rows, sheetName, temp);
    const zip = new ZipReader(temp);
    try {
      const book = openWorkbook(zip);
      await writeCodedCopy(book, book.sheets[0], plan, flags, outPath, owned);
    } finally {
      zip.close();
    }
  } finally {
    rmSync(temp, { force: true });
  }
}
