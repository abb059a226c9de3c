/**
 * The before/after check of issue 9 (one pipeline): what `infusion-coder code --json` prints for the sample
 * workbook and for every scenario of examples.json, and the coded sample's cells (as a CSV copy), pinned in
 * test/fixtures/golden/. Run in-process through the command line's `main`, so every layer is covered.
 *
 * `npm run golden:update` rewrites the fixtures: the next rules edition (or catalog change) changes them ON
 * PURPOSE; review the diff of test/fixtures/golden/ before committing it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main, type Io } from '../../src/cli/main';

export const ROOT = path.resolve(__dirname, '..', '..');
export const GOLDEN = path.join(ROOT, 'test', 'fixtures', 'golden');
const WORK = path.join(ROOT, 'test', 'artifacts', 'golden');
export const SAMPLE = path.join(ROOT, 'examples', 'infusions.xlsx');

interface Scenario {
  id: string;
  setting: string;
  lines: Record<string, string>[];
}

export function scenarios(): Scenario[] {
  const file = path.join(ROOT, 'test', 'fixtures', 'domain', 'examples.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).scenarios;
}

async function run(argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTTY: false };
  const code = await main(argv, io);
  if (code !== 0) throw new Error(`infusion-coder ${argv.join(' ')} exited ${code}: ${err}`);
  return out;
}

/** The --json document with the input's folder left out (the fixture must not depend on the checkout path). */
async function codingJson(file: string): Promise<unknown> {
  const doc = JSON.parse(await run(['code', file, '--json'])) as { file: string };
  doc.file = path.basename(doc.file);
  return doc;
}

/** One scenario as the CSV a user would export: a header of field names, one line per administration. */
function scenarioCsv(s: Scenario): string {
  const fields = ['encounter', 'setting', ...new Set(s.lines.flatMap((l) => Object.keys(l)))];
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = s.lines.map((l) => fields.map((f) => quote(f === 'encounter' ? s.id : f === 'setting' ? s.setting : (l[f] ?? ''))));
  return [fields, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

/** Everything pinned, by fixture file name (relative to test/fixtures/golden). */
export async function goldenOutputs(): Promise<Map<string, string>> {
  fs.mkdirSync(WORK, { recursive: true });
  const out = new Map<string, string>();
  const json = (v: unknown) => JSON.stringify(v, null, 1) + '\n';
  out.set('sample.json', json(await codingJson(SAMPLE)));
  const coded = path.join(WORK, 'sample.coded.csv');
  await run(['code', SAMPLE, '--out', coded, '--quiet']);
  out.set('sample.coded.csv', fs.readFileSync(coded, 'utf8'));
  for (const s of scenarios()) {
    const csv = path.join(WORK, `${s.id}.csv`);
    fs.writeFileSync(csv, scenarioCsv(s));
    out.set(path.join('scenarios', `${s.id}.json`), json(await codingJson(csv)));
  }
  return out;
}
