import { detectTable } from './headers';
import { readRows } from './rows';
import type { Grid } from './types';

describe('readRows', () => {
  const date = new Date(Date.UTC(2026, 2, 2));
  const g: Grid = {
    firstRow: 3,
    firstColumn: 1,
    values: [
      ['Title'],
      ['Visit #', 'Drug', 'Dose', 'UOM', 'Start Time', 'Stop Time', 'DOS', 'Room'],
      ['E1', { richText: [{ text: 'Rocephin' }] }, 1, 'g', 0.395833, '10:00', date, 'B4'],
      [],
      ['E1', 'Zofran', '4 mg', 'mg', { formula: 'A1', result: '9:30 AM' }, null, date, 'B4'],
    ] as unknown as Grid['values'],
  };
  const table = detectTable(g)!;
  const rows = readRows(g, table);

  it('reads one row per data row with its sheet row number', () => {
    expect(rows.map((r) => r.row)).toEqual([5, 7]);
  });

  it('passes raw values, unwrapping rich text and formula results', () => {
    expect(rows[0].values).toEqual({
      encounter: 'E1', drug: 'Rocephin', dose: '1 g', start: 0.395833, stop: '10:00', date,
    });
    expect(rows[1].values.start).toBe('9:30 AM');
    expect(rows[1].values.stop).toBeNull();
  });

  it('folds a unit column into a bare number only', () => {
    expect(rows[1].values.dose).toBe('4 mg');
  });

  it('names the user header of each mapped field', () => {
    expect(rows[0].columns).toEqual({
      encounter: 'Visit #', drug: 'Drug', dose: 'Dose', start: 'Start Time', stop: 'Stop Time', date: 'DOS',
    });
  });
});
