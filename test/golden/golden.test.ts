/**
 * Behaviour unchanged (issue 9): the sample workbook's and every examples.json scenario's `--json` output,
 * and the coded sample's cells, are identical to the fixtures captured before the pipeline refactor.
 *
 * The next rules edition changes these outputs on purpose: then run `npm run golden:update` (it sets
 * GOLDEN_UPDATE=1 and rewrites test/fixtures/golden/) and review the diff before committing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GOLDEN, goldenOutputs, scenarios } from './golden';

const update = process.env.GOLDEN_UPDATE === '1';

describe('golden outputs (before/after check)', () => {
  let outputs: Map<string, string>;
  beforeAll(async () => {
    outputs = await goldenOutputs();
    if (update) {
      fs.rmSync(GOLDEN, { recursive: true, force: true });
      for (const [name, text] of outputs) {
        fs.mkdirSync(path.dirname(path.join(GOLDEN, name)), { recursive: true });
        fs.writeFileSync(path.join(GOLDEN, name), text);
      }
    }
  }, 120000);

  it('pins the sample, its coded copy and every scenario', () => {
    expect(outputs.size).toBe(2 + scenarios().length);
    const pinned = fs.readdirSync(path.join(GOLDEN, 'scenarios')).map((f) => path.join('scenarios', f));
    expect(new Set(pinned)).toEqual(new Set([...outputs.keys()].filter((k) => k.startsWith('scenarios'))));
  });

  it('codes the sample workbook as before', () => {
    const sample = JSON.parse(outputs.get('sample.json')!);
    expect(sample.rows.length).toBeGreaterThan(100);
    expect(sample).toEqual(JSON.parse(fs.readFileSync(path.join(GOLDEN, 'sample.json'), 'utf8')));
  });

  it('writes the same cells into the coded sample', () => {
    expect(outputs.get('sample.coded.csv')).toBe(fs.readFileSync(path.join(GOLDEN, 'sample.coded.csv'), 'utf8'));
  });

  it.each(scenarios().map((s) => [s.id]))('codes scenario %s as before', (id) => {
    const name = path.join('scenarios', `${id}.json`);
    expect(JSON.parse(outputs.get(name)!)).toEqual(JSON.parse(fs.readFileSync(path.join(GOLDEN, name), 'utf8')));
  });
});
