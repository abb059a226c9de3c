import type { AdapterOutput, GridAdapter } from '../inputs/types';
import type { Finding, InputRow } from '../rules/types';
import { flatSheet } from '../inputs';
import { detectTable } from '../sheet/headers';
import type { Grid } from '../sheet/types';
import { codeGrid, readInput } from './codeGrid';

const grid: Grid = {
  firstRow: 1,
  firstColumn: 1,
  values: [
    ['Visit', 'Drug', 'Dose', 'Route', 'Start', 'Stop', 'Dx', 'Necessity'],
    ['E1', 'ceftriaxone', '1 g', 'IV infusion', '09:00', '09:40', 'N39.0', 'UTI'],
    ['E1', 'ondansetron', '4 mg', 'IV push', '09:45', null, 'R11.2', 'nausea'],
    [null, null, null, null, null, null, null, null],
    ['E2', 'Zofran', '4 mg', 'IV push', '10:00', null, null, null],
  ],
};

describe('codeGrid', () => {
  it('reads, codes and plans a flat sheet', () => {
    const coded = codeGrid(grid)!;
    expect(coded.input.adapter).toBe('sheet');
    expect(coded.input.rows.map((r) => r.row)).toEqual([2, 3, 5]);
    expect(coded.result.rows.map((r) => r.row)).toEqual([2, 3, 5]);
    expect(coded.result.encounters.map((e) => e.id)).toEqual(['E1', 'E2']);
    expect(coded.plan.headerRow).toBe(1);
    expect(coded.plan.values).toHaveLength(4);
    expect(coded.plan.values[0][0]).toBe('96365');
    // The blank row gets blank derived cells.
    expect(coded.plan.values[2].every((v) => v === null)).toBe(true);
  });

  it('applies the mapping corrections and the options', () => {
    const coded = codeGrid(grid, { mapping: { necessity: null }, options: { setting: 'office' } })!;
    expect(coded.input.table.mapping.necessity).toBeUndefined();
    expect(coded.result.encounters[0].setting).toBe('office');
    expect(coded.result.rows[0].findings.map((f) => f.id)).toContain('missing-necessity');
  });

  it('is null when no adapter finds a table', () => {
    expect(codeGrid({ firstRow: 1, firstColumn: 1, values: [['a', 'b'], [1, 2]] })).toBeNull();
  });
});

/** An adapter of the kind an action log is: one administration from several source rows. */
const unknown: Finding = { id: 'unknown-action', severity: 'warning', row: 5, field: null, column: null, params: {}, message: 'Action not understood.' };
const twoRowAdapter: GridAdapter = {
  id: 'pairs',
  read(g) {
    const table = detectTable(g);
    if (!table) return null;
    const rows: InputRow[] = [
      { row: 2, sourceRows: [2, 3], values: { encounter: 'E1', drug: 'ceftriaxone', dose: '1 g', route: 'IV infusion', start: '09:00', stop: '09:40' } },
    ];
    const source: AdapterOutput = {
      kind: 'action-log',
      rows,
      notes: [
        { row: 2, role: 'opens', codesOn: 2, findings: [], note: '', encounterValues: { encounter: 'E1' } },
        { row: 3, role: 'part', codesOn: 2, findings: [], note: '', encounterValues: { encounter: 'E1' } },
        { row: 5, role: 'ignored', codesOn: null, findings: [unknown], note: 'Action not understood.', encounterValues: { encounter: 'E2' } },
      ],
      summary: 'Pairs: 3 rows in 1 administration',
      tables: (result) => [{ name: 'IC Pairs', headers: ['Rows'], rows: [[result.rows.length]] }],
    };
    return { adapter: 'pairs', table, rows, source };
  },
};

describe('codeGrid with an adapter that combines source rows', () => {
  const coded = codeGrid(grid, { adapters: [twoRowAdapter, flatSheet] })!;

  it('takes the first adapter that reads the grid, with its summary and tables', () => {
    expect(coded.input.adapter).toBe('pairs');
    expect(coded.summary).toMatch(/^Pairs/);
    expect(coded.tables()).toEqual([{ name: 'IC Pairs', headers: ['Rows'], rows: [[3]] }]);
  });

  it('maps the result back to every source row, and shows adapter findings where they are', () => {
    expect(coded.result.rows.map((r) => r.row)).toEqual([2, 3, 5]);
    expect(coded.plan.values[0][0]).toBe('96365');
    const statusColumn = coded.plan.headers.indexOf('IC Status');
    const explanationColumn = coded.plan.headers.indexOf('IC Explanation');
    const findingsColumn = coded.plan.headers.indexOf('IC Findings');
    expect(coded.plan.values[1][0]).toBeNull();
    expect(coded.plan.values[1][explanationColumn]).toMatch(/row 2/);
    expect(coded.plan.values[3][findingsColumn]).toMatch(/^unknown-action: Action not understood/);
    expect(coded.plan.values[3][statusColumn]).toBe('Review');
  });

  it('falls back to the next adapter', () => {
    expect(readInput(grid, { adapters: [{ id: 'never', read: () => null }, flatSheet] })!.adapter).toBe('sheet');
  });
});
