#!/usr/bin/env node
/**
 * npm run graph: draws the layer diagram of src/ (one box per folder, an arrow per import between folders)
 * with dependency-cruiser and writes it into docs/development.md between the graph markers.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const DOC = path.join(ROOT, 'docs', 'development.md');
const START = '<!-- graph:start (npm run graph) -->';
const END = '<!-- graph:end -->';

const run = spawnSync(
  path.join(ROOT, 'node_modules', '.bin', 'depcruise'),
  ['src', '--config', '.dependency-cruiser.cjs', '--include-only', '^src/', '--collapse', '^src/[^/]+', '--output-type', 'mermaid'],
  { cwd: ROOT, encoding: 'utf8' },
);
if (run.status !== 0) {
  process.stderr.write(`graph: depcruise failed: ${run.stderr || run.error}\n`);
  process.exit(1);
}
const doc = fs.readFileSync(DOC, 'utf8');
const at = doc.indexOf(START);
const end = doc.indexOf(END);
if (at < 0 || end < at) {
  process.stderr.write(`graph: ${path.relative(ROOT, DOC)} has no ${START} ... ${END} block\n`);
  process.exit(1);
}
const block = `${START}\n\`\`\`mermaid\n${run.stdout.trim()}\n\`\`\`\n`;
fs.writeFileSync(DOC, doc.slice(0, at) + block + doc.slice(end));
process.stdout.write(`graph: wrote the layer diagram into ${path.relative(ROOT, DOC)}\n`);
