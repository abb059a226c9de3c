import { DrugCatalog, editDistance, type DrugEntry } from './catalog';

const catalog = DrugCatalog.builtIn();

describe('lookup', () => {
  test.each<[string, string, string, boolean]>([
    // text, expected catalog name, HCPCS, guessed
    ['ceftriaxone', 'ceftriaxone', 'J0696', false],
    ['CEFTRIAXONE', 'ceftriaxone', 'J0696', false],
    ['Rocephin', 'ceftriaxone', 'J0696', false],
    ['ceftriaxone 1 g IVPB', 'ceftriaxone', 'J0696', false],
    ['cyanocobalamin (vitamin B12)', 'cyanocobalamin', 'J3420', false],
    ['vitamin B12', 'cyanocobalamin', 'J3420', false],
    ['immune globulin IV (Gammagard Liquid)', 'immune globulin (Gammagard Liquid)', 'J1569', false],
    ['IVIG (Privigen)', 'immune globulin (Privigen)', 'J1459', false],
    ['Zosyn', 'piperacillin-tazobactam', 'J2543', false],
    ['piperacillin/tazobactam', 'piperacillin-tazobactam', 'J2543', false],
    ['piperacillin tazobactam', 'piperacillin-tazobactam', 'J2543', false],
    ['ondansetron HCl', 'ondansetron', 'J2405', false],
    ['ondansetron hydrochloride', 'ondansetron', 'J2405', false],
    ['Zofran', 'ondansetron', 'J2405', false],
    ['dexamethasone sodium phosphate', 'dexamethasone', 'J1100', false],
    ['morphine sulfate', 'morphine', 'J2270', false],
    ['heparin sodium 5000 units', 'heparin', 'J1644', false],
    ['Solu-Medrol', 'methylprednisolone', 'J2930', false],
    ['methylprednisolone sodium succinate', 'methylprednisolone', 'J2930', false],
    ['potassium chloride', 'potassium chloride', 'J3480', false],
    ['KCl 20 mEq in NS 1000 mL', 'potassium chloride', 'J3480', false],
    ['magnesium sulfate', 'magnesium sulfate', 'J3475', false],
    ['magnesium', 'magnesium sulfate', 'J3475', false],
    ['sodium ferric gluconate', 'sodium ferric gluconate', 'J2916', false],
    ['infliximab', 'infliximab', 'J1745', false],
    ['infliximab-dyyb (Inflectra)', 'infliximab-dyyb', 'Q5103', false],
    ['Inflectra', 'infliximab-dyyb', 'Q5103', false],
    ['vancomycin/NS', 'vancomycin', 'J3370', false],
    ['Lactated Ringer\u2019s', "lactated Ringer's", 'J7120', false],
    ['NS 1000', 'normal saline 1000 mL', 'J7030', false],
    ['normal saline 500 mL', 'normal saline 500 mL', 'J7040', false],
    ['Gadavist', 'gadobutrol', 'A9585', false],
    // Contrast: the concentration picks the LOCM code.
    ['iohexol 350 mgI/mL (low-osmolar contrast)', 'low-osmolar contrast 300-399 mgI/mL', 'Q9967', false],
    ['iohexol 300', 'low-osmolar contrast 300-399 mgI/mL', 'Q9967', false],
    ['Omnipaque 240', 'low-osmolar contrast 200-299 mgI/mL', 'Q9966', false],
    ['iodixanol 270 mgI/mL', 'low-osmolar contrast 200-299 mgI/mL', 'Q9966', false],
    ['Isovue 370', 'low-osmolar contrast 300-399 mgI/mL', 'Q9967', false],
    ['Ultravist 370', 'low-osmolar contrast 300-399 mgI/mL', 'Q9967', false],
    ['iopromide 150', 'low-osmolar contrast 100-199 mgI/mL', 'Q9965', false],
    ['ioversol 160 mg I/mL', 'low-osmolar contrast 100-199 mgI/mL', 'Q9965', false],
    ['Optiray 320', 'low-osmolar contrast 300-399 mgI/mL', 'Q9967', false],
    ['iomeprol 400', '', '', false],
    ['iohexol 400 mgI/mL', 'low-osmolar contrast 400+ mgI/mL', 'Q9951', false],
    // Misspellings.
    ['vancomyacin', 'vancomycin', 'J3370', true],
    ['vancomycn 1 g', 'vancomycin', 'J3370', true],
    ['Rocefin', 'ceftriaxone', 'J0696', true],
    ['ondansteron', 'ondansetron', 'J2405', true],
    ['cefazolinn', 'cefazolin', 'J0690', true],
    ['ketorlac', 'ketorolac', 'J1885', true],
  ])('%p -> %p', (text, name, hcpcs, guessed) => {
    const m = catalog.lookup(text);
    if (name === '') {
      expect(m).toBeNull();
      return;
    }
    expect(m).not.toBeNull();
    expect(m?.entry.name).toBe(name);
    expect(m?.entry.hcpcs).toBe(hcpcs);
    expect(m?.guessed).toBe(guessed);
  });

  test.each([
    '',
    '   ',
    'xyz',
    'Tylenol',
    'ampicillin-sulbactam', // another drug: not ampicillin
    'infliximab-axxq', // a biosimilar the catalog does not hold
    'sodium bicarbonate',
    'calcium gluconate',
    'cefepime',
    'Keppra',
    'normal saline', // a fluid family: see fluid()
    'D5 1/2 NS 1000 mL', // half-strength saline is not NS
    'Omnipaque', // no concentration: no LOCM band
    'lsx', // too short to guess
    'furozemidexx', // 3 edits from furosemide
  ])('%p -> null', (text) => {
    expect(catalog.lookup(text)).toBeNull();
  });

  test('a match names the catalog spelling it matched', () => {
    expect(catalog.lookup('ROCEPHIN 1g')?.text).toBe('Rocephin');
    expect(catalog.lookup('vancomyacin')?.text).toBe('vancomycin');
  });

  test('results are cached per text', () => {
    expect(catalog.lookup('Zosyn')).toBe(catalog.lookup('Zosyn'));
  });

  test('odd input does not throw', () => {
    for (const v of [null, undefined, 5, {}, '(((', ')))', '\u0000', 'x'.repeat(10000), '- / - /'] as unknown[]) {
      expect(() => catalog.lookup(v as string)).not.toThrow();
      expect(() => catalog.fluid(v as string)).not.toThrow();
    }
  });

  test('builtIn is cached', () => {
    expect(DrugCatalog.builtIn()).toBe(catalog);
  });
});

