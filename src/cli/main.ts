/**
 * `infusion-coder`: codes the infusion/injection rows of an .xlsx or .csv file (`code`), or builds the
 * managers' report (`report`). Returns the exit code; problems are one line on stderr, never a stack trace.
 */
import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import type { Field } from '../rules/types';
import { columnNumber, MAX_COLUMN } from '../sheet/columns';
import { detectTable, normalizeHeader } from '../sheet/headers';
import { readRows } from '../sheet/rows';
import { planWrite } from '../sheet/plan';
import type { ColumnMapping, DetectedTable, Grid } from '../sheet/types';
import { CODE_HELP, parseCodeArgs, type CodeArgs } from './args';
import { codingJson } from './json';
import { loadTables, runCoding } from './engine';
import { EDITION_LABEL } from '../rules/edition';
import {
  applyPlan,
  CliError,
  csvWithPlan,
  firstLine,
  gridOfCsv,
  gridOfWorksheet,
  openInput,
  sheetNameFor,
  workbookFromCsv,
  type SourceFile,
} from './workbookFile';

export const HELP = `infusion-coder: codes infusion and injection rows into CPT/HCPCS codes

Usage:
  infusion-coder code INPUT.xlsx|INPUT.csv [--out OUTPUT] [--sheet NAME] [--setting facility|office]
                 [--map field=Header ...] [--drug-map FILE] [--mue FILE] [--json]
  infusion-coder report INPUT [--out FILE] ...   the managers' report (claim lines, volume, quality)
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

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines are shown when stderr is a terminal, or for large files. */
  stderrIsTTY: boolean;
}

export const processIo = (): Io => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: !!process.stderr.isTTY,
});

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
    if (command === 'report') {
      const { runReport } = await import('../reports/cli');
      return await runReport(rest);
    }
    throw new CliError(`unknown command '${command}' (try: infusion-coder --help)`, 2);
  } catch (err) {
    io.stderr(`infusion-coder: ${err instanceof CliError ? err.message : firstLine(err)}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

/** The default output: INPUT's name + `.coded.xlsx`, beside the input. */
export function defaultOutput(input: string): string {
  const dir = path.dirname(input);
  const base = path.basename(input, path.extname(input));
  return path.join(dir, `${base}.coded.xlsx`);
}

/** A column letter given to --map (`D`), or null when the text is not one. */
function columnLetters(text: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(text)) return null;
  const n = columnNumber(text);
  return n <= MAX_COLUMN ? n : null;
}

/**
 * `--map field=Header` to column numbers: a header in the detected header row (or the first row that
 * names every mapped header), else a column letter; an empty header unmaps the field.
 */
export function resolveMap(grid: Grid, map: Partial<Record<Field, string>>): ColumnMapping | undefined {
  const entries = Object.entries(map) as [Field, string][];
  if (entries.length === 0) return undefined;
  const named = entries.filter(([, h]) => h !== '').map(([, h]) => normalizeHeader(h));
  const headerRows: number[] = [];
  const auto = detectTable(grid);
  if (auto) headerRows.push(auto.headerRow - grid.firstRow);
  for (let r = 0; r < Math.min(grid.values.length, 100); r++) {
    const keys = new Set((grid.values[r] ?? []).map((v) => (typeof v === 'string' ? normalizeHeader(v) : '')));
    if (named.length > 0 && named.every((k) => keys.has(k))) headerRows.push(r);
  }
  const override: ColumnMapping = {};
  for (const [field, header] of entries) {
    if (header === '') {
      override[field] = 0;
      continue;
    }
    const key = normalizeHeader(header);
    let column: number | null = null;
    for (const r of headerRows) {
      const cells = grid.values[r] ?? [];
      const c = cells.findIndex((v) => typeof v === 'string' && normalizeHeader(v) === key);
      if (c >= 0) {
        column = grid.firstColumn + c;
        break;
      }
    }
    column ??= columnLetters(header);
    if (column === null) {
      throw new CliError(`--map ${field}=${header}: no column with that header; the columns found are ${columnsFound(grid, auto)}`, 2);
    }
    override[field] = column;
  }
  return override;
}

