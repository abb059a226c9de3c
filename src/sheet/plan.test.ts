import type { CodeLine, CodingResult, Finding, RowResult } from '../rules/types';
import { detectTable } from './headers';
import { DERIVED_HEADERS, formatCodes, formatExplanation, formatFindings, formatModifiers, formatNdcs, NOTE_PREFIX, planClear, planWrite } from './plan';
import { readRows } from './rows';
import type { Grid } from './types';

const line = (code: string, units = 1, modifiers: string[] = [], kind: 'cpt' | 'hcpcs' = 'cpt'): CodeLine => ({
  kind, code, units, modifiers, row: 0, rows: [], date: null, drug: null, explanation: '',
});

const finding = (p: Partial<Finding> & Pick<Finding, 'id' | 'row'>): Finding => ({
  severity: 'error', field: null, column: null, params: {}, message: `${p.id} message`, ...p,
});

const rowResult = (row: number, p: Partial<RowResult> = {}): RowResult => ({
  row, encounter: 'E1', cpt: [], hcpcs: [], minutes: null, findings: [], explanation: '', status: 'OK', ...p,
});

describe('formatting', () => {
  it('writes codes with modifiers and units', () => {
    expect(formatCodes([line('96365'), line('96366', 2)])).toBe('96365; 96366 x2');
    expect(formatCodes([line('96365', 1, ['59'])])).toBe('96365-59');
    expect(formatCodes([line('J1745', 35, [], 'hcpcs'), line('J1745', 5, ['JW'], 'hcpcs')])).toBe(
      'J1745 x35; J1745-JW x5',
    );
    expect(formatCodes([line('J0696', 4, [], 'hcpcs')])).toBe('J0696 x4');
    expect(formatCodes([])).toBe('');
  });

  it('writes the HCPCS lines\' NDCs aligned with IC HCPCS, - for a line without one, blank when none has one', () => {
    const drug = (ndc?: string): CodeLine => ({ ...line('J1745', 35, [], 'hcpcs'), ndc });
    expect(formatNdcs([drug('57894-0030-01')])).toBe('57894-0030-01');
    expect(formatNdcs([drug('57894-0030-01'), { ...drug('57894-0030-01'), modifiers: ['JW'] }, drug()])).toBe('57894-0030-01; 57894-0030-01; -');
    expect(formatNdcs([drug(), drug()])).toBe('');
    expect(formatNdcs([])).toBe('');
  });

  it('lists distinct modifiers in order', () => {
    expect(formatModifiers([line('96365', 1, ['59']), line('J1756', 1, ['JW']), line('96374', 1, ['59'])])).toBe(
      '59; JW',
    );
  });

  it('writes findings as id: message, one per line', () => {
    expect(
      formatFindings([
        finding({ id: 'missing-stop-time', row: 2, message: 'No stop time.' }),
        finding({ id: 'unknown-drug', row: 2, message: 'Not in catalog.' }),
      ]),
    ).toBe('missing-stop-time: No stop time.\nunknown-drug: Not in catalog.');
  });
});

const HEADER = ['Visit', 'Drug', 'Start Time', 'Stop Time', 'Necessity', 'Room'];

function setup(values: Grid['values']) {
  const grid: Grid = { values, firstRow: 1, firstColumn: 1 };
  const table = detectTable(grid)!;
  return { grid, table, rows: readRows(grid, table) };
}

