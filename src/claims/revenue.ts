/**
 * UB-04 revenue codes for the claim lines (NUBC revenue code categories): 0260 IV therapy, 0335
 * chemotherapy administration IV, 0331 chemotherapy administration injected, 0636 drugs requiring
 * detailed coding, 0258 IV solutions. The user's map may change a category or name a code directly.
 */
import type { DrugEntry } from '../rules/catalog/catalog';
import { CHEMO_ADMINISTRATION_CODES } from '../rules/data/claimCodes';
import type { CellValue } from '../rules/types';
import { findHeader, procedureCode, text, WrongTableError, type ColumnSpec } from './header';
import type { TableInfo } from './tables';

export type RevenueCategory = 'iv-therapy' | 'chemo-iv' | 'chemo-injection' | 'drugs-detailed' | 'iv-solutions';

export const DEFAULT_REVENUE_CODES: Readonly<Record<RevenueCategory, string>> = Object.freeze({
  'iv-therapy': '0260',
  'chemo-iv': '0335',
  'chemo-injection': '0331',
  'drugs-detailed': '0636',
  'iv-solutions': '0258',
});

export interface RevenueCodeMap {
  info: TableInfo | null;
  categories: Record<RevenueCategory, string>;
  /** A revenue code for one CPT/HCPCS code, winning over its category. */
  byCode: Map<string, string>;
}

export function defaultRevenueCodes(): RevenueCodeMap {
  return { info: null, categories: { ...DEFAULT_REVENUE_CODES }, byCode: new Map() };
}

/** The category of a code line: chemotherapy administration (964xx-965xx) IV or injected, other administration, drugs, solutions. */
export function revenueCategory(kind: 'cpt' | 'hcpcs', code: string, entry: DrugEntry | null): RevenueCategory {
  if (kind === 'hcpcs') return entry?.drugClass === 'H' ? 'iv-solutions' : 'drugs-detailed';
  const n = Number(code);
  const chemo = CHEMO_ADMINISTRATION_CODES.values;
  if (n >= chemo.cptFrom && n <= chemo.cptTo) return chemo.injected.has(code) ? 'chemo-injection' : 'chemo-iv';
  return 'iv-therapy';
}

export function revenueCodeFor(map: RevenueCodeMap, kind: 'cpt' | 'hcpcs', code: string, entry: DrugEntry | null): string {
  return map.byCode.get(code) ?? map.categories[revenueCategory(kind, code, entry)];
}

export const REVENUE_COLUMNS = {
  key: { label: 'Category or Code', names: ['category', 'code', 'cpthcpcs', 'hcpcs', 'cpt', 'service'], required: true },
  revenue: { label: 'Revenue Code', names: ['revenuecode', 'revcode', 'revenue', 'ub04revenuecode'], required: true },
} satisfies Record<string, ColumnSpec>;

/** The user's map: rows of a category name (iv-therapy, chemo-iv, ...) or a code, and a 4-digit revenue code. */
export function parseRevenueCodes(grid: readonly (readonly CellValue[])[], name: string): { map: RevenueCodeMap; problems: string[] } {
  const hit = findHeader(grid, REVENUE_COLUMNS);
  if (!hit) throw new WrongTableError('a revenue-code map', REVENUE_COLUMNS, grid);
  const map = defaultRevenueCodes();
  const problems: string[] = [];
  let rows = 0;
  for (let r = hit.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const keyText = text(row[hit.columns.key!]);
    const revenue = text(row[hit.columns.revenue!]).padStart(4, '0');
    if (keyText === '') continue;
    if (!/^\d{4}$/.test(revenue)) {
      problems.push(`row ${r + 1}: revenue code '${text(row[hit.columns.revenue!])}' is not 4 digits`);
      continue;
    }
    const category = keyText.toLowerCase().replace(/[\s_]+/g, '-') as RevenueCategory;
    const code = procedureCode(row[hit.columns.key!]);
    if (category in map.categories) map.categories[category] = revenue;
    else if (code) map.byCode.set(code, revenue);
    else {
      problems.push(`row ${r + 1}: '${keyText}' is neither a category (${Object.keys(DEFAULT_REVENUE_CODES).join(', ')}) nor a code`);
      continue;
    }
    rows++;
  }
  map.info = { kind: 'revenue-codes', name, date: null, rows, skipped: problems.length };
  return { map, problems };
}
