/**
 * RULES.md §6 through the public API: one HCPCS line per drug per date of service, the dated catalog
 * (each code around its effective dates), unit sizes, J3490, bags, and JW/JZ with their dates and rounding.
 */
import { codeRows } from '../../src/rules';
import type { CodingOptionsInput, InputRow } from '../../src/rules';
import { DrugCatalog } from '../../src/rules/catalog/catalog';
import { parseDrugMap } from '../../src/rules/catalog/userMap';

type Line = Record<string, string | number | Date | null>;
const base = { encounter: 'E1', diagnosis: 'C50.911', necessity: 'documented need', site: 'L forearm' };

function run(lines: Line[], options?: CodingOptionsInput) {
  const rows: InputRow[] = lines.map((l, i) => ({ row: i + 2, values: { ...base, ...l } }));
  return codeRows(rows, options);
}
const hcpcs = (lines: Line[], options?: CodingOptionsInput): string[] =>
  run(lines, options).encounters.flatMap((e) => e.hcpcs.map((c) => `${c.code}${c.modifiers.length ? '-' + c.modifiers.join('-') : ''} x${c.units}`));
const ids = (lines: Line[], options?: CodingOptionsInput): string[] =>
  [...new Set(run(lines, options).rows.flatMap((r) => r.findings.map((f) => f.id)))].sort();

const sq = (drug: string, dose: string, date: string, extra: Line = {}): Line => ({ drug, dose, date, route: 'SQ', start: '09:00', ...extra });
const iv = (drug: string, dose: string, date: string, extra: Line = {}): Line => ({ drug, dose, date, route: 'IV infusion', start: '09:00', stop: '10:30', ...extra });

describe('the date of service picks the code (§6.2)', () => {
  it.each<[string, Line, string[]]>([
    ['pegfilgrastim 6 mg on the last day of J2505', sq('pegfilgrastim', '6 mg', '2021-12-31'), ['J2505 x1']],
    ['pegfilgrastim 6 mg on the first day of J2506 (0.5 mg)', sq('Neulasta', '6 mg', '2022-01-01'), ['J2506 x12']],
    ['hydromorphone 1 mg on the last day of J1170 (up to 4 mg)', { drug: 'hydromorphone', dose: '1 mg', date: '2024-09-30', route: 'IV push', start: '09:00' }, ['J1170 x1']],
    ['hydromorphone 1 mg on the first day of J1171 (0.1 mg)', { drug: 'Dilaudid', dose: '1 mg', date: '2024-10-01', route: 'IV push', start: '09:00' }, ['J1171 x10']],
    ['rituximab 700 mg on the last day of J9310 (100 mg)', iv('rituximab', '700 mg', '2018-12-31'), ['J9310 x7']],
    ['rituximab 700 mg on the first day of J9312 (10 mg)', iv('Rituxan', '700 mg', '2019-01-01'), ['J9312 x70']],
    ['methylprednisolone acetate 40 mg on the last day of J1030', { drug: 'Depo-Medrol', dose: '40 mg', date: '2024-03-31', route: 'IM', start: '09:00' }, ['J1030 x1']],
    ['methylprednisolone acetate 40 mg on the first day of J1010 (1 mg)', { drug: 'Depo-Medrol', dose: '40 mg', date: '2024-04-01', route: 'IM', start: '09:00' }, ['J1010 x40']],
  ])('%s', (_what, line, expected) => {
    expect(hcpcs([line])).toEqual(expected);
    expect(ids([line])).not.toContain('code-not-effective');
  });

  it('a date before every row of the drug: the current row with code-not-effective (warning)', () => {
    const before = iv('trastuzumab-strf', '440 mg', '2024-12-31');
    expect(hcpcs([before])).toEqual(['Q5146 x44']);
    const f = run([before]).rows[0].findings.find((x) => x.id === 'code-not-effective');
    expect(f?.severity).toBe('warning');
    expect(f?.field).toBe('drug');
    expect(f?.message).toMatch(/Q5146/);
    expect(ids([iv('Hercessi', '440 mg', '2025-01-01')])).not.toContain('code-not-effective');
  });

  it('a date after the last row of a drug with no successor: code-not-effective', () => {
    expect(ids([iv('metronidazole', '500 mg', '2023-06-30')])).not.toContain('code-not-effective');
    expect(ids([iv('metronidazole', '500 mg', '2023-07-01')])).toContain('code-not-effective');
  });

  it('two dates of service of one drug in one encounter: one line per date, each with its own code', () => {
    const lines = [sq('pegfilgrastim', '6 mg', '2021-12-31', { start: '23:00' }), sq('pegfilgrastim', '6 mg', '2022-01-01', { start: '23:00' })];
    expect(hcpcs(lines)).toEqual(['J2505 x1', 'J2506 x12']);
  });
});

