/**
 * The time a span owns (its length outside the covers and the spans placed before it) is measured one by one
 * for a usual encounter's few spans and by a sweep for long ones: both must give the same seconds.
 */
import fc from 'fast-check';
import { ownSecondsBySweep, ownSecondsOneByOne } from '../../src/rules/assign';

const interval = fc.record({ from: fc.integer({ min: 0, max: 200 }), to: fc.integer({ min: 0, max: 200 }) });

describe('own seconds', () => {
  it('are the same measured one by one and by the sweep', () => {
    fc.assert(
      fc.property(fc.array(fc.option(interval), { maxLength: 12 }), fc.array(interval, { maxLength: 4 }), (spans, covers) => {
        expect(ownSecondsOneByOne(spans, covers)).toEqual(ownSecondsBySweep(spans, covers));
      }),
      { numRuns: 2000 },
    );
  });

  it('give the earlier span the shared time, and none of the covered time', () => {
    expect(ownSecondsOneByOne([{ from: 0, to: 60 }, { from: 30, to: 90 }, null], [{ from: 80, to: 100 }])).toEqual([60, 20, 0]);
  });
});
