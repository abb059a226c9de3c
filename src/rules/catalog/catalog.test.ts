import { DrugCatalog, drugEntry, editDistance, type DrugEntry } from './catalog';

const catalog = DrugCatalog.builtIn();

describe('lookup', () => {
  test.each<[string, string, boolean]>([
    // text, HCPCS, guessed
    ['ceftriaxone', 'J0696', false],
    ['CEFTRIAXONE', 'J0696', false],
    ['Rocephin', 'J0696', false],
    ['ceftriaxone 1 g IVPB', 'J0696', false],
    ['cyanocobalamin (vitamin B12)', 'J3420', false],
    ['vitamin B12', 'J3420', false],
    ['immune globulin IV (Gammagard Liquid)', 'J1569', false],
    ['IVIG (Privigen)', 'J1459', false],
    ['Zosyn', 'J2543', false],
    ['piperacillin/tazobactam', 'J2543', false],
    ['piperacillin tazobactam', 'J2543', false],
    ['ondansetron HCl', 'J2405', false],
    ['ondansetron hydrochloride', 'J2405', false],
    ['Zofran', 'J2405', false],
    ['dexamethasone sodium phosphate', 'J1100', false],
    ['morphine sulfate', 'J2270', false],
    ['heparin sodium 5000 units', 'J1644', false],
    ['potassium chloride', 'J3480', false],
    ['KCl 20 mEq in NS 1000 mL', 'J3480', false],
    ['magnesium sulfate', 'J3475', false],
    ['magnesium', 'J3475', false],
    ['sodium ferric gluconate', 'J2916', false],
    ['infliximab', 'J1745', false],
    ['infliximab-dyyb (Inflectra)', 'Q5103', false],
    ['Inflectra', 'Q5103', false],
    ['vancomycin/NS', 'J3370', false],
    ['Lactated Ringer\u2019s', 'J7120', false],
    ['NS 1000', 'J7030', false],
    ['normal saline 500 mL', 'J7040', false],
    ['Gadavist', 'A9585', false],
    // Contrast: the concentration picks the LOCM code.
    ['iohexol 350 mgI/mL (low-osmolar contrast)', 'Q9967', false],
    ['iohexol 300', 'Q9967', false],
    ['Omnipaque 240', 'Q9966', false],
    ['iodixanol 270 mgI/mL', 'Q9966', false],
    ['Isovue 370', 'Q9967', false],
    ['Ultravist 370', 'Q9967', false],
    ['iopromide 150', 'Q9965', false],
    ['ioversol 160 mg I/mL', 'Q9965', false],
    ['Optiray 320', 'Q9967', false],
    ['iohexol 400 mgI/mL', 'Q9951', false],
    // Misspellings.
    ['vancomyacin', 'J3370', true],
    ['vancomycn 1 g', 'J3370', true],
    ['Rocefin', 'J0696', true],
    ['ondansteron', 'J2405', true],
    ['cefazolinn', 'J0690', true],
    ['ketorlac', 'J1885', true],
    // Edition 2: new drugs, abbreviations, brands, biosimilar suffixes.
    ['ampicillin-sulbactam', 'J0295', false],
    ['Unasyn 3 g', 'J0295', false],
    ['cefepime', 'J0692', false],
    ['5-FU', 'J9190', false],
    ['5FU', 'J9190', false],
    ['5 FU 400 mg/m2 bolus', 'J9190', false],
    ['CPT-11', 'J9206', false],
    ['CPT11', 'J9206', false],
    ['leucovorin', 'J0640', false],
    ['folinic acid', 'J0640', false],
    ['Adrucil', 'J9190', false],
    ['trastuzumab', 'J9355', false],
    ['Herceptin', 'J9355', false],
    ['trastuzumab-strf', 'Q5146', false],
    ['Trastuzumab-STRF (Hercessi)', 'Q5146', false],
    ['trastuzumab strf', 'Q5146', false],
    ['Hercessi', 'Q5146', false],
    ['trastuzumab-anns 440 mg', 'Q5117', false],
    ['Kanjinti', 'Q5117', false],
    ['Herceptin Hylecta', 'J9356', false],
    ['trastuzumab and hyaluronidase-oysk', 'J9356', false],
    ['infliximab-axxq', 'Q5121', false],
    ['Avsola', 'Q5121', false],
    ['bevacizumab', 'J9035', false],
    ['bevacizumab-bvzr', 'Q5118', false],
    ['pegfilgrastim-jmdb', 'Q5108', false],
    ['Udenyca Onbody', 'Q5111', false],
    ['Neulasta Onpro', 'J2506', false],
    ['Lupron Depot', 'J9217', false],
    ['Lupron Depot 3.75', 'J1950', false],
    ['3% saline', 'J7131', false],
    ['hypertonic saline', 'J7131', false],
    ['heparin lock flush', 'J1642', false],
    ['Hep-Lock 100 units/mL', 'J1642', false],
    ['NS flush 10 mL', 'A4216', false],
    ['saline flush', 'A4216', false],
    ['Depo-Medrol', 'J1010', false],
  ])('%p -> %p', (text, hcpcs, guessed) => {
    const m = catalog.lookup(text);
    expect(m).not.toBeNull();
    expect(m?.entry.hcpcs).toBe(hcpcs);
    expect(m?.guessed).toBe(guessed);
  });

  test.each([
    '',
    '   ',
    'xyz',
    'Tylenol',
    'infliximab-zzzz', // a biosimilar the catalog does not hold: not the reference product
    'trastuzumab-xxxx',
    'sodium bicarbonate',
    'calcium gluconate',
    'Solu-Medrol', // methylprednisolone succinate: left out of the 2026 catalog (J2919 unit not found)
    'methylprednisolone sodium succinate', // not the acetate (J1010): the salt names another drug
    'iomeprol 400',
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

describe('names with a parenthesised qualifier', () => {
  test.each<[string, string, string[]]>([
    // text, first HCPCS, every candidate (the rules pick leuprolide's by indication)
    ['leuprolide', 'J9217', ['J9217', 'J1950']],
    ['leuprolide acetate 22.5 mg', 'J9217', ['J9217', 'J1950']],
    ['golimumab', 'J1602', ['J1602']],
    ['ustekinumab', 'J3358', ['J3358']],
  ])('%s -> %s', (text, hcpcs, candidates) => {
    const m = catalog.lookup(text, '2026-03-02');
    expect(m?.entry.hcpcs).toBe(hcpcs);
    expect(m?.candidates.map((e) => e.hcpcs)).toEqual(candidates);
  });

  test.each(['immune globulin', 'octreotide', 'darbepoetin alfa'])('%s names several products: not matched by the shared words', (text) => {
    expect(catalog.lookup(text, '2026-03-02')).toBeNull();
  });

  test('a plain row keeps its own name (daptomycin is J0878, not the Baxter product)', () => {
    expect(catalog.lookup('daptomycin', '2026-03-02')?.entry.hcpcs).toBe('J0878');
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
    ['LR 1000 mL', "lactated ringer's", 1000],
    ['D5NS', 'dextrose 5% in normal saline', null],
    ['D5LR', "dextrose 5% in lactated ringer's", null],
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
  const entry = (p: Partial<DrugEntry>): DrugEntry => drugEntry({ name: 'x', hcpcs: 'J3490', ...p });

  test('adds new drugs and keeps the built-in ones', () => {
    const c = catalog.withEntries([entry({ name: 'zanolimab', synonyms: ['Zanovia'], hcpcs: 'J9999', unitAmount: 50, unitUom: 'mg', unitKind: 'per' })]);
    expect(c.lookup('Zanovia')?.entry.hcpcs).toBe('J9999');
    expect(c.lookup('ceftriaxone')?.entry.hcpcs).toBe('J0696');
    expect(catalog.lookup('Zanovia')).toBeNull();
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
      ['normal saline 1000 ml', 1],
      ['normal saline 100 mL', 1],
    ]);
    expect(c.fluid('Plasmalyte 1000 mL')?.bags(1500).map((b) => [b.entry.hcpcs, b.units])).toEqual([['J7799', 2]]);
  });

  test('no extra entries returns the same catalog', () => {
    expect(catalog.withEntries([])).toBe(catalog);
  });
});

describe('withAdditions (codes a CMS file adds)', () => {
  const entry = (p: Partial<DrugEntry>): DrugEntry => drugEntry({ name: 'x', hcpcs: 'J3490', unitAmount: 1, unitUom: 'mg', unitKind: 'per', ...p });
  const acetate = entry({ name: 'dexamethasone acetate', synonyms: ['inj dexamethasone acetate'], hcpcs: 'J1094' });

  test('an added code takes only the names the catalog leaves free: its salt-free name stays the built-in drug', () => {
    const c = catalog.withAdditions([acetate]);
    expect(c.lookup('dexamethasone')?.entry.hcpcs).toBe('J1100');
    expect(c.lookup('Decadron')?.entry.hcpcs).toBe('J1100');
    expect(c.lookup('dexamethasone acetate')?.entry.hcpcs).toBe('J1094');
    expect(c.byHcpcs('J1094')).toBe(acetate);
    // withEntries (the user's map) would have put it first: the bare name taken over.
    expect(catalog.withEntries([acetate]).lookup('dexamethasone')?.entry.hcpcs).toBe('J1094');
  });

  test("the user's map keeps its names, and an addition never joins another drug's rows", () => {
    const mine = entry({ name: 'Decadron LA', synonyms: ['dexamethasone acetate'], hcpcs: 'J3490' });
    const c = catalog.withEntries([mine]).withAdditions([acetate]);
    expect(c.lookup('dexamethasone acetate')?.entry).toBe(mine);
    expect(c.withEntries([entry({ name: 'zanolimab', hcpcs: 'J9999' })]).lookup('inj dexamethasone acetate')?.entry).toBe(acetate);
    const sameName = catalog.withAdditions([entry({ name: 'dexamethasone sodium phosphate', hcpcs: 'J9998' })]);
    expect(sameName.lookup('dexamethasone sodium phosphate')?.entry.hcpcs).toBe('J1100');
    expect(sameName.versions(sameName.byHcpcs('J1100')!).map((e) => e.hcpcs)).toEqual(['J1100']);
  });

  test('no additions returns the same catalog', () => {
    expect(catalog.withAdditions([])).toBe(catalog);
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
