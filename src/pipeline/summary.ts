/**
 * What a run shows the biller: counts by code family and by finding, the problems list with the cell each
 * problem points at, and the one-line summary of the command line. Pure; shared by every caller.
 */
import { DrugCatalog } from '../rules/catalog/catalog';
import { REPORT_FAMILIES, type CodeList } from '../rules/data/reportFamilies';
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

/** CPT code -> family, from the families' ranges (built once; a code in no range is the CPT rest family). */
const CPT_FAMILY = new Map<string, string>();
for (const f of REPORT_FAMILIES.values) {
  for (const [from, to] of f.cptRanges ?? []) for (let n = from; n <= to; n++) CPT_FAMILY.set(String(n), f.name);
  for (const code of f.cptCodes ?? []) CPT_FAMILY.set(code, f.name);
}
function restFamily(kind: 'cpt' | 'hcpcs'): string {
  const family = REPORT_FAMILIES.values.find((f) => f.kind === kind && f.rest);
  if (!family) throw new Error(`the report families have no ${kind} rest family`);
  return family.name;
}
const OTHER_CPT = restFamily('cpt');
const OTHER_HCPCS = restFamily('hcpcs');
const HCPCS_FAMILIES = REPORT_FAMILIES.values.filter((f) => f.kind === 'hcpcs' && !f.rest);
const FAMILY_ORDER = new Map(REPORT_FAMILIES.values.map((f, i) => [f.name, i]));

function inList(list: CodeList | undefined, code: string): boolean {
  return list instanceof RegExp ? list.test(code) : list?.has(code) === true;
}

/**
 * The code families a biller thinks in (src/rules/data/reportFamilies.ts): CPT drug-administration ranges;
 * HCPCS by the catalog's drug class and code lists, so contrast agents such as gadolinium (class X) are
 * never counted as drugs.
 */
export function codeFamily(kind: 'cpt' | 'hcpcs', code: string, catalog: DrugCatalog = DrugCatalog.builtIn()): string {
  if (kind === 'cpt') return CPT_FAMILY.get(code) ?? OTHER_CPT;
  const drugClass = catalog.byHcpcs(code)?.drugClass;
  for (const f of HCPCS_FAMILIES) {
    if ((drugClass !== undefined && f.drugClasses?.includes(drugClass)) || inList(f.hcpcs, code)) return f.name;
  }
  return OTHER_HCPCS;
}

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
    families: [...families.values()].sort((a, b) => (FAMILY_ORDER.get(a.family) ?? -1) - (FAMILY_ORDER.get(b.family) ?? -1)),
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

/** Counts of nothing coded, to add batches' counts to. */
export const NO_RESULT_COUNTS: ResultCounts = Object.freeze({ rows: 0, encounters: 0, status: Object.freeze({ OK: 0, Review: 0, Error: 0 }) });

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
