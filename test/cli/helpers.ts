/** Helpers for the command-line end-to-end tests: build dist when stale, run the bin, read workbooks back. */
import { execSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { artifactDir } from '../artifacts';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'infusion-coder.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** `npm test` builds dist first (pretest); a direct `npx jest test/cli` rebuilds it when src is newer. */
export function ensureBuilt(): void {
  const main = path.join(ROOT, 'dist', 'cli', 'main.js');
  const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : 0;
  const sources = ['rules', 'sheet', 'inputs', 'pipeline', 'outputs', 'runtime', 'cli', 'reports', 'functions', 'claims'].map((d) => path.join(ROOT, 'src', d)).filter((d) => fs.existsSync(d));
  if (built === 0 || sources.some((d) => newestMtime(d) > built)) {
    try {
      execSync('npx tsc -p tsconfig.cli.json', { cwd: ROOT, stdio: 'pipe' });
    } catch {
      // Type errors elsewhere still emit JavaScript; the tests below say what is wrong if dist is unusable.
    }
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): string {
  return artifactDir('cli-');
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of a sheet (value, number format, fill, font, note) by address, for comparisons. */
export function dumpSheet(ws: ExcelJS.Worksheet, maxColumn = Infinity): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (col > maxColumn) return;
      const v = cell.value;
      const fill = cell.fill && (cell.fill as ExcelJS.FillPattern).fgColor ? JSON.stringify(cell.fill) : '';
      const note = cell.note ? JSON.stringify(cell.note) : '';
      if ((v === null || v === undefined) && !fill && !note) return;
      out.set(cell.address, `${JSON.stringify(v)}|${cell.numFmt ?? ''}|${fill}|${note}`);
    });
  });
  return out;
}

/** Header text -> 1-based column of a sheet's row. */
export function headerColumns(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(row).eachCell({ includeEmpty: false }, (cell, col) => out.set(String(cell.value), col));
  return out;
}

export function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  if (note && typeof note === 'object' && Array.isArray((note as { texts?: unknown }).texts)) {
    return (note as { texts: { text: string }[] }).texts.map((t) => t.text).join('');
  }
  return '';
}

const time = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));
const day = (d: number) => new Date(Date.UTC(2026, 2, d));

/**
 * A small infusion log: title rows, a header with other spellings, real date/time cells and text times,
 * a merged encounter cell, a #N/A formula, a missing stop time, a user fill and a user note, and an
 * unrelated second sheet.
 */
export async function writeFixture(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Log');
  ws.getCell('A1').value = 'Infusion log - March 2026';
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = 'Exported from the EHR';
  const header = ['FIN', 'Pt Name', 'DOS', 'Insurance', 'Drug/Solution', 'Dose', 'Wasted', 'Admin Route',
    'Time In', 'Time Out', 'ICD10 Code', 'Indication', 'Chair'];
  ws.getRow(4).values = header;
  const rows: unknown[][] = [
    // row 5-6: one encounter, the FIN cell merged over both rows
    ['E100', 'Doe, Jane', day(2), 'Aetna', 'Rocephin', '1 g', null, 'IVPB', time(9, 30), time(10, 5), 'N39.0', 'UTI, vomiting', 'C1'],
    [null, 'Doe, Jane', day(2), 'Aetna', 'Zofran', '4 mg', null, 'IV push', '10:10', null, 'R11.2', 'Nausea', 'C1'],
    [],
    // row 8: an infusion without a stop time (an error cell), necessity from a #N/A formula
    ['E200', 'Roe, Sam', day(3), 'Medicare', 'vancomycin', '1.25 g', null, 'IV infusion', '0930', null, 'L03.115', { formula: 'NA()', result: { error: '#N/A' } }, 'C2'],
    // row 9: hydration with text times
    ['E300', 'Poe, Al', day(4), 'BCBS', 'Normal saline 1000 mL', '1000 mL', null, 'IV infusion', '9:30 AM', '11:45 AM', 'E86.0', 'Dehydration, poor intake', 'C3'],
  ];
  rows.forEach((r, i) => {
    if (r.length) ws.getRow(5 + i).values = r as ExcelJS.CellValue[];
  });
  ws.mergeCells('A5:A6');
  for (const addr of ['C5', 'C6', 'C8', 'C9']) ws.getCell(addr).numFmt = 'm/d/yyyy';
  ws.getCell('I5').numFmt = 'h:mm AM/PM';
  ws.getCell('J5').numFmt = 'h:mm AM/PM';
  ws.getCell('M5').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } }; // user's yellow
  ws.getCell('B9').note = 'Patient prefers left arm'; // user's own note
  ws.getCell('M9').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } }; // Excel's "Bad" style
  ws.getColumn(5).width = 24;

  const other = wb.addWorksheet('Charges');
  other.getCell('A1').value = 'Charge summary';
  other.getCell('A1').font = { bold: true };
  other.getCell('B2').value = 1234.5;
  other.getCell('B2').numFmt = '#,##0.00';
  other.getCell('C3').value = { formula: 'B2*2', result: 2469 };
  await wb.xlsx.writeFile(file);
}
