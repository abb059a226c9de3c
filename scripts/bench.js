#!/usr/bin/env node
/**
 * npm run bench (builds dist first): the rules module's speed on 100,000 generated rows, and the time of
 * `infusion-coder code` on a 100,000-row .xlsx next to exceljs alone reading and writing the same file,
 * with peak memory (RSS). Targets: rules >= 200,000 rows/s; the command line within 2x of exceljs.
 *
 * Usage: node scripts/bench.js [ROWS]     (the big files go to the system temp folder, never the repo)
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const ROWS = Number(process.argv[2]) || 100000;
const RULES_TARGET = 200000;
const CLI_TARGET = 2;

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
  for (let i = 0; i < 3; i++) {
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
  process.stdout.write(`Infusion Coder benchmark: ${fmt(ROWS)} rows, node ${process.version}, ${os.cpus().length} CPUs\n\n`);

  const rules = rulesBench();
  const rulesOk = rules.rowsPerSecond >= RULES_TARGET;
  process.stdout.write(
    `rules module     ${fmt(rules.rowsPerSecond)} rows/s (${rules.seconds.toFixed(3)} s for ${fmt(ROWS)} rows, ` +
      `${fmt(rules.encounters)} encounters; best of 3)  target >= ${fmt(RULES_TARGET)}: ${rulesOk ? 'PASS' : 'FAIL'}\n` +
      `                 by CPU time ${fmt(ROWS / rules.cpuSeconds)} rows/s (${rules.cpuSeconds.toFixed(3)} s CPU; ` +
      `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)\n` +
      `                 peak RSS of this process ${mb(rules.rss)}\n`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-coder-bench-'));
  try {
    const input = path.join(dir, 'bench.xlsx');
    const t0 = Date.now();
    await writeBigFile(input);
    process.stdout.write(`\nwrote ${input} (${mb(fs.statSync(input).size)}, ${fmt(ROWS)} rows) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    const excel = timed(EXCELJS_ALONE, [input, path.join(dir, 'exceljs-copy.xlsx')]);
    process.stdout.write(`exceljs alone    read + write      ${excel.seconds.toFixed(2)} s (CPU ${excel.cpu.toFixed(2)} s)   peak RSS ${mb(excel.rss)}\n`);
    const cli = timed(CLI, [input, path.join(dir, 'bench.coded.xlsx')]);
    const ratio = cli.seconds / excel.seconds;
    const cpuRatio = cli.cpu / excel.cpu;
    process.stdout.write(`infusion-coder   code              ${cli.seconds.toFixed(2)} s (CPU ${cli.cpu.toFixed(2)} s)   peak RSS ${mb(cli.rss)}\n`);
    process.stdout.write(
      `                 ratio ${ratio.toFixed(2)}x exceljs alone (CPU ${cpuRatio.toFixed(2)}x)  target <= ${CLI_TARGET}x: ` +
        `${ratio <= CLI_TARGET ? 'PASS' : 'FAIL'}\n`,
    );
    // Figures, not a test: a missed target is printed, and the next bench in npm run bench still runs.
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { generate, writeBigFile, timed, HEADERS, FIELD_ORDER };

if (require.main === module) {
  mainBench().catch((err) => {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exitCode = 1;
  });
}
