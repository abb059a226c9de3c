/**
 * Fuzzing the pairing: random action sequences (any order, duplicates, missing or unreadable times, unknown
 * words, several orders and encounters) never throw, and every action row gets exactly one result.
 */
import fc from 'fast-check';
import { codeRows } from '../../rules';
import { resultForSourceRows } from '../results';
import { DEFAULT_ACTIONS } from './actions';
import { readLog } from './testLog';

const WORDS = [...Object.values(DEFAULT_ACTIONS).flat(), 'Bag Hung', '', 'rate change', 'STOPPED'];
const TIMES = fc.oneof(
  fc.integer({ min: 0, max: 36 * 60 }).map((m) => `2026-03-0${2 + Math.floor(m / 1440)} ${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`),
  fc.constantFrom('', '25:99', 'yesterday', null),
);
const action = fc.record({
  encounter: fc.constantFrom('E1', 'E2', ''),
  order: fc.constantFrom('1', '2', ''),
  drug: fc.constantFrom('NS', 'ceftriaxone', 'ondansetron', ''),
  action: fc.constantFrom(...WORDS),
  time: TIMES,
  dose: fc.constantFrom('', '1 g', '1000 mL', '4 mg', 'abc'),
  rate: fc.constantFrom('', 0, 125, '250 mL/hr', 'fast'),
  duration: fc.constantFrom('', 30, '1 hr', -5),
});

const H = ['Encounter', 'Order ID', 'Medication', 'MAR Action', 'Action Time', 'Dose', 'Rate', 'Duration'];

describe('pairing random action sequences', () => {
  test('never throws, and every action row gets exactly one result', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), (actions) => {
        const rows = actions.map((a) => [a.encounter, a.order, a.drug, a.action, a.time, a.dose, a.rate, a.duration]);
        // A row needs an action or a time to be a data row; the others are blank rows.
        const { table, output } = readLog([H, ...rows]);
        expect(output.notes.map((n) => n.row)).toEqual(table.dataRows);
        const coded = codeRows(output.rows);
        const full = resultForSourceRows(output, coded, 'facility');
        expect(full.rows.map((r) => r.row)).toEqual(table.dataRows);
        for (const r of full.rows) expect(typeof r.explanation === 'string' && r.explanation.length > 0).toBe(true);
        // Each source row belongs to at most one administration, and codes sit only on opening rows.
        const seen = new Set<number>();
        for (const input of output.rows) {
          for (const r of input.sourceRows ?? []) {
            expect(seen.has(r)).toBe(false);
            seen.add(r);
          }
        }
        const openers = new Set(output.rows.map((r) => r.row));
        for (const r of full.rows) if (r.cpt.length + r.hcpcs.length > 0) expect(openers.has(r.row)).toBe(true);
        // Running minutes are never negative.
        for (const r of coded.rows) expect(r.minutes === null || r.minutes >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
