#!/usr/bin/env node
/**
 * Draws docs/coded-sheet.png, the README's picture of a coded copy: codes examples/infusions.xlsx with the
 * built command line and prints the coded sheet as it is laid out (landscape, one page wide, header row
 * repeated, wrapped IC columns, coloured cells) with LibreOffice. For the picture only, a copy keeps a few
 * input columns and the header and first rows in view (hidden rows and columns do not print), and
 * Ghostscript turns the printed part of the first page into a PNG.
 * Needs soffice (LibreOffice) and gs (Ghostscript). Usage: node scripts/render-coded-sheet.js [OUT.png]
 */
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const ExcelJS = require('exceljs');

const ROOT = path.join(__dirname, '..');
const OUT = process.argv[2] || path.join(ROOT, 'docs', 'coded-sheet.png');
const SHOWN = ['Visit #', 'Drug/Solution', 'Dose', 'Start Time', 'Stop Time', 'ICD10 Code'];
const LAST_ROW = 22;
const DPI = 180;
/** White space (points) kept around the printed cells. */
const PAD = 6;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-render-'));
  const coded = path.join(dir, 'coded.xlsx');
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'infusion-coder.js'), 'code', path.join(ROOT, 'examples', 'infusions.xlsx'), '--out', coded, '-q']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(coded);
  const ws = wb.getWorksheet('Infusion Log');
  ws.getRow(4).eachCell((cell, c) => {
    const text = String(cell.value ?? '');
    if (!SHOWN.includes(text) && !text.startsWith('IC ')) ws.getColumn(c).hidden = true;
  });
  for (let r = 1; r < 4; r++) ws.getRow(r).hidden = true; // the title rows
  for (let r = LAST_ROW + 1; r <= ws.rowCount; r++) ws.getRow(r).hidden = true;
  wb.removeWorksheet(wb.getWorksheet('About').id);
  const picture = path.join(dir, 'picture.xlsx');
  await wb.xlsx.writeFile(picture);
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, picture], { stdio: 'ignore' });
  const pdf = path.join(dir, 'picture.pdf');

  // The printed part of page 1 (its bounding box, in points from the lower left), drawn alone.
  const bbox = spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=bbox', '-dFirstPage=1', '-dLastPage=1', pdf], { encoding: 'utf8' }).stderr;
  const found = /%%HiResBoundingBox: ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)/.exec(bbox);
  const box = found ? found.slice(1).map(Number) : null;
  const crop = box
    ? [`-dDEVICEWIDTHPOINTS=${Math.ceil(box[2] - box[0] + 2 * PAD)}`, `-dDEVICEHEIGHTPOINTS=${Math.ceil(box[3] - box[1] + 2 * PAD)}`, '-dFIXEDMEDIA',
       '-c', `<</Install {${PAD - box[0]} ${PAD - box[1]} translate}>> setpagedevice`, '-f']
    : [];
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=png16m', `-r${DPI}`, '-dTextAlphaBits=4', '-dGraphicsAlphaBits=4', '-dFirstPage=1', '-dLastPage=1', `-sOutputFile=${OUT}`, ...crop, pdf]);
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)}\n`);
}

main().catch((err) => {
  process.stderr.write(`render-coded-sheet: ${err.message}\n`);
  process.exit(1);
});
