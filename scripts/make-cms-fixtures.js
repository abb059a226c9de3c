#!/usr/bin/env node
/**
 * Writes CMS reference files in their published layouts, filled with generated data, for the claims tests
 * (test/fixtures/cms/): notice rows above the header, the real header names, a few thousand rows.
 *   asp-pricing-2026-01.csv       ASP pricing file (HCPCS Code, Short Description, HCPCS Code Dosage, Payment Limit, ...)
 *   asp-pricing-2026-04.xlsx      the same kind as .xlsx with another year's header spelling (HCPCS_CODE, PAYMENT_LIMIT)
 *   asp-ndc-hcpcs-2026-01.csv     ASP NDC-HCPCS crosswalk (_2026_CODE, ..., NDC2, ..., BILLUNITS, BILLUNITSPKG)
 *   ccipra-v321r0-f1.txt          NCCI PTP practitioner edits (tab-delimited, the header spread over 4 rows)
 *   ccioph-v321r0-f1.zip          NCCI PTP hospital edits, zipped as CMS ships them
 *   fees.csv, payers.csv          a chargemaster and payer profiles
 * The codes come from the drug catalog fixture (test/fixtures/domain/drugs-2026.csv) and the drug-administration
 * codes; prices, NDCs and edits are generated (deterministic), not CMS's. Usage: node scripts/make-cms-fixtures.js
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ExcelJS = require('exceljs');
const { zipSync, strToU8 } = require('fflate');
const { rng } = require('./rng');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test', 'fixtures', 'cms');
const random = rng(20260101);
const pick = (list) => list[Math.floor(random() * list.length)];

const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The catalog's HCPCS codes with their billing units (unit_amount unit_uom). */
function catalogCodes() {
  const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'domain', 'drugs-2026.csv'), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const out = new Map();
  for (const line of lines.slice(1)) {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    const [name, , hcpcs, amount, uom, kind] = cells;
    if (!/^[A-Z]\d{4}$/.test(hcpcs) || out.has(hcpcs) || kind === 'noc') continue;
    out.set(hcpcs, { name, dosage: amount ? `${amount} ${uom.toUpperCase()}` : '1 EA' });
  }
  return out;
}

const ADMIN = [
  '96360', '96361', '96365', '96366', '96367', '96368', '96369', '96370', '96371', '96372', '96373', '96374', '96375', '96376',
  '96377', '96401', '96402', '96409', '96411', '96413', '96415', '96416', '96417', '96420', '96422', '96423', '96425', '96440',
  '96446', '96450', '96521', '96522', '96523', '96542',
];
const RATIONALES = [
  'Misuse of column two code with column one code',
  'CPT Manual or CMS manual coding instructions',
  'Standards of medical / surgical practice',
  'Mutually exclusive procedures',
  'HCPCS/CPT procedure code definition',
];

function aspRows(codes) {
  const rows = [];
  for (const [code, c] of codes) rows.push([code, `${c.name.slice(0, 22)} inj`, c.dosage, (random() * 120 + 0.05).toFixed(3), '', '', '', '', '', '']);
  // Codes the catalog lacks: matchable by their description once the file is loaded.
  rows.push(['J9345', 'Inj retifanlimab-dlwr 1 mg', '1 MG', '81.214', '', '', '', '', '', '']);
  rows.push(['J9381', 'Inj teplizumab-mzwv 5 mcg', '5 MCG', '167.922', '', '', '', '', '', '']);
  for (let i = 0; rows.length < 1200; i++) {
    const code = `Q${String(5000 + i).padStart(4, '0')}`;
    if (codes.has(code)) continue;
    rows.push([code, `Generated product ${i}`, pick(['1 MG', '10 MG', '1 ML', '100 UNITS']), (random() * 50).toFixed(3), '', '', '', '', '', '']);
  }
  return rows;
}

