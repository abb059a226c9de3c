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

describe('readRows with a unit in the header', () => {
  it('adds the unit to bare numbers only', () => {
    const g: Grid = {
      firstRow: 1,
      firstColumn: 1,
      values: [
        ['Visit', 'Drug', 'Dose (mg)', 'Waste (mg)', 'Start', 'Stop'],
        ['E1', 'iron sucrose', 200, 0, '08:00', '08:30'],
        ['E1', 'NS', '1000 mL', null, '08:00', '09:30'],
      ],
    };
    const rows = readRows(g, detectTable(g)!);
    expect(rows[0].values.dose).toBe('200 mg');
    expect(rows[0].values.waste).toBe('0 mg');
    expect(rows[1].values.dose).toBe('1000 mL');
    expect(rows[1].values.waste).toBeNull();
  });
});

describe('readRows with a bag-size column beside the dose', () => {
  it('writes the dose in its volume', () => {
    const g: Grid = {
      firstRow: 1,
      firstColumn: 1,
      values: [
        ['Visit', 'Drug', 'Dose', 'Bag Size', 'Start', 'Stop'],
        ['E1', 'ondansetron', '8 mg', '50 mL', '08:00', '08:20'],
        ['E1', 'NS', null, 1000, '08:00', '09:30'],
        ['E1', 'KCl', '20 mEq / 1000 mL', 1000, '08:00', '09:30'],
        ['E1', 'Zofran', '4 mg', null, '08:00', null],
      ],
    };
    const t = detectTable(g)!;
    expect(t.mapping.dose).toBe(3);
    expect(t.volumeColumn).toBe(4);
    expect(readRows(g, t).map((r) => r.values.dose)).toEqual(['8 mg in 50 mL', '1000 mL', '20 mEq / 1000 mL', '4 mg']);
  });
});

describe('readRows with the edition-2 fields', () => {
  it('carries rate, infused volume, order id and NDC raw, and leaves the dose alone', () => {
    const g: Grid = {
      firstRow: 1,
      firstColumn: 1,
      values: [
        ['Visit', 'Drug', 'Dose', 'Infused Volume', 'Infusion Rate', 'ORDER_MED_ID', 'NDC', 'Start', 'Stop'],
        ['E1', 'NS', null, '1000 mL', '125 mL/hr', 'B-7', '0338-0049-04', '08:00', null],
      ],
    };
    const t = detectTable(g)!;
    expect([t.mapping.volume, t.mapping.rate, t.mapping.order, t.mapping.ndc]).toEqual([4, 5, 6, 7]);
    const [row] = readRows(g, t);
    expect(row.values).toMatchObject({ volume: '1000 mL', rate: '125 mL/hr', order: 'B-7', ndc: '0338-0049-04', dose: null });
    expect(row.columns).toMatchObject({ volume: 'Infused Volume', rate: 'Infusion Rate', order: 'ORDER_MED_ID', ndc: 'NDC' });
  });
});
