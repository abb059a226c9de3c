/**
 * The claims step on coded rows: every NCCI PTP case, each payer-profile switch, revenue codes, NDC lines
 * and amounts. Rows go through prepareClaims -> codeRows -> applyClaims, as the command line runs them.
 */
import { codeRows } from '../rules';
import { DrugCatalog, drugEntry } from '../rules/catalog/catalog';
import type { CodingOptionsInput } from '../rules/options';
import type { CellValue, Field, InputRow } from '../rules/types';
import { parseAspPricing } from './asp';
import { applyClaims, summarizeClaims } from './check';
import { parseNdcCrosswalk } from './crosswalk';
import { parseFeeSchedule } from './fees';
import type { PayerProfile } from './payers';
import { prepareClaims } from './prepare';
import { parsePtpEdits, ptpCsvRows, type PtpTable } from './ptp';
import type { ClaimsTables } from './tables';

type Values = Partial<Record<Field, CellValue>>;
const base: Values = { encounter: 'E1', date: '2026-01-05', payer: 'Medicare', setting: 'facility', necessity: 'nausea', diagnosis: 'R11.2' };

/** 96413 (row 2, left arm), 96361 x2 (row 3), 96374-59 (row 4, second site) on 2026-01-05. */
function visit(extra: Values = {}, push: Values = {}): InputRow[] {
  return [
    { row: 2, values: { ...base, ...extra, drug: 'infliximab', dose: '400 mg', waste: '0', route: 'IV infusion', purpose: 'therapeutic', start: '09:00', stop: '09:45', site: 'L arm' } },
    { row: 3, values: { ...base, ...extra, drug: 'normal saline 1000 mL', route: 'IV infusion', purpose: 'hydration', start: '09:45', stop: '11:30', site: 'L arm' } },
    { row: 4, values: { ...base, ...extra, drug: 'ondansetron', dose: '4 mg', route: 'IV push', purpose: 'therapeutic', start: '10:00', site: 'R hand', ...push } },
  ];
}

const PTP_HEADER = ['Column 1', 'Column 2', '*=in existence prior to 1996', 'Effective Date', 'Deletion Date *=no data', 'Modifier 0=not allowed 1=allowed 9=not applicable', 'PTP Edit Rationale'];
function ptp(name: string, ...edits: [string, string, string, string, string][]): PtpTable {
  return parsePtpEdits([['notice'], PTP_HEADER, ...edits.map(([c1, c2, eff, del, ind]) => [c1, c2, '', eff, del, ind, 'Misuse of column two code with column one code'])], name);
}

function run(rows: InputRow[], tables: ClaimsTables = {}, options: CodingOptionsInput = {}, catalog?: DrugCatalog) {
  const prepared = prepareClaims(rows, options, tables, catalog);
  const coded = codeRows(prepared.rows, prepared.options, { catalog: prepared.catalog });
  const result = applyClaims(prepared.rows, coded, { tables, options: prepared.options, catalog: prepared.catalog, profiles: prepared.profiles, findings: prepared.findings });
  const out = { result, summary: summarizeClaims(result, tables) };
  const row = (n: number) => out.result.rows.find((r) => r.row === n)!;
  const line = (n: number, code: string) => [...row(n).cpt, ...row(n).hcpcs].find((l) => l.code === code)!;
  const ids = (n: number) => row(n).findings.map((f) => f.id);
  return { ...out, row, line, ids };
}

