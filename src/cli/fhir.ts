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

/** Reads the file: NDJSON line by line from a stream, a .json document whole. */
export async function readFhirFile(file: string): Promise<FhirCollector> {
  const collector = new FhirCollector();
  try {
    if (/\.(ndjson|jsonl)$/i.test(file) && !(await opensOneDocument(file))) {
      const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) collector.addLine(n === 0 ? line.replace(/^\uFEFF/, '') : line, ++n);
    } else {
      collector.addDocument((await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
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
async function opensOneDocument(file: string): Promise<boolean> {
  const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8', end: 64 * 1024 }), crlfDelay: Infinity });
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