describe('fluid', () => {
  const units = (text: string, ml: number): string[] =>
    (catalog.fluid(text)?.bags(ml) ?? []).map((b) => `${b.entry.hcpcs} x${b.units}`);

  test.each<[string, number, string[]]>([
    ['NS', 2000, ['J7030 x2']],
    ['NS', 1500, ['J7030 x1', 'J7040 x1']],
    ['NS', 1000, ['J7030 x1']],
    ['NS', 500, ['J7040 x1']],
    ['NS', 250, ['J7050 x1']],
    ['NS', 100, ['J7050 x1']],
    ['NS', 1750, ['J7030 x1', 'J7040 x1', 'J7050 x1']],
    ['NS', 600, ['J7040 x1', 'J7050 x1']],
    ['normal saline', 250, ['J7050 x1']],
    ['0.9% NaCl', 1000, ['J7030 x1']],
    ['sodium chloride 0.9%', 500, ['J7040 x1']],
    ['saline', 1000, ['J7030 x1']],
    ['NS bolus', 2000, ['J7030 x2']],
    ['LR', 1500, ['J7120 x2']],
    ['LR', 1000, ['J7120 x1']],
    ['lactated ringers', 500, ['J7120 x1']],
    ["Lactated Ringer's", 2000, ['J7120 x2']],
    ['D5W', 500, ['J7060 x1']],
    ['D5W', 1000, ['J7070 x1']],
    ['D5W', 1500, ['J7070 x1', 'J7060 x1']],
    ['dextrose 5%', 250, ['J7060 x1']],
    ['D5NS', 1000, ['J7042 x2']],
    ['D5 NS', 500, ['J7042 x1']],
    ['D5LR', 1000, ['J7121 x1']],
    ['D5/LR', 1500, ['J7121 x2']],
    ['NS', 0, []],
    ['NS', -5, []],
    ['NS', NaN, []],
  ])('%p %p mL -> %p', (text, ml, expected) => {
    expect(units(text, ml)).toEqual(expected);
  });

  test.each<[string, string, number | null]>([
    ['NS', 'normal saline', null],
    ['NS 1000', 'normal saline', 1000],
    ['normal saline 500 mL', 'normal saline', 500],
    ['NS 1,000 mL', 'normal saline', 1000],
    ['1 L NS', 'normal saline', 1000],
    ['D5W 500', 'dextrose 5% in water', 500],
    ['LR 1000 mL', "lactated Ringer's", 1000],
    ['D5NS', 'dextrose 5% in normal saline', null],
    ['D5LR', "dextrose 5% in lactated Ringer's", null],
  ])('%p is family %p with nameMl %p', (text, family, nameMl) => {
    const f = catalog.fluid(text);
    expect(f?.family).toBe(family);
    expect(f?.nameMl).toBe(nameMl);
  });

  test.each(['ceftriaxone', '3% saline', '0.45% NaCl', 'half normal saline', 'D5 1/2 NS', 'D10W', 'sterile water', ''])('%p is not a catalog fluid', (text) => {
    expect(catalog.fluid(text)).toBeNull();
  });
});