describe('NCCI PTP check', () => {
  it('without a PTP file says the edits were not checked', () => {
    const r = run(visit());
    expect(r.summary.ptp).toMatchObject({ checked: false, encountersNotChecked: 1 });
    expect(r.summary.ptp.note).toMatch(/not checked/);
  });

  it('indicator 0: column 2 is bundled, not payable, with the rationale', () => {
    const fees = parseFeeSchedule([['Code', 'Amount'], ['96413', '200'], ['96361', '50']], 'fees.csv');
    const r = run(visit(), { ptp: [ptp('edits.csv', ['96413', '96361', '20100101', '*', '0'])], fees });
    expect(r.ids(3)).toContain('ptp-bundled');
    expect(r.row(3).findings.find((f) => f.id === 'ptp-bundled')!.message).toMatch(/96361 is bundled into 96413 on 2026-01-05.*Misuse of column two code/);
    expect(r.row(3).status).toBe('Review');
    expect(r.line(3, '96361').claim).toMatchObject({ payable: false, amount: 0 });
    expect(r.line(2, '96413').claim).toMatchObject({ payable: true, amount: 200 });
    expect(r.summary.ptp).toMatchObject({ checked: true, encountersChecked: 1 });
  });

  it('indicator 1 without a justified modifier: ptp-modifier-needed on column 2', () => {
    const r = run(visit(), { ptp: [ptp('edits.csv', ['96413', '96361', '20100101', '*', '1'])] });
    expect(r.ids(3)).toContain('ptp-modifier-needed');
    expect(r.line(3, '96361').modifiers).toEqual([]);
    expect(r.line(3, '96361').claim?.payable).toBe(true);
  });

  it('indicator 1 with a second access site: the modifier stays on column 2', () => {
    const r = run(visit(), { ptp: [ptp('edits.csv', ['96413', '96374', '20100101', '*', '1'])] });
    expect(r.line(4, '96374').modifiers).toEqual(['59']);
    expect(r.line(2, '96413').modifiers).toEqual([]);
    expect(r.ids(4)).not.toContain('ptp-modifier-needed');
  });

  it('indicator 1 with the site modifier on column 1: it moves to the column-2 code', () => {
    const r = run(visit(), { ptp: [ptp('edits.csv', ['96374', '96413', '20100101', '*', '1'])] });
    expect(r.line(2, '96413').modifiers).toEqual(['59']);
    expect(r.line(4, '96374').modifiers).toEqual([]);
    expect(r.result.encounters[0].cpt.find((l) => l.code === '96413')!.modifiers).toEqual(['59']);
  });

  it("indicator 1: a second encounter's 59 on column 1 stays there and justifies nothing within the encounter", () => {
    const hydration = (row: number, encounter: string, start: string, stop: string): InputRow => ({
      row, values: { ...base, encounter, patient: 'M1', drug: 'normal saline 1000 mL', route: 'IV infusion', purpose: 'hydration', start, stop, site: 'L arm' },
    });
    const r = run([hydration(2, 'E1', '07:00', '13:00'), hydration(3, 'E2', '15:00', '21:00')], { ptp: [ptp('edits.csv', ['96360', '96361', '20100101', '*', '1'])] });
    expect(r.line(3, '96360').explanation).toMatch(/separate encounter/);
    expect(r.line(3, '96360').modifiers).toEqual(['59']);
    expect(r.line(3, '96361').modifiers).toEqual([]);
    expect(r.ids(3)).toContain('ptp-modifier-needed');
    // The first encounter is told the same.
    expect(r.ids(2)).toContain('ptp-modifier-needed');
  });

  it.each([
    ['indicator 9', ['96413', '96361', '20100101', '*', '9']],
    ['a deleted edit', ['96413', '96361', '20100101', '20251231', '0']],
    ['an edit not yet in effect', ['96413', '96361', '20260401', '*', '0']],
  ] as const)('ignores %s', (_, edit) => {
    const r = run(visit(), { ptp: [ptp('edits.csv', [...edit])] });
    expect(r.ids(3)).not.toContain('ptp-bundled');
    expect(r.ids(3)).not.toContain('ptp-modifier-needed');
  });

  it('uses hospital files for facility claims and practitioner files for office claims', () => {
    const practitioner = ptp('ccipra-v321r0-f1.txt', ['96413', '96361', '20100101', '*', '0']);
    const facility = run(visit(), { ptp: [practitioner] });
    expect(facility.ids(3)).not.toContain('ptp-bundled');
    expect(facility.summary.ptp.note).toMatch(/1 encounters not checked \(no hospital file loaded\)/);
    const office = run(visit({ setting: 'office', primary: 'Y' }), { ptp: [practitioner] });
    expect(office.summary.ptp.encountersChecked).toBe(1);
  });

  it('a filtered file made from a practitioner and a hospital file keeps each edit to its own claims', () => {
    const practitioner = ptp('ccipra-v321r0-f1.txt', ['96413', '96361', '20100101', '*', '0']);
    const hospital = ptp('ccioph-v321r0-f1.txt', ['96413', '96374', '20100101', '*', '0']);
    // The notice row names both files (ccioph first would make it a hospital file): the Kind column decides.
    const merged = parsePtpEdits(ptpCsvRows([practitioner, hospital]), 'ptp-drug-admin.csv');
    expect(merged.kind).toBe('any');
    const facility = run(visit(), { ptp: [merged] });
    expect([facility.ids(3), facility.ids(4)]).toEqual([expect.not.arrayContaining(['ptp-bundled']), expect.arrayContaining(['ptp-bundled'])]);
    const office = run(visit({ setting: 'office', primary: 'Y' }), { ptp: [merged] });
    expect([office.ids(3), office.ids(4)]).toEqual([expect.arrayContaining(['ptp-bundled']), expect.not.arrayContaining(['ptp-bundled'])]);
    expect(facility.summary.ptp.encountersChecked + office.summary.ptp.encountersChecked).toBe(2);
  });
});

