/** `npm run sample` regenerates examples/infusions.xlsx byte for byte (fixed seed, dates and zip entry times). */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

it('the sample workbook is what scripts/make-sample.js makes, byte for byte', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ic-sample-')), 'infusions.xlsx');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'make-sample.js'), out], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const made = fs.readFileSync(out);
  const committed = fs.readFileSync(path.join(ROOT, 'examples', 'infusions.xlsx'));
  expect(made.length).toBe(committed.length);
  expect(made.equals(committed)).toBe(true);
});
