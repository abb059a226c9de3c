/** The built-in catalog is a faithful transcription of drugs-2026.csv: every row, every column, in order. */
import * as fs from 'fs';
import * as path from 'path';
import { BIOSIMILAR_CODES } from '../data/drugNames';
import { DrugCatalog } from './catalog';
import { BUILT_IN_DRUGS } from './drugs2026';
import { DRUG_CATALOG, DRUG_CATALOG_EDITION } from './edition';
import { readCsv } from './testCsv';
import { parseDrugMap } from './userMap';

const CSV_PATH = path.resolve(__dirname, '../../../test/fixtures/domain/drugs-2026.csv');
const [header, ...rows] = readCsv(fs.readFileSync(CSV_PATH, 'utf8')).filter((r) => r.some((c) => c.trim() !== ''));
const COLUMNS = ['name', 'synonyms', 'hcpcs', 'unit_amount', 'unit_uom', 'unit_kind', 'class', 'antineoplastic', 'single_dose', 'effective_from', 'effective_to', 'replaces', 'source', 'notes'];
const cell = (r: string[], name: string): string => r[COLUMNS.indexOf(name)].trim();
const list = (text: string): string[] => text.split('|').map((s) => s.trim()).filter((s) => s !== '');
const orNull = (text: string): string | null => (text === '' ? null : text);

test('drugs-2026.csv has the edition-2 columns and 302 rows; the catalog has as many', () => {
  expect(header).toEqual(COLUMNS);
  expect(rows).toHaveLength(302);
  expect(BUILT_IN_DRUGS).toHaveLength(rows.length);
  expect(DRUG_CATALOG.rows).toBe(302);
  expect(DRUG_CATALOG_EDITION).toBe('drug catalog 2026 (302 rows)');
});

describe('row by row, every column', () => {
  test.each(rows.map((r, i) => [i + 2, cell(r, 'name'), cell(r, 'hcpcs'), r] as [number, string, string, string[]]))('line %d: %s %s', (line, _name, _code, r) => {
    const entry = BUILT_IN_DRUGS[line - 2];
    expect(entry.name).toBe(cell(r, 'name'));
    expect(entry.synonyms).toEqual(list(cell(r, 'synonyms')));
    expect(entry.hcpcs).toBe(cell(r, 'hcpcs'));
    expect(entry.unitAmount).toBe(cell(r, 'unit_amount') === '' ? null : Number(cell(r, 'unit_amount')));
    // The CSV writes mL once as `mL`: the catalog keeps one spelling.
    expect(entry.unitUom).toBe(orNull(cell(r, 'unit_uom').toLowerCase()));
    expect(entry.unitKind).toBe(cell(r, 'unit_kind'));
    expect(entry.drugClass).toBe(cell(r, 'class'));
    expect(entry.antineoplastic).toBe(orNull(cell(r, 'antineoplastic')));
    expect(entry.singleDose).toBe(cell(r, 'single_dose') === 'y');
    expect(entry.effectiveFrom).toBe(orNull(cell(r, 'effective_from')));
    expect(entry.effectiveTo).toBe(orNull(cell(r, 'effective_to')));
    expect(entry.replaces).toEqual(list(cell(r, 'replaces')));
    expect(entry.source).toBe(cell(r, 'source'));
    expect(entry.source).not.toBe('');
    expect(entry.notes).toBe(cell(r, 'notes'));
  });
});

test('every name and synonym finds its drug (today: the current row of that name)', () => {
  const catalog = DrugCatalog.builtIn();
  const misses: string[] = [];
  for (const entry of BUILT_IN_DRUGS) {
    for (const text of [entry.name, ...entry.synonyms]) {
      const found = catalog.lookup(text, '2026-06-01');
      if (!found || !catalog.versions(entry).includes(found.entry)) misses.push(`${text} -> ${found?.entry.hcpcs ?? 'nothing'} (want ${entry.hcpcs})`);
    }
  }
  expect(misses).toEqual([]);
});

test('drugs-2026.csv read as a user drug map gives the same entries (the map takes every column)', () => {
  const { entries, problems } = parseDrugMap([header, ...rows]);
  expect(problems.filter((p) => !p.includes('no billing unit'))).toEqual([]);
  expect(entries).toEqual(BUILT_IN_DRUGS);
});

describe('biosimilar suffixes (-xxxx): the suffixed name finds the biosimilar, the bare generic the reference product', () => {
  const catalog = DrugCatalog.builtIn();
  const SUFFIX = /^([a-z ]+)-([a-z]{4})$/;
  const biosimilars = BUILT_IN_DRUGS.filter((e) => SUFFIX.test(e.name));

  test('the catalog holds biosimilars of several reference products', () => {
    expect(biosimilars.length).toBeGreaterThan(20);
  });

  test.each(biosimilars.map((e) => [e.name, e.hcpcs] as [string, string]))('%s (%s)', (name, hcpcs) => {
    const [, base, suffix] = SUFFIX.exec(name)!;
    for (const text of [name, `${base} ${suffix}`, name.toUpperCase(), `${name} 440 mg`]) expect(catalog.lookup(text, '2026-06-01')?.entry.hcpcs).toBe(hcpcs);
    const reference = catalog.lookup(base, '2026-06-01');
    // A biosimilar is never the bare generic; a combination product (a name of several words) may be, and so may a
    // reference product named with its own suffix (`cemiplimab-rwlc`, Libtayo: no biosimilar code).
    if (reference && !base.includes(' ') && BIOSIMILAR_CODES.values.test(hcpcs)) expect(reference.entry.hcpcs).not.toBe(hcpcs);
    // A suffix the catalog does not hold is not the reference product's code ("excludes biosimilar").
    expect(catalog.lookup(`${base}-qqqq`, '2026-06-01')?.entry.hcpcs ?? null).not.toBe(reference?.entry.hcpcs ?? 'none');
  });

  test.each([
    ['trastuzumab', 'J9355'],
    ['rituximab', 'J9312'],
    ['bevacizumab', 'J9035'],
    ['infliximab', 'J1745'],
    ['filgrastim', 'J1442'],
    ['pegfilgrastim', 'J2506'],
    // Combination products: the suffix is the hyaluronidase's or the conjugate's, and there is one product.
    ['trastuzumab and hyaluronidase', 'J9356'],
    ['ocrelizumab and hyaluronidase', 'J2351'],
    ['polatuzumab vedotin', 'J9309'],
  ])('bare %s is the reference product %s', (text, hcpcs) => {
    expect(catalog.lookup(text, '2026-06-01')?.entry.hcpcs).toBe(hcpcs);
  });
});
