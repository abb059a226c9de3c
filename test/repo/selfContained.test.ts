/**
 * A fresh clone runs its tests with nothing beside it: no file under src/, test/ or scripts/ names the
 * shared domain folder that sits next to some checkouts. Tests read the vendored copies in
 * test/fixtures/domain instead. The path is assembled here so this file does not name it itself.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const PARENT_SHARED = ['..', 'shared'].join('/');
// `../shared`, `..\shared`, and path.join('..', 'shared') spellings.
const NAMES_PARENT_SHARED = /\.\.[/\\]shared\b|['"`]\.\.['"`]\s*,\s*['"`]shared['"`]/;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'artifacts') out.push(...filesUnder(p));
    } else if (entry.isFile()) out.push(p);
  }
  return out;
}

describe('the repository is self-contained', () => {
  it('the pattern catches each spelling of the parent shared folder', () => {
    for (const text of [`read('${PARENT_SHARED}/domain/RULES.md')`, 'p = "..\\\\shared\\\\x"'.replace(/\\\\/g, '\\'), `path.join('..', 'shared', 'domain')`]) {
      expect(NAMES_PARENT_SHARED.test(text)).toBe(true);
    }
    expect(NAMES_PARENT_SHARED.test("path.join(ROOT, 'test', 'fixtures', 'domain')")).toBe(false);
  });

  it(`no file under src/, test/ or scripts/ names ${PARENT_SHARED}`, () => {
    const offenders: string[] = [];
    for (const top of ['src', 'test', 'scripts', 'bin']) {
      const dir = path.join(ROOT, top);
      if (!fs.existsSync(dir)) continue;
      for (const file of filesUnder(dir)) {
        if (file === __filename) continue;
        const text = fs.readFileSync(file, 'latin1');
        text.split('\n').forEach((line, i) => {
          if (NAMES_PARENT_SHARED.test(line)) offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the vendored domain fixtures are there and say where they came from', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'domain');
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/Source:/);
    for (const f of fs.readdirSync(dir).filter((n) => n !== 'README.md')) expect(readme).toContain(f);
  });
});
