/** The built-in catalog is a faithful transcription of shared/domain/drugs.csv. */
import * as fs from 'fs';
import * as path from 'path';
import { DrugCatalog } from './catalog';
import { BUILT_IN_DRUGS } from './drugs';
import { readCsv } from './testCsv';
import { parseDrugMap } from './userMap';

const CSV_PATH = path.resolve(__dirname, '../../../test/fixtures/domain/drugs.csv');
const [header, ...rows] = readCsv(fs.readFileSync(CSV_PATH, 'utf8')).filter((r) => r.some((c) => c.trim() !== ''));
const col = (name: string): number => header.indexOf(name);

test('drugs.csv has the expected columns', () => {
  expect(header).toEqual(['name', 'synonyms', 'hcpcs', 'unit_amount', 'unit_uom', 'unit_kind', 'class', 'single_dose', 'notes']);
  expect(rows.length).toBeGreaterThan(60);
});

describe('every drugs.csv row is in the built-in catalog', () => {
  test.each(rows.map((r) => [r[col('name')], r] as [string, string[]]))('%s', (name, r) => {
    const entry = BUILT_IN_DRUGS.find((e) => e.name === name);
    expect(entry).toBeDefined();
    if (!entry) return;
    expect(entry.hcpcs).toBe(r[col('hcpcs')]);
    expect(entry.unitAmount).toBe(r[col('unit_amount')] === '' ? null : Number(r[col('unit_amount')]));
    expect(entry.unitUom).toBe(r[col('unit_uom')] === '' ? null : r[col('unit_uom')]);
    expect(entry.unitKind).toBe(r[col('unit_kind')]);
    expect(entry.drugClass).toBe(r[col('class')]);
    expect(entry.singleDose).toBe(r[col('single_dose')] === 'y');
    expect(entry.synonyms).toEqual(r[col('synonyms')].split('|').filter((s) => s !== ''));
    expect(entry.notes).toBe(r[col('notes')]);
    // And the catalog finds it by its name and every synonym.
    const catalog = DrugCatalog.builtIn();
    for (const text of [name, ...entry.synonyms]) expect(catalog.lookup(text)?.entry).toBe(entry);
  });
});

test('the catalog adds only Q9951 to the CSV', () => {
  const names = new Set(rows.map((r) => r[col('name')]));
  expect(BUILT_IN_DRUGS.filter((e) => !names.has(e.name)).map((e) => e.hcpcs)).toEqual(['Q9951']);
});

test('drugs.csv read as a drug map gives the same entries', () => {
  const { entries, problems } = parseDrugMap([header, ...rows]);
  expect(problems.filter((p) => !p.includes('J3490'))).toEqual([]);
  expect(entries).toEqual(BUILT_IN_DRUGS.filter((e) => e.hcpcs !== 'Q9951'));
});