describe('payer profiles', () => {
  const medicaid = { payer: 'State Medicaid' };
  it('Medicaid: missing-ndc error on a drug line without an NDC', () => {
    const r = run(visit(medicaid));
    expect(r.ids(4)).toContain('missing-ndc');
    expect(r.row(4).status).toBe('Error');
    const withNdc = run(visit(medicaid, { ndc: '0409-4755-03' }));
    expect(withNdc.ids(4)).not.toContain('missing-ndc');
  });

  it('Medicaid: one finding per row naming every drug or solution code without an NDC, on the drug cell when the sheet has no NDC column', () => {
    const r = run(visit(medicaid));
    const on = (n: number) => r.row(n).findings.filter((f) => f.id === 'missing-ndc');
    expect(on(2).map((f) => [f.severity, f.field, f.message])).toEqual([
      ['error', 'drug', 'Medicaid requires the NDC on drug lines: J1745 has none; add the 11-digit NDC of the package given.'],
    ]);
    expect(on(3).map((f) => f.message)).toEqual(['Medicaid requires the NDC on drug lines: J7030 has none; add the 11-digit NDC of the package given.']);
    // A sheet with an NDC column: on the NDC cell; a drug with its NDC and a bag it was mixed into without one.
    const rows = visit(medicaid, { drug: 'ondansetron', dose: '4 mg in 250 mL NS', ndc: '0409-4755-03' }).map((x) => ({ ...x, columns: { drug: 'Drug', ndc: 'NDC' } }));
    const mixed = run(rows).row(4);
    expect(mixed.hcpcs.map((l) => [l.code, l.ndc])).toEqual([['J2405', '00409-4755-03'], ['J7050', undefined]]);
    expect(mixed.findings.filter((f) => f.id === 'missing-ndc').map((f) => [f.field, f.column, f.message])).toEqual([
      ['ndc', 'NDC', 'Medicaid requires the NDC on drug lines: J7050 has none; add the 11-digit NDC of the package given.'],
    ]);
  });

  it('Medicaid and a J3490 line without an NDC: the rules\' finding stands alone', () => {
    const r = run(visit(medicaid, { drug: 'famotidine', dose: '20 mg' }));
    expect(r.row(4).hcpcs.map((l) => l.code)).toEqual(['J3490']);
    expect(r.row(4).findings.filter((f) => f.id === 'missing-ndc').map((f) => f.params.variant)).toEqual(['unclassified']);
  });

  it('Medicare does not ask for an NDC; a user profile can', () => {
    expect(run(visit()).ids(4)).not.toContain('missing-ndc');
    const strict: PayerProfile = { payer: 'Medicare', jwJz: true, ndcRequired: true, siteModifier: null, modifier340b: 'none', claimForm: 'by-setting' };
    expect(run(visit(), { payers: { info: { kind: 'payers', name: 'p.csv', date: null, rows: 1, skipped: 0 }, profiles: [strict] } }).ids(4)).toContain('missing-ndc');
  });

  it('separate-site modifier: the payer profile replaces the option', () => {
    const xu: PayerProfile = { payer: 'Aetna', jwJz: false, ndcRequired: false, siteModifier: 'XU', modifier340b: 'none', claimForm: 'by-setting' };
    const r = run(visit({ payer: 'Aetna' }), { payers: { info: { kind: 'payers', name: 'p.csv', date: null, rows: 1, skipped: 0 }, profiles: [xu] } });
    expect(r.line(4, '96374').modifiers).toEqual(['XU']);
    expect(run(visit({ payer: 'Cigna' })).line(4, '96374').modifiers).toEqual(['59']);
  });

  it("the payer's site modifier leaves a second encounter's 59 alone (RULES.md 4: 59 or XE, never XU)", () => {
    const xu: PayerProfile = { payer: 'Medicare', jwJz: true, ndcRequired: false, siteModifier: 'XU', modifier340b: 'none', claimForm: 'by-setting' };
    const payers = { info: { kind: 'payers' as const, name: 'p.csv', date: null, rows: 1, skipped: 0 }, profiles: [xu] };
    const push = (row: number, encounter: string, start: string, site: string): InputRow => ({
      row, values: { ...base, encounter, patient: 'M1', drug: 'ondansetron', dose: '4 mg', route: 'IV push', purpose: 'therapeutic', start, site },
    });
    const r = run([push(2, 'E1', '09:00', 'L arm'), push(3, 'E2', '18:00', 'R arm')], { payers });
    expect(r.line(3, '96374').modifiers).toEqual(['59']);
    expect(r.line(3, '96374').explanation).toMatch(/separate encounter/);
    // A second site of one encounter still takes the payer's XU.
    expect(run(visit(), { payers }).line(4, '96374').modifiers).toEqual(['XU']);
  });

  it('JW/JZ: on for Medicare by default, off when the profile says so', () => {
    expect(run(visit()).line(2, 'J1745').modifiers).toContain('JZ');
    const off: PayerProfile = { payer: 'Medicare', jwJz: false, ndcRequired: false, siteModifier: null, modifier340b: 'none', claimForm: 'by-setting' };
    const r = run(visit(), { payers: { info: { kind: 'payers', name: 'p.csv', date: null, rows: 1, skipped: 0 }, profiles: [off] } });
    expect(r.line(2, 'J1745').modifiers).not.toContain('JZ');
    expect(run(visit(), {}, { jwJzPayers: [] }).line(2, 'J1745').modifiers).not.toContain('JZ');
  });

  it('340B: TB on separately payable drugs of 340B rows (column or setting), never on IV solutions', () => {
    const r = run(visit({ '340b': 'Y' }));
    expect(r.line(2, 'J1745').modifiers).toContain('TB');
    expect(r.line(4, 'J2405').modifiers).toContain('TB');
    expect(r.line(3, 'J7030').modifiers).not.toContain('TB');
    expect(run(visit()).line(2, 'J1745').modifiers).not.toContain('TB');
    expect(run(visit(), { all340b: true }).line(2, 'J1745').modifiers).toContain('TB');
    expect(run(visit({ payer: 'Cigna' }), { all340b: true }).line(2, 'J1745').modifiers).not.toContain('TB');
  });

  it('340B: the modifier of the date of service, JG before 2025 (CMS), none before 2018', () => {
    const modifiers = (date: string) => run(visit({ '340b': 'Y', date })).line(2, 'J1745').modifiers;
    expect(modifiers('2024-06-03')).toContain('JG');
    expect(modifiers('2024-06-03')).not.toContain('TB');
    expect(modifiers('2025-01-02')).toContain('TB');
    expect(modifiers('2017-06-01').filter((m) => m === 'JG' || m === 'TB')).toEqual([]);
  });

  it('claim form: UB-04 with revenue codes for facility claims, CMS-1500 without for office', () => {
    const r = run(visit());
    expect(r.line(2, '96413').claim).toMatchObject({ claimForm: 'UB-04', revenueCode: '0335' });
    expect(r.line(3, '96361').claim?.revenueCode).toBe('0260');
    expect(r.line(2, 'J1745').claim?.revenueCode).toBe('0636');
    expect(r.line(3, 'J7030').claim?.revenueCode).toBe('0258');
    const office = run(visit({ setting: 'office', primary: 'Y' }));
    expect(office.line(2, '96413').claim).toMatchObject({ claimForm: 'CMS-1500', revenueCode: null });
  });

  it('chemotherapy revenue codes: 0335 IV, 0331 injected', () => {
    const rows: InputRow[] = [
      { row: 2, values: { ...base, drug: 'cisplatin', dose: '50 mg', route: 'IV infusion', purpose: 'chemotherapy', start: '09:00', stop: '10:00' } },
      { row: 3, values: { ...base, drug: 'fluorouracil', dose: '500 mg', route: 'IV push', purpose: 'chemotherapy', start: '10:30' } },
    ];
    const r = run(rows);
    expect(r.line(2, '96413').claim?.revenueCode).toBe('0335');
    expect(r.line(3, '96411').claim?.revenueCode).toBe('0331');
  });
});

