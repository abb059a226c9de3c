import { emptyTableMessage, loadTables, problemLines, TABLE_KINDS } from './tables';

const drugMap = [
  ['name', 'synonyms', 'HCPCS', 'billing unit', 'class', 'single_dose'],
  ['zz-testmab', 'Testara', 'J9999', '10 mg', 'C', 'yes'],
  ['broken', '', '', '', '', ''],
];
const mue = [
  ['CMS MUE table'],
  ['HCPCS/CPT Code', 'MUE Value'],
  ['96365', 1],
  ['J9999', 20],
];

describe('loadTables', () => {
  it('loads every source into one tables object, with the problems of each', () => {
    const { tables, loads } = loadTables([
      { kind: 'drugMap', source: 'Map', grid: drugMap },
      { kind: 'mue', source: 'MUE', grid: mue },
    ]);
    expect(tables.catalog!.lookup('Testara')?.entry.hcpcs).toBe('J9999');
    // The built-in catalog is still behind the user's entries.
    expect(tables.catalog!.lookup('ceftriaxone')?.entry.hcpcs).toBe('J0696');
    expect(tables.mue!.get('J9999')).toBe(20);
    expect(loads.map((l) => l.rows)).toEqual([1, 2]);
    expect(loads[0].problems.length).toBeGreaterThan(0);
    expect(problemLines(loads)[0]).toMatch(/^Drug map \(Map\): /);
  });

  it('leaves the built-in tables in force for a source with no usable row, and says what it lacks', () => {
    const { tables, loads } = loadTables([{ kind: 'mue', source: 'x.csv', grid: [['nothing']] }]);
    expect(tables.mue).toBeUndefined();
    expect(loads[0].rows).toBe(0);
    expect(emptyTableMessage(loads[0])).toMatch(/^no MUE values found in the MUE file x\.csv: .*\(columns: HCPCS\/CPT Code, MUE Value\)$/);
  });

  it('loads a not-complex list replacing the built-in one (a kind added as one entry)', () => {
    const { tables, loads } = loadTables([{ kind: 'notComplex', source: 'nc.csv', grid: [['name', 'HCPCS'], ['zz-testmab', 'J9999']] }]);
    expect(loads[0].rows).toBe(1);
    expect(tables.notComplex!.rows.map((r) => r.hcpcs)).toEqual(['J9999']);
  });

  it('has a label, contents and columns for every kind', () => {
    for (const kind of Object.values(TABLE_KINDS)) {
      expect(kind.label).not.toBe('');
      expect(kind.columns).not.toBe('');
    }
  });
});
