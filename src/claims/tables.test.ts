import { parseAspPricing, aspCatalogEntries, readDosage, descriptionName } from './asp';
import { parseNdcCrosswalk, ndcQuantityOf } from './crosswalk';
import { feeFor, parseFeeSchedule } from './fees';
import { editionOf, headerKey, money, WrongTableError } from './header';
import { normalizeNdc, ndcClaimLine } from './ndc';
import { parsePayerProfiles, profileFor, resolveProfiles, jwJzPayersOf, claimFormOf } from './payers';
import { activeEdit, parsePtpEdits, PtpReader } from './ptp';
import { parseRevenueCodes, revenueCategory } from './revenue';
import { DrugCatalog } from '../rules/catalog/catalog';

const ASP_NOTICE = [
  ['Payment Allowance Limits for Medicare Part B Drugs'],
  ['Effective January 1, 2026 through March 31, 2026'],
  ['CPT codes, descriptions and other data only are copyright 2025 American Medical Association.'],
  [],
];

describe('header matching', () => {
  it.each([
    ['HCPCS Code', 'hcpcscode'],
    ['_2026_CODE', 'code'],
    ['2025 CODE', 'code'],
    ['PKG SIZE', 'pkgsize'],
    ['Payment Limit', 'paymentlimit'],
  ])('%s -> %s', (header, key) => expect(headerKey(header)).toBe(key));

  it('reads the edition from the notice rows, else the file name', () => {
    expect(editionOf(ASP_NOTICE, 'x.csv')).toBe('2026-01');
    expect(editionOf([], 'April 2026 ASP Pricing File.csv')).toBe('2026-04');
    expect(editionOf([], 'asp-2026Q3.zip')).toBe('2026-07');
    expect(editionOf([], 'prices.csv')).toBeNull();
  });
});

describe('ASP pricing file', () => {
  const grid = [
    ...ASP_NOTICE,
    ['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit', 'Vaccine AWP%', 'Vaccine Limit', 'Blood AWP%', 'Blood Limit', 'Clotting Factor', 'Notes'],
    ['J9271', 'Inj pembrolizumab', '1 MG', '51.234', '', '', '', '', '', ''],
    ['J1100', 'Dexamethasone sodium phos', '1 MG', '0.095', '', '', '', '', '', ''],
    ['J9999', 'Not otherwise classified', 'NOC', 'N/A', '', '', '', '', '', ''],
  ];
  it('skips the notice rows, keeps each code with its payment limit, and names its date', () => {
    const asp = parseAspPricing(grid, 'asp.csv');
    expect(asp.byCode.get('J9271')).toEqual({ code: 'J9271', description: 'Inj pembrolizumab', dosage: '1 MG', paymentLimit: 51.234 });
    expect(asp.info).toEqual({ kind: 'asp', name: 'asp.csv', date: '2026-01', rows: 2, skipped: 1, problems: ["row 8: payment limit '' is not an amount"] });
  });
  it('matches renamed headers (lower case, underscores)', () => {
    const renamed = [['hcpcs_code', 'short_description', 'hcpcs_code_dosage', 'payment_limit'], ['J1100', 'Dexamethasone', '1 MG', '$0.10']];
    expect(parseAspPricing(renamed, 'a.csv').byCode.get('J1100')?.paymentLimit).toBe(0.1);
  });
  it('says which columns it expected when given another file', () => {
    const wrong = [['Drug', 'Dose'], ['x', '1']];
    expect(() => parseAspPricing(wrong, 'a.csv')).toThrow(WrongTableError);
    expect(() => parseAspPricing(wrong, 'a.csv')).toThrow(/not an ASP pricing file: expected a header row with the columns HCPCS Code, Short Description, HCPCS Code Dosage, Payment Limit \(its widest row has: Drug, Dose\)/);
  });
  it('adds the codes the catalog lacks, matchable by their description', () => {
    const asp = parseAspPricing([...grid, ['J9999', 'x', '1 MG', '1'], ['J9345', 'Inj retifanlimab-dlwr 1 mg', '1 MG', '80']], 'asp.csv');
    const catalog = DrugCatalog.builtIn();
    const added = aspCatalogEntries(asp, (c) => catalog.byHcpcs(c) !== null);
    const extended = catalog.withAdditions(added);
    expect(extended.lookup('retifanlimab-dlwr')?.entry.hcpcs).toBe('J9345');
    expect(extended.lookup('retifanlimab-dlwr')?.entry.drugClass).toBe('C');
    expect(added.some((e) => e.hcpcs === 'J1100')).toBe(false);
  });
  it('reads dosages and description words', () => {
    expect(readDosage('10 MG')).toEqual({ amount: 10, uom: 'mg' });
    expect(readDosage('1000 UNITS')).toEqual({ amount: 1000, uom: 'units' });
    expect(readDosage('EA')).toBeNull();
    expect(descriptionName('Inj pembrolizumab 1 mg')).toBe('pembrolizumab');
  });
});

