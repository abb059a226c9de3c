/**
 * What a run shows the biller: counts by code family and by finding, the problems list with the cell each
 * problem points at, and the one-line summary of the command line. Pure; shared by every caller.
 */
import { DrugCatalog } from '../rules/catalog/catalog';
import type { CodingResult, Finding, FindingId, RowStatus, Severity } from '../rules/types';
import { cellAddress } from '../sheet/columns';
import type { DetectedTable, WritePlan } from '../sheet/types';

export interface Problem {
  id: FindingId;
  severity: Severity;
  row: number;
  /** 1-based sheet column of the cell to select: the finding's input column, else the Findings column. */
  column: number;
  /** Local A1 address of that cell. */
  address: string;
  /** The user's header of the column, or null when the finding is about the whole line. */
  header: string | null;
  message: string;
}

export interface FamilyCount {
  family: string;
  /** Claim lines (merged per encounter) and their units. */
  lines: number;
  units: number;
}

export interface FindingCount {
  id: FindingId;
  severity: Severity;
  count: number;
}

export interface RunSummary {
  rows: number;
  encounters: number;
  status: Record<RowStatus, number>;
  families: FamilyCount[];
  findings: FindingCount[];
  problems: Problem[];
}

/**
 * The code families a biller thinks in (CPT drug-administration ranges; HCPCS by the catalog's drug class,
 * so contrast agents such as gadolinium (class X) are never counted as drugs).
 */
export function codeFamily(kind: 'cpt' | 'hcpcs', code: string, catalog: DrugCatalog = DrugCatalog.builtIn()): string {
  if (kind === 'cpt') {
    const n = Number(code);
    if (n === 96360 || n === 96361) return 'Hydration';
    if (n === 96372) return 'Injection (IM/SQ)';
    if (n >= 96365 && n <= 96379) return 'Therapeutic infusion / push';
    if (n >= 96401 && n <= 96549) return 'Complex / chemotherapy';
    return 'Other CPT';
  }
  const drugClass = catalog.byHcpcs(code)?.drugClass;
  if (drugClass === 'H' || /^J70[0-9]{2}$/.test(code) || /^J71[0-9]{2}$/.test(code)) return 'Fluids (HCPCS)';
  if (drugClass === 'X' || /^Q99[0-9]{2}$/.test(code)) return 'Contrast (HCPCS)';
  if (code === 'J3490') return 'Unclassified drug (J3490)';
  return 'Drugs (HCPCS)';
}

const FAMILY_ORDER = [
  'Hydration',
  'Therapeutic infusion / push',
  'Complex / chemotherapy',
  'Injection (IM/SQ)',
  'Other CPT',
  'Drugs (HCPCS)',
  'Fluids (HCPCS)',
  'Contrast (HCPCS)',
  'Unclassified drug (J3490)',
];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The run's summary; `catalog` is the one the rows were coded with (it names each HCPCS code's class). */
export function summarize(result: CodingResult, table: DetectedTable, plan: WritePlan | null, catalog?: DrugCatalog): RunSummary {
  const status: Record<RowStatus, number> = { OK: 0, Review: 0, Error: 0 };
  for (const r of result.rows) status[r.status] = (status[r.status] ?? 0) + 1;

  const families = new Map<string, FamilyCount>();
  for (const enc of result.encounters) {
    for (const line of [...enc.cpt, ...enc.hcpcs]) {
      const family = codeFamily(line.kind, line.code, catalog);
      const f = families.get(family) ?? { family, lines: 0, units: 0 };
      f.lines += 1;
      f.units += line.units;
      families.set(family, f);
    }
  }

  const findingsColumn = plan ? plan.firstColumn + Math.max(0, plan.headers.indexOf('IC Findings')) : table.lastUserColumn + 1;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  const add = (f: Finding) => {
    const key = `${f.id}|${f.row}|${f.field ?? ''}|${f.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const mapped = f.field ? table.mapping[f.field] : undefined;
    const column = mapped && mapped > 0 ? mapped : findingsColumn;
    problems.push({
      id: f.id,
      severity: f.severity,
      row: f.row,
      column,
      address: cellAddress(f.row, column),
      header: f.column,
      message: f.message,
    });
  };
  for (const r of result.rows) r.findings.forEach(add);
  for (const e of result.encounters) (e.findings ?? []).forEach(add);
  problems.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id.localeCompare(b.id) || a.row - b.row || a.column - b.column);

  const counts = new Map<FindingId, FindingCount>();
  for (const p of problems) {
    const c = counts.get(p.id) ?? { id: p.id, severity: p.severity, count: 0 };
    c.count += 1;
    counts.set(p.id, c);
  }

  return {
    rows: result.rows.length,
    encounters: result.encounters.length,
    status,
    families: [...families.values()].sort((a, b) => FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family)),
    findings: [...counts.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count),
    problems,
  };
}

/** Rows, encounters and rows by status: what the command line's summary line says. Batches add up. */
export interface ResultCounts {
  rows: number;
  encounters: number;
  status: Record<RowStatus, number>;
}

export function resultCounts(result: CodingResult): ResultCounts {
  const status: Record<RowStatus, number> = { OK: 0, Review: 0, Error: 0 };
  for (const r of result.rows) status[r.status]++;
  return { rows: result.rows.length, encounters: result.encounters.length, status };
}

export function addResultCounts(a: ResultCounts, b: ResultCounts): ResultCounts {
  return {
    rows: a.rows + b.rows,
    encounters: a.encounters + b.encounters,
    status: { OK: a.status.OK + b.status.OK, Review: a.status.Review + b.status.Review, Error: a.status.Error + b.status.Error },
  };
}

/** `coded 202 rows in 62 encounters (187 OK, 7 to review, 8 with errors)`: the command line's summary. */
export function summaryLine(result: CodingResult | ResultCounts): string {
  const counts = 'status' in result ? result : resultCounts(result);
  return (
    `coded ${counts.rows} rows in ${counts.encounters} encounters ` +
    `(${counts.status.OK} OK, ${counts.status.Review} to review, ${counts.status.Error} with errors)`
  );
}
