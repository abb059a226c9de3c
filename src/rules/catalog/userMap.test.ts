import type { CellValue } from '../types';
import { DrugCatalog, drugEntry } from './catalog';
import { parseDrugMap, parseMueFile } from './userMap';

describe('parseDrugMap', () => {
  test('reads a sheet with a title row, a billing-unit column and class words', () => {
    const grid: CellValue[][] = [
      ['Our drug map', null, null],
      [],
      ['Drug Name', 'Brand names', 'HCPCS Code', 'Billing Unit', 'Class', 'Single dose', 'Notes'],
      ['cefepime', 'Maxipime; Cefepime HCl', 'J0692', '500 mg', 'therapeutic', 'no', ''],
      ['gentamicin', '', 'j1580', 'up to 80 mg', 'T', '', ''],
      ['Plasma-Lyte A', 'Plasmalyte|PlasmaLyte', 'J7799', '1 L', 'fluid', '', 'up to'],
      ['trastuzumab', 'Herceptin', 'J9355', '10 mg', 'chemo', 'Y', ''],
      ['iopamidol 370', '', 'Q9967', '1 mL', 'contrast', 'false', ''],
      ['heparin', '', 'J1644', '1,000 units', 'T', 'TRUE', ''],
      ['famotidine', 'Pepcid', 'J3490', '', 'T', '0', 'unclassified'],
      [{ richText: [{ text: 'potassium chloride' }] } as unknown as CellValue, 'KCl', 'J3480', '2 mEq', 'H', 'n', ''],
    ];
    const { entries, problems } = parseDrugMap(grid);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.name, e.hcpcs, e.unitAmount, e.unitUom, e.unitKind, e.drugClass, e.singleDose])).toEqual([
      ['cefepime', 'J0692', 500, 'mg', 'per', 'T', false],
      ['gentamicin', 'J1580', 80, 'mg', 'up_to', 'T', false],
      ['Plasma-Lyte A', 'J7799', 1000, 'ml', 'per', 'H', false],
      ['trastuzumab', 'J9355', 10, 'mg', 'per', 'C', true],
      ['iopamidol 370', 'Q9967', 1, 'ml', 'per', 'X', false],
      ['heparin', 'J1644', 1000, 'units', 'per', 'T', true],
      ['famotidine', 'J3490', null, null, 'noc', 'T', false],
      ['potassium chloride', 'J3480', 2, 'meq', 'per', 'H', false],
    ]);
    expect(entries[0].synonyms).toEqual(['Maxipime', 'Cefepime HCl']);
    expect(entries[2].synonyms).toEqual(['Plasmalyte', 'PlasmaLyte']);
    const c = DrugCatalog.builtIn().withEntries(entries);
    expect(c.lookup('Maxipime 2 g')?.entry.hcpcs).toBe('J0692');
  });

  test('reads amount and uom columns (the drugs.csv layout)', () => {
    const { entries, problems } = parseDrugMap([
      ['name', 'synonyms', 'hcpcs', 'unit_amount', 'unit_uom', 'unit_kind', 'class', 'single_dose', 'notes'],
      ['meropenem', 'Merrem', 'J2185', 100, 'mg', 'per', 'T', '', '1 g = 10 units'],
      ['gentamicin', '', 'J1580', '80', 'mg', 'up_to', 'T', '', ''],
    ]);
    expect(problems).toEqual([]);
    expect(entries[0]).toEqual(
      drugEntry({ name: 'meropenem', synonyms: ['Merrem'], hcpcs: 'J2185', unitAmount: 100, unitUom: 'mg', unitKind: 'per', drugClass: 'T', notes: '1 g = 10 units' }),
    );
    expect(entries[1].unitKind).toBe('up_to');
  });

  test('bad rows are reported and skipped, not fatal', () => {
    const { entries, problems } = parseDrugMap([
      ['Name', 'HCPCS', 'Unit', 'Class', 'Single dose'],
      ['', 'J0696', '250 mg', 'T', ''],
      ['drug a', '12345', '250 mg', 'T', ''],
      ['drug b', 'J0001', '250 vials', 'T', ''],
      ['drug c', 'J0002', 'lots', 'T', ''],
      ['drug d', 'J0003', '0 mg', 'T', ''],
      ['drug e', 'J0004', '1 mg', 'antibiotic', ''],
      ['drug f', 'J0005', '1 mg', 'T', 'maybe'],
      ['drug g', 'J0006', '', 'T', ''],
      ['drug f', 'J0005', '2 mg', 'T', ''],
      ['drug f', 'J0007', '1 mg', 'T', ''],
      [null, null, null, null, null],
    ]);
    expect(entries.map((e) => `${e.name} ${e.hcpcs}`)).toEqual(['drug f J0005', 'drug g J0006', 'drug f J0007']);
    expect(problems).toEqual([
      'Drug map row 2: no drug name; row skipped.',
      "Drug map row 3 (drug a): '12345' is not an HCPCS code like J1234; row skipped.",
      "Drug map row 4 (drug b): billing unit '250 vials' has an unknown unit 'vials' (use mg, mcg, g, mL, units or mEq); row skipped.",
      "Drug map row 5 (drug c): billing unit 'lots' has an unknown unit 'lots' (use mg, mcg, g, mL, units or mEq); row skipped.",
      "Drug map row 6 (drug d): billing unit '0 mg' needs an amount above 0; row skipped.",
      "Drug map row 7 (drug e): class 'antibiotic' is not T, C, H, X or F (therapeutic, chemo/complex, hydration/fluid, contrast, line flush); row skipped.",
      "Drug map row 8 (drug f): single_dose 'maybe' is not yes or no; read as no.",
      'Drug map row 9 (drug g): no billing unit for J0006; billed as 1 unit per line like an unclassified code.',
      "Drug map row 10: 'drug f' J0005 is also on row 8; the first row wins.",
    ]);
  });

  test('sets every catalog column: class F, antineoplastic, dated rows, replaces, source', () => {
    const { entries, problems } = parseDrugMap([
      ['Drug', 'HCPCS', 'Unit', 'Class', 'Antineoplastic', 'Single dose', 'Effective from', 'Effective to', 'Replaces', 'Source'],
      ['goserelin', 'J9202', '3.6 mg', 'C', 'hormonal', '', '', '', '', 'our payer list 2026'],
      ['zanolimab', 'J9998', '10 mg', 'chemo', 'non-hormonal', 'y', '2025-07-01', '', 'J9997|C9399', ''],
      ['zanolimab', 'J9997', '100 mg', 'C', '', 'y', '', new Date(Date.UTC(2025, 5, 30)), '', ''],
      ['port flush', 'A4216', '10 mL', 'flush', '', '', '', '', '', ''],
      ['drug h', 'J0008', '1 mg', 'T', 'maybe', '', '', '', 'JW', ''],
      ['drug i', 'J0009', '1 mg', 'T', '', '', 'soon', '', '', ''],
      ['drug j', 'J0010', '1 mg', 'T', '', '', '2024-10-01', '2024-09-30', '', ''],
    ]);
    expect(entries.map((e) => [e.name, e.hcpcs, e.drugClass, e.antineoplastic, e.singleDose, e.effectiveFrom, e.effectiveTo, e.replaces, e.source])).toEqual([
      ['goserelin', 'J9202', 'C', 'hormonal', false, null, null, [], 'our payer list 2026'],
      ['zanolimab', 'J9998', 'C', 'non-hormonal', true, '2025-07-01', null, ['J9997', 'C9399'], ''],
      ['zanolimab', 'J9997', 'C', null, true, null, '2025-06-30', [], ''],
      ['port flush', 'A4216', 'F', null, false, null, null, [], ''],
      ['drug h', 'J0008', 'T', null, false, null, null, [], ''],
    ]);
    expect(problems).toEqual([
      "Drug map row 6 (drug h): antineoplastic 'maybe' is not hormonal or non-hormonal; read as blank.",
      "Drug map row 6 (drug h): replaces 'JW' is not an HCPCS code; ignored.",
      "Drug map row 7 (drug i): effective_from 'soon' is not a date like 2024-10-01; row skipped.",
      'Drug map row 8 (drug j): effective_to 2024-09-30 is before effective_from 2024-10-01; row skipped.',
    ]);
    // The user's dated rows pick the code by date of service like the built-in ones.
    const c = DrugCatalog.builtIn().withEntries(entries);
    expect(c.lookup('zanolimab', '2025-06-30')?.entry.hcpcs).toBe('J9997');
    expect(c.lookup('zanolimab', '2025-07-01')?.entry.hcpcs).toBe('J9998');
  });

  test.each<[CellValue[][], string]>([
    [[], 'No header row with a drug name column and an HCPCS column was found in the drug map.'],
    [[['drug', 'dose']], 'No header row with a drug name column and an HCPCS column was found in the drug map.'],
    [[['drug', 'hcpcs']], 'The drug map has a header row but no drugs.'],
  ])('%p', (grid, problem) => {
    expect(parseDrugMap(grid)).toEqual({ entries: [], problems: [problem] });
  });

  test('odd grids do not throw', () => {
    for (const g of [null, undefined, 5, [null], [[{}]], [[NaN, Infinity]]] as unknown[]) {
      expect(() => parseDrugMap(g as CellValue[][])).not.toThrow();
      expect(() => parseMueFile(g as CellValue[][])).not.toThrow();
    }
  });
});

