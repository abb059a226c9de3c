#!/usr/bin/env node
/**
 * npm run bench (after scripts/bench.js): an Epic-shaped MAR action log of 100,000 actions coded through the
 * pipeline (detection, pairing, rules, results on every action row, the IC Administrations table) next to the
 * flat sheet of the same administrations. Target: the action log codes at least as many rows per second as the
 * flat sheet (an action row is cheaper than an administration row: most actions only close or continue one).
 *
 * Usage: node scripts/bench-actions.js [ACTIONS]
 */
'use strict';
const os = require('os');
const { makeEncounters, flatRows, epicRows } = require('./make-ehr-samples');

const ACTIONS = Number(process.argv[2]) || 100000;
let pipeline;
try {
  pipeline = require('../dist/pipeline');
} catch (err) {
  process.stderr.write(`bench: cannot load dist/pipeline (run npm run build:cli first): ${err.message}\n`);
  process.exit(1);
}

const grid = (rows) => ({ values: rows, firstRow: 1, firstColumn: 1 });
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** Best of three: seconds to code the grid and build its write plan and extra tables. */
function time(values) {
  pipeline.codeGrid(grid(values.slice(0, 3000))); // warm up
  let best = Infinity;
  let coded;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    coded = pipeline.codeGrid(grid(values));
    void coded.plan;
    coded.tables();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds: best, coded };
}

// About 4.2 actions per encounter: grow the encounter count until the log has ACTIONS rows.
let encounters = makeEncounters(Math.ceil(ACTIONS / 4.2), 99);
let epic = epicRows(encounters, true);
while (epic.length - 1 < ACTIONS) {
  encounters = makeEncounters(Math.ceil(encounters.length * 1.05) + 1, 99);
  epic = epicRows(encounters, true);
}
epic = epic.slice(0, ACTIONS + 1);
const flat = flatRows(encounters);

process.stdout.write(`\nMAR action log benchmark: node ${process.version}, ${os.cpus().length} CPUs\n`);
const log = time(epic);
const logRows = epic.length - 1;
const admins = log.coded.input.rows.length;
const flatTime = time(flat.slice(0, admins + 1));
const logRate = logRows / log.seconds;
const flatRate = admins / flatTime.seconds;
process.stdout.write(
  `action log       ${fmt(logRate)} rows/s (${fmt(logRows)} actions -> ${fmt(admins)} administrations in ${log.seconds.toFixed(3)} s; best of 3)\n` +
    `                 ${log.coded.summary}\n` +
    `flat sheet       ${fmt(flatRate)} rows/s (${fmt(admins)} administration rows in ${flatTime.seconds.toFixed(3)} s)\n` +
    `                 per row ${(logRate / flatRate).toFixed(2)}x the flat sheet  target >= 1x: ${logRate >= flatRate ? 'PASS' : 'FAIL'}\n`,
);
