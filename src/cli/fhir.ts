/**
 * `infusion-coder code export.json|export.ndjson`: FHIR R4 MedicationAdministration resources coded into a
 * workbook (one row per administration with its FHIR id, the input fields and the IC columns) or --json.
 * NDJSON is streamed line by line; a bad line is one warning with its line number and the rest still codes.
 */
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { fhirInput, type FhirInput } from '../inputs/fhir/map';
import { FhirCollector } from '../inputs/fhir/read';
import { codeInput, type Tables } from '../pipeline';
import type { CodingResult } from '../rules/types';
import { planWrite } from '../sheet/plan';
import type { WritePlan } from '../sheet/types';
import type { CodeArgs } from './args';
import { csvWithPlan } from '../outputs/csv';
import { writePlainAsCodedXlsx, type PlainCell } from '../outputs/xlsx/plainPackage';
import { flagsColumnFor, planFlags } from '../sheet/marks';
import type { CellValue } from '../rules/types';
import { cellText } from '../rules/values/cell';
import { CliError, firstLine } from './workbookFile';

/** The sheet the coded FHIR rows go on. */
export const FHIR_SHEET = 'MedicationAdministration';

/** A FHIR export by its name: `.json` (a Bundle) or `.ndjson` (bulk data, one resource a line). */
export function isFhirFile(file: string): boolean {
  return /\.(ndjson|json|jsonl)$/i.test(file);
}

const MAX_WARNINGS = 20;

/**
 * The text encoding a byte-order mark names: UTF-16 (Windows Notepad's "Unicode", a PowerShell redirect) or UTF-8.
 * Read as UTF-8, a UTF-16 export was "not valid JSON at line 85" (its last line), never what it was.
 */
async function encodingOf(file: string): Promise<'utf8' | 'utf16le' | 'utf16be'> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead === 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf16le';
    if (bytesRead === 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf16be';
    return 'utf8';
  } finally {
    await handle.close();
  }
}

/** Reads the file: NDJSON line by line from a stream, a .json document whole. */
export async function readFhirFile(file: string): Promise<FhirCollector> {
  const collector = new FhirCollector();
  try {
    const encoding = await encodingOf(file);
    if (encoding === 'utf16be') {
      // Node streams no big-endian UTF-16: the bytes pairwise swapped are little-endian (rare; read whole).
      const data = await fs.readFile(file);
      const text = Buffer.from(data.subarray(0, data.byteLength & ~1)).swap16().toString('utf16le').replace(/^\uFEFF/, '');
      if (/\.(ndjson|jsonl)$/i.test(file) && !/^\s*[[{]\s*$/.test(text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '')) {
        text.split(/\r?\n/).forEach((l, i) => collector.addLine(l, i + 1));
      } else collector.addDocument(text);
    } else if (/\.(ndjson|jsonl)$/i.test(file) && !(await opensOneDocument(file, encoding))) {
      const lines = readline.createInterface({ input: createReadStream(file, { encoding }), crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) collector.addLine(n === 0 ? line.replace(/^\uFEFF/, '') : line, ++n);
    } else {
      collector.addDocument((await fs.readFile(file, encoding)).replace(/^\uFEFF/, ''));
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') throw new CliError(`cannot read ${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`cannot read ${file}: it is a folder`);
    throw new CliError(`cannot read ${file}: ${firstLine(err)}`);
  }
  return collector;
}

/** An .ndjson file whose first line is only `{` or `[`: one pretty-printed JSON document, not a resource a line. */
async function opensOneDocument(file: string, encoding: 'utf8' | 'utf16le' = 'utf8'): Promise<boolean> {
  const lines = readline.createInterface({ input: createReadStream(file, { encoding, end: 64 * 1024 }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const first = line.replace(/^\uFEFF/, '').trim();
      if (first !== '') return first === '{' || first === '[';
    }
    return false;
  } finally {
    lines.close();
  }
}

export interface CodedFhir {
  fhir: FhirInput;
  result: CodingResult;
  plan: WritePlan;
}

/** Reads and codes a FHIR export; warnings (bad lines, unreadable resources) go to `warn`. */
export async function codeFhirFile(args: CodeArgs, tables: Tables, warn: (text: string) => void): Promise<CodedFhir> {
  const collector = await readFhirFile(args.input);
  const fhir = fhirInput(collector.resources, collector.problems);
  // With nothing to code, the first problem is the error itself: it is not also printed as a warning.
  const nothing = fhir.counts.administrations === 0;
  const warnings = fhir.problems.slice(nothing ? 1 : 0);
  for (const p of warnings.slice(0, MAX_WARNINGS)) warn(`infusion-coder: warning: ${args.input}: ${p.message}\n`);
  if (warnings.length > MAX_WARNINGS) warn(`infusion-coder: warning: ${args.input}: ${warnings.length - MAX_WARNINGS} more problems\n`);
  if (nothing) {
    const why = fhir.problems[0]?.message ?? `it holds no MedicationAdministration resources (${fhir.source.summary})`;
    throw new CliError(`nothing to code in ${args.input}: ${why}`);
  }
  const result = codeInput(fhir.source.rows, fhir.source, { options: args.options }, tables);
  const plan = planWrite(fhir.table, fhir.source.rows, result);
  return { fhir, result, plan };
}

/**
 * Writes the coded rows: a .csv, or an .xlsx made as every other coded copy is (a package patched with our
 * columns, IC Flags and its highlights, and notes), its header row frozen.
 */
export async function writeFhir(coded: CodedFhir, outPath: string, csv: { bom: boolean; guard: boolean } = { bom: true, guard: true }): Promise<void> {
  if (path.extname(outPath).toLowerCase() === '.csv') {
    // As any CSV output: a byte-order mark for Excel, and text that would run as a formula neutralised (options).
    await fs.writeFile(outPath, (csv.bom ? '\ufeff' : '') + csvWithPlan(coded.fhir.grid, coded.plan, ',', { guard: csv.guard }), 'utf8');
    return;
  }
  const { plan, fhir } = coded;
  const flags = planFlags(plan, fhir.table, flagsColumnFor(plan, fhir.table));
  await writePlainAsCodedXlsx({ name: FHIR_SHEET, rows: fhir.grid.values, cell: fhirCell, freezeHeader: true }, plan, flags, outPath);
}

/** The FHIR grid holds the text it mapped (ids, times, doses): written as that text. */
function fhirCell(value: CellValue): PlainCell {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' || typeof value === 'string' ? value : cellText(value);
}
