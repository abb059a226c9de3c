/**
 * A big sheet is coded in independent batches (src/rules/batches.ts): the plan and the counts must be the
 * ones coding the whole sheet at once gives, whatever the batch size and however encounters interleave.
 */
import fc from 'fast-check';
import { independentBatches } from '../rules/batches';
import { summarizeClaims } from '../claims/check';
import type { Grid } from '../sheet/types';
import { codeSheetInput, codeSheetInputInSteps, eachCodedBatch, planSheetInput, readInput } from './codeGrid';
import { resultCounts } from './summary';
import { administrationRow, TEST_DRUGS, TEST_HEADER, type TestAdministration } from './testSheet';

/** One administration: which patient, which of their visits, which day, the drug and when. */
const administration = fc.record({
  patient: fc.integer({ min: 0, max: 5 }),
  visit: fc.integer({ min: 0, max: 2 }),
  blankVisit: fc.boolean(),
  day: fc.integer({ min: 1, max: 2 }),
  drug: fc.integer({ min: 0, max: TEST_DRUGS.length - 1 }),
  start: fc.integer({ min: 7 * 60, max: 20 * 60 }),
  blankPatient: fc.boolean(),
});

function gridOf(rows: TestAdministration[]): Grid {
  return { values: [TEST_HEADER, ...rows.map(administrationRow)], firstRow: 1, firstColumn: 1 };
}

describe('independentBatches', () => {
  it('puts every row in exactly one batch, whole encounters and whole patients together', () => {
    fc.assert(
      fc.property(fc.array(administration, { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (rows, max) => {
        const input = readInput(gridOf(rows));
        if (!input) return;
        const batches = independentBatches(input.rows, max);
        const batchOf = new Map<number, number>();
        batches.forEach((b, n) => b.forEach((i) => batchOf.set(i, n)));
        expect([...batchOf.keys()].sort((a, b) => a - b)).toEqual(input.rows.map((_, i) => i));
        expect(batches.flat()).toHaveLength(input.rows.length);
        const together = (key: (i: number) => string | null) => {
          const seen = new Map<string, number>();
          input.rows.forEach((_, i) => {
            const k = key(i);
            if (k === null) return;
            if (seen.has(k)) expect(batchOf.get(i)).toBe(seen.get(k));
            else seen.set(k, batchOf.get(i)!);
          });
        };
        together((i) => (input.rows[i].values.encounter as string | null) ?? null);
        together((i) => (input.rows[i].values.patient as string | null) ?? null);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps batches near the size asked, a bigger group alone', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ row: i + 2, values: { encounter: `E${Math.floor(i / 5)}` } }));
    expect(independentBatches(rows, 10).map((b) => b.length)).toEqual([10, 10, 10, 10, 10]);
    expect(independentBatches(rows, 7).map((b) => b.length)).toEqual(Array(10).fill(5));
    const oneBig = [...rows.slice(0, 3), ...Array.from({ length: 12 }, (_, i) => ({ row: 60 + i, values: { encounter: 'BIG' } }))];
    expect(independentBatches(oneBig, 4).map((b) => b.length)).toEqual([3, 12]);
  });
});

describe('planSheetInput', () => {
  it('plans exactly what coding the whole sheet at once plans, at any batch size', () => {
    fc.assert(
      fc.property(fc.array(administration, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 15 }), (rows, batchRows) => {
        const input = readInput(gridOf(rows));
        if (!input) return;
        const whole = codeSheetInput(input, {}, {});
        const batched = planSheetInput(input, {}, {}, { batchRows });
        expect(batched.plan).toEqual(whole.plan);
        expect(batched.counts).toEqual(resultCounts(whole.result));
        expect(batched.claims).toEqual(summarizeClaims(whole.result, {}));
      }),
      { numRuns: 150 },
    );
  });

  it('reports progress after the batch that completes each progressRows more rows', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ patient: i, visit: 0, blankVisit: false, day: 1, drug: 1, start: 600, blankPatient: false }));
    const seen: number[] = [];
    planSheetInput(readInput(gridOf(rows))!, {}, {}, { onProgress: (n) => seen.push(n), batchRows: 10, progressRows: 10 });
    expect(seen).toEqual([10, 20, 30]);
    // Batches of 4 rows: a report once 10 more rows are coded, not one per batch.
    const throttled: number[] = [];
    planSheetInput(readInput(gridOf(rows))!, {}, {}, { onProgress: (n) => throttled.push(n), batchRows: 4, progressRows: 10 });
    expect(throttled).toEqual([12, 24]);
  });

  it('lets each batch\'s rows go once planned when asked, with the same plan', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ patient: i % 7, visit: 0, blankVisit: false, day: 1, drug: i % TEST_DRUGS.length, start: 600 + i, blankPatient: false }));
    const kept = planSheetInput(readInput(gridOf(rows))!, {}, {}, { batchRows: 10 });
    const input = readInput(gridOf(rows))!;
    const released = planSheetInput(input, {}, {}, { batchRows: 10, releaseRows: true });
    expect(released.plan).toEqual(kept.plan);
    expect(input.rows.every((r) => r === undefined)).toBe(true);
  });
});

describe('eachCodedBatch', () => {
  it('hands over, batch by batch, the row results coding the whole sheet at once gives', () => {
    fc.assert(
      fc.property(fc.array(administration, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 15 }), (rows, batchRows) => {
        const input = readInput(gridOf(rows));
        if (!input) return;
        const whole = codeSheetInput(input, {}, {});
        const handed: typeof whole.result.rows = [];
        let batches = 0;
        eachCodedBatch(input, {}, {}, (result) => {
          batches++;
          handed.push(...result.rows);
        }, batchRows);
        expect(handed.sort((a, b) => a.row - b.row)).toEqual(whole.result.rows);
        expect(batches).toBe(independentBatches(input.rows, batchRows).length);
      }),
      { numRuns: 100 },
    );
  });
});

describe('codeSheetInputInSteps', () => {
  const rows = Array.from({ length: 45 }, (_, i) => ({ patient: i % 9, visit: i % 2, blankVisit: false, day: 1 + (i % 2), drug: i % TEST_DRUGS.length, start: 480 + 7 * i, blankPatient: false }));

  it('codes what codeSheetInput codes, pausing after every batch', async () => {
    const input = readInput(gridOf(rows))!;
    const whole = codeSheetInput(input, {}, {});
    const pauses: [number, number][] = [];
    const stepped = await codeSheetInputInSteps(input, {}, {}, async (done, total) => void pauses.push([done, total]), 10);
    expect(stepped.plan).toEqual(whole.plan);
    expect(stepped.result.rows).toEqual(whole.result.rows);
    expect(resultCounts(stepped.result)).toEqual(resultCounts(whole.result));
    expect(pauses.length).toBeGreaterThan(2);
    expect(pauses[pauses.length - 1]).toEqual([45, 45]);
  });

  it('stops when a pause throws (the user cancelled)', async () => {
    const input = readInput(gridOf(rows))!;
    let pauses = 0;
    const cancelled = codeSheetInputInSteps(input, {}, {}, async () => {
      if (++pauses === 2) throw new Error('cancelled');
    }, 10);
    await expect(cancelled).rejects.toThrow('cancelled');
    expect(pauses).toBe(2);
  });
});
