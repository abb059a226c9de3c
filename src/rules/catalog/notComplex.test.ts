/** The built-in not-complex list is a faithful transcription of not-complex-injections.csv; the user's list replaces it. */
import * as fs from 'fs';
import * as path from 'path';
import { DrugCatalog, drugEntry } from './catalog';
import { BUILT_IN_NOT_COMPLEX, NotComplexList, parseNotComplexList } from './notComplex';
import { readCsv } from './testCsv';

const CSV_PATH = path.resolve(__dirname, '../../../test/fixtures/domain/not-complex-injections.csv');
const [header, ...rows] = readCsv(fs.readFileSync(CSV_PATH, 'utf8')).filter((r) => r.some((c) => c.trim() !== ''));
const catalog = DrugCatalog.builtIn();
const list = NotComplexList.builtIn();
// canakinumab, luspatercept and tildrakizumab are listed but not in the 2026 catalog: a user's row stands in.
const code = (hcpcs: string) => catalog.entries.find((e) => e.hcpcs === hcpcs) ?? drugEntry({ name: 'a user drug', hcpcs });

test('every row, every column, in order', () => {
  expect(header).toEqual(['name', 'hcpcs', 'source', 'notes']);
  expect(BUILT_IN_NOT_COMPLEX.map((r) => [r.name, r.hcpcs ?? '', r.source, r.notes])).toEqual(rows.map((r) => r.map((c) => c.trim())));
});

test('the same CSV read as a user file gives the same list', () => {
  const { list: parsed, problems } = parseNotComplexList([header, ...rows]);
  expect(problems).toEqual([]);
  expect(parsed?.rows).toEqual(BUILT_IN_NOT_COMPLEX);
});

describe('has', () => {
  test.each(['J0897', 'J2357', 'J1442', 'J2506', 'J0717', 'J2182', 'J0517', 'J0638', 'J0896', 'J2353', 'J3245', 'J1950', 'J3315'])('listed code %s', (hcpcs) => {
    expect(list.has(code(hcpcs))).toBe(true);
  });

  test.each([
    ['Q5101', 'filgrastim-sndz (Zarxio): "and its biosimilars"'],
    ['Q5110', 'filgrastim-aafi'],
    ['Q5108', 'pegfilgrastim-jmdb'],
    ['Q5111', 'pegfilgrastim-cbqv (Udenyca)'],
    ['J2505', "pegfilgrastim's code before 2022"],
  ])('%s is covered: %s', (hcpcs) => {
    expect(list.has(code(hcpcs))).toBe(true);
  });

  test.each([
    ['J2354', 'octreotide non-depot: only the depot is listed'],
    ['J9217', 'leuprolide for cancer (J9217): only J1950 is listed'],
    ['J9355', 'trastuzumab'],
    ['J1745', 'infliximab'],
  ])('%s is not covered: %s', (hcpcs) => {
    expect(list.has(code(hcpcs))).toBe(false);
  });
});

describe("the user's list", () => {
  test('replaces the built-in one; a name alone matches the drug, its synonyms and biosimilars', () => {
    const { list: mine, problems } = parseNotComplexList([
      ['Our not-complex list'],
      ['Drug', 'HCPCS code', 'Comment'],
      ['infliximab', '', 'and its biosimilars'],
      ['Xolair', '', ''],
      ['', 'J9355', ''],
      ['bad code', '96372', ''],
      ['', '', 'a note alone'],
    ]);
    expect(problems).toEqual([
      "Not-complex list row 6 (bad code): '96372' is not an HCPCS code like J1234; row skipped.",
      'Not-complex list row 7: no drug name and no HCPCS code; row skipped.',
    ]);
    expect(mine?.has(code('J1745'))).toBe(true);
    expect(mine?.has(code('Q5103'))).toBe(true); // infliximab-dyyb
    expect(mine?.has(code('J2357'))).toBe(true); // omalizumab, by its brand
    expect(mine?.has(code('J9355'))).toBe(true);
    expect(mine?.has(code('J0897'))).toBe(false); // the built-in list is replaced, not extended
  });

  test.each<[unknown, string]>([
    [[], 'No header row with a drug name or HCPCS column was found in the not-complex list.'],
    [[['Name', 'HCPCS']], 'The not-complex list has a header row but no drugs.'],
    [null, 'The not-complex list is empty.'],
  ])('no usable row: a problem, no list (%#)', (grid, problem) => {
    expect(parseNotComplexList(grid as never)).toEqual({ list: null, problems: [problem] });
  });
});
