/**
 * The claims tables as kinds of the pipeline's one user-table loader (src/pipeline/tables.ts): each parses a
 * grid (a file's table, a worksheet, the copy saved in the workbook) into `tables.claims`. A file of the
 * wrong kind is one problem naming what it has; the caller's message names the columns expected.
 */
import type { CodingTables } from '../rules';
import type { CellValue } from '../rules/types';
import { ASP_COLUMNS, parseAspPricing } from './asp';
import { CROSSWALK_COLUMNS, parseNdcCrosswalk } from './crosswalk';
import { FEE_COLUMNS, parseFeeSchedule } from './fees';
import { RefusedTableError, WrongTableError, type ColumnSpec } from './header';
import { PAYER_TABLE_COLUMNS, parsePayerProfiles } from './payers';
import { parsePtpEdits, PTP_COLUMNS, type PtpTable } from './ptp';
import { parseRevenueCodes, REVENUE_COLUMNS } from './revenue';
import type { ClaimsTables } from './tables';

type Tables = CodingTables & { claims?: ClaimsTables };

/** The claims table kinds, in the order the pane lists them. */
export const CLAIMS_KIND_IDS = ['asp', 'ndcCrosswalk', 'ptp', 'fees', 'payers', 'revenueCodes'] as const;
export type ClaimsKindId = (typeof CLAIMS_KIND_IDS)[number];
type Load = (grid: CellValue[][], tables: Tables, source: string) => { rows: number; problems: string[] };

/** The file name of a path or sheet name (no Node `path`: the task pane bundles this too). */
export function baseName(source: string): string {
  return source.replace(/^.*[\\/]/, '');
}

function columnList(specs: Record<string, ColumnSpec>): string {
  return Object.values(specs)
    .filter((s) => s.required)
    .map((s) => s.label)
    .join(', ');
}

/** Runs a parser; a file of the wrong kind becomes its one problem. */
function guarded(parse: (grid: CellValue[][], tables: ClaimsTables, name: string) => { rows: number; problems: string[] }): Load {
  return (grid, tables, source) => {
    const claims = (tables.claims ??= {});
    try {
      return parse(grid, claims, baseName(source));
    } catch (err) {
      if (err instanceof WrongTableError) {
        const found = err.found.length ? `its widest row has: ${err.found.join(', ')}` : 'it has no rows';
        return { rows: 0, problems: [`it is not ${err.kind}, no header row names the columns (${found})`] };
      }
      if (err instanceof RefusedTableError) return { rows: 0, problems: [err.message] };
      throw err;
    }
  };
}

export const CLAIMS_TABLE_KINDS = {
  asp: {
    label: 'ASP pricing file',
    contents: 'ASP payment limits',
    columns: columnList(ASP_COLUMNS),
    load: guarded((grid, claims, name) => {
      claims.asp = parseAspPricing(grid, name);
      return { rows: claims.asp.byCode.size, problems: [] };
    }),
  },
  ndcCrosswalk: {
    label: 'NDC-HCPCS crosswalk',
    contents: 'NDCs',
    columns: columnList(CROSSWALK_COLUMNS),
    load: guarded((grid, claims, name) => {
      claims.crosswalk = parseNdcCrosswalk(grid, name);
      return { rows: claims.crosswalk.byNdc.size, problems: [] };
    }),
  },
  ptp: {
    label: 'NCCI PTP file',
    contents: 'PTP edits',
    columns: columnList(PTP_COLUMNS),
    // A grid holds a filtered file (`infusion-coder tables ptp`): every pair it has is kept.
    load: guarded((grid, claims, name) => {
      const table: PtpTable = parsePtpEdits(grid, name, () => true);
      claims.ptp = [...(claims.ptp ?? []), table];
      return { rows: table.info.rows, problems: table.info.problems ?? [] };
    }),
  },
  fees: {
    label: 'fee schedule',
    contents: 'prices',
    columns: columnList(FEE_COLUMNS),
    load: guarded((grid, claims, name) => {
      claims.fees = parseFeeSchedule(grid, name);
      return { rows: claims.fees.prices.size, problems: [] };
    }),
  },
  payers: {
    label: 'payer profile table',
    contents: 'payers',
    columns: columnList(PAYER_TABLE_COLUMNS),
    load: guarded((grid, claims, name) => {
      const { table, problems } = parsePayerProfiles(grid, name);
      claims.payers = table;
      return { rows: table.profiles.length, problems };
    }),
  },
  revenueCodes: {
    label: 'revenue-code map',
    contents: 'revenue codes',
    columns: columnList(REVENUE_COLUMNS),
    load: guarded((grid, claims, name) => {
      const { map, problems } = parseRevenueCodes(grid, name);
      claims.revenueCodes = map;
      return { rows: map.info?.rows ?? 0, problems };
    }),
  },
} satisfies Record<string, { label: string; contents: string; columns: string; load: Load }>;
