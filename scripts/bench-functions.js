#!/usr/bin/env node
/**
 * Benchmark of the custom functions (`npm run bench` builds dist/ first with `npm run build:cli`):
 *  - 10,000 single-line =IV.INFUSIONCODES(start, stop, route, purpose, drug) calls, as Excel makes when a
 *    column of formulas recalculates (target: under 1 s);
 *  - one =IV.INFUSIONCODES(A1:P100001) block call coding 100,000 rows (target: under 2 s).
 * Runs the compiled dist/functions/*.js with a stub of Excel's CustomFunctions runtime.
 */
'use strict';
const path = require('path');
const fs = require('fs');

class StubError {
  constructor(code, message) {
    this.code = code;
    this.message = message;
  }
}
global.CustomFunctions = {
  Error: StubError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  associate() {},
};

const compiled = path.join(__dirname, '..', 'dist', 'functions', 'functions.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('bench-functions: dist/functions/functions.js is missing; run `npm run build:cli` first.\n');
  process.exit(1);
}
const { infusionCodes } = require(compiled);

const DRUGS = ['ceftriaxone', 'vancomycin', 'Zofran', 'cefazolin', 'normal saline 1000 mL', 'infliximab', 'ketorolac', 'Rocephin'];
const ROUTES = ['IV infusion', 'IV push', 'IVPB', 'IM', 'SQ', ''];
const PURPOSES = ['therapeutic', 'hydration', 'chemotherapy', ''];
const hhmm = (m) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A deterministic pseudo-random sequence, so every run times the same inputs. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function singleLineCalls(count, seed) {
  const rnd = random(seed);
  const calls = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(rnd() * 1380);
    const minutes = Math.floor(rnd() * 240);
    // Mix the forms Excel passes: text times, Excel serial fractions, clock numbers.
    const form = i % 3;
    const startCell = form === 0 ? hhmm(start) : form === 1 ? start / 1440 : Number(hhmm(start).replace(':', ''));
    const stopCell = form === 0 ? hhmm(start + minutes) : form === 1 ? ((start + minutes) % 1440) / 1440 : Number(hhmm(start + minutes).replace(':', ''));
    calls.push([
      [[startCell]],
      [[stopCell]],
      [[ROUTES[Math.floor(rnd() * ROUTES.length)]]],
      [[PURPOSES[Math.floor(rnd() * PURPOSES.length)]]],
      [[DRUGS[Math.floor(rnd() * DRUGS.length)]]],
      null,
    ]);
  }
  return calls;
}

const HEADER = ['Encounter', 'MRN', 'DOS', 'Setting', 'Payer', 'Drug', 'Dose', 'Waste', 'Route', 'Type', 'Start', 'Stop', 'Site', 'Dx', 'Necessity', 'Primary'];
const DOSES = { ceftriaxone: '1 g', vancomycin: '1.25 g', Zofran: '4 mg', cefazolin: '2 g', 'normal saline 1000 mL': '1000 mL', infliximab: '350 mg', ketorolac: '15 mg', Rocephin: '1 g' };

function block(rows) {
  const rnd = random(11);
  const out = [HEADER];
  let encounter = 0;
  let line = 0;
  let clock = 480;
  let perEncounter = 0;
  while (out.length <= rows) {
    if (line >= perEncounter) {
      encounter++;
      line = 0;
      perEncounter = 1 + Math.floor(rnd() * 5);
      clock = 420 + Math.floor(rnd() * 600);
    }
    const drug = DRUGS[Math.floor(rnd() * DRUGS.length)];
    const route = ROUTES[Math.floor(rnd() * 4)];
    const minutes = route === 'IV push' ? 0 : 10 + Math.floor(rnd() * 200);
    out.push([
      `E${encounter}`,
      `MRN${1000 + (encounter % 5000)}`,
      46083 + (encounter % 30), // Excel serial dates in March 2026
      encounter % 4 === 0 ? 'office' : 'facility',
      encounter % 3 === 0 ? 'Medicare' : 'Aetna',
      drug,
      DOSES[drug],
      drug === 'infliximab' ? (rnd() < 0.5 ? '0' : '50 mg') : '',
      route,
      drug.startsWith('normal saline') ? 'hydration' : 'therapeutic',
      clock / 1440,
      route === 'IV push' ? '' : ((clock + minutes) % 1440) / 1440,
      rnd() < 0.1 ? 'R hand' : 'L forearm',
      rnd() < 0.05 ? '' : 'A41.9',
      rnd() < 0.05 ? '' : 'Sepsis, IV antibiotics',
      line === 0 ? 'Y' : '',
    ]);
    clock += minutes + 5;
    line++;
  }
  return out;
}

/** Wall time, and the CPU time of this process (steadier when other work shares the machine). */
function time(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

function line(label, result, targetMs) {
  const verdict = result.ms < targetMs ? 'ok' : 'OVER TARGET';
  return `${label.padEnd(44)} ${result.ms.toFixed(0).padStart(6)} ms (cpu ${result.cpuMs.toFixed(0)} ms; target < ${targetMs} ms: ${verdict})`;
}

function recalculate(calls) {
  let errors = 0;
  const result = time(() => {
    for (const args of calls) {
      try {
        infusionCodes(...args);
      } catch (error) {
        if (!(error instanceof StubError)) throw error;
        errors++; // an error value is an answer too
      }
    }
  });
  return { ...result, errors };
}

// The first recalculation in a fresh runtime pays for compiling the code (V8's JIT, the catalog caches);
// the shared runtime is long-lived, so later recalculations run warm. Both are shown.
const cold = recalculate(singleLineCalls(10000, 7));
const single = recalculate(singleLineCalls(10000, 8));
const errors = single.errors;

const rows = block(100000);
const big = time(() => infusionCodes(rows));
const coded = big.value.filter((r) => r[0] !== '' && r[0] !== 'CPT').length;

const rssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
process.stdout.write('Custom functions (dist/functions, stubbed CustomFunctions runtime)\n');
process.stdout.write(`${line('10,000 single-line INFUSIONCODES calls, cold', cold, 1000)}  ${(cold.ms / 10).toFixed(1)} us/call\n`);
process.stdout.write(`${line('10,000 single-line INFUSIONCODES calls, warm', single, 1000)}  ${(single.ms / 10).toFixed(1)} us/call, ${errors} #VALUE!\n`);
process.stdout.write(`${line('1 INFUSIONCODES block call, 100,000 rows', big, 2000)}  ${Math.round(100000 / (big.ms / 1000)).toLocaleString('en-US')} rows/s, ${coded.toLocaleString('en-US')} rows with CPT codes\n`);
process.stdout.write(`peak memory (rss) ${rssMb.toFixed(0)} MB; load average ${require('os').loadavg()[0].toFixed(1)} on ${require('os').cpus().length} cores\n`);