describe('unit sizes of one drug (§6.1)', () => {
  it.each<[string, string, string, string[]]>([
    ['methotrexate sodium', '100 mg', '2026-03-02', ['J9260 x2']],
    ['methotrexate', '25 mg', '2026-03-02', ['J9250 x5']],
    ['Depo-Medrol 80', '80 mg', '2023-05-01', ['J1040 x1']],
    ['methylprednisolone acetate', '60 mg', '2023-05-01', ['J1020 x3']],
  ])('%s %s on %s', (drug, dose, date, expected) => {
    expect(hcpcs([{ drug, dose, date, route: 'IM', start: '09:00' }])).toEqual(expected);
  });
});

describe('one line per drug per date; J3490; bags (§6.1, §6.3)', () => {
  it('two doses of one drug on one date are summed, then rounded up once', () => {
    const lines = [
      { drug: 'ondansetron', dose: '4 mg', date: '2026-03-02', route: 'IV push', start: '09:00' },
      { drug: 'Zofran', dose: '2.5 mg', date: '2026-03-02', route: 'IV push', start: '11:00' },
    ];
    expect(hcpcs(lines)).toEqual(['J2405 x7']);
  });
  it('an unclassified drug is J3490 x1 with unclassified-drug, whatever the dose', () => {
    const line = { drug: 'famotidine', dose: '40 mg', date: '2026-03-02', route: 'IV push', start: '09:00' };
    expect(hcpcs([line])).toEqual(['J3490 x1']);
    expect(ids([line])).toContain('unclassified-drug');
  });
  it("an unclassified code a drug map gives a billing unit still needs the NDC (the code decides, not the unit)", () => {
    const [entry] = parseDrugMap([
      ['name', 'hcpcs', 'unit', 'class'],
      ['banana bag', 'J3490', '1 mL', 'T'],
    ]).entries;
    const catalog = DrugCatalog.builtIn().withEntries([entry]);
    const rows: InputRow[] = [{ row: 2, values: { ...base, drug: 'banana bag', dose: '500 mL', date: '2026-03-02', route: 'IV infusion', start: '09:00', stop: '10:00' } }];
    const result = codeRows(rows, {}, { catalog });
    expect(result.rows[0].findings.map((f) => f.id)).toEqual(expect.arrayContaining(['unclassified-drug', 'missing-ndc']));
    expect(result.rows[0].status).toBe('Error');
  });
  it.each<[string, string[]]>([
    ['1000 mL', ['J7030 x1']],
    ['500 mL', ['J7040 x1']],
    ['250 mL', ['J7050 x1']],
    ['2000 mL', ['J7030 x2']],
  ])('normal saline %s', (dose, expected) => {
    expect(hcpcs([{ drug: 'normal saline', dose, date: '2026-03-02', route: 'IV infusion', purpose: 'hydration', start: '09:00', stop: '11:00' }])).toEqual(expected);
  });
});

describe('JW / JZ (§6.5)', () => {
  // Infliximab J1745: 10 mg units, single-dose vials.
  const infl = (date: string, waste: string | null, dose = '350 mg', payer = 'Medicare'): Line => iv('Remicade', dose, date, { payer, waste });

  describe('JZ from 2023-07-01', () => {
    it('waste 0 on 2023-06-30: no modifier', () => expect(hcpcs([infl('2023-06-30', '0')])).toEqual(['J1745 x35']));
    it('waste 0 on 2023-07-01: JZ', () => expect(hcpcs([infl('2023-07-01', '0')])).toEqual(['J1745-JZ x35']));
    it('waste inside the rounded-up units on 2023-06-30: no modifier, no JW', () => expect(hcpcs([infl('2023-06-30', '5 mg', '345 mg')])).toEqual(['J1745 x35']));
    it('waste inside the rounded-up units on 2023-07-01: JZ, no JW', () => expect(hcpcs([infl('2023-07-01', '5 mg', '345 mg')])).toEqual(['J1745-JZ x35']));
  });

  describe('JW from 2017-01-01', () => {
    it('waste on 2016-12-31: no JW line, and blank waste is not asked for', () => {
      expect(hcpcs([infl('2016-12-31', '50 mg')])).toEqual(['J1745 x35']);
      expect(ids([infl('2016-12-31', null)])).not.toContain('missing-waste');
    });
    it('waste on 2017-01-01: a JW line with the waste units', () => expect(hcpcs([infl('2017-01-01', '50 mg')])).toEqual(['J1745 x35', 'J1745-JW x5']));
    it('blank waste on 2017-01-01: missing-waste', () => expect(ids([infl('2017-01-01', null)])).toContain('missing-waste'));
  });

  describe('waste rounding', () => {
    it.each<[string, string, string[]]>([
      // RULES.md example: 3.5 mg given, 0.5 mg discarded, per-1-mg code -> 4 units, JZ.
      ['3.5 mg', '0.5 mg', ['J9205-JZ x4']],
      ['3.5 mg', '0.6 mg', ['J9205 x4', 'J9205-JW x1']],
      ['3.5 mg', '1.5 mg', ['J9205 x4', 'J9205-JW x1']],
      ['3.5 mg', '1.6 mg', ['J9205 x4', 'J9205-JW x2']],
      ['4 mg', '0', ['J9205-JZ x4']],
      ['4 mg', '39 mg', ['J9205 x4', 'J9205-JW x39']],
    ])('irinotecan liposome %s given, %s discarded', (dose, waste, expected) => {
      expect(hcpcs([iv('Onivyde', dose, '2026-03-02', { payer: 'Medicare', waste })])).toEqual(expected);
    });
    it('the JW line explains the discarded amount; JZ explains why no JW line', () => {
      const jw = run([iv('Onivyde', '3.5 mg', '2026-03-02', { payer: 'Medicare', waste: '1.6 mg' })]).encounters[0].hcpcs[1];
      expect(jw.explanation).toMatch(/1\.6 mg of irinotecan liposome discarded/);
      const jz = run([iv('Onivyde', '3.5 mg', '2026-03-02', { payer: 'Medicare', waste: '0.5 mg' })]).encounters[0].hcpcs[0];
      expect(jz.explanation).toMatch(/0\.5 mg discarded fits inside the 4 units/);
    });
  });

  it('blank waste on a Medicare single-dose drug: missing-waste, no modifier', () => {
    expect(hcpcs([infl('2026-03-02', null)])).toEqual(['J1745 x35']);
    expect(ids([infl('2026-03-02', null)])).toContain('missing-waste');
  });
  it('other payers and multi-dose containers get neither', () => {
    expect(hcpcs([infl('2026-03-02', '0', '350 mg', 'Aetna')])).toEqual(['J1745 x35']);
    expect(hcpcs([iv('carboplatin', '450 mg', '2026-03-02', { payer: 'Medicare', waste: '0' })])).toEqual(['J9045 x9']);
  });
  it('jwJzPayers option adds a payer', () => {
    expect(hcpcs([infl('2026-03-02', '0', '350 mg', 'Aetna')], { jwJzPayers: ['Medicare', 'Aetna'] })).toEqual(['J1745-JZ x35']);
  });
});