describe('withEntries', () => {
  const entry = (p: Partial<DrugEntry>): DrugEntry => ({
    name: 'x', synonyms: [], hcpcs: 'J3490', unitAmount: null, unitUom: null, unitKind: 'noc', drugClass: 'T', singleDose: false, notes: '', ...p,
  });

  test('adds new drugs and keeps the built-in ones', () => {
    const c = catalog.withEntries([entry({ name: 'cefepime', synonyms: ['Maxipime'], hcpcs: 'J0692', unitAmount: 500, unitUom: 'mg', unitKind: 'per' })]);
    expect(c.lookup('Maxipime')?.entry.hcpcs).toBe('J0692');
    expect(c.lookup('ceftriaxone')?.entry.hcpcs).toBe('J0696');
    expect(catalog.lookup('cefepime')).toBeNull();
  });

  test('a user entry with the same name replaces the built-in one, synonyms included', () => {
    const mine = entry({ name: 'Ceftriaxone', hcpcs: 'J0696', unitAmount: 1, unitUom: 'g', unitKind: 'per' });
    const c = catalog.withEntries([mine]);
    expect(c.lookup('ceftriaxone')?.entry).toBe(mine);
    expect(c.lookup('Rocephin')?.entry).toBe(mine);
    expect(c.entries.filter((e) => e.hcpcs === 'J0696')).toEqual([mine]);
  });

  test('a user synonym wins over a built-in name', () => {
    const mine = entry({ name: 'Ondansetron ODT', synonyms: ['Zofran'], hcpcs: 'Q0162', unitAmount: 1, unitUom: 'mg', unitKind: 'per' });
    const c = catalog.withEntries([mine]);
    expect(c.lookup('Zofran')?.entry).toBe(mine);
    expect(c.lookup('ondansetron')?.entry.hcpcs).toBe('J2405');
  });

  test("a user's class-H entry joins or forms a fluid family", () => {
    const c = catalog.withEntries([
      entry({ name: 'normal saline 100 mL', synonyms: ['NS 100'], hcpcs: 'J7050', unitAmount: 100, unitUom: 'ml', unitKind: 'per', drugClass: 'H' }),
      entry({ name: 'Plasma-Lyte A', synonyms: ['Plasmalyte'], hcpcs: 'J7799', unitAmount: 1000, unitUom: 'ml', unitKind: 'up_to', drugClass: 'H' }),
    ]);
    expect(c.fluid('NS')?.bags(1100).map((b) => [b.entry.name, b.units])).toEqual([
      ['normal saline 1000 mL', 1],
      ['normal saline 100 mL', 1],
    ]);
    expect(c.fluid('Plasmalyte 1000 mL')?.bags(1500).map((b) => [b.entry.hcpcs, b.units])).toEqual([['J7799', 2]]);
  });

  test('no extra entries returns the same catalog', () => {
    expect(catalog.withEntries([])).toBe(catalog);
  });
});

test.each<[string, string, number]>([
  ['vancomycin', 'vancomycin', 0],
  ['vancomyacin', 'vancomycin', 1],
  ['vancomicyn', 'vancomycin', 2],
  ['ab', 'ba', 1],
  ['ca', 'abc', 3],
])('editDistance(%p, %p) = %p', (a, b, d) => {
  expect(editDistance(a, b, 5)).toBe(d);
});
