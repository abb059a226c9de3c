/**
 * Drugs a Medicare contractor lists for 96372 instead of 96401/96402 (RULES.md 3.3), built in and replaceable
 * by the user (CodingTables.notComplex). Matched by catalog name words or HCPCS code.
 *
 * Source: shared/domain/not-complex-injections.csv (NGS A58620 reminder; Independence/AmeriHealth 21-3144;
 * MCD A54682; Vitalware), vendored as test/fixtures/domain/not-complex-injections.csv.
 */
import type { DrugEntry } from '../catalog/catalog';

export const NOT_COMPLEX_EDITION = 'not-complex-injections.csv (NGS A58620, 2026 domain edition)';

export interface NotComplexRow {
  name: string;
  hcpcs: string;
}

export const BUILT_IN_NOT_COMPLEX: readonly NotComplexRow[] = [
  { name: 'denosumab', hcpcs: 'J0897' },
  { name: 'omalizumab', hcpcs: 'J2357' },
  { name: 'filgrastim', hcpcs: 'J1442' },
  { name: 'pegfilgrastim', hcpcs: 'J2506' },
  { name: 'certolizumab pegol', hcpcs: 'J0717' },
  { name: 'mepolizumab', hcpcs: 'J2182' },
  { name: 'benralizumab', hcpcs: 'J0517' },
  { name: 'canakinumab', hcpcs: 'J0638' },
  { name: 'luspatercept', hcpcs: 'J0896' },
  { name: 'octreotide (depot)', hcpcs: 'J2353' },
  { name: 'rilonacept', hcpcs: '' },
  { name: 'tildrakizumab', hcpcs: 'J3245' },
  { name: 'leuprolide acetate 3.75 mg (non-oncologic)', hcpcs: 'J1950' },
  { name: 'triptorelin pamoate', hcpcs: 'J3315' },
];

/** A predicate over catalog entries: listed by code, or by the first word of the listed name (biosimilars too). */
export function notComplexTest(rows: readonly NotComplexRow[]): (entry: DrugEntry) => boolean {
  const codes = new Set(rows.map((r) => r.hcpcs.toUpperCase()).filter((c) => c.length > 0));
  // A plain generic name also covers its biosimilars and brands (`pegfilgrastim-cbqv`); a qualified one
  // (`octreotide (depot)`, `leuprolide acetate 3.75 mg (non-oncologic)`) only its code.
  const stems = new Set(rows.filter((r) => !/[(\d]/.test(r.name)).map((r) => r.name.toLowerCase().split(/[^a-z]+/)[0]).filter((w) => w.length > 3));
  const cache = new Map<DrugEntry, boolean>();
  return (entry) => {
    let hit = cache.get(entry);
    if (hit === undefined) {
      const stem = entry.name.toLowerCase().split(/[^a-z]+/)[0];
      hit = codes.has(entry.hcpcs.toUpperCase()) || stems.has(stem);
      cache.set(entry, hit);
    }
    return hit;
  };
}
