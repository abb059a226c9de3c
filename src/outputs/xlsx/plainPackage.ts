/**
 * The coded copy of an input that has no package of its own, as .xlsx: its rows are written as a one-sheet
 * package, which the package patch then codes like any workbook (our columns, IC Flags and highlights, notes).
 * A CSV's plain numbers become numbers, as Excel opens a CSV; a FHIR export's cells stay the text it mapped.
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

/** A cell of a plain sheet: text, a number, or nothing. */
export type PlainCell = string | number | null;

/** One sheet of rows, as a package writes it: `cell` says what each value is written as. */
export interface PlainSheet<T> {
  name: string;
  rows: readonly (readonly T[])[];
  cell: (value: T) => PlainCell;
  /** Row 1 is a header kept in view (frozen), as the product's own sheets are. */
  freezeHeader?: boolean;
}

/** A CSV field as Excel opens it: plain numbers as numbers, the rest as text. */
function csvCell(v: string): PlainCell {
  if (v === '') return null;
  return NUMBER.test(v) ? Number(v) : v;
}

const FROZEN_HEADER = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';

function* sheetXml<T>(sheet: PlainSheet<T>): Generator<string> {
  yield `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${DOC}">${sheet.freezeHeader ? FROZEN_HEADER : ''}<sheetData>`;
  let out = '';
  const rows = sheet.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let cells = '';
    for (let j = 0; j < row.length; j++) {
      const v = sheet.cell(row[j]);
      if (v !== null && v !== '') cells += cellXml(`${columnLetters(j + 1)}${i + 1}`, v, -1);
    }
    if (cells !== '') out += `<row r="${i + 1}">${cells}</row>`;
    if (out.length > 1 << 16) {
      yield out;
      out = '';
    }
  }
  yield `${out}</sheetData></worksheet>`;
}

/** Writes a one-sheet package holding `sheet` to `file`. */
function writePlainPackage<T>(sheet: PlainSheet<T>, file: string): void {
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
  // A sheet view needs the workbook view it names.
  const views = sheet.freezeHeader ? '<bookViews><workbookView/></bookViews>' : '';
  zip.add('xl/workbook.xml', [
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${DOC}">${views}<sheets><sheet name="${escapeAttribute(sheet.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ]);
  zip.add('xl/_rels/workbook.xml.rels', [`${HEAD}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`]);
  zip.add('xl/worksheets/sheet1.xml', sheetXml(sheet));
  zip.finish();
}

/** The coded copy of a CSV input as an .xlsx at `outPath`. */
export async function writeCsvAsCodedXlsx(rows: string[][], sheetName: string, plan: WritePlan, flags: FlagsPlan, outPath: string, owned: OutputTable[] = []): Promise<void> {
  await writePlainAsCodedXlsx({ name: sheetName, rows, cell: csvCell }, plan, flags, outPath, owned);
}

/** The coded copy of a plain sheet as an .xlsx at `outPath` (by way of a package beside it, removed after). */
export async function writePlainAsCodedXlsx<T>(sheet: PlainSheet<T>, plan: WritePlan, flags: FlagsPlan, outPath: string, owned: OutputTable[] = []): Promise<void> {
  const temp = fsPath.join(fsPath.dirname(outPath), `.${fsPath.basename(outPath)}.${process.pid}.plain.xlsx`);
  try {
    writePlainPackage(sheet, temp);
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
