/**
 * Golden test: every worked scenario of test/fixtures/domain/examples.json (vendored) through the public API.
 * Expected findings list errors and warnings; informational findings are not part of the expectation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { codeRows } from '../../src/rules';
import type { CodeLine, InputRow } from '../../src/rules';

interface ExpectedCode {
  code: string;
  units: number;
  modifiers?: string[];
}
interface Scenario {
  id: string;
  title: string;
  setting: string;
  lines: Record<string, string>[];
  expected: { cpt: ExpectedCode[]; hcpcs: ExpectedCode[]; findings: string[] };
}

const file = path.resolve(__dirname, '../fixtures/domain/examples.json');
const scenarios: Scenario[] = JSON.parse(fs.readFileSync(file, 'utf8')).scenarios;

function key(c: { code: string; units: number; modifiers?: string[] }, withModifiers: boolean): string {
  return `${c.code} x${c.units}${withModifiers ? ` [${[...(c.modifiers ?? [])].sort().join(',')}]` : ''}`;
}

describe('examples.json scenarios', () => {
  it('has scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThan(10);
  });

  it.each(scenarios.map((s) => [s.id, s.title, s] as const))('%s %s', (_id, _title, scenario) => {
    const rows: InputRow[] = scenario.lines.map((line, i) => ({
      row: i + 2,
      values: { encounter: scenario.id, setting: scenario.setting, ...line },
    }));
    const result = codeRows(rows);
    expect(result.encounters).toHaveLength(1);
    const enc = result.encounters[0];

    const cpt = enc.cpt.map((c: CodeLine) => key(c, true)).sort();
    expect(cpt).toEqual(scenario.expected.cpt.map((c) => key(c, true)).sort());

    const hcpcsWithModifiers = scenario.expected.hcpcs.some((c) => c.modifiers !== undefined);
    const hcpcs = enc.hcpcs.map((c: CodeLine) => key(c, hcpcsWithModifiers)).sort();
    expect(hcpcs).toEqual(scenario.expected.hcpcs.map((c) => key(c, hcpcsWithModifiers)).sort());

    const findings = [...new Set(result.rows.flatMap((r) => r.findings.filter((f) => f.severity !== 'info').map((f) => f.id)))].sort();
    expect(findings).toEqual([...scenario.expected.findings].sort());

    // Every coded row explains itself.
    for (const row of result.rows) expect(row.explanation.length).toBeGreaterThan(10);
  });
});
