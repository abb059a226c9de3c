/**
 * `infusion-coder report INPUT [--out FILE] [code's options]`: codes INPUT like `code` does and writes the
 * managers' report to an .xlsx: Claim Lines (an Excel table), the summaries as sheets, the documentation-
 * quality tables and a chart image of infusion volume by month. When FILE exists (the coded copy, say),
 * the report's sheets are added to its package (outputs/xlsx/addSheets.ts: nothing of it is re-saved) and
 * only the report's own sheets are replaced.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { codeSheetInput } from '../pipeline';
import { renderVolumeChart, type ChartImage } from '../reports/chartImage';
import { fillTableRows } from '../reports/claimSheet';
import { REPORT_SHEETS, buildReport, paymentPoints, hasReportSheetName, sheetConflictMessage, sheetOwnership } from '../reports/report';
import { ReportSheetConflict, writeReportSheets } from '../reports/xlsx';
import { addSheetsToPackage, packageSheets } from '../outputs/xlsx/addSheets';
import { parseCodeArgs, type CodeArgs } from './args';
import { chooseSheet, loadUserTables } from './input';
import { administrationResult } from '../inputs/results';
import { processIo, type Io } from './io';
import { checkOutput } from './outputPath';
import { summarizeClaims } from '../claims/check';
import { claimsSummaryLines, money } from '../claims/summary';
import { CliError, firstLine, openInput, type SourceFile } from './workbookFile';

export const REPORT_HELP = `Usage: infusion-coder report INPUT.xlsx|INPUT.csv [--out FILE.xlsx] [options]

Codes INPUT and writes the managers' report to FILE (default: INPUT name + .report.xlsx):
  ${REPORT_SHEETS.overview}        headline figures and a chart of CPT units by month
  ${REPORT_SHEETS.claimLines}            one row per derived code line, as an Excel table to pivot
  Units by Month/Drug/Provider/Setting   the summaries (a file written without Excel holds tables,
                         not live PivotTables; Build report in the task pane adds PivotTables)
  ${REPORT_SHEETS.quality}  share of rows with each finding, by nurse, provider and month
If FILE exists (the coded copy, for instance) its other sheets are kept; building again replaces only
the report's own sheets.

Options: --sheet, --setting, --map field=Header, --drug-map, --mue, --payer and the other coding options
of infusion-coder code (see infusion-coder code --help), and
  -o, --out FILE.xlsx   where to write the report
      --no-chart        leave out the chart image
  -q, --quiet           print nothing when it works (no summary, no progress); problems still on stderr

Examples (in the repository; with npm link, drop the npx):
  npx infusion-coder report examples/infusions.xlsx
  npx infusion-coder code examples/infusions.xlsx --out examples/infusions.coded.xlsx
  npx infusion-coder report examples/infusions.coded.xlsx --out examples/infusions.coded.xlsx --no-chart
`;

/** The command line's output streams (the same as `infusion-coder code`). */
export type ReportIo = Io;

/** The default report file: INPUT's name + `.report.xlsx`, beside the input. */
export function defaultReportOutput(input: string): string {
  const base = path.basename(input, path.extname(input)).replace(/\.coded$/i, '');
  return path.join(path.dirname(input), `${base}.report.xlsx`);
}

/** Splits off the report's own flags and checks what `code` flags make no sense here. */
function parseReportArgs(argv: string[]): { args: CodeArgs; chart: boolean } {
  const chart = !argv.includes('--no-chart');
  let args: CodeArgs;
  try {
    args = parseCodeArgs(argv.filter((a) => a !== '--no-chart'));
  } catch (err) {
    // The flags are code's; the messages about the input file should name report.
    if (err instanceof CliError && /^code needs an input file/.test(err.message)) {
      throw new CliError('report needs an input file: infusion-coder report INPUT.xlsx --out REPORT.xlsx', 2);
    }
    if (err instanceof CliError && /^code takes one input file/.test(err.message)) throw new CliError(err.message.replace(/^code/, 'report'), 2);
    throw err;
  }
  if (args.json) throw new CliError('report writes a workbook; --json belongs to infusion-coder code', 2);
  return { args, chart };
}

/**
 * Where the report goes: a file of its own, or, when `out` is a workbook holding other sheets (the coded copy,
 * say, or the input itself), into that workbook: its parts are copied as they are and the report's sheets
 * added (an earlier report's replaced), so nothing of the user's is re-saved. Null: write the report alone.
 */
/** Now, or SOURCE_DATE_EPOCH when it is set to a number of seconds. */
function reportTime(): number {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? epoch * 1000 : Date.now();
}

async function targetPackage(src: SourceFile, input: string, out: string, args: CodeArgs): Promise<string | null> {
  if (out === input && !src.workbook && !src.book) {
    throw new CliError(`refusing to write the report over the CSV input ${input}; choose an .xlsx --out`, 2);
  }
  // The report may go into its own input, never over another file the run reads, a folder, a device or a pipe.
  await checkOutput(out, args, { intoInput: true });
  if (!(await fs.stat(out).catch(() => null))) return null;
  let sheets: { name: string; tables: string[] }[];
  try {
    sheets = packageSheets(out);
  } catch {
    throw new CliError(`cannot add the report to ${out}: it is not an .xlsx workbook this program can read`, 2);
  }
  // A workbook in which no worksheet is found is never taken for an earlier report and replaced.
  if (sheets.length === 0) throw new CliError(`cannot add the report to ${out}: no worksheet found in it; choose another --out`, 2);
  const owners = sheets.map((s) => ({ name: s.name, owner: sheetOwnership(s.name, s.tables) }));
  const users = owners.filter((o) => o.owner === 'user').map((o) => o.name);
  if (users.length > 0) throw new CliError(`${path.basename(out)}: ${sheetConflictMessage(users)}`);
  // Nothing but an earlier report: replaced whole.
  return owners.every((o) => o.owner === 'report') ? null : out;
}

