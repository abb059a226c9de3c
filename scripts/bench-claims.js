#!/usr/bin/env node
/**
 * npm run bench, claims part: streams generated NCCI PTP files (250,000 and 1,000,000 rows, the CMS text
 * layout) through `infusion-coder tables ptp` and prints time and peak memory (RSS). Bounded memory means the
 * peak stays flat while the file grows: only the kept drug-administration pairs are held.
 *
 * Usage: node scripts/bench-claims.js [ROWS]      (the files go to the system temp folder, never the repo)
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { timed } = require('./bench');
const { writeBigPtp } = require('./make-cms-fixtures');

const ROOT = path.join(__dirname, '..');
const ROWS = Number(process.argv[2]) || 1000000;

const TABLES_PTP = `
const { main } = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'main.js'))});
const [input, output] = process.argv.slice(1);
main(['tables', 'ptp', input, '--out', output], { stdout: () => {}, stderr: (t) => process.stderr.write(t), stderrIsTTY: false })`;

const mb = (bytes) => `${Math.round(bytes / (1024 * 1024))} MB`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infusion-coder-bench-ptp-'));
  try {
    process.stdout.write('\nNCCI PTP file streamed through infusion-coder tables ptp\n');
    for (const rows of [Math.round(ROWS / 4), ROWS]) {
      const input = path.join(dir, `ccipra-bench-${rows}.txt`);
      writeBigPtp(input, rows);
      const out = path.join(dir, 'ptp-drug-admin.csv');
      const r = timed(TABLES_PTP, [input, out]);
      const kept = fs.readFileSync(out, 'utf8').split('\n').length - 3;
      process.stdout.write(
        `  ${fmt(rows).padStart(9)} rows (${mb(fs.statSync(input).size).padStart(6)})  ${r.seconds.toFixed(2)} s  ` +
          `${fmt(rows / r.seconds)} rows/s  peak RSS ${mb(r.rss)}  kept ${fmt(kept)} pairs\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
