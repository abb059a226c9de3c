#!/usr/bin/env node
// Thin launcher: the command line is compiled from src/cli by `npm run build:cli` (run on install).
require('../dist/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`infusion-coder: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; }
);
