/**
 * `infusion-coder`: codes the infusion/injection rows of an .xlsx or .csv file (`code`), or builds the
 * managers' report (`report`). Returns the exit code; problems are one line on stderr, never a stack trace.
 */
import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import { administrationCount, codeSheetInput, planSheetInput, summaryLine } from '../pipeline';
import { codeBlockCells, ReadAhead } from '../pipeline/readAhead';
import { startBlockWorker } from './blockWorker';
import { codeFhirFile, FHIR_SHEET, isFhirFile, writeFhir } from './fhir';
import { CODE_HELP, parseCodeArgs, type CodeArgs } from './args';
import { chooseSheet, loadUserTables, readSettingsFor, type Chosen } from './input';
import { processIo, type Io } from './io';
import { codingJson } from '../outputs/json';
import { csvWithPlan, ownedCsvFiles } from '../outputs/csv';
import { checkOutput } from './outputPath';
import { summarizeClaims } from '../claims/check';
import { claimsSummaryLines } from '../claims/summary';
import { EDITION_LABEL } from '../rules/edition';
import { writeCsvAsCodedXlsx } from '../outputs/xlsx/plainPackage';
import { writeCodedCopy } from '../outputs/xlsx/patch';
import { tableRanges } from '../outputs/xlsx/layout';
import { columnNumber } from '../sheet/columns';
import { flagsColumnFor, planFlags } from '../sheet/marks';
import { unreadHeaders } from '../sheet/headers';
import { CliError, firstLine, shortLine, openInput, type SourceFile } from './workbookFile';

export { processIo, type Io };

export const HELP = `infusion-coder: codes infusion and injection rows into CPT/HCPCS codes

Usage:
  infusion-coder code INPUT.xlsx|INPUT.csv [--out OUTPUT] [--sheet NAME] [--setting facility|office]
                 [--map field=Header ...] [--drug-map FILE] [--mue FILE] [--json]
                 [--asp FILE] [--ndc-crosswalk FILE] [--ptp FILE ...] [--fees FILE] [--payers FILE]
  infusion-coder report INPUT [--out FILE] ...   the managers' report (claim lines, volume, quality, money)
  infusion-coder tables ptp FILE... --out F.csv  keep the drug-administration pairs of CMS NCCI PTP files
  infusion-coder --version
  infusion-coder code --help                     every option of code

From the repository, run it as npx infusion-coder ...; for a bare infusion-coder command, run
npm link (or npm install -g .) in the repository once.

Examples (in the repository):
  npx infusion-coder code examples/infusions.xlsx
  npx infusion-coder code examples/infusions.xlsx --setting office --map necessity="Medical Necessity" --out examples/office.coded.xlsx
  npx infusion-coder code examples/infusions.xlsx --out examples/infusions.coded.csv
  npx infusion-coder code examples/infusions.xlsx --json > examples/coding.json
  npx infusion-coder report examples/infusions.xlsx
`;

