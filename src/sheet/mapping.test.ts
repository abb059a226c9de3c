import { detectMappedTable, resolveMapping, UnknownHeaderError } from './mapping';
import type { Grid } from './types';

describe('resolveMapping', () => {
  const grid: Grid = {
    firstRow: 1,
    firstColumn: 1,
    values: [['Title'], ['Visit', 'Med', 'Time Begun', 'Time Ended', 'Why']],
  };

  it('finds headers by name (any case and spacing), or takes column letters when allowed', () => {
    expect(resolveMapping(grid, { drug: 'med', start: 'time  begun', stop: 'D', necessity: '' }, { letters: true })).toEqual({
      drug: 2, start: 3, stop: 4, necessity: 0,
    });
    // Without letters (the task pane's saved mapping) an unknown header leaves the field as detected.
    expect(resolveMapping(grid, { drug: 'med', stop: 'D' })).toEqual({ drug: 2 });
  });

  it('reads null as "leave unmapped", as the saved mapping stores it', () => {
    expect(resolveMapping(grid, { necessity: null, drug: 'Med' })).toEqual({ drug: 2, necessity: 0 });
  });

  it('is undefined without a request and, when strict, an error naming the unknown header', () => {
    expect(resolveMapping(grid, {})).toBeUndefined();
    expect(resolveMapping(grid, undefined)).toBeUndefined();
    expect(() => resolveMapping(grid, { drug: 'Medication Name' }, { strict: true })).toThrow(UnknownHeaderError);
    try {
      resolveMapping(grid, { drug: 'Medication Name' }, { strict: true });
    } catch (e) {
      expect(e).toMatchObject({ field: 'drug', header: 'Medication Name' });
    }
  });
});

describe('detectMappedTable', () => {
  const grid: Grid = {
    firstRow: 1,
    firstColumn: 1,
    values: [
      ['Visit', 'Drug', 'Start', 'Stop', 'Comments', 'Given At'],
      ['E1', 'Zofran', '08:00', '08:10', 'nausea', '07:55'],
    ],
  };

  it('applies a correction and keeps unmapped fields unmapped', () => {
    const auto = detectMappedTable(grid, undefined)!;
    expect(auto.mapping.necessity).toBe(5);
    const table = detectMappedTable(grid, { start: 'Given At', necessity: null })!;
    expect(table.mapping.start).toBe(6);
    expect(table.mapping.necessity).toBeUndefined();
  });

  it('makes a table of a header row only the corrections name', () => {
    const odd: Grid = { firstRow: 1, firstColumn: 1, values: [['Acct', 'Thing', 'Clock A', 'Clock B'], ['E1', 'Zofran', '08:00', '08:10']] };
    expect(detectMappedTable(odd, undefined)).toBeNull();
    const table = detectMappedTable(odd, { encounter: 'Acct', drug: 'Thing', start: 'Clock A', stop: 'Clock B' })!;
    expect(table.mapping).toMatchObject({ drug: 2, start: 3, stop: 4 });
    expect(table.dataRows).toEqual([2]);
  });
});
