/** RULES.md §6.2: the date of service picks the catalog row; candidates for drugs that differ by indication. */
import { DrugCatalog, drugEntry } from './catalog';
import { dayFromCivil } from '../values/date';

const catalog = DrugCatalog.builtIn();
const code = (text: string, date?: string | number | null): string => {
  const m = catalog.lookup(text, date);
  return m ? `${m.entry.hcpcs}${m.notEffective ? ' not-effective' : ''}` : 'none';
};

describe('each dated code around its effective dates', () => {
  test.each<[string, string, string]>([
    // pegfilgrastim: J2505 (6 mg) until 2021-12-31, J2506 (0.5 mg) from 2022-01-01
    ['pegfilgrastim', '2021-12-31', 'J2505'],
    ['Neulasta', '2022-01-01', 'J2506'],
    ['Neulasta Onpro', '2021-06-15', 'J2505'],
    // hydromorphone: J1170 (up to 4 mg) until 2024-09-30, J1171 (0.1 mg) from 2024-10-01
    ['hydromorphone', '2024-09-30', 'J1170'],
    ['Dilaudid', '2024-10-01', 'J1171'],
    ['hydromorphone HCl 1 mg', '2026-03-02', 'J1171'],
    // rituximab: J9310 (100 mg) until 2018-12-31, J9312 (10 mg) from 2019-01-01
    ['rituximab', '2018-12-31', 'J9310'],
    ['Rituxan', '2019-01-01', 'J9312'],
    // methylprednisolone acetate: J1020/J1030/J1040 until 2024-03-31, J1010 (1 mg) from 2024-04-01
    ['methylprednisolone acetate', '2024-03-31', 'J1020'],
    ['Depo-Medrol 40', '2024-03-31', 'J1030'],
    ['Depo-Medrol 80', '2024-03-31', 'J1040'],
    ['Depo-Medrol', '2024-04-01', 'J1010'],
    ['Depo-Medrol 40', '2024-04-01', 'J1010'],
    // trastuzumab-strf (Hercessi) Q5146 from 2025-01-01: earlier there is no row at all
    ['Hercessi', '2025-01-01', 'Q5146'],
    ['trastuzumab-strf', '2024-12-31', 'Q5146 not-effective'],
    // metronidazole S0030 ended 2023-06-30 and has no successor row
    ['metronidazole', '2023-06-30', 'S0030'],
    ['Flagyl IV', '2023-07-01', 'S0030 not-effective'],
  ])('%p on %s -> %s', (text, date, expected) => {
    expect(code(text, date)).toBe(expected);
  });

  test('a day number (days since 1970-01-01) works like yyyy-mm-dd', () => {
    expect(code('pegfilgrastim', dayFromCivil(2021, 12, 31))).toBe('J2505');
    expect(code('pegfilgrastim', dayFromCivil(2022, 1, 1))).toBe('J2506');
  });

  test('no date (or an unreadable one): the current row', () => {
    expect(code('pegfilgrastim')).toBe('J2506');
    expect(code('hydromorphone', null)).toBe('J1171');
    expect(code('rituximab', 'next week')).toBe('J9312');
    expect(code('metronidazole')).toBe('S0030');
  });

  test('a row replaced by another row in effect is not a candidate (eculizumab J1300 -> J1299)', () => {
    expect(code('Soliris', '2026-01-15')).toBe('J1299');
    expect(catalog.candidates('eculizumab', '2026-01-15').map((e) => e.hcpcs)).toEqual(['J1299']);
  });

  test('a plain drug has itself as its only candidate, on any date', () => {
    const m = catalog.lookup('ondansetron', '1999-01-01');
    expect(m?.candidates.map((e) => e.hcpcs)).toEqual(['J2405']);
    expect(m?.notEffective).toBe(false);
  });
});

describe('candidates: one name, several rows in effect', () => {
  test('leuprolide: J9217 (cancer, hormonal) and J1950 (other indications) for the rules to pick', () => {
    const m = catalog.lookup('leuprolide acetate (for depot suspension)', '2026-02-01');
    expect(m?.candidates.map((e) => [e.hcpcs, e.drugClass, e.antineoplastic])).toEqual([
      ['J9217', 'C', 'hormonal'],
      ['J1950', 'T', null],
    ]);
    expect(catalog.candidates('Lupron', '2026-02-01').map((e) => e.hcpcs)).toEqual(['J9217', 'J1950']);
  });

  test('methotrexate: two unit sizes', () => {
    expect(catalog.candidates('methotrexate sodium', '2026-02-01').map((e) => e.hcpcs)).toEqual(['J9250', 'J9260']);
  });

  test('an unknown text has no candidates', () => {
    expect(catalog.candidates('not a drug', '2026-02-01')).toEqual([]);
  });
});

describe('atDate keeps the row the rules picked when it is in effect', () => {
  const j1950 = catalog.entries.find((e) => e.hcpcs === 'J1950')!;
  const j2505 = catalog.entries.find((e) => e.hcpcs === 'J2505')!;

  test('J1950 chosen by indication stays J1950', () => {
    expect(catalog.atDate(j1950, '2026-01-01').entry).toBe(j1950);
  });

  test('a row out of effect moves to the row of the same class in effect', () => {
    expect(catalog.atDate(j2505, '2022-01-01').entry.hcpcs).toBe('J2506');
    expect(catalog.atDate(j2505, '2021-12-31').entry).toBe(j2505);
  });

  test("the user's rows: an open-ended row outside its dates is the current row, not effective", () => {
    const mine = drugEntry({ name: 'zanolimab', hcpcs: 'J9998', unitAmount: 10, unitUom: 'mg', unitKind: 'per', effectiveFrom: '2026-07-01' });
    const c = catalog.withEntries([mine]);
    expect(c.atDate(mine, '2026-06-30')).toEqual({ entry: mine, candidates: [mine], notEffective: true });
    expect(c.atDate(mine, '2026-07-01')).toEqual({ entry: mine, candidates: [mine], notEffective: false });
  });
});