describe('unit sizes: the day total picks the unit, one line per drug per date', () => {
  it('methotrexate 25 mg + 75 mg on one date: 100 mg, J9260 x2', () => {
    const lines = [
      { drug: 'methotrexate', dose: '25 mg', date: '2026-03-02', route: 'IM', start: '09:00' },
      { drug: 'methotrexate sodium', dose: '75 mg', date: '2026-03-02', route: 'IM', start: '13:00' },
    ];
    expect(hcpcs(lines)).toEqual(['J9260 x2']);
  });
  it('Depo-Medrol 40 and methylprednisolone acetate 40 mg on 2023-05-01: 80 mg, J1040 x1', () => {
    const lines = [
      { drug: 'Depo-Medrol 40', dose: '40 mg', date: '2023-05-01', route: 'IM', start: '09:00' },
      { drug: 'methylprednisolone acetate', dose: '40 mg', date: '2023-05-01', route: 'IM', start: '13:00' },
    ];
    expect(hcpcs(lines)).toEqual(['J1040 x1']);
  });
});

describe('fluid volume from rate x time (§6.3)', () => {
  const ns = (extra: Line): Line => ({ drug: 'normal saline', date: '2026-03-02', route: 'IV infusion', purpose: 'hydration', start: '09:00', stop: '13:00', ...extra });
  it.each<[string, string, string[]]>([
    ['125 mL/hr', '13:00', ['J7040 x1']], // 4 h: 500 mL
    ['250 mL/hr', '13:00', ['J7030 x1']], // 1000 mL
    ['500 mL/hr', '13:00', ['J7030 x2']], // 2000 mL
    ['62.5 mL/hr', '13:00', ['J7050 x1']], // 250 mL
  ])('no volume documented, rate %s until %s', (rate, stop, expected) => {
    const lines = [ns({ rate, stop })];
    expect(hcpcs(lines)).toEqual(expected);
    expect(ids(lines)).not.toContain('missing-dose');
  });
  it('the explanation says the volume was computed', () => {
    const line = run([ns({ rate: '125 mL/hr' })]).encounters[0].hcpcs[0];
    expect(line.explanation).toMatch(/500 mL of normal saline \(125 mL\/hr for 240 min\)/);
  });
  it('a documented volume wins over the rate', () => {
    expect(hcpcs([ns({ rate: '125 mL/hr', dose: '1000 mL' })])).toEqual(['J7030 x1']);
  });
  it('no volume and no rate: missing-dose, no bag', () => {
    expect(hcpcs([ns({})])).toEqual([]);
    expect(ids([ns({})])).toContain('missing-dose');
  });
});

describe("rows picked by indication keep their code on the HCPCS line (the rules' pick, then the date)", () => {
  const lupron = (diagnosis: string, purpose: string, dose: string): Line => ({ drug: 'Lupron Depot', dose, date: '2026-03-02', route: 'IM', start: '09:00', diagnosis, purpose });
  it('leuprolide for prostate cancer: J9217 per 7.5 mg', () => expect(hcpcs([lupron('C61', 'chemotherapy', '22.5 mg')])).toEqual(['J9217 x3']));
  it('leuprolide for endometriosis: J1950 per 3.75 mg', () => expect(hcpcs([lupron('N80.0', 'therapeutic', '3.75 mg')])).toEqual(['J1950 x1']));
});
