/**
 * `npm run sample` regenerates examples/infusions.xlsx byte for byte (fixed seed, dates and zip entry times),
 * and the summary line README.md and docs/cli.md quote is the one coding it prints.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, type Io } from '../../src/cli/main';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'examples', 'infusions.xlsx');

it('the sample workbook is what scripts/make-sample.js makes, byte for byte', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ic-sample-')), 'infusions.xlsx');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'make-sample.js'), out], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const made = fs.readFileSync(out);
  const committed = fs.readFileSync(SAMPLE);
  expect(made.length).toBe(committed.length);
  expect(made.equals(committed)).toBe(true);
});

it('README.md and docs/cli.md quote the counts coding the sample prints', async () => {
  let stdout = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: () => undefined, stderrIsTTY: false };
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ic-sample-')), 'infusions.coded.xlsx');
  expect(await main(['code', SAMPLE, '--out', out], io)).toBe(0);
  // The counts, not the seconds, which vary by machine.
  const counts = /coded \d+ rows in \d+ encounters \(\d+ OK, \d+ to review, \d+ with errors\)/;
  const printed = counts.exec(stdout)?.[0];
  expect(printed).toBeDefined();
  for (const doc of ['README.md', path.join('docs', 'cli.md')]) {
    const quoted = counts.exec(fs.readFileSync(path.join(ROOT, doc), 'utf8'))?.[0];
    expect([doc, quoted]).toEqual([doc, printed]);
  }
});