describe('planWrite', () => {
  const { table, rows } = setup([
    ['Infusion log'],
    HEADER,
    ['E1', 'vancomycin', '09:00', null, 'sepsis', '4'],
    [],
    ['E1', 'ondansetron', '09:05', null, null, '4'],
  ]);
  const result: CodingResult = {
    encounters: [
      {
        id: 'E1', rows: [3, 5], setting: 'facility', payer: null, patient: null, date: null, provider: null,
        cpt: [], hcpcs: [],
        findings: [finding({ id: 'mue-exceeded', severity: 'warning', row: 5, message: 'Over the MUE.' })],
      },
    ],
    rows: [
      rowResult(3, {
        cpt: [line('96374')],
        hcpcs: [{ ...line('J3370', 4, ['JZ'], 'hcpcs'), ndc: '00409-6510-01' }],
        status: 'Error',
        findings: [
          finding({ id: 'missing-stop-time', row: 3, field: 'stop', column: 'Stop Time', message: 'No stop time.' }),
          finding({ id: 'missing-diagnosis', row: 3, field: 'diagnosis', column: 'diagnosis', message: 'No dx.' }),
        ],
        explanation: '96374: pushed.',
      }),
      rowResult(5, {
        cpt: [line('96375')],
        minutes: 0,
        status: 'Error',
        findings: [finding({ id: 'missing-necessity', row: 5, field: 'necessity', message: 'No necessity.' })],
      }),
    ],
  };
  const plan = planWrite(table, rows, result);

  it('puts the derived columns right of the user columns', () => {
    expect(plan.headerRow).toBe(2);
    expect(plan.firstColumn).toBe(7);
    expect(plan.headers).toEqual(DERIVED_HEADERS);
    expect(plan.lastRow).toBe(5);
    expect(plan.staleColumns).toEqual([]);
  });

  it('writes one entry per sheet row, blank rows blank', () => {
    expect(plan.values).toEqual([
      ['96374', 'J3370-JZ x4', '00409-6510-01', 'JZ', null, 'Error', 'missing-stop-time: No stop time.\nmissing-diagnosis: No dx.', '96374: pushed.'],
      [null, null, null, null, null, null, null, null],
      ['96375', null, null, null, 0, 'Error', 'missing-necessity: No necessity.\nmue-exceeded: Over the MUE.', null],
    ]);
  });

  it('highlights the input cell behind each error and warning (or the Findings cell when the column is missing)', () => {
    expect(plan.highlights.map(({ row, column, fill }) => ({ row, column, fill }))).toEqual([
      { row: 3, column: 4, fill: 'error' },
      { row: 3, column: 13, fill: 'error' },
      { row: 5, column: 5, fill: 'error' },
      { row: 5, column: 13, fill: 'warning' },
    ]);
    expect(plan.notes.map(({ row, column, text }) => ({ row, column, text }))).toEqual([
      { row: 3, column: 4, text: `${NOTE_PREFIX}No stop time.` },
      { row: 3, column: 13, text: `${NOTE_PREFIX}No dx.` },
      { row: 5, column: 5, text: `${NOTE_PREFIX}No necessity.` },
      { row: 5, column: 13, text: `${NOTE_PREFIX}Over the MUE.` },
    ]);
  });

  it('lists every finding of a row, errors first, and colours a shared cell by its worst finding', () => {
    const r: CodingResult = {
      encounters: [],
      rows: [
        rowResult(3, {
          status: 'Error',
          findings: [
            finding({ id: 'drug-name-guess', severity: 'warning', row: 3, field: 'drug', message: 'Guessed.' }),
            finding({ id: 'site-restart', severity: 'info', row: 3, field: 'site', message: 'Restarted.' }),
            finding({ id: 'unknown-drug', severity: 'warning', row: 3, field: 'drug', message: 'Unknown.' }),
            finding({ id: 'missing-stop-time', row: 3, field: 'stop', message: 'No stop.' }),
            finding({ id: 'unparseable-dose', row: 3, field: 'drug', message: 'Bad.' }),
          ],
        }),
        rowResult(5, { status: 'Review', findings: [finding({ id: 'missing-dose', severity: 'warning', row: 5, field: 'stop', message: 'No dose.' })] }),
      ],
    };
    const p = planWrite(table, rows, r);
    expect(p.values[0][DERIVED_HEADERS.indexOf('IC Findings')]).toBe(
      'missing-stop-time: No stop.\nunparseable-dose: Bad.\ndrug-name-guess: Guessed.\nunknown-drug: Unknown.\nsite-restart: Restarted.',
    );
    expect(p.highlights.map(({ row, column, fill }) => ({ row, column, fill }))).toEqual([
      { row: 3, column: 2, fill: 'error' },
      { row: 3, column: 4, fill: 'error' },
      { row: 5, column: 4, fill: 'warning' },
    ]);
    expect(p.notes[0]).toMatchObject({ row: 3, column: 2, text: `${NOTE_PREFIX}Bad.\nGuessed.\nUnknown.` });
  });

  it('lays the sheet out: header frozen, filter over the table, fitted widths, wrapping, print setup', () => {
    expect(plan.layout!.freezeRows).toBe(2);
    expect(plan.layout!.autoFilter).toEqual({ row: 2, firstColumn: 1, lastColumn: 14, lastRow: 5 });
    expect(plan.layout!.wrapColumns).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    const widths = new Map(plan.layout!.columnWidths.map((w) => [w.column, w.width]));
    expect(widths.get(7)).toBe('IC CPT'.length + 3); // header and its filter button, wider than '96374'
    expect(widths.get(9)).toBe('00409-6510-01'.length + 2); // IC NDC
    expect(widths.get(13)).toBe('missing-necessity: No necessity.'.length + 2); // longest line, not the whole cell
    expect(widths.get(11)).toBe(13); // 'IC Minutes'
    expect(plan.layout!.statusColumn).toEqual({ column: 12, firstRow: 3, lastRow: 5, fills: { Error: 'error', Review: 'warning' } });
    expect(plan.layout!.print).toEqual({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, repeatRows: { first: 2, last: 2 } });
    const long = planWrite(table, rows, { encounters: [], rows: [rowResult(3, { explanation: 'x'.repeat(500) })] });
    expect(long.layout!.columnWidths.find((w) => w.column === 14)!.width).toBe(90);
  });

  it('puts each sentence of the explanation on its own line', () => {
    expect(
      formatExplanation(
        '96365: vancomycin ran 95 min (the initial service). 96366 x1: 35 min beyond the first hour. J3370 x3: 1250 mg at 500 mg per unit = 2.5, rounded up. JZ: nothing discarded. Counted in 96361 x4 on row 5.',
      ),
    ).toBe(
      '96365: vancomycin ran 95 min (the initial service).\n96366 x1: 35 min beyond the first hour.\nJ3370 x3: 1250 mg at 500 mg per unit = 2.5, rounded up.\nJZ: nothing discarded.\nCounted in 96361 x4 on row 5.',
    );
    expect(formatExplanation('J2405 x4: 4 mg of ondansetron at 1 mg per unit.')).toBe('J2405 x4: 4 mg of ondansetron at 1 mg per unit.');
  });

  it('joins several errors on one cell into one note', () => {
    const r: CodingResult = {
      encounters: [],
      rows: [
        rowResult(3, {
          findings: [
            finding({ id: 'unparseable-time', row: 3, field: 'stop', message: 'A.' }),
            finding({ id: 'stop-before-start', row: 3, field: 'stop', message: 'B.' }),
          ],
        }),
      ],
    };
    const p = planWrite(table, rows, r);
    expect(p.notes).toMatchObject([{ row: 3, column: 4, text: `${NOTE_PREFIX}A.\nB.` }]);
    expect(p.highlights).toHaveLength(1);
  });

  it('writes where an earlier run put its columns, and clears rows it no longer codes', () => {
    const again = setup([
      ['Infusion log'],
      [...HEADER, ...DERIVED_HEADERS, 'Added later'],
      ['E1', 'vancomycin', '09:00', null, 'sepsis', '4', '96374', null, null, null, null, 'Error', 'x', 'y', 'keep'],
      [null, null, null, null, null, null, 'old', null, null, null, null, 'OK', null, null, null],
    ]);
    const p = planWrite(again.table, again.rows, result);
    expect(p.firstColumn).toBe(7);
    expect(p.lastRow).toBe(4);
    expect(p.values[1]).toEqual([null, null, null, null, null, null, null, null]);
    expect(p.staleColumns).toEqual([]);
  });

  it('moves the block after the data when a user column sits inside it, and clears the old one', () => {
    const moved = setup([
      ['Visit', 'Drug', 'Start', 'Stop', 'IC CPT', 'Mine', 'IC HCPCS'],
      ['E1', 'NS', '08:00', '10:00', '96360', 'x', 'J7030'],
    ]);
    const p = planWrite(moved.table, moved.rows, { encounters: [], rows: [rowResult(2)] });
    expect(p.firstColumn).toBe(7);
    expect(p.staleColumns).toEqual([5]);
  });

  it('planClear lists the earlier derived columns', () => {
    const earlier = setup([[...HEADER, ...DERIVED_HEADERS], ['E1', 'NS', '08:00', '10:00', 'x', '1']]);
    expect(planClear(earlier.table).columns).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    expect(planClear(table).columns).toEqual([]);
  });
});

describe('a sheet as wide as Excel allows', () => {
  const empty: CodingResult = { encounters: [], rows: [] };
  const wide = (extra: number) => setup([[...HEADER, ...Array.from({ length: extra }, (_, i) => `Extra ${i + 1}`)], ['E1', 'NS', '09:00', '10:00', 'dehydration', '4']]);

  it('plans a table of thousands of columns (none spread into one call), the filter over all of them', () => {
    const { table, rows } = wide(150000 - HEADER.length);
    expect(() => planWrite(table, rows, empty)).toThrow(/data up to column [A-Z]+: the 9 IC columns do not fit before Excel's last column \(XFD\)/);
    const fits = wide(16384 - 9 - HEADER.length);
    const plan = planWrite(fits.table, fits.rows, empty);
    expect(plan.firstColumn + DERIVED_HEADERS.length).toBe(16384);
    expect(plan.layout?.autoFilter).toMatchObject({ firstColumn: 1, lastColumn: 16383 });
  });
});