/** The header row's texts, for messages: the detected header row, else the first row holding text. */
function headerTexts(grid: Grid, table: DetectedTable | null): string[] {
  if (table) return [...table.headers.entries()].sort((a, b) => a[0] - b[0]).map(([, h]) => h);
  const row = grid.values.find((r) => r.some((v) => typeof v === 'string' && v.trim() !== '')) ?? [];
  return row.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

function columnsFound(grid: Grid, table: DetectedTable | null): string {
  const names = headerTexts(grid, table);
  return names.length > 0 ? names.map((h) => `'${h}'`).join(', ') : '(no header row found)';
}

/**
 * A column named by --map that is empty in every data row is almost always the wrong column (a typo that
 * matched a spare header, a column letter off by one): a usage error that lists the columns found.
 */
function checkMappedColumnsHaveValues(grid: Grid, table: DetectedTable, map: Partial<Record<Field, string>>): void {
  for (const [field, header] of Object.entries(map) as [Field, string][]) {
    const column = table.mapping[field];
    if (header === '' || !column || table.dataRows.length === 0) continue;
    const c = column - grid.firstColumn;
    const filled = table.dataRows.some((r) => {
      const v = grid.values[r - grid.firstRow]?.[c];
      return v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
    });
    if (!filled) {
      const name = table.headers.get(column) ?? header;
      throw new CliError(`--map ${field}=${header}: column '${name}' is empty in every row; the columns found are ${columnsFound(grid, table)}`, 2);
    }
  }
}

/** The table of a grid with --map applied, or null when none is found; --map columns must hold values. */
function tableOf(grid: Grid, args: CodeArgs): DetectedTable | null {
  const table = detectTable(grid, resolveMap(grid, args.map));
  if (table) checkMappedColumnsHaveValues(grid, table, args.map);
  return table;
}

const LARGE_ROWS = 20000;
const LARGE_FILE_BYTES = 1.5 * 1024 * 1024;

interface Chosen {
  name: string;
  grid: Grid;
  table: DetectedTable;
}

const NO_TABLE =
  'needs a header row naming at least three fields, one of them the drug or a start/stop time ' +
  '(headers such as Drug, Start Time, Stop Time; or name columns with --map field=Header)';

/**
 * The sheet to code: --sheet, else the first sheet with a detectable table (sheets `skip` names excluded,
 * so the report never takes its own earlier output as input).
 */
export function chooseSheet(src: SourceFile, args: CodeArgs, onRow?: (n: number) => void, skip: (name: string) => boolean = () => false): Chosen {
  if (src.csv) {
    const grid = gridOfCsv(src.csv.rows);
    const table = tableOf(grid, args);
    if (!table) throw new CliError(`no table found in ${src.path}: it ${NO_TABLE}`);
    return { name: sheetNameFor(src.path), grid, table };
  }
  const sheets = src.workbook!.worksheets;
  if (args.sheet !== null) {
    const wanted = args.sheet.trim().toLowerCase();
    const ws = sheets.find((s) => s.name.toLowerCase() === wanted);
    if (!ws) {
      throw new CliError(`no sheet named '${args.sheet}' in ${src.path}; its sheets are ${sheets.map((s) => `'${s.name}'`).join(', ')}`);
    }
    const grid = gridOfWorksheet(ws, onRow);
    const table = tableOf(grid, args);
    if (!table) throw new CliError(`no table found on sheet '${ws.name}' of ${src.path}: it ${NO_TABLE}`);
    return { name: ws.name, grid, table };
  }
  for (const ws of sheets) {
    if (ws.actualRowCount === 0 || skip(ws.name)) continue;
    const grid = gridOfWorksheet(ws, onRow);
    const table = tableOf(grid, args);
    if (table) return { name: ws.name, grid, table };
  }
  throw new CliError(`no table found in ${src.path}: no sheet ${NO_TABLE}`);
}

async function runCode(args: CodeArgs, io: Io): Promise<number> {
  const started = Date.now();
  const input = path.resolve(args.input);
  const outPath = args.json ? null : path.resolve(args.out ?? defaultOutput(args.input));
  if (outPath !== null && outPath === input) {
    throw new CliError(`refusing to overwrite the input file ${args.input}; choose another --out`, 2);
  }
  const progress = new Progress(io, args.quiet);
  const size = await fs.stat(input).then((st) => st.size, () => 0);
  // A 20,000-row workbook is about 1.5 MB: large inputs report progress even when stderr is not a terminal.
  if (size > LARGE_FILE_BYTES) progress.large();
  progress.line(`reading ${args.input}${size > LARGE_FILE_BYTES ? ` (${(size / 1048576).toFixed(1)} MB)` : ''}...`);

  if (outPath === null) {
    const { result, chosen } = await codeInput(args, io, progress);
    io.stdout(JSON.stringify(codingJson(result, { file: args.input, sheet: chosen.name, table: chosen.table, options: args.options })) + '\n');
    return 0;
  }
  // The rows, results and plan are released before the workbook is written (the write is the memory peak).
  const shownOut = args.out ?? defaultOutput(args.input);
  const { summary, write } = await codeAndPlan(args, io, progress, outPath);
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

async function codeInput(args: CodeArgs, io: Io, progress: Progress) {
  const tables = await loadTables(args, io);
  const src = await openInput(args.input, args.format);
  const chosen = chooseSheet(src, args, progress.rows('read'));
  const rows = readRows(chosen.grid, chosen.table);
  if (rows.length > LARGE_ROWS) progress.large();
  progress.line(`coding ${rows.length.toLocaleString('en-US')} rows of '${chosen.name}'...`);
  const result = runCoding(rows, args.options, tables);
  return { src, chosen, rows, result };
}

async function codeAndPlan(
  args: CodeArgs,
  io: Io,
  progress: Progress,
  outPath: string,
): Promise<{ summary: string; write: () => Promise<void> }> {
  const { src, chosen, rows, result } = await codeInput(args, io, progress);
  const count = { OK: 0, Review: 0, Error: 0 };
  for (const r of result.rows) count[r.status]++;
  const summary =
    `coded ${result.rows.length} rows in ${result.encounters.length} encounters ` +
    `(${count.OK} OK, ${count.Review} to review, ${count.Error} with errors)`;
  const plan = planWrite(chosen.table, rows, result);
  const onRow = progress.rows('updated');
  if (path.extname(outPath).toLowerCase() === '.csv') {
    const text = csvWithPlan(chosen.grid, plan, src.csv?.delimiter ?? ',');
    return { summary, write: () => fs.writeFile(outPath, text, 'utf8') };
  }
  if (src.csv) {
    const { workbook, ws } = workbookFromCsv(src.csv.rows, chosen.name);
    applyPlan(ws, plan, onRow);
    return { summary, write: () => workbook.xlsx.writeFile(outPath) };
  }
  const workbook = src.workbook!;
  applyPlan(workbook.getWorksheet(chosen.name)!, plan, onRow);
  return { summary, write: () => workbook.xlsx.writeFile(outPath) };
}

function describeWriteError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EBUSY') return 'the file is open in another program';
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EISDIR') return 'it is a folder';
  return firstLine(err);
}
