#!/usr/bin/env node
/**
 * Draws docs/coded-sheet.png, the README's picture of a coded copy: codes examples/infusions.xlsx with the
 * built command line, keeps a few input columns and the IC columns of the first rows in view (a copy, for
 * the picture only), and has LibreOffice print it to PDF and Ghostscript turn the page into a PNG.
 * Needs soffice (LibreOffice) and gs (Ghostscript). Usage: node scripts/render-coded-sheet.js [OUT.png]
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const ExcelJS = require('exceljs');

const ROOT = path.join(__dirname, '..');
const OUT = process.argv[2] || path.join(ROOT, 'docs', 'coded-sheet.png');
const SHOWN = ['Visit #', 'Drug/Solution', 'Dose', 'Admin Route', 'Start Time', 'Stop Time', 'ICD10 Code', 'Medical Necessity'];
const LAST_ROW = 26;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-render-'));
  const coded = path.join(dir, 'coded.xlsx');
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'infusion-coder.js'), 'code', path.join(ROOT, 'examples', 'infusions.xlsx'), '--out', coded, '-q']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(coded);
  const ws = wb.getWorksheet('Infusion Log');
  const header = ws.getRow(4);
  let last = 1;
  header.eachCell((cell, c) => {
    const text = String(cell.value ?? '');
    if (!SHOWN.includes(text) && !text.startsWith('IC ')) ws.getColumn(c).hidden = true;
    last = Math.max(last, c);
  });
  ws.getColumn(SHOWN.indexOf('Medical Necessity') >= 0 ? [...Array(last).keys()].find((i) => header.getCell(i + 1).value === 'Medical Necessity') + 1 : 1).width = 30;
  ws.pageSetup.printArea = `A1:${ws.getColumn(last).letter}${LAST_ROW}`;
  wb.removeWorksheet(wb.getWorksheet('About').id);
  const picture = path.join(dir, 'picture.xlsx');
  await wb.xlsx.writeFile(picture);
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, picture], { stdio: 'ignore' });
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=png16m', '-r110', '-dFirstPage=1', '-dLastPage=1', `-sOutputFile=${OUT}`, path.join(dir, 'picture.pdf')]);
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)}\n`);
}

main().catch((err) => {
  process.stderr.write(`render-coded-sheet: ${err.message}\n`);
  process.exit(1);
});