describe('parseMueFile', () => {
  const cmsHeader = ['HCPCS/CPT Code', 'Outpatient Hospital Services MUE Values', 'MUE Adjudication Indicator', 'MUE Rationale'];

  test('skips the notice rows and reads code -> value', () => {
    const { table, problems } = parseMueFile([
      ['CPT codes, descriptions and other data only are copyright 2025 American Medical Association.'],
      ['Medically Unlikely Edits: Outpatient Hospital Services, effective 01/01/2026'],
      [],
      cmsHeader,
      ['96360', '1', '3 Date of Service Edit: Clinical', 'Nature of Service/Procedure'],
      [96361, 8, '3 Date of Service Edit: Clinical', 'Nature of Service/Procedure'],
      ['J1745', '150', '3 Date of Service Edit: Clinical', 'Prescribing Information'],
      ['0213T', '1', '2 Date of Service Edit: Policy', 'CMS Policy'],
    ]);
    expect(problems).toEqual([]);
    expect([...table]).toEqual([
      ['96360', 1],
      ['96361', 8],
      ['J1745', 150],
      ['0213T', 1],
    ]);
  });

  test('reports bad rows and duplicates', () => {
    const { table, problems } = parseMueFile([
      cmsHeader,
      ['96360', 'one', '', ''],
      ['hello', '1', '', ''],
      ['96366', '8', '', ''],
      ['96366', '9', '', ''],
      ['96367', '-1', '', ''],
    ]);
    expect([...table]).toEqual([['96366', 8]]);
    expect(problems).toEqual([
      "MUE file row 2 (96360): MUE value 'one' is not a whole number; row skipped.",
      "MUE file row 3: 'HELLO' is not a CPT/HCPCS code; row skipped.",
      'MUE file row 5: 96366 appears again; the first value (8) is kept.',
      "MUE file row 6 (96367): MUE value '-1' is not a whole number; row skipped.",
    ]);
  });

  test('no header', () => {
    expect(parseMueFile([['a', 'b']]).problems).toEqual([
      "No header row with an 'HCPCS/CPT Code' column and an 'MUE Values' column was found in the MUE file.",
    ]);
  });
});