describe('ASP NDC-HCPCS crosswalk', () => {
  const grid = [
    ['ASP NDC-HCPCS Crosswalk'],
    ['January 2026'],
    ['_2026_CODE', 'Short Description', 'LABELER NAME', 'NDC2', 'Drug Name', 'HCPCS dosage', 'PKG SIZE', 'PKG QTY', 'BILLUNITS', 'BILLUNITSPKG'],
    ['J9035', 'Inj bevacizumab 10 mg', 'GENENTECH', '50242-0060-01', 'AVASTIN', '10 MG', '4', '1', '10', '10'],
    ['J1756', 'Iron sucrose injection', 'AMERICAN REGENT', '00517-2340-10', 'VENOFER', '1 MG', '5', '10', '100', '1000'],
    ['J1100', 'Dexamethasone sodium phos', 'FRESENIUS', '63323-0165-01', 'DEXAMETHASONE', '1 MG', '1', '25', '4', '100'],
    ['J1100', 'bad', 'X', 'not an ndc', 'X', '1 MG', '1', '1', '1', '1'],
  ];
  it('indexes by 11-digit NDC with package data and the qualifier', () => {
    const cw = parseNdcCrosswalk(grid, 'cw.csv');
    expect(cw.info).toEqual({ kind: 'ndc-crosswalk', name: 'cw.csv', date: '2026-01', rows: 3, skipped: 1, problems: ["row 7: 'not an ndc' is not an NDC"] });
    const avastin = cw.byNdc.get('50242006001')!;
    expect(avastin).toMatchObject({ code: 'J9035', drugName: 'AVASTIN', pkgSize: 4, qualifier: 'ML', billUnits: 10, billUnitsPkg: 10 });
    // 400 mg of bevacizumab (40 units) from 100 mg / 4 mL vials: 4 vials, 16 mL.
    expect(ndcQuantityOf(avastin, 40)).toBe(16);
    // 200 mg of iron sucrose (200 units) from 100 mg / 5 mL vials (BILLUNITS per vial, as CMS's row says): 10 mL.
    expect(ndcQuantityOf(cw.byNdc.get('00517234010')!, 200)).toBe(10);
    expect(cw.byNdc.get('63323016501')?.qualifier).toBe('UN');
  });
  it('refuses an ASP pricing file', () => {
    expect(() => parseNdcCrosswalk([['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit']], 'x.csv')).toThrow(/expected a header row with the columns HCPCS code \(_2026_CODE\), NDC2, PKG SIZE, PKG QTY, BILLUNITS/);
  });
});

describe('NDC', () => {
  it.each([
    ['0409-4902-34', '00409490234'],
    ['50242-060-01', '50242006001'],
    ['50242-0060-1', '50242006001'],
    ['50242006001', '50242006001'],
    ['N450242006001', '50242006001'],
    ['5024206001', null],
    ['abc', null],
  ])('%s -> %s', (text, ndc) => expect(normalizeNdc(text)).toBe(ndc));
  it('writes the claim NDC line: N4, 11 digits, qualifier, quantity with at most 3 decimals', () => {
    expect(ndcClaimLine('50242006001', 'ML', 16)).toBe('N450242006001ML16');
    expect(ndcClaimLine('00409490234', 'UN', 1 / 3)).toBe('N400409490234UN0.333');
  });
});

