/**
 * Cost in the size of one encounter (issue 13): a sheet without encounter, patient or date columns is one
 * encounter of every row. Overlapping infusions, pushes of the same drug and hydration are all sliced, so
 * every per-encounter step is exercised. Quadratic work makes 4x the rows cost 16x; linear work about 4x.
 */
import { codeRows } from '../../src/rules';
import type { InputRow } from '../../src/rules';

const DRUGS = [
  { drug: 'vancomycin', dose: '1 g', route: 'IV infusion', minutes: 95 },
  { drug: 'ondansetron', dose: '4 mg', route: 'IV push', minutes: 0 },
  { drug: 'normal saline', dose: '1000 mL', route: 'IV infusion', purpose: 'hydration', minutes: 120 },
  { drug: 'ceftriaxone', dose: '1 g', route: 'IV infusion', minutes: 30 },
  { drug: 'paclitaxel', dose: '300 mg', route: 'IV infusion', minutes: 185 },
];

function oneEncounter(count: number): InputRow[] {
  const rows: InputRow[] = [];
  for (let i = 0; i < count; i++) {
    const { minutes, ...values } = DRUGS[i % DRUGS.length];
    const start = (i * 7) % (24 * 60 - 200); // lines overlap one another all day long
    const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    rows.push({ row: i + 2, values: { ...values, start: clock(start), stop: minutes ? clock(start + minutes) : null, diagnosis: 'N39.0', necessity: 'need' } });
  }
  return rows;
}

function cpuSeconds(count: number): number {
  const rows = oneEncounter(count);
  const before = process.cpuUsage();
  const result = codeRows(rows);
  const used = process.cpuUsage(before);
  expect(result.encounters).toHaveLength(1);
  expect(result.rows).toHaveLength(count);
  return (used.user + used.system) / 1e6;
}

describe('one encounter of many rows', () => {
  it('costs about linear time in the size of the encounter (4x rows: well under 16x time)', () => {
    cpuSeconds(2000); // warm up the JIT
    const small = Math.max(cpuSeconds(4000), 0.02);
    const large = cpuSeconds(16000);
    expect(large / small).toBeLessThan(9);
  });

  it('codes one bag paused and restarted 150,000 times (its segments were spread into a call: a stack overflow)', () => {
    const rows: InputRow[] = [];
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 150_000; i++) {
      const slot = i % 48;
      const date = new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 48))).toISOString().slice(0, 10);
      const at = `${two(Math.floor(slot / 2))}:${two((slot % 2) * 30)}`;
      const until = `${two(Math.floor(slot / 2))}:${two((slot % 2) * 30 + 20)}`;
      rows.push({ row: i + 2, values: { encounter: 'E1', date, drug: 'vancomycin', dose: i === 0 ? '1 g' : '', route: 'IV infusion', start: at, stop: until, diagnosis: 'A41.9', necessity: 'need' } });
    }
    const result = codeRows(rows);
    expect(result.rows).toHaveLength(150_000);
    expect(result.encounters[0].cpt[0].code).toBe('96365');
  });

  it('codes every row of a 20,000-row encounter, the initial service once', () => {
    const result = codeRows(oneEncounter(20000));
    const initial = result.encounters[0].cpt.filter((c) => ['96365', '96413', '96374', '96409', '96360'].includes(c.code));
    expect(initial).toHaveLength(1);
    expect(result.rows.every((r) => r.explanation.length > 0)).toBe(true);
  });
});
