/**
 * The command line's claims flags (`--asp`, `--ndc-crosswalk`, `--ptp` (repeatable), `--fees`, `--payers`,
 * `--revenue-codes`, `--340b`; loaded by src/cli/input.ts), and `infusion-coder tables ptp FILE... --out
 * FILE.csv`, which writes the drug-administration pairs of the CMS PTP files as a small file the pane loads.
 */
import { promises as fs } from 'fs';
import type { DrugCatalog } from '../rules/catalog/catalog';
import { codeDef } from '../rules/codeTable';
import { formatCsv } from './csv';
import { CliError } from './workbookFile';
import { loadPtpFile } from './claimsFiles';
import { sameFile } from './outputPath';
import { isDrugAdministration, ptpCsvRows, type PtpTable } from '../claims/ptp';

/** Codes the engine can produce: drug administration, its own code table, catalog and ASP drug codes. */
export function producibleCodes(catalog: DrugCatalog, extra: Iterable<string> = []): (code: string) => boolean {
  const more = new Set(extra);
  return (code) => isDrugAdministration(code) || codeDef(code) !== undefined || more.has(code) || catalog.byHcpcs(code) !== null;
}

export const TABLES_HELP = `Usage: infusion-coder tables ptp FILE... --out FILE.csv

Streams the CMS NCCI PTP edit files (practitioner ccipra-..., hospital ccioph-...; .txt, .csv, .xlsx or
the .zip as downloaded) and writes only the pairs with a drug-administration code (96360-96549) or a drug
code of the catalog on either side, in the same layout, for the task pane or later runs (--ptp FILE).
`;

/** `infusion-coder tables ptp FILE... --out FILE.csv`. */
export async function runTables(argv: string[], io: { stdout: (t: string) => void; stderr: (t: string) => void }, catalog: DrugCatalog): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    io.stdout(TABLES_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const [what, ...rest] = argv;
  if (what !== 'ptp') throw new CliError(`tables: unknown table '${what}' (try: infusion-coder tables ptp FILE... --out FILE.csv)`, 2);
  const files: string[] = [];
  let out: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' || rest[i] === '-o') {
      out = rest[++i] ?? null;
      if (out === null) throw new CliError('--out needs a value', 2);
    } else if (rest[i].startsWith('--out=')) out = rest[i].slice(6);
    else if (rest[i].startsWith('-')) throw new CliError(`tables ptp: unknown option ${rest[i]}`, 2);
    else files.push(rest[i]);
  }
  if (files.length === 0) throw new CliError('tables ptp needs at least one PTP file', 2);
  if (!out) throw new CliError('tables ptp needs --out FILE.csv', 2);
  for (const file of files) if (await sameFile(file, out)) throw new CliError(`refusing to overwrite the PTP file ${file}; choose another --out`, 2);
  const keep = producibleCodes(catalog);
  const tables: PtpTable[] = [];
  for (const file of files) tables.push(await loadPtpFile(file, keep, (warning) => io.stderr(`infusion-coder: warning: ${file}: ${warning}\n`)));
  try {
    await fs.writeFile(out, formatCsv(ptpCsvRows(tables)), 'utf8');
  } catch (err) {
    throw new CliError(`cannot write ${out}: ${(err as Error).message}`);
  }
  const read = tables.reduce((n, t) => n + t.read, 0);
  const kept = tables.reduce((n, t) => n + t.info.rows, 0);
  io.stdout(`tables ptp: kept ${kept.toLocaleString('en-US')} of ${read.toLocaleString('en-US')} edits (drug-administration and drug codes) -> ${out}\n`);
  // Rows that could not be read are not in the filtered file: said, so it never looks more complete than it is.
  for (const t of tables) {
    if (t.info.skipped === 0) continue;
    const first = t.info.problems?.length ? ` (${t.info.problems.join('; ')})` : '';
    io.stderr(`infusion-coder: warning: ${t.info.name}: ${t.info.skipped.toLocaleString('en-US')} rows could not be read and were left out${first}\n`);
  }
  return 0;
}