describe('fee schedule', () => {
  const fees = parseFeeSchedule(
    [
      ['Chargemaster 2026'],
      ['CPT/HCPCS', 'Mod', 'Payer', 'Price'],
      ['96365', '', '', '$180.00'],
      ['96365', '59', '', '150'],
      ['96365', '', 'Aetna', '210'],
      ['J1100', '', '', '0.25'],
      ['junk', '', '', 'x'],
    ],
    'fees.csv',
  );
  it('prefers the payer (found in the claim payer\'s name) and the modifier, falls back to the plain code', () => {
    expect(feeFor(fees, '96365', [], 'Medicare')).toBe(180);
    expect(feeFor(fees, '96365', ['59'], 'Medicare')).toBe(150);
    // The payer's prices by its name found as words in the claim's payer, as payer profiles match.
    expect(feeFor(fees, '96365', [], 'Aetna PPO')).toBe(210);
    expect(feeFor(fees, '96365', [], 'aetna')).toBe(210);
    expect(feeFor(fees, '96365', [], 'Caetna')).toBe(180);
    expect(feeFor(fees, '96374', [], '')).toBeNull();
    expect(fees.info.rows).toBe(4);
    expect(fees.info.skipped).toBe(1);
  });
  it('tries every payer name found in the claim payer, longest first, then the general price', () => {
    const nested = parseFeeSchedule(
      [['Code', 'Payer', 'Amount'], ['96365', '', '150'], ['96365', 'Aetna', '200'], ['J1756', 'Aetna Medicare', '1.00'], ['96374', 'Aetna Medicare', '90'], ['96374', 'Aetna', '80']],
      'fees.csv',
    );
    // `Aetna Medicare` has no 96365 price: `Aetna`'s, not the general one.
    expect(feeFor(nested, '96365', [], 'Aetna Medicare Advantage')).toBe(200);
    expect(feeFor(nested, '96374', [], 'Aetna Medicare Advantage')).toBe(90);
    expect(feeFor(nested, 'J1756', [], 'Aetna Medicare Advantage')).toBe(1);
    expect(feeFor(nested, '96365', [], 'Cigna')).toBe(150);
  });
});

describe('payer profiles', () => {
  it('built-in JW/JZ follows jwJzPayers (backward compatible)', () => {
    expect(jwJzPayersOf(resolveProfiles({ jwJzPayers: ['Medicare'] }))).toEqual(['Medicare']);
    expect(jwJzPayersOf(resolveProfiles({ jwJzPayers: [] }))).toEqual([]);
    expect(jwJzPayersOf(resolveProfiles({ jwJzPayers: ['Medicare', 'Tricare'] }))).toEqual(['Medicare', 'Tricare']);
  });
  it('matches the longest profile name found in the payer as words', () => {
    const profiles = resolveProfiles({ jwJzPayers: ['Medicare'] }, [{ payer: 'Medicare Advantage', jwJz: false, ndcRequired: false, siteModifier: 'XU', modifier340b: 'none', claimForm: 'CMS-1500' }]);
    expect(profileFor(profiles, 'Humana Medicare Advantage').payer).toBe('Medicare Advantage');
    expect(profileFor(profiles, 'Medicare Part B').payer).toBe('Medicare');
    expect(profileFor(profiles, 'Texas Medicaid').ndcRequired).toBe(true);
    expect(profileFor(profiles, 'Aetna').payer).toBe('(other payers)');
  });
  it('reads the user table and reports bad cells', () => {
    const { table, problems } = parsePayerProfiles(
      [
        ['Payer', 'JW/JZ', 'NDC required', 'Site modifier', '340B modifier', 'Claim form'],
        ['Blue Cross', 'yes', 'no', 'XS', 'none', 'CMS-1500'],
        ['State Medicaid', 'n', 'y', '', 'JG', 'UB-04'],
        ['Odd', 'maybe', '', 'ZZ', '', 'fax'],
      ],
      'payers.csv',
    );
    expect(table.profiles[0]).toEqual({ payer: 'Blue Cross', jwJz: true, ndcRequired: false, siteModifier: 'XS', modifier340b: 'none', claimForm: 'CMS-1500' });
    expect(table.profiles[1]).toMatchObject({ ndcRequired: true, modifier340b: 'JG', claimForm: 'UB-04', siteModifier: null });
    expect(problems).toHaveLength(3);
    expect(claimFormOf(table.profiles[2], 'facility')).toBe('UB-04');
    expect(claimFormOf(table.profiles[2], 'office')).toBe('CMS-1500');
  });
});

describe('revenue codes', () => {
  it('defaults by category, and the user map changes a category or one code', () => {
    expect(revenueCategory('cpt', '96413', null)).toBe('chemo-iv');
    expect(revenueCategory('cpt', '96409', null)).toBe('chemo-injection');
    expect(revenueCategory('cpt', '96365', null)).toBe('iv-therapy');
    const { map, problems } = parseRevenueCodes([['Category', 'Revenue Code'], ['iv-therapy', '261'], ['96372', '0510'], ['nonsense', '0001'], ['chemo-iv', 'abc']], 'rev.csv');
    expect(map.categories['iv-therapy']).toBe('0261');
    expect(map.byCode.get('96372')).toBe('0510');
    expect(problems).toHaveLength(2);
  });
});