const NOTICE = [
  ['Payment Allowance Limits for Medicare Part B Drugs'],
  ['Effective January 1, 2026 through March 31, 2026'],
  ['Test data made by scripts/make-cms-fixtures.js in the layout of the CMS file; the prices are generated, not CMS\'s.'],
  ['CPT codes and descriptions only are copyright 2025 American Medical Association. All Rights Reserved.'],
  [],
];

function writeAsp(codes) {
  const header = ['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit', 'Vaccine AWP%', 'Vaccine Limit', 'Blood AWP%', 'Blood Limit', 'Clotting Factor', 'Notes'];
  const rows = aspRows(codes);
  fs.writeFileSync(path.join(OUT, 'asp-pricing-2026-01.csv'), csv([...NOTICE, header, ...rows]));
  return rows;
}

async function writeAspXlsx(rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('April 2026 ASP');
  ws.addRow(['Payment Allowance Limits for Medicare Part B Drugs, April 2026']);
  ws.addRow([]);
  ws.addRow(['HCPCS_CODE', 'SHORT_DESCRIPTION', 'HCPCS_CODE_DOSAGE', 'PAYMENT_LIMIT', 'NOTES']);
  for (const r of rows.slice(0, 400)) ws.addRow([r[0], r[1], r[2], Number(r[3]), '']);
  await wb.xlsx.writeFile(path.join(OUT, 'asp-pricing-2026-04.xlsx'));
}

function ndc(i) {
  return `${String(10000 + ((i * 7919) % 89999)).padStart(5, '0')}-${String((i * 31) % 10000).padStart(4, '0')}-${String(i % 100).padStart(2, '0')}`;
}

function writeCrosswalk(codes) {
  const header = ['_2026_CODE', 'Short Description', 'LABELER NAME', 'NDC2', 'Drug Name', 'HCPCS dosage', 'PKG SIZE', 'PKG QTY', 'BILLUNITS', 'BILLUNITSPKG'];
  const rows = [];
  let i = 1;
  const list = [...codes];
  while (rows.length < 3000) {
    const [code, c] = list[rows.length % list.length];
    const size = pick([1, 1, 2, 4, 10, 20, 50]);
    const qty = pick([1, 1, 10, 25]);
    const units = pick([1, 2, 2.5, 4, 10, 40]);
    rows.push([code, `${c.name.slice(0, 22)} inj`, pick(['HOSPIRA', 'FRESENIUS KABI', 'PFIZER LABS', 'SANDOZ', 'TEVA']), ndc(i++), c.name.toUpperCase(), c.dosage, size, qty, units, units * qty]);
  }
  const notice = [['ASP NDC-HCPCS Crosswalk'], ['January 2026'], ['Test data made by scripts/make-cms-fixtures.js in the CMS layout; NDCs and package data are generated.'], []];
  fs.writeFileSync(path.join(OUT, 'asp-ndc-hcpcs-2026-01.csv'), csv([...notice, header, ...rows]));
}

/** PTP rows: every ordered pair of administration codes once, most indicator 1, with deleted and future edits, plus surgical pairs. */
function ptpRows(count) {
  const rows = [];
  for (const a of ADMIN) {
    for (const b of ADMIN) {
      if (a === b || random() < 0.5) continue;
      const r = random();
      const indicator = r < 0.7 ? '1' : r < 0.9 ? '0' : '9';
      const deleted = random() < 0.1 ? '20231231' : '*';
      const effective = random() < 0.05 ? '20260701' : pick(['20020101', '20090101', '20100101', '20150101']);
      rows.push([a, b, random() < 0.2 ? '*' : '', effective, deleted, indicator, pick(RATIONALES)]);
    }
  }
  while (rows.length < count) {
    const a = String(10000 + Math.floor(random() * 60000));
    const b = String(10000 + Math.floor(random() * 60000));
    rows.push([a, b, random() < 0.3 ? '*' : '', pick(['19960101', '20050101', '20120101']), random() < 0.05 ? '20181231' : '*', pick(['0', '1', '1', '9']), pick(RATIONALES)]);
  }
  return rows;
}

