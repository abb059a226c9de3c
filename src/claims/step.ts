/**
 * The claims step in the pipeline: before the rules (ASP codes join the catalog, payer profiles give the
 * JW/JZ payers, an NDC picks its HCPCS code) and after them (NCCI PTP edits, payer rules, amounts, revenue
 * codes, NDC lines). Both are pure; the pre-step hands its findings to the post-step inside `tables`.
 */
import { DrugCatalog } from '../rules/catalog/catalog';
import type { CodingTables } from '../rules';
import type { CodingOptions } from '../rules/options';
import type { CodingResult, Finding, InputRow } from '../rules/types';
import { applyClaims } from './check';
import { resolveProfiles, type PayerProfile } from './payers';
import { prepareClaims } from './prepare';
import type { ClaimsTables } from './tables';

/** The tables a pipeline run carries: the rules' tables plus the claims tables. */
export type TablesWithClaims = CodingTables & { claims?: ClaimsTables };

/** What the pre-step found, for the post-step of the same run. */
interface Prepared {
  profiles: PayerProfile[];
  findings: Finding[];
}
const prepared = new WeakMap<object, Prepared>();

export interface StepInput<T extends TablesWithClaims> {
  rows: readonly InputRow[];
  options: CodingOptions;
  tables: T;
}

export function claimsPreStep<T extends TablesWithClaims>(input: StepInput<T>): StepInput<T> {
  const claims = input.tables.claims ?? {};
  const base = input.tables.catalog ?? DrugCatalog.builtIn();
  const out = prepareClaims(input.rows, input.options, claims, base);
  const tables = { ...input.tables, catalog: out.catalog };
  prepared.set(tables, { profiles: out.profiles, findings: out.findings });
  return { rows: out.rows, options: out.options, tables };
}

export function claimsPostStep(result: CodingResult, context: StepInput<TablesWithClaims>): CodingResult {
  const claims = context.tables.claims ?? {};
  const before = prepared.get(context.tables);
  return applyClaims(context.rows, result, {
    tables: claims,
    options: context.options,
    catalog: context.tables.catalog ?? DrugCatalog.builtIn(),
    profiles: before?.profiles ?? resolveProfiles(context.options, claims.payers?.profiles),
    findings: before?.findings,
  });
}
