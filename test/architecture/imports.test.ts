/**
 * The import graph holds its boundaries (issue 9): no cycle, the rules import only the rules, sheet / inputs /
 * pipeline import no Office, DOM, React, exceljs or edge code, the functions no React. Checked by
 * dependency-cruiser with the project's .dependency-cruiser.cjs, on the real tree (src, scripts and the
 * tests' support code such as test/fake-excel; test files themselves are left out) and on a small tree that
 * breaks every rule (so the check is known to fail when it should).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, targets: string[]): Violation[] {
  const run = spawnSync(DEPCRUISE, [...targets, '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  const out = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return out.summary.violations;
}

const show = (v: Violation[]) => v.map((x) => `${x.rule.name}: ${x.from} -> ${x.to}`);

describe('import graph', () => {
  it('has no cycle and no import across a boundary in the product code and the tests\' own code (the fake Excel)', () => {
    expect(show(cruise(ROOT, ['src', 'scripts', 'test']))).toEqual([]);
  });

  it('fails on a cycle and on each kind of boundary crossing', () => {
    const dir = path.join(ROOT, 'test', 'artifacts', 'import-graph');
    fs.rmSync(dir, { recursive: true, force: true });
    const files: Record<string, string> = {
      'src/rules/a.ts': "import { b } from '../excel/b';\nexport const a = () => b;\n",
      'src/excel/b.ts': "import { a } from '../rules/a';\nexport const b = 1;\nexport const c = a;\n",
      'src/pipeline/p.ts': "import * as fs from 'fs';\nimport ExcelJS from 'exceljs';\nexport const p = [fs, ExcelJS];\n",
      'src/sheet/s.ts': "import { t } from '../taskpane/t';\nexport const s = t;\n",
      'src/taskpane/t.ts': 'export const t = 1;\n',
      'src/functions/f.ts': "import * as React from 'react';\nexport const f = React;\n",
      'src/runtime/r.ts': "import { t } from '../taskpane/t';\nexport const r = t;\n",
      'test/fake/objects.ts': "import { rules } from './rules';\nexport class Range {}\nexport const all = rules;\n",
      'test/fake/rules.ts': "import { Range } from './objects';\nexport const rules = () => new Range();\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', esModuleInterop: true }, include: ['src', 'test'] }),
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const rules = new Set(cruise(dir, ['src', 'test']).map((v) => `${v.rule.name} ${v.from}`));
    expect(rules).toEqual(
      new Set([
        // dependency-cruiser names a cycle once, from the module it reached it by.
        'no-cycles src/excel/b.ts',
        'no-cycles test/fake/objects.ts',
        'rules-import-only-rules src/rules/a.ts',
        'core-imports-no-edge src/pipeline/p.ts',
        'core-imports-no-edge src/sheet/s.ts',
        'only-edges-import-office-libraries src/pipeline/p.ts',
        'functions-import-no-react src/functions/f.ts',
        'runtime-imports-no-edge src/runtime/r.ts',
      ]),
    );
  });
});