function ptpText(rows, title) {
  const header = [
    ['CPT codes, descriptions and other data only are copyright 2025 American Medical Association. All Rights Reserved.'],
    [`${title}. Test data made by scripts/make-cms-fixtures.js in the CMS layout; the edits are generated, not CMS's.`],
    ['Column 1', 'Column 2', '*=in existence prior to 1996', 'Effective Date', 'Deletion Date *=no data', 'Modifier 0=not allowed 1=allowed 9=not applicable', 'PTP Edit Rationale'],
    ['', '', '', '', '', '', ''],
  ];
  return [...header, ...rows].map((r) => r.join('\t')).join('\r\n') + '\r\n';
}

function writePtp() {
  const practitioner = ptpRows(5000);
  fs.writeFileSync(path.join(OUT, 'ccipra-v321r0-f1.txt'), ptpText(practitioner, 'Practitioner PTP edits'));
  const hospital = ptpRows(4000);
  const zip = zipSync({ 'ccioph-v321r0-f1.txt': strToU8(ptpText(hospital, 'Hospital PTP edits')), 'README.txt': strToU8('Generated test data.') });
  fs.writeFileSync(path.join(OUT, 'ccioph-v321r0-f1.zip'), zip);
}

function writeFees() {
  const rows = [['Chargemaster 2026 (generated test data)'], [], ['CPT/HCPCS', 'Modifier', 'Payer', 'Amount']];
  for (const code of ADMIN) rows.push([code, '', '', (60 + random() * 300).toFixed(2)]);
  rows.push(['96365', '', 'Aetna', '245.00']);
  rows.push(['96374', '59', '', '95.00']);
  fs.writeFileSync(path.join(OUT, 'fees.csv'), csv(rows));
}

function writePayers() {
  fs.writeFileSync(
    path.join(OUT, 'payers.csv'),
    csv([
      ['Payer', 'JW/JZ', 'NDC required', 'Site modifier', '340B modifier', 'Claim form'],
      ['Medicare', 'yes', 'no', 'XU', 'TB', 'by-setting'],
      ['Medicaid', 'yes', 'yes', '59', 'none', 'by-setting'],
      ['Aetna', 'no', 'no', 'XS', 'none', 'CMS-1500'],
    ]),
  );
}

/** Writes every fixture; returns the files written. */
async function makeFixtures() {
  fs.mkdirSync(OUT, { recursive: true });
  const codes = catalogCodes();
  const asp = writeAsp(codes);
  await writeAspXlsx(asp);
  writeCrosswalk(codes);
  writePtp();
  writeFees();
  writePayers();
  return fs.readdirSync(OUT);
}

/** A PTP text file of `count` generated rows (the bench streams 1,000,000 through the command line). */
function writeBigPtp(file, count) {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, ptpText([], 'Practitioner PTP edits (bench)'));
  const r = rng(7);
  const CHUNK = 10000;
  for (let done = 0; done < count; done += CHUNK) {
    const lines = [];
    for (let i = 0; i < Math.min(CHUNK, count - done); i++) {
      const drug = r() < 0.01;
      const a = drug ? ADMIN[Math.floor(r() * ADMIN.length)] : String(10000 + Math.floor(r() * 60000));
      const b = drug ? ADMIN[Math.floor(r() * ADMIN.length)] : String(10000 + Math.floor(r() * 60000));
      lines.push(`${a}\t${b}\t\t20100101\t*\t${r() < 0.7 ? 1 : 0}\t${RATIONALES[Math.floor(r() * RATIONALES.length)]}`);
    }
    fs.writeSync(fd, lines.join('\r\n') + '\r\n');
  }
  fs.closeSync(fd);
}

module.exports = { makeFixtures, writeBigPtp };

if (require.main === module) {
  makeFixtures().then(
    (files) => process.stdout.write(`wrote ${files.length} files to ${path.relative(process.cwd(), OUT)}: ${files.join(', ')}\n`),
    (err) => {
      process.stderr.write(`make-cms-fixtures: ${err.message}\n`);
      process.exit(1);
    },
  );
}
