/**
 * The CMS ASP pricing file (quarterly, "Payment Allowance Limits for Medicare Part B Drugs"): notice rows,
 * then `HCPCS Code, Short Description, HCPCS Code Dosage, Payment Limit, Vaccine AWP%, ...`. The payment
 * limit is per HCPCS billing unit (the dosage column).
 */
import type { DrugEntry, UnitUom } from '../rules/catalog/catalog';
import type { CellValue } from '../rules/types';
import { type ColumnSpec, decimalCommaColumn, editionOf, findHeader, money, procedureCode, SkippedRows, text, WrongTableError } from './header';
import type { TableInfo } from './tables';

export interface AspEntry {
  code: string;
  description: string;
  /** The billing unit as written (`10 MG`). */
  dosage: string;
  /** Medicare payment limit per billing unit, in dollars. */
  paymentLimit: number;
}

export interface AspTable {
  info: TableInfo;
  byCode: Map<string, AspEntry>;
}

export const ASP_COLUMNS = {
  code: { label: 'HCPCS Code', names: ['hcpcscode', 'hcpcs', 'code', 'hcpcscd'], required: true },
  description: { label: 'Short Description', names: ['shortdescription', 'description', 'shortdesc'], required: true },
  dosage: { label: 'HCPCS Code Dosage', names: ['hcpcscodedosage', 'dosage', 'hcpcsdosage'], required: true },
  limit: { label: 'Payment Limit', names: ['paymentlimit', 'paymentallowancelimit', 'paymentlimitamount'], required: true },
} satisfies Record<string, ColumnSpec>;

export function parseAspPricing(grid: readonly (readonly CellValue[])[], name: string): AspTable {
  const hit = findHeader(grid, ASP_COLUMNS);
  if (!hit) throw new WrongTableError('an ASP pricing file', ASP_COLUMNS, grid);
  const c = hit.columns;
  const byCode = new Map<string, AspEntry>();
  const skipped = new SkippedRows();
  const comma = decimalCommaColumn(grid.slice(hit.headerRow + 1).map((row) => row?.[c.limit!]));
  for (let r = hit.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const code = procedureCode(row[c.code!]);
    const limit = money(row[c.limit!], comma);
    if (!code || limit === null || limit < 0) {
      if (row.some((v) => text(v) !== '')) skipped.add(r, code ? `payment limit '${text(row[c.limit!])}' is not an amount` : `'${text(row[c.code!])}' is not an HCPCS code`);
      continue;
    }
    // One price per code: a second row for a code is named, never silently the price used.
    if (byCode.has(code)) {
      skipped.add(r, `${code} is listed again; the first row's payment limit is used`);
      continue;
    }
    byCode.set(code, { code, description: text(row[c.description!]), dosage: text(row[c.dosage!]), paymentLimit: limit });
  }
  return {
    info: { kind: 'asp', name, date: editionOf(grid.slice(0, hit.headerRow), name), rows: byCode.size, skipped: skipped.count, problems: skipped.problems },
    byCode,
  };
}

const UOMS: Record<string, UnitUom> = {
  mg: 'mg', milligram: 'mg', milligrams: 'mg', mcg: 'mcg', microgram: 'mcg', micrograms: 'mcg', g: 'g', gm: 'g',
  gram: 'g', grams: 'g', ml: 'ml', cc: 'ml', unit: 'units', units: 'units', iu: 'units', meq: 'meq',
};

/** `10 MG` -> 10 mg; null for dosages the catalog cannot bill by (`EA`, `VIAL`, blank). */
export function readDosage(dosage: string): { amount: number; uom: UnitUom } | null {
  const m = /^(\d*\.?\d+)?\s*([a-z]+)\b/.exec(dosage.trim().toLowerCase());
  if (!m) return null;
  const uom = UOMS[m[2]];
  return uom ? { amount: m[1] ? Number(m[1]) : 1, uom } : null;
}

const NOISE = new Set(['inj', 'injection', 'injectable', 'infusion', 'per', 'for', 'iv', 'im', 'sc', 'subq', 'intravenous', 'use']);

/** The drug words of a short description: `Inj pembrolizumab 1 mg` -> `pembrolizumab`. */
export function descriptionName(description: string): string {
  return description
    .toLowerCase()
    .replace(/\d*\.?\d+\s*(mg|mcg|g|gm|ml|units?|iu|meq)\b/g, ' ')
    .split(/[^a-z0-9-]+/)
    .filter((w) => w.length > 1 && !NOISE.has(w))
    .join(' ')
    .trim();
}

/**
 * Catalog entries for the ASP codes the catalog lacks, so a row naming the drug as the short description
 * does (`pembrolizumab`) finds the code and its billing unit. J9 codes are chemotherapy (class C).
 */
export function aspCatalogEntries(asp: AspTable, has: (code: string) => boolean): DrugEntry[] {
  const out: DrugEntry[] = [];
  for (const e of asp.byCode.values()) {
    if (has(e.code) || !/^[AJQ]\d{4}$/.test(e.code)) continue;
    const unit = readDosage(e.dosage);
    const name = descriptionName(e.description);
    if (!unit || name.length < 3) continue;
    out.push({
      name,
      synonyms: [e.description.toLowerCase()],
      hcpcs: e.code,
      unitAmount: unit.amount,
      unitUom: unit.uom,
      unitKind: 'per',
      drugClass: e.code.startsWith('J9') ? 'C' : 'T',
      antineoplastic: e.code.startsWith('J9') ? 'non-hormonal' : null,
      singleDose: false,
      effectiveFrom: null,
      effectiveTo: null,
      replaces: [],
      source: `CMS ASP pricing file ${asp.info.name}${asp.info.date ? ` (${asp.info.date})` : ''}`,
      notes: 'added from the ASP pricing file: the catalog had no row for this code',
    });
  }
  return out;
}
