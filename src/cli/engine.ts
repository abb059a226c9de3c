/** The command line's link to the rules module: the user's tables (drug map, MUE file, claims tables) and the coding call. */
import { codeRows } from '../rules';
import { DrugCatalog } from '../rules/catalog/catalog';
import { parseDrugMap, parseMueFile } from '../rules/catalog/userMap';
import type { CodingOptionsInput } from '../rules/options';
import type { CodingResult, InputRow } from '../rules/types';
import { applyClaims, type ClaimsSummary } from '../claims/check';
import { loadClaimsTables, type ClaimsArgs } from '../claims/cliTables';
import { prepareClaims } from '../claims/prepare';
import type { ClaimsTables } from '../claims/tables';
import { CliError, readTableFile } from './workbookFile';

export interface Tables {
  catalog?: DrugCatalog;
  mue?: Map<string, number>;
  claims?: ClaimsTables;
}

const MAX_PROBLEMS = 10;

export function warnProblems(what: string, problems: string[], warn: (text: string) => void): void {
  for (const p of problems.slice(0, MAX_PROBLEMS)) warn(`infusion-coder: warning: ${what}: ${p}\n`);
  if (problems.length > MAX_PROBLEMS) warn(`infusion-coder: warning: ${what}: ${problems.length - MAX_PROBLEMS} more problems\n`);
}

/** Reads `--drug-map`, `--mue` and the claims files; their bad rows are warnings, a file with no usable row an error. */
export async function loadTables(
  args: { drugMap: string | null; mue: string | null; quiet?: boolean } & Partial<ClaimsArgs>,
  io: { stderr: (text: string) => void },
): Promise<Tables> {
  const tables: Tables = {};
  const warn = (t: string) => io.stderr(t);
  if (args.drugMap) {
    const grid = await readTableFile(args.drugMap);
    const { entries, problems } = parseDrugMap(grid);
    if (entries.length === 0) {
      throw new CliError(
        `no drugs found in the drug map ${args.drugMap}: ${problems[0] ?? 'it has no rows'} ` +
          '(columns: name, synonyms, HCPCS, billing unit, class, single_dose)',
      );
    }
    warnProblems(`drug map ${args.drugMap}`, problems, warn);
    tables.catalog = DrugCatalog.builtIn().withEntries(entries);
  }
  if (args.mue) {
    const grid = await readTableFile(args.mue);
    const { table, problems } = parseMueFile(grid);
    if (table.size === 0) {
      throw new CliError(`no MUE values found in ${args.mue}: ${problems[0] ?? 'it has no rows'} (columns: HCPCS/CPT Code, MUE Value)`);
    }
    warnProblems(`MUE file ${args.mue}`, problems, warn);
    tables.mue = table;
  }
  tables.claims = await loadClaimsTables(args, tables.catalog ?? DrugCatalog.builtIn(), warn);
  return tables;
}

/** Codes the rows, then runs the claims step (PTP edits, payer rules, amounts) on the result. */
export function runCoding(rows: InputRow[], options: CodingOptionsInput, tables: Tables): { result: CodingResult; claims: ClaimsSummary } {
  const prepared = prepareClaims(rows, options, tables.claims ?? {}, tables.catalog ?? DrugCatalog.builtIn());
  const coded = codeRows(prepared.rows, prepared.options, { catalog: prepared.catalog, mue: tables.mue });
  const { result, summary } = applyClaims(prepared.rows, coded, {
    tables: tables.claims ?? {},
    options: prepared.options,
    catalog: prepared.catalog,
    profiles: prepared.profiles,
    findings: prepared.findings,
  });
  return { result, claims: summary };
}