async function writeAtomically(report: Buffer, target: string | null, out: string): Promise<void> {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await fs.mkdir(path.dirname(out), { recursive: true });
    if (target !== null) {
      await addSheetsToPackage(target, report, (name) => hasReportSheetName(name), out);
      return;
    }
    await fs.writeFile(tmp, report);
    await fs.rename(tmp, out);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException)?.code;
    const why =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EBUSY' ? 'the file is open in another program' : firstLine(err);
    throw new CliError(`cannot write ${out}: ${why}`);
  }
}

/** Runs `infusion-coder report`; resolves to the exit code. Problems are CliErrors (main prints them). */
export async function runReport(argv: string[], io: ReportIo = processIo()): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(REPORT_HELP);
    return 0;
  }
  const { args, chart: wantChart } = parseReportArgs(argv);
  const input = path.resolve(args.input);
  const out = path.resolve(args.out ?? defaultReportOutput(args.input));
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new CliError(`--out must be an .xlsx file (got ${args.out})`, 2);
  let showProgress = io.stderrIsTTY && !args.quiet;
  const progress = (text: string) => {
    if (showProgress) io.stderr(`${text}\n`);
  };

  progress(`reading ${args.input}...`);
  const tables = await loadUserTables(args, io);
  // Streamed as `code` reads it (no workbook loaded whole: big files, and packages exceljs cannot read).
  const src = await openInput(args.input, args.format, true);
  // Claim Lines has Drug, Date and Patient headers: never take an earlier report for the input.
  const chosen = await chooseSheet(src, args, undefined, hasReportSheetName);
  const rows = chosen.input.rows;
  // Large files say what they are doing, as code does.
  if (rows.length > 20000 && !args.quiet) showProgress = true;
  progress(`coding ${rows.length.toLocaleString('en-US')} rows of '${chosen.name}'...`);
  const { result } = codeSheetInput(chosen.input, { options: args.options }, tables);
  const claims = summarizeClaims(result, tables.claims ?? {});
  progress(`building the report...`);
  // An action log's report counts administrations, not actions.
  const source = chosen.input.source;
  const report = buildReport(rows, source ? administrationResult(source, result) : result, claims);

  let chart: ChartImage | null = null;
  let chartNote: string | undefined;
  if (!wantChart) chartNote = 'no image (built with --no-chart).';
  else {
    try {
      chart = await renderVolumeChart(report.volume, 2, paymentPoints(report));
    } catch (err) {
      chartNote = `no image, the chart library could not draw it (${firstLine(err)}).`;
      if (!args.quiet) io.stderr(`infusion-coder: warning: chart: ${chartNote}\n`);
    }
  }

  const target = await targetPackage(src, input, out, args);
  const workbook = new ExcelJS.Workbook();
  // The file's properties and its zip entries name the minute the overview states (exceljs would say "Unknown",
  // with the second: two builds in one minute differed in their properties alone). SOURCE_DATE_EPOCH (seconds),
  // the reproducible-builds convention, fixes that minute, so two builds at any times give the same bytes.
  const builtAt = new Date(Math.floor(reportTime() / 60000) * 60000);
  workbook.creator = workbook.lastModifiedBy = 'Infusion Coder';
  workbook.created = workbook.modified = builtAt;
  try {
    writeReportSheets(workbook, report, {
      builtAt,
      chart,
      chartNote,
      source: `${path.basename(args.input)}${src.workbook || src.book ? `, sheet '${chosen.name}'` : ''}`,
      claimLinesTemplate: true,
    });
  } catch (err) {
    if (err instanceof ReportSheetConflict) throw new CliError(`${path.basename(out)}: ${err.message}`);
    throw err;
  }
  progress(`writing ${path.relative(process.cwd(), out) || out}...`);
  const saved = Buffer.from(await workbook.xlsx.writeBuffer());
  // Also with no claim line (the template row stays): the package's entries then take the build minute too.
  await writeAtomically(await fillTableRows(saved, REPORT_SHEETS.claimLines, report.claimTable, builtAt), target, out);

  if (!args.quiet) {
    const t = report.totals;
    io.stdout(
      `report: ${t.claimLines} claim lines (${t.cptLines} CPT, ${t.hcpcsLines} HCPCS) from ${t.rows} rows in ` +
        `${t.encounters} encounters${chart ? ', with chart' : ''} -> ${path.relative(process.cwd(), out) || out}\n`,
    );
    for (const line of claimsSummaryLines(claims)) io.stdout(`  ${line}\n`);
    if (t.expectedPayment > 0) io.stdout(`  dollars at risk (rows with errors): ${money(t.atRisk)}\n`);
  }
  return 0;
}
