#!/usr/bin/env node
/**
 * npm run bench (builds dist first), side by side in one run (issue 13):
 *  - the rules module's speed on 100,000 generated rows (target >= 200,000 rows/s);
 *  - one encounter of 64,000 rows (a sheet without encounter, patient or date columns; target < 5 s);
 *  - exceljs alone reading and writing a 100,000-row workbook, and `infusion-coder code` on the same file,
 *    best of three each, timed in turn (targets: at most a quarter of exceljs's time, peak memory at most 1 GB);
 *  - `infusion-coder code` on a 1,048,576-row sheet (targets: 60 s, 2 GB), in the default heap.
 * Wall and CPU times are both printed: on a shared machine the CPU time is the steadier figure.
 *
 * Usage: node scripts/bench.js [ROWS] [--no-million]   (big files go to the system temp folder, never the repo)
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const ROWS = Number(process.argv[2]) || 100000;
const MILLION = 1048576;
const RULES_TARGET = 200000;
const CLI_TARGET = 0.25;
const CLI_MEMORY_TARGET = 1024 * 1024 * 1024;
const MILLION_SECONDS = 60;
const MILLION_MEMORY = 2 * 1024 * 1024 * 1024;
const ENCOUNTER_ROWS = 64000;
const ENCOUNTER_SECONDS = 5;
/** Runs of the rules module on the same rows (a run takes half a second; the best is reported). */
const RULES_RUNS = 5;
/** Runs of exceljs alone and of `code` on the 100,000-row file, in turn; the best of each is compared. */
const COMPARE_RUNS = 3;

let codeRows;
try {
  ({ codeRows } = require('../dist/rules'));
} catch (err) {
  process.stderr.write(`bench: cannot load dist/rules (run npm run build:cli first): ${err.message}\n`);
  process.exit(1);
}
const ExcelJS = require('exceljs');

const { rng } = require('./rng');

const LINES = [
  ['ceftriaxone', '1 g', 'IV infusion', 'therapeutic', 30, 'N39.0', 'Pyelonephritis, vomiting'],
  ['Zofran', '4 mg', 'IV push', 'therapeutic', 0, 'R11.2', 'Nausea and vomiting'],
  ['Normal saline 1000 mL', '1000 mL', 'IV infusion', 'hydration', 120, 'E86.0', 'Dehydration'],
  ['vancomycin', '1.25 g', 'IV infusion', 'therapeutic', 95, 'L03.115', 'MRSA cellulitis'],
  ['Venofer', '200 mg', 'IV infusion', 'therapeutic', 25, 'D50.0', 'Iron deficiency anemia'],
  ['Remicade', '400 mg', 'IV infusion', 'biologic', 135, 'K50.90', 'Crohn disease maintenance'],
  ['ketorolac', '30 mg', 'IVP', 'therapeutic', 0, 'R10.9', 'Abdominal pain'],
  ['Prolia', '60 mg', 'SQ', 'therapeutic', 0, 'M81.0', 'Osteoporosis'],
  ['paclitaxel', '300 mg', 'IV infusion', 'chemotherapy', 185, 'C50.911', 'Breast cancer cycle 3'],
  ['Unknown drug 7', '10 mg', 'IV push', 'therapeutic', 0, '276.51', ''],
];
const PAYERS = ['Medicare', 'Aetna', 'BCBS', 'Medicaid', 'UnitedHealthcare'];
const pad = (n) => String(n).padStart(2, '0');