describe('NDC and amounts', () => {
  const crosswalk = parseNdcCrosswalk(
    [
      ['_2026_CODE', 'Short Description', 'LABELER NAME', 'NDC2', 'Drug Name', 'HCPCS dosage', 'PKG SIZE', 'PKG QTY', 'BILLUNITS', 'BILLUNITSPKG'],
      ['J2405', 'Ondansetron hcl injection', 'HIKMA', '0641-6078-25', 'ONDANSETRON', '1 MG', '2', '25', '4', '100'],
      ['J1745', 'Infliximab not biosimil 10mg', 'JANSSEN', '57894-0030-01', 'REMICADE', '10 MG', '1', '1', '10', '10'],
    ],
    'cw.csv',
  );
  const asp = parseAspPricing([['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'], ['J1745', 'Infliximab', '10 MG', '38.50'], ['J2405', 'Ondansetron', '1 MG', '0.05']], 'asp.csv');

  it('the NDC line: N4 + 11 digits + qualifier + quantity from the crosswalk package data', () => {
    const r = run(visit({}, { ndc: '0641-6078-25' }), { crosswalk });
    expect(r.line(4, 'J2405').claim?.ndc).toBe('N400641607825ML2');
    const rows = visit();
    rows[0].values.ndc = '57894-0030-01';
    const vial = run(rows, { crosswalk });
    expect(vial.line(2, 'J1745').claim?.ndc).toBe('N457894003001UN4');
  });

  it('the NDC line goes on the line whose row documents it, not on a bag a drug was mixed into', () => {
    const r = run(visit({}, { dose: '4 mg in 250 mL NS', ndc: '0641-6078-25' }), { crosswalk });
    expect(r.row(4).hcpcs.map((l) => [l.code, l.claim?.ndc])).toEqual([['J2405', 'N400641607825ML2'], ['J7050', null]]);
  });

  it('10 digits without hyphens: the crosswalk settles the layout when it lists one reading', () => {
    const cw = parseNdcCrosswalk(
      [
        ['_2026_CODE', 'Short Description', 'LABELER NAME', 'NDC2', 'Drug Name', 'HCPCS dosage', 'PKG SIZE', 'PKG QTY', 'BILLUNITS', 'BILLUNITSPKG'],
        ['J2405', 'Ondansetron hcl injection', 'FRESENIUS', '63323-0374-02', 'ONDANSETRON', '1 MG', '2', '25', '2', '100'],
      ],
      'cw.csv',
    );
    const settled = run(visit({}, { ndc: '6332337402' }), { crosswalk: cw });
    expect(settled.line(4, 'J2405').ndc).toBe('63323-0374-02');
    expect(settled.ids(4).filter((id) => /ndc/.test(id))).toEqual([]);
    const open = run(visit({}, { ndc: '6332337402' }));
    expect(open.ids(4)).toContain('ambiguous-ndc');
    expect(open.line(4, 'J2405').claim?.ndc).toBeNull();
  });

  it('an NDC picks its HCPCS code over the drug name, with a finding', () => {
    const r = run(visit({}, { drug: 'dexamethasone', ndc: '0641-6078-25' }), { crosswalk });
    expect(r.row(4).hcpcs.map((l) => l.code)).toEqual(['J2405']);
    expect(r.ids(4)).toContain('ndc-code-mismatch');
    const unknown = run(visit({}, { ndc: '1234-5678-90' }), { crosswalk });
    expect(unknown.ids(4)).toContain('unknown-ndc');
  });

  it('amount: fee schedule first, else ASP payment limit x units for drugs; nothing for CPT without a fee', () => {
    const r = run(visit(), { asp });
    expect(r.line(2, 'J1745').claim).toMatchObject({ amount: 1540, source: 'asp' });
    expect(r.line(4, 'J2405').claim).toMatchObject({ amount: 0.2, source: 'asp' });
    expect(r.line(2, '96413').claim?.amount).toBeNull();
    const fees = parseFeeSchedule([['Code', 'Amount'], ['J1745', '40']], 'fees.csv');
    expect(run(visit(), { asp, fees }).line(2, 'J1745').claim).toMatchObject({ amount: 1600, source: 'fee' });
    expect(r.summary.expectedPayment).toBe(1540.2);
    expect(r.summary.estimateNote).toMatch(/ASP pricing file asp.csv/);
  });

  it('amount: limit x units rounded half up to the cent, as a spreadsheet ROUND does (0.075 x 3 = 0.225 is 0.23)', () => {
    const header = ['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'];
    // In binary floating point 0.075 * 3 is 0.22499999999999998 and 0.145 * 1 * 100 is 14.499999999999998.
    const limits = parseAspPricing([header, ['J2405', 'Ondansetron hcl injection', '1 MG', '0.075'], ['J1100', 'Dexamethasone sodium phos', '1 MG', '0.145']], 'asp.csv');
    const ondansetron = run(visit({}, { dose: '3 mg' }), { asp: limits });
    expect([ondansetron.line(4, 'J2405').units, ondansetron.line(4, 'J2405').claim?.amount]).toEqual([3, 0.23]);
    const dex = run(visit({}, { drug: 'dexamethasone', dose: '1 mg' }), { asp: limits });
    expect([dex.line(4, 'J1100').units, dex.line(4, 'J1100').claim?.amount]).toEqual([1, 0.15]);
    expect(dex.summary.expectedPayment).toBe(0.15);
  });

  it("codes the ASP file adds never take a name the catalog or the user's drug map answers", () => {
    const header = ['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'];
    const dex = parseAspPricing([header, ['J1094', 'Inj dexamethasone acetate', '1 MG', '0.402'], ['J1100', 'Dexamethasone sodium phos', '1 MG', '0.118']], 'asp.csv');
    const rows = (drug: string) => visit({}, { drug, dose: '10 mg' });
    const plain = run(rows('dexamethasone'), { asp: dex }).line(4, 'J1100');
    expect([plain.units, plain.claim?.amount]).toEqual([10, 1.18]);
    expect(run(rows('dexamethasone acetate'), { asp: dex }).row(4).hcpcs.map((l) => l.code)).toEqual(['J1094']);
    const mine = DrugCatalog.builtIn().withEntries([drugEntry({ name: 'Decadron LA', synonyms: ['dexamethasone acetate'], hcpcs: 'J3490' })]);
    expect(run(rows('dexamethasone acetate'), { asp: dex }, {}, mine).row(4).hcpcs.map((l) => l.code)).toEqual(['J3490']);
  });

  it("scales an ASP limit written per another dosage than the catalog's unit: 0.40 per 4 mg is 0.10 a 1 mg unit", () => {
    const header = ['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'];
    const perFour = parseAspPricing([header, ['J2405', 'Ondansetron', '4 MG', '0.40']], 'asp.csv');
    const line = run(visit(), { asp: perFour }).line(4, 'J2405'); // 4 mg: 4 units of 1 mg
    expect([line.units, line.claim?.amount]).toEqual([4, 0.4]);
  });

  it("says when the ASP file is of another quarter than the dates of service it prices", () => {
    const header = ['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'];
    const april = parseAspPricing([['April 2026 ASP Pricing File'], header, ['J1745', 'Infliximab', '10 MG', '38.50'], ['J2405', 'Ondansetron', '1 MG', '0.05']], 'asp.csv');
    expect(april.info.date).toBe('2026-04');
    const r = run(visit(), { asp: april }); // dated 2026-01-05
    expect(r.summary.estimateNote).toMatch(/2 drug lines are dated outside the ASP file's quarter \(2026-04 to 2026-06\) and priced with it all the same/);
    expect(run(visit({ date: '2026-05-12' }), { asp: april }).summary.estimateNote).not.toMatch(/outside/);
  });
});