export function version(): string {
  for (const candidate of [path.join(__dirname, '..', '..', 'package.json'), path.join(__dirname, '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'infusion-coder' && pkg.version) return pkg.version;
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}

/** Runs the command line; resolves to the exit code (0 ok, 1 a file problem, 2 a usage problem). */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.stderr(HELP);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout(rest[0] === 'code' ? CODE_HELP : HELP);
      return 0;
    }
    if (command === '--version' || command === '-V' || command === '-v' || command === 'version') {
      // The editions too: a coded file can be traced to the rules and the catalog it was coded with.
      io.stdout(`infusion-coder ${version()}, ${EDITION_LABEL}\n`);
      return 0;
    }
    if (command === 'code') {
      if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout(CODE_HELP);
        return 0;
      }
      return await runCode(parseCodeArgs(rest), io);
    }
    if (command === 'tables') {
      const { runTables } = await import('./tablesCommand');
      const { DrugCatalog } = await import('../rules/catalog/catalog');
      return await runTables(rest, io, DrugCatalog.builtIn());
    }
    if (command === 'report') {
      const { runReport } = await import('./report');
      return await runReport(rest, io);
    }
    throw new CliError(`unknown command '${command}' (try: infusion-coder --help)`, 2);
  } catch (err) {
    io.stderr(`infusion-coder: ${err instanceof CliError ? shortLine(err.message) : firstLine(err)}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

/** The default output: INPUT's name + `.coded.xlsx`, beside the input. */
export function defaultOutput(input: string): string {
  const dir = path.dirname(input);
  const base = path.basename(input, path.extname(input));
  // A workbook with macros stays one: Excel refuses an .xlsx whose package holds macros.
  return path.join(dir, `${base}.coded.${path.extname(input).toLowerCase() === '.xlsm' ? 'xlsm' : 'xlsx'}`);
}

const LARGE_ROWS = 20000;
const LARGE_FILE_BYTES = 1.5 * 1024 * 1024;

async function runCode(args: CodeArgs, io: Io): Promise<number> {
  const started = Date.now();
  const input = path.resolve(args.input);
  const outPath = args.json ? null : path.resolve(args.out ?? defaultOutput(args.input));
  if (outPath !== null) await checkOutput(outPath, args);
  const progress = new Progress(io, args.quiet);
  const size = await fs.stat(input).then((st) => st.size, () => 0);
  // A 20,000-row workbook is about 1.5 MB: large inputs report progress even when stderr is not a terminal.
  if (size > LARGE_FILE_BYTES) progress.large();
  progress.line(`reading ${args.input}${size > LARGE_FILE_BYTES ? ` (${(size / 1048576).toFixed(1)} MB)` : ''}...`);

  if (isFhirFile(args.input)) return runFhir(args, io, outPath, started);
  if (outPath === null) {
    const { coded, chosen, tables } = await codeInput(args, io, progress);
    const claims = summarizeClaims(coded.result, tables.claims ?? {});
    const json = codingJson(coded.result, { file: args.input, sheet: chosen.name, table: coded.input.table, options: args.options, claims });
    // An action log adds what it read and its administrations; the rest of the shape is unchanged.
    const source = coded.input.source;
    const extra = source ? { input: { kind: source.kind, summary: source.summary }, tables: coded.tables() } : {};
    io.stdout(JSON.stringify({ ...json, ...extra }) + '\n');
    return 0;
  }
  // The rows, results and plan are released before the workbook is written (the write is the memory peak).
  const shownOut = args.out ?? defaultOutput(args.input);
  const { summary, details, write } = await codeAndPlan(args, io, progress, outPath);
  progress.line(`writing ${shownOut}...`);
  try {
    await fs.mkdir(path.dirname(outPath), { recursive: true });
    await write();
  } catch (err) {
    throw new CliError(`cannot write ${outPath}: ${describeWriteError(err)}`);
  }
  if (!args.quiet) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.stdout(`${summary} in ${seconds} s -> ${shownOut}\n`);
    for (const line of details) io.stdout(`  ${line}\n`);
  }
  return 0;
}

/** A FHIR export: one coded row per MedicationAdministration, as a workbook (or .csv) or --json. */
async function runFhir(args: CodeArgs, io: Io, outPath: string | null, started: number): Promise<number> {
  const tables = await loadUserTables(args, io);
  const coded = await codeFhirFile(args, tables, (t) => io.stderr(t));
  if (outPath === null) {
    const claims = summarizeClaims(coded.result, tables.claims ?? {});
    const json = codingJson(coded.result, { file: args.input, sheet: FHIR_SHEET, table: coded.fhir.table, options: args.options, claims });
    const source = coded.fhir.source;
    const input = { kind: source.kind, summary: source.summary, problems: coded.fhir.problems };
    io.stdout(JSON.stringify({ ...json, input, fhirIds: coded.fhir.grid.values.slice(1).map((r) => r[0]) }) + '\n');
    return 0;
  }
  try {
    await fs.mkdir(path.dirname(outPath), { recursive: true });
    await writeFhir(coded, outPath, { bom: args.bom, guard: args.csvGuard });
  } catch (err) {
    throw new CliError(`cannot write ${outPath}: ${describeWriteError(err)}`);
  }
  if (!args.quiet) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.stdout(`${coded.fhir.source.summary}; ${summaryLine(coded.result)} in ${seconds} s -> ${args.out ?? defaultOutput(args.input)}\n`);
    for (const line of claimsSummaryLines(summarizeClaims(coded.result, tables.claims ?? {}))) io.stdout(`  ${line}\n`);
  }
  return 0;
}

/** Progress lines on stderr: on a terminal, or for large inputs; never with --quiet. */
class Progress {
  private show: boolean;
  constructor(
    private readonly io: Io,
    private readonly quiet: boolean,
  ) {
    this.show = io.stderrIsTTY && !quiet;
  }
  large(): void {
    if (!this.quiet) this.show = true;
  }
  line(text: string): void {
    if (this.show) this.io.stderr(`${text}\n`);
  }
  rows(verb: string): (n: number) => void {
    return (n) => this.line(`  ${verb} ${n.toLocaleString('en-US')} rows`);
  }
}

/** Reads the input and codes it through the pipeline (the one path every caller takes). */
async function codeInput(args: CodeArgs, io: Io, progress: Progress) {
  const tables = await loadUserTables(args, io);
  const src = await openInput(args.input, args.format, true);
  for (const warning of src.warnings ?? []) io.stderr(`infusion-coder: warning: ${args.input}: ${warning}\n`);
  const chosen = await chooseSheet(src, args, progress.rows('read'));
  const rows = chosen.input.rows.length;
  if (rows > LARGE_ROWS) progress.large();
  progress.line(`coding ${rows.toLocaleString('en-US')} rows of '${chosen.name}'...`);
  const coded = codeSheetInput(chosen.input, { options: args.options }, tables);
  return { src, chosen, coded, tables };
}

async function codeAndPlan(
  args: CodeArgs,
  io: Io,
  progress: Progress,
  outPath: string,
): Promise<{ summary: string; details: string[]; write: () => Promise<void> }> {
  const csvOut = path.extname(outPath).toLowerCase() === '.csv';
  const { src, name, grid, table, planned, unread } = await readAndPlan(args, io, progress, csvOut);
  const summary = [planned.summary, summaryLine(planned.counts)].filter(Boolean).join('; ');
  const details = claimsSummaryLines(planned.claims);
  if (unread.length > 0) {
    const shown = unread.slice(0, 8).map((h) => `'${h}'`).join(', ');
    details.push(`columns not read: ${shown}${unread.length > 8 ? ` and ${unread.length - 8} more` : ''} (to read one, --map field=Header)`);
  }
  const { plan, tables: owned } = planned;
  if (csvOut) {
    const bom = args.bom ? '\ufeff' : '';
    const text = bom + csvWithPlan(grid!, plan, src.csv?.delimiter ?? ',', { guard: args.csvGuard });
    const files = ownedCsvFiles(outPath, owned, src.csv?.delimiter ?? ',', { guard: args.csvGuard }).map((f) => ({ ...f, text: bom + f.text }));
    // The tables' files beside the output are outputs too (`x.csv` writes `x.administrations.csv`).
    for (const f of files) await checkOutput(f.file, args);
    return {
      summary: summary + files.map((f) => `; ${path.basename(f.file)}`).join(''),
      details,
      write: async () => {
        await fs.writeFile(outPath, text, 'utf8');
        for (const f of files) await fs.writeFile(f.file, f.text, 'utf8');
      },
    };
  }
  // The highlights as the add-in writes them: an IC Flags column and rules reading it (no CSV has formats).
  const flags = planFlags(plan, table, flagsColumnFor(plan, table));
  if (src.csv) {
    const rows = src.csv.rows;
    return { summary, details, write: async () => writeCsvAsCodedXlsx(rows, name, plan, flags, outPath, owned) };
  }
  const book = src.book!;
  const sheet = book.sheets.find((s) => s.name === name)!;
  // An Excel Table is copied as it is, so our columns stand beside it: its own sort and filter buttons move only
  // its columns, which would leave our codes beside other rows. Said once, with what to do instead.
  const excelTable = tableBeside(tableRanges(book.zip, sheet.part), table.headerRow, plan.firstColumn);
  if (excelTable) details.push(`the data is an Excel Table (${excelTable}): sort it with our columns selected too (Data > Sort), or convert it to a range first; its own buttons sort only its columns`);
  return {
    summary,
    details,
    write: async () => {
      try {
        await writeCodedCopy(book, sheet, plan, flags, outPath, owned);
      } finally {
        book.zip.close();
      }
    },
  };
}

/** The range of an Excel Table on the header row that ends left of our first column, or null. */
function tableBeside(ranges: readonly string[], headerRow: number, firstColumn: number): string | null {
  for (const ref of ranges) {
    const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
    if (!m) continue;
    const [top, bottom, right] = [Number(m[2]), Number(m[4]), columnNumber(m[3])];
    if (top <= headerRow && headerRow <= bottom && right < firstColumn) return ref;
  }
  return null;
}

/**
 * Reads the chosen sheet and codes it a batch at a time into its write plan. The grid and the rows read
 * are not kept (a million-row sheet's plan is what the write needs), except the grid for a .csv output.
 */
async function readAndPlan(args: CodeArgs, io: Io, progress: Progress, keepGrid: boolean) {
  const tables = await loadUserTables(args, io);
  const src = await openInput(args.input, args.format, true);
  for (const warning of src.warnings ?? []) io.stderr(`infusion-coder: warning: ${args.input}: ${warning}\n`);
  // A big sheet is coded on a second thread while it is read (src/pipeline/readAhead).
  const worker = src.book && hasBigSheet(src.book) ? startBlockWorker({ options: args.options, tableArgs: args }) : null;
  try {
    const watchers = new Map<string, ReadAhead>();
    const watch = (sheet: string) => {
      // Block ids are per watcher: once one sheet sent blocks to the worker (a summary sheet read before the log it
      // was passed over for), a later sheet is coded after it is read, never mixed with them.
      if (!worker || [...watchers.values()].some((w) => w.sentBlocks)) return undefined;
      const watcher = new ReadAhead(readSettingsFor(args.map, args.actions), worker, (block) => codeBlockCells(block, { options: args.options }, tables));
      watchers.set(sheet, watcher);
      return watcher;
    };
    let chosen: Chosen | null = await chooseSheet(src, args, progress.rows('read'), undefined, watch);
    const { name, input } = chosen;
    const ahead = (await watchers.get(name)?.finish(input, chosen.grid)) ?? undefined;
    // From here the grid is garbage unless a .csv output needs it again (the rows hold the values they read).
    const kept = keepGrid ? chosen.grid : null;
    chosen = null;
    const rows = administrationCount(input);
    if (rows > LARGE_ROWS) progress.large();
    progress.line(`coding ${rows.toLocaleString('en-US')} rows of '${name}'...`);
    if (ahead) progress.line(`  coded ${(rows - ahead.rows.length).toLocaleString('en-US')} rows while reading, on a second thread`);
    const coded = progress.rows('coded');
    const planned = planSheetInput(input, { options: args.options }, tables, {
      onProgress: (n) => n < rows && coded(n),
      releaseRows: !keepGrid, // the .csv output reads the grid again; the .xlsx copy needs only the plan
      ahead,
    });
    // A flat sheet's or an action log's columns that nothing read (a FHIR file has no columns of its own).
    const unread = unreadHeaders(input.table);
    return { src, name, grid: kept, table: input.table, planned, unread };
  } finally {
    await worker?.close();
  }
}

/**
 * A sheet part of 128 MB or more (150,000 to 200,000 rows): worth a second thread. Below that, one thread is
 * as fast or faster: the sheet reads in about a fifth of the run, and a second thread pays its own start and
 * warm-up and slows the first (measured, 2 CPUs: 100,000 rows 3.3 s on one thread, 3.6 s on two; 250,000
 * rows 7.7 s and 7.1 s; 500,000 rows 15.6 s and 12.7 s). INFUSION_CODER_THREADS=2 asks for it whatever the size.
 */
const BIG_SHEET_BYTES = 128 * 1024 * 1024;
function hasBigSheet(book: NonNullable<SourceFile['book']>): boolean {
  if (process.env.INFUSION_CODER_THREADS === '2') return true;
  return book.sheets.some((sheet) => (book.zip.get(sheet.part)?.size ?? 0) >= BIG_SHEET_BYTES);
}

function describeWriteError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EBUSY') return 'the file is open in another program';
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EISDIR') return 'it is a folder';
  return firstLine(err);
}
