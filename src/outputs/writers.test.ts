import { NOTE_PREFIX } from '../sheet/plan';
import type { WritePlan } from '../sheet/types';
import { csvWithPlan, textOf } from './csv';

describe('textOf', () => {
  it('writes dates, times and date-times as text', () => {
    expect(textOf(new Date(Date.UTC(2026, 2, 2)))).toBe('2026-03-02');
    expect(textOf(new Date(Date.UTC(1899, 11, 30, 9, 30)))).toBe('09:30');
    expect(textOf(new Date(Date.UTC(2026, 2, 2, 14, 5)))).toBe('2026-03-02 14:05');
    expect(textOf(35)).toBe('35');
    expect(textOf(null)).toBe('');
    expect([textOf(true), textOf(false)]).toEqual(['TRUE', 'FALSE']); // as Excel writes a CSV
  });
});

function plan(p: Partial<WritePlan> = {}): WritePlan {
  return {
    headerRow: 1,
    firstColumn: 3,
    headers: ['IC CPT', 'IC Status'],
    values: [['96365', 'Error'], [null, null]],
    lastRow: 3,
    highlights: [{ row: 2, column: 2, fill: 'error' }],
    notes: [{ row: 2, column: 2, text: `${NOTE_PREFIX}No stop time.` }],
    staleColumns: [],
    layout: {
      freezeRows: 1,
      autoFilter: { row: 1, firstColumn: 1, lastColumn: 4, lastRow: 3 },
      columnWidths: [{ column: 3, width: 9 }, { column: 4, width: 11 }],
      wrapColumns: [3, 4],
      print: { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, repeatRows: { first: 1, last: 1 } },
      statusColumn: { column: 4, firstRow: 2, lastRow: 3, fills: { Error: 'error', Review: 'warning' } },
    },
    ...p,
  };
}

describe('csvWithPlan', () => {
  it('adds the derived columns to the rows', () => {
    const grid = { values: [['Drug', 'Stop'], ['NS', null], ['NS', '10:00']], firstRow: 1, firstColumn: 1 };
    expect(csvWithPlan(grid, plan())).toBe('Drug,Stop,IC CPT,IC Status\r\nNS,,96365,Error\r\nNS,10:00,,\r\n');
  });
});
