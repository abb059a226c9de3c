#!/usr/bin/env node
// Thin launcher: the command line is compiled from src/cli by `npm run build:cli` (run on install).
'use strict';
const fs = require('fs');
const os = require('os');
const v8 = require('v8');
const { spawnSync } = require('child_process');

// `code` streams the package and needs no more than the default heap; the report still loads the whole
// workbook with exceljs (about 30 KB per row of a 16-column sheet): for its large inputs, restart with a heap
// big enough instead of failing with an out-of-memory crash.
const LARGE_INPUT_BYTES = 8 * 1024 * 1024;
const args = process.argv.slice(2);
const largeInput = args[0] !== 'code' && args.some((a) => {
  try {
    return fs.statSync(a).isFile() && fs.statSync(a).size > LARGE_INPUT_BYTES;
  } catch {
    return false;
  }
});
const heapMb = Math.floor(v8.getHeapStatistics().heap_size_limit / 1048576);
const wantMb = Math.min(16384, Math.floor((os.totalmem() / 1048576) * 0.75));
if (largeInput && heapMb < wantMb && !process.env.INFUSION_CODER_RELAUNCHED) {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${wantMb}`, __filename, ...args], {
    stdio: 'inherit',
    env: { ...process.env, INFUSION_CODER_RELAUNCHED: '1' },
  });
  process.exit(child.status === null ? 1 : child.status);
}

require('../dist/cli/main.js').main(args).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`infusion-coder: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 2;
  },
);