describe('odd prices and repeated rows in CMS files', () => {
  it('reads a decimal comma as European files write it; three digits after a comma group thousands', () => {
    expect([money('95,00'), money('0,5'), money('1.041,79'), money('$1,234.50'), money('25,479'), money('-5')]).toEqual([95, 0.5, 1041.79, 1234.5, 25479, -5]);
  });

  it('reads a file written with decimal commas as one: 25,479 beside 0,394 is 25.479 (limits have three decimals)', () => {
    const header = ['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'];
    const european = parseAspPricing([header, ['J2405', 'Ondansetron', '1 MG', '0,394'], ['J3370', 'Vancomycin', '500 MG', '25,479'], ['J1745', 'Infliximab', '10 MG', '1.041,790'], ['J7030', 'NS', '1000 CC', '11,90']], 'asp.csv');
    expect(['J2405', 'J3370', 'J1745', 'J7030'].map((c) => european.byCode.get(c)?.paymentLimit)).toEqual([0.394, 25.479, 1041.79, 11.9]);
    const american = parseAspPricing([header, ['J3370', 'Vancomycin', '500 MG', '25,479'], ['J1745', 'Infliximab', '10 MG', '1,041.790']], 'asp.csv');
    expect(['J3370', 'J1745'].map((c) => american.byCode.get(c)?.paymentLimit)).toEqual([25479, 1041.79]);
  });

  it('a negative payment limit, or a code listed twice, is skipped and named; the first price stands', () => {
    const grid = [['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'], ['J2405', 'Ondansetron', '1 MG', '0.10'], ['J3370', 'Vancomycin', '500 MG', '-5.00'], ['J2405', 'Ondansetron', '1 MG', '9.99']];
    const asp = parseAspPricing(grid, 'asp.csv');
    expect(asp.byCode.get('J2405')?.paymentLimit).toBe(0.1);
    expect(asp.byCode.has('J3370')).toBe(false);
    expect(asp.info.problems).toEqual(["row 3: payment limit '-5.00' is not an amount", "row 4: J2405 is listed again; the first row's payment limit is used"]);
  });

  it("an infusion log is not a payer table: its NDC, 340B and JW columns are not profile columns", () => {
    const log = [
      ['Visit #', 'MRN', 'Date of Service', 'Payer', 'Drug/Solution', 'Dose', 'Admin Route', 'Start Time', 'NDC', '340B', 'JW'],
      ['W1', 'MRN9', '2026-01-07', 'Medicare', 'iron sucrose', '150 mg', 'IV infusion', '09:00', '0517-2340-10', 'Y', '50 mg'],
    ];
    expect(() => parsePayerProfiles(log, 'input.csv')).toThrow(/^it looks like an infusion log \(its header has Drug\/Solution, Dose, Admin Route, Start Time\), not a payer profile table$/);
    expect(() => parsePayerProfiles(log.map((r) => [r[3], r[8], r[9], r[10]]), 'input.csv')).toThrow(/not a payer profile table: expected a header row with the columns Payer, and one of JW\/JZ/);
    expect(parsePayerProfiles([['Payer', 'NDC Required'], ['Medicaid', 'yes']], 'payers.csv').table.profiles[0]).toMatchObject({ payer: 'Medicaid', ndcRequired: true });
  });

  it('a table that names payers and nothing about them is not a payer table', () => {
    expect(() => parsePayerProfiles([['Code', 'Payer', 'Amount'], ['96365', 'Medicare', '150']], 'fees.csv')).toThrow(
      /not a payer profile table: expected a header row with the columns Payer, and one of JW\/JZ, NDC required/,
    );
  });
});

