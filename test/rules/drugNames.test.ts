/**
 * Drug names and doses as sheets and EHR exports write them (the audit of names and doses): each case was coded
 * wrong before its fix (another drug's code, no drug line, or an unknown drug the catalog holds).
 */
import { codeRows } from '../../src/rules';
import type { InputRow } from '../../src/rules';

type Line = Record<string, string>;
const base = { encounter: 'E1', date: '2025-08-01', payer: 'Aetna', diagnosis: 'C50.911', necessity: 'documented need', site: 'L forearm' };
const iv = (drug: string, dose: string, extra: Line = {}): Line => ({ drug, dose, route: 'IV infusion', start: '09:00', stop: '10:00', ...extra });

function hcpcs(line: Line): string[] {
  const rows: InputRow[] = [{ row: 2, values: { ...base, ...line } }];
  return codeRows(rows).encounters.flatMap((e) => e.hcpcs.map((c) => `${c.code} x${c.units}`));
}

describe('a name that names another product is not the drug it contains', () => {
  it.each<[string, string]>([
    ['methylprednisolone', '125 mg'], // the IV form is the succinate (Solu-Medrol), left out of the catalog: not J1010
    ['methylPREDNISolone (SOLU-MEDROL) 125 mg/2 mL injection', '125 mg'],
    ['Darzalex Faspro', '1800 mg'], // daratumumab and hyaluronidase (J9144), not daratumumab J9145
    ['daratumumab and hyaluronidase-fihj', '1800 mg'],
    ['Tecentriq Hybreza', '1875 mg'],
    ['nivolumab and hyaluronidase-nvhy', '600 mg'],
    ['nivolumab and relatlimab', '480 mg'],
    ['trastuzumab deruxtecan', '400 mg'], // Enhertu (fam-trastuzumab deruxtecan-nxki), not trastuzumab J9355
    ['gemtuzumab ozogamicin', '3 mg'], // not a misspelt alemtuzumab
    ['teplizumab', '10 mg'], // not a misspelt mepolizumab
    ['vitamin D', '10 mg'], // not a misspelt vitamin K
  ])('%s -> no drug line', (drug, dose) => {
    expect(hcpcs(iv(drug, dose))).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ['Depo-Medrol', '80 mg', ['J1010 x80']],
    ['methylprednisolone acetate', '40 mg', ['J1010 x40']],
    ['Herceptin Hylecta', '600 mg', ['J9356 x60']],
    ['rituximab-hyaluronidase', '1400 mg', ['J9311 x140']],
    ['brentuximab vedotin', '126 mg', ['J9042 x126']],
    ['trastuzumab emtansine', '216 mg', ['J9354 x216']], // the INN of ado-trastuzumab emtansine: was J9355 x22
  ])('%s -> its own row', (drug, dose, expected) => {
    expect(hcpcs(iv(drug, dose))).toEqual(expected);
  });
});

describe('names a biller expects found', () => {
  it.each<[string, string, string[]]>([
    ['cemiplimab', '350 mg', ['J9119 x350']], // the reference product is cemiplimab-rwlc
    ['ravulizumab', '3300 mg', ['J1303 x330']],
    ['toripalimab', '240 mg', ['J3263 x240']],
    ['Vanc', '1 g', ['J3370 x2']],
    ['Mag sulfate', '2 g', ['J3475 x4']],
    ['MgSO4', '2 g', ['J3475 x4']],
    ['zoledronate', '4 mg', ['J3489 x4']],
  ])('%s %s -> %p', (drug, dose, expected) => {
    expect(hcpcs(iv(drug, dose))).toEqual(expected);
  });
  it('a bare biosimilar generic stays the reference product', () => {
    expect(hcpcs(iv('trastuzumab', '420 mg'))).toEqual(['J9355 x42']);
    expect(hcpcs(iv('natalizumab', '300 mg'))).toEqual(['J2323 x300']);
  });
});

describe('doses as charts write them', () => {
  it.each<[string, string, string[]]>([
    ['penicillin G benzathine', '2.4 million units', ['J0561 x24']], // 2,400,000 / 100,000
    ['penicillin G potassium', '5 million units', ['J2540 x9']], // 5,000,000 / 600,000 = 8.3 -> 9
    ['trastuzumab', '420 mg (6 mg/kg)', ['J9355 x42']],
    ['trastuzumab', '6 mg/kg (420 mg)', ['J9355 x42']],
    ['oxaliplatin', '170 mg (85 mg/m2)', ['J9263 x340']],
    ['oxaliplatin', '85 mg/m^2 x 2 m^2', ['J9263 x340']], // was 85 mg, 170 units
    ['iron sucrose 20 mg/mL', '10 mL', ['J1756 x200']], // 10 mL x 20 mg/mL
    ['ondansetron 4 mg/2 mL injection', '2 mL', ['J2405 x4']],
  ])('%s %s -> %p', (drug, dose, expected) => {
    expect(hcpcs(iv(drug, dose))).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['ondansetron (ZOFRAN) 4 mg/2 mL injection 4 mg', ['J2405 x4']],
    ['ketorolac (TORADOL) 30 mg/mL injection 15 mg', ['J1885 x1']],
    ['heparin 5,000 unit/mL injection 5,000 Units', ['J1644 x5']],
    ['enoxaparin (LOVENOX) 40 mg/0.4 mL injection 40 mg', ['J1650 x4']],
    ['magnesium sulfate 2 g/50 mL IVPB', ['J3475 x4']], // a strength alone is still the dose
  ])('an EHR display name with its strength and dose, no Dose cell: %s', (drug, expected) => {
    expect(hcpcs(iv(drug, ''))).toEqual(expected);
  });

  it('the bag a drug name states is listed whether the dose is in the name or in its own cell', () => {
    const name = 'vancomycin 1,250 mg in sodium chloride 0.9 % 250 mL IVPB';
    expect(hcpcs(iv(name, ''))).toEqual(['J3370 x3', 'J7050 x1']);
    expect(hcpcs(iv(name, '1,250 mg'))).toEqual(['J3370 x3', 'J7050 x1']);
    expect(hcpcs(iv('ceFAZolin (ANCEF) 2 g in dextrose 5% 100 mL', '2 g'))).toEqual(['J0690 x4']); // a minibag: not listed
  });
});