/** Rows as a sheet holds them: one encounter every 3-4 lines, mixed time shapes, some gaps. */
function* generate(count, seed) {
  const random = rng(seed);
  let enc = 0;
  let left = 0;
  let clock = 480;
  let day = 2;
  let payer = PAYERS[0];
  let setting = 'facility';
  for (let i = 0; i < count; i++) {
    if (left === 0) {
      enc++;
      left = 3 + Math.floor(random() * 2);
      clock = 420 + Math.floor(random() * 480);
      day = 1 + (enc % 28);
      payer = PAYERS[enc % PAYERS.length];
      setting = enc % 4 === 3 ? 'office' : 'facility';
    }
    left--;
    const [drug, dose, route, purpose, minutes, dx, necessity] = LINES[Math.floor(random() * LINES.length)];
    const start = clock;
    clock += Math.max(minutes, 5) + 5;
    const stop = minutes > 0 && random() > 0.02 ? start + minutes : null;
    const fmt = (m) => {
      const h = Math.floor(m / 60) % 24;
      const mm = m % 60;
      const r = random();
      if (r < 0.5) return new Date(Date.UTC(1899, 11, 30, h, mm));
      if (r < 0.75) return `${pad(h)}:${pad(mm)}`;
      return `${pad(h)}${pad(mm)}`;
    };
    yield {
      encounter: `V${100000 + enc}`,
      patient: `MRN${200000 + enc}`,
      date: new Date(Date.UTC(2026, 2, day)),
      setting,
      payer,
      drug,
      dose,
      waste: payer === 'Medicare' ? '0' : null,
      route,
      purpose,
      start: fmt(start),
      stop: stop === null ? null : fmt(stop),
      site: 'L forearm',
      diagnosis: dx,
      necessity,
      provider: 'Dr. Patel',
      nurse: 'K. Brooks RN',
    };
  }
}

const HEADERS = ['Visit #', 'MRN', 'Date of Service', 'Setting', 'Payer', 'Drug/Solution', 'Dose', 'Waste', 'Admin Route',
  'Infusion Type', 'Start Time', 'Stop Time', 'IV Site', 'ICD10 Code', 'Medical Necessity', 'Ordering Provider',
  'Administered By'];
const FIELD_ORDER = ['encounter', 'patient', 'date', 'setting', 'payer', 'drug', 'dose', 'waste', 'route', 'purpose', 'start',
  'stop', 'site', 'diagnosis', 'necessity', 'provider', 'nurse'];

function rulesBench() {
  const columns = {};
  FIELD_ORDER.forEach((f, i) => { columns[f] = HEADERS[i]; });
  const rows = [];
  let n = 2;
  for (const values of generate(ROWS, 7)) rows.push({ row: n++, values, columns });
  codeRows(rows.slice(0, 5000)); // warm up the JIT and the catalog caches
  const times = [];
  let result;
  const cpu = [];
  for (let i = 0; i < RULES_RUNS; i++) {
    result = undefined; // the last run's result is garbage before the next starts, as in a real run
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    result = codeRows(rows);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const best = Math.min(...times);
  return {
    seconds: best, cpuSeconds: Math.min(...cpu), rowsPerSecond: ROWS / best, encounters: result.encounters.length,
    rss: process.resourceUsage().maxRSS * 1024,
  };
}

async function writeBigFile(file) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Infusion Log');
  ws.addRow(['Infusion log - benchmark data (generated)']).commit();
  ws.addRow([]).commit();
  const header = ws.addRow(HEADERS);
  header.font = { bold: true };
  header.commit();
  for (const values of generate(ROWS, 11)) {
    const row = ws.addRow(FIELD_ORDER.map((f) => values[f]));
    row.getCell(3).numFmt = 'm/d/yyyy';
    if (values.start instanceof Date) row.getCell(11).numFmt = 'h:mm';
    if (values.stop instanceof Date) row.getCell(12).numFmt = 'h:mm';
    row.commit();
  }
  await wb.commit();
}