describe('NCCI PTP file', () => {
  const header = [
    ['CPT codes, descriptions and other data only are copyright 2025 American Medical Association. All rights reserved.'],
    ['Column 1', 'Column 2', '*=in existence prior to 1996', 'Effective Date', 'Deletion Date *=no data', 'Modifier 0=not allowed 1=allowed 9=not applicable', 'PTP Edit Rationale'],
    ['', '', '', '', '', '', ''],
  ];
  it('skips notice and header continuation rows, keeps drug-administration pairs', () => {
    const t = parsePtpEdits(
      [
        ...header,
        ['96365', '96360', '', '20100101', '*', '1', 'Misuse of column two code with column one code'],
        ['10021', '76942', '*', '19960101', '*', '0', 'Standards of medical/surgical practice'],
        ['96413', '96360', '', '20090101', '20151231', '1', 'CPT Manual or CMS manual coding instructions'],
        ['96413', 'x', '', '', '', '', ''],
      ],
      'ccipra-v321r0-f1.txt',
    );
    expect(t.kind).toBe('practitioner');
    expect(t.read).toBe(3);
    expect(t.info).toMatchObject({ kind: 'ptp', rows: 2, date: '2010-01', skipped: 1 });
    expect(activeEdit(t, '96365', '96360', 20260105)?.indicator).toBe(1);
    expect(activeEdit(t, '96413', '96360', 20151231)).not.toBeNull();
    expect(activeEdit(t, '96413', '96360', 20160101)).toBeNull();
    expect(activeEdit(t, '96365', '96360', 20091231)).toBeNull();
  });
  it('names the expected columns for another file', () => {
    const reader = new PtpReader('fees.csv');
    reader.push(['Code', 'Amount']);
    expect(() => reader.finish()).toThrow(/not an NCCI PTP edit file: expected a header row with the columns Column 1, Column 2, Effective Date, Deletion Date, Modifier/);
  });
  it('tells hospital files from practitioner files, by the CMS file name first', () => {
    const edits = [...header, ['96413', '96360', '', '20100101', '*', '1', 'Standards of medical / surgical practice']];
    expect(parsePtpEdits(edits, 'ccioph-v321r0-f1.txt').kind).toBe('hospital');
    expect(parsePtpEdits(edits, 'edits.csv').kind).toBe('any');
    const practitioner = [['For the hospital outpatient edits see the ccioph files.'], ...edits];
    expect(parsePtpEdits(practitioner, 'ccipra-v321r0-f9.txt').kind).toBe('practitioner');
  });

  it('skips and names a row whose dates or modifier indicator cannot be read; a file of such rows is refused', () => {
    const row = (deletion: string, modifier: string) => ['96374', '96361', '', '20100101', deletion, modifier, 'x'];
    const t = parsePtpEdits([...header, row('31.12.2015', '0'), row('*', ''), row('20101301', '1'), row('20151231', '0')], 'edits.csv');
    expect(t.info.rows).toBe(1);
    expect(t.info.skipped).toBe(3);
    expect(t.info.problems).toEqual([
      "row 4 (96374/96361): deletion date '31.12.2015' cannot be read",
      "row 5 (96374/96361): modifier indicator '' cannot be read",
      "row 6 (96374/96361): deletion date '20101301' cannot be read",
    ]);
    expect(activeEdit(t, '96374', '96361', 20260101)).toBeNull(); // deleted in 2015, never taken for permanent
    expect(() => parsePtpEdits([...header, row('31.12.2015', '0')], 'edits.csv')).toThrow(/no NCCI PTP edits found: none of its 1 edit rows could be read/);
    expect(() => parsePtpEdits(header, 'edits.csv')).toThrow(/it has a header but no edit rows/);
  });

  it("reads each edit's kind from a filtered file's Kind column, whatever its name or notices say", () => {
    const kindHeader = [['NCCI PTP edits filtered from ccipra-a.txt; ccioph-b.txt'], [...header[1], 'Kind']];
    const row = (column2: string, kind: string) => ['96413', column2, '', '20100101', '*', '0', 'x', kind];
    const t = parsePtpEdits([...kindHeader, row('96360', 'practitioner'), row('96361', 'Hospital'), row('96365', ''), row('96366', 'dentist')], 'ccioph-merged.csv');
    expect(t.kind).toBe('any');
    expect([...t.pairs.values()].flat().map((e) => [e.column2, e.kind])).toEqual([['96360', 'practitioner'], ['96361', 'hospital'], ['96365', 'any']]);
    expect(t.info.problems).toEqual(["row 6 (96413/96366): kind 'dentist' cannot be read"]);
    expect(activeEdit(t, '96413', '96360', 20260105, 'facility')).toBeNull();
    expect(activeEdit(t, '96413', '96360', 20260105, 'office')).not.toBeNull();
    expect(activeEdit(t, '96413', '96361', 20260105, 'office')).toBeNull();
    expect(activeEdit(t, '96413', '96365', 20260105, 'facility')).not.toBeNull();
    expect(parsePtpEdits([...kindHeader, row('96360', 'practitioner')], 'ccioph-merged.csv').kind).toBe('practitioner');
  });

  it('reads Excel date serials (a workbook read without its styles)', () => {
    const t = parsePtpEdits([...header, ['96374', '96361', '', 40179, 42369, '0', 'x']], 'edits.xlsx');
    expect(t.pairs.get('9637496361')?.[0]).toMatchObject({ effective: 20100101, deletion: 20151231 });
  });
});