/** One encounter of `count` rows: the generated rows without encounter, patient or date columns. */
function oneEncounterBench(count) {
  const columns = {};
  FIELD_ORDER.forEach((f, i) => {
    if (f !== 'encounter' && f !== 'patient' && f !== 'date') columns[f] = HEADERS[i];
  });
  const rows = [];
  let n = 2;
  for (const values of generate(count, 5)) {
    delete values.encounter;
    delete values.patient;
    delete values.date;
    rows.push({ row: n++, values, columns });
  }
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = codeRows(rows);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { seconds, cpuSeconds: (c.user + c.system) / 1e6, encounters: result.encounters.length };
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DOC_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const letters = (n) => (n <= 26 ? String.fromCharCode(64 + n) : 'A' + String.fromCharCode(64 + n - 26));

/**
 * A big .xlsx written straight as package parts (exceljs's streaming writer needs minutes for a million
 * rows): the same generated rows, dates and times as date-formatted numbers, text as inline strings.
 */
function writeBigPackage(file, count) {
  const { ZipWriter } = require('../dist/outputs/xlsx/zip');
  const zip = new ZipWriter(file);
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml.';
  zip.add('[Content_Types].xml', [`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${ct}styles+xml"/></Types>`]);
  zip.add('_rels/.rels', [`${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${DOC_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]);
  zip.add('xl/workbook.xml', [`${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${DOC_NS}"><sheets><sheet name="Infusion Log" sheetId="1" r:id="rId1"/></sheets></workbook>`]);
  zip.add('xl/_rels/workbook.xml.rels', [`${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${DOC_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${DOC_NS}/styles" Target="styles.xml"/></Relationships>`]);
  zip.add('xl/styles.xml', [`${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`]);
  function* sheet() {
    yield `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${DOC_NS}"><sheetData><row r="1">${HEADERS.map((h, j) => `<c r="${letters(j + 1)}1" t="inlineStr"><is><t>${esc(h)}</t></is></c>`).join('')}</row>`;
    let out = '';
    let r = 1;
    for (const values of generate(count - 1, 11)) {
      r++;
      out += `<row r="${r}">`;
      FIELD_ORDER.forEach((f, j) => {
        const v = values[f];
        if (v === null || v === undefined) return;
        const ref = `${letters(j + 1)}${r}`;
        if (v instanceof Date) out += `<c r="${ref}" s="${f === 'date' ? 1 : 2}"><v>${(v.getTime() - EXCEL_EPOCH) / 86400000}</v></c>`;
        else if (typeof v === 'number') out += `<c r="${ref}"><v>${v}</v></c>`;
        else out += `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
      });
      out += '</row>';
      if (out.length > 1 << 20) {
        yield out;
        out = '';
      }
    }
    yield `${out}</sheetData></worksheet>`;
  }
  zip.add('xl/worksheets/sheet1.xml', sheet());
  zip.finish();
}

/** Runs a Node script in a fresh process; returns wall time and the child's peak RSS. */
function timed(script, args) {
  const marker = '@@bench ';
  const wrapper = `${script}\n.then((code) => { process.stdout.write('\\n${marker}' + JSON.stringify({ code, rss: process.resourceUsage().maxRSS * 1024, cpu: (process.cpuUsage().user + process.cpuUsage().system) / 1e6 }) + '\\n'); })` +
    `.catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(3); });`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', wrapper, '--', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith(marker));
  if (r.status !== 0 || !line) throw new Error(`benchmark child failed (${r.status}): ${(r.stderr || '').slice(0, 500)}`);
  const info = JSON.parse(line.slice(marker.length));
  if (info.code !== 0 && info.code !== undefined) throw new Error(`exit code ${info.code}: ${(r.stderr || '').slice(0, 500)}`);
  return { seconds, rss: info.rss, cpu: info.cpu };
}

const EXCELJS_ALONE = `
const ExcelJS = require(${JSON.stringify(require.resolve('exceljs'))});
const [input, output] = process.argv.slice(1);
(async () => { const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(input); await wb.xlsx.writeFile(output); return 0; })()`;

const CLI = `
const { main } = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'main.js'))});
const [input, output] = process.argv.slice(1);
main(['code', input, '--out', output, '--quiet'])`;

const mb = (bytes) => `${Math.round(bytes / (1024 * 1024))} MB`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

async function mainBench() {
  process.stdout.write(`Infusion Coder benchmark: ${fmt(ROWS)} rows, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}\n\n`);
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

  const rules = rulesBench();
  process.stdout.write(
    `rules module     ${fmt(rules.rowsPerSecond)} rows/s (${rules.seconds.toFixed(3)} s for ${fmt(ROWS)} rows, ` +
      `${fmt(rules.encounters)} encounters; best of ${RULES_RUNS})  target >= ${fmt(RULES_TARGET)}: ${verdict(rules.rowsPerSecond >= RULES_TARGET)}\n` +
      `                 by CPU time ${fmt(ROWS / rules.cpuSeconds)} rows/s (${rules.cpuSeconds.toFixed(3)} s CPU)\n`,
  );
  const one = oneEncounterBench(ENCOUNTER_ROWS);
  process.stdout.write(
    `one encounter    ${fmt(ENCOUNTER_ROWS)} rows in ${one.encounters} encounter: ${one.seconds.toFixed(2)} s (CPU ${one.cpuSeconds.toFixed(2)} s)  ` +
      `target < ${ENCOUNTER_SECONDS} s: ${verdict(one.seconds < ENCOUNTER_SECONDS)}\n`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-coder-bench-'));
  try {
    const input = path.join(dir, 'bench.xlsx');
    const t0 = Date.now();
    await writeBigFile(input);
    process.stdout.write(`\nwrote ${input} with exceljs (${mb(fs.statSync(input).size)}, ${fmt(ROWS)} rows) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    // Best of three each, timed in turn: this machine's speed drifts (exceljs alone has taken 9 to 16 s here),
    // so one run of each would compare two different machines. Every run is printed.
    const excelRuns = [];
    const cliRuns = [];
    for (let i = 0; i < COMPARE_RUNS; i++) {
      excelRuns.push(timed(EXCELJS_ALONE, [input, path.join(dir, 'exceljs-copy.xlsx')]));
      cliRuns.push(timed(CLI, [input, path.join(dir, 'bench.coded.xlsx')]));
    }
    const best = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const runsText = (runs) => runs.map((r) => r.seconds.toFixed(2)).join(', ');
    const excel = best(excelRuns);
    const cli = best(cliRuns);
    const cliRss = Math.max(...cliRuns.map((r) => r.rss));
    process.stdout.write(`exceljs alone    read + write      ${excel.seconds.toFixed(2)} s (CPU ${excel.cpu.toFixed(2)} s)   peak RSS ${mb(excel.rss)}   best of ${runsText(excelRuns)} s\n`);
    const ratio = cli.seconds / excel.seconds;
    const cpuRatio = cli.cpu / excel.cpu;
    process.stdout.write(`infusion-coder   code              ${cli.seconds.toFixed(2)} s (CPU ${cli.cpu.toFixed(2)} s)   peak RSS ${mb(cliRss)}   best of ${runsText(cliRuns)} s\n`);
    process.stdout.write(
      `                 ratio ${ratio.toFixed(2)}x exceljs alone (CPU ${cpuRatio.toFixed(2)}x)  target <= ${CLI_TARGET}x: ${verdict(ratio <= CLI_TARGET)}; ` +
        `memory target <= ${mb(CLI_MEMORY_TARGET)}: ${verdict(cliRss <= CLI_MEMORY_TARGET)}\n`,
    );

    if (!process.argv.includes('--no-million')) {
      const big = path.join(dir, 'million.xlsx');
      const t1 = Date.now();
      writeBigPackage(big, MILLION);
      process.stdout.write(`\nwrote ${big} (${mb(fs.statSync(big).size)}, ${fmt(MILLION)} rows, every row of a sheet) in ${((Date.now() - t1) / 1000).toFixed(1)} s\n`);
      fs.rmSync(input, { force: true });
      try {
        const million = timed(CLI, [big, path.join(dir, 'million.coded.xlsx')]);
        process.stdout.write(
          `infusion-coder   code, ${fmt(MILLION)} rows  ${million.seconds.toFixed(2)} s (CPU ${million.cpu.toFixed(2)} s)   peak RSS ${mb(million.rss)}  ` +
            `targets ${MILLION_SECONDS} s: ${verdict(million.seconds <= MILLION_SECONDS)}, ${mb(MILLION_MEMORY)}: ${verdict(million.rss <= MILLION_MEMORY)}\n`,
        );
      } catch (err) {
        // Known gap (issue 13): the rows, results and plan of a million rows outgrow the default heap.
        process.stdout.write(`infusion-coder   code, ${fmt(MILLION)} rows  FAIL: ${String(err.message).split('\n')[0].slice(0, 160)}\n`);
      }
    }
    // Figures, not a test: a missed target is printed, and the next bench in npm run bench still runs.
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { generate, writeBigFile, writeBigPackage, timed, HEADERS, FIELD_ORDER };

if (require.main === module) {
  mainBench().catch((err) => {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exitCode = 1;
  });
}
