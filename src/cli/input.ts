/**
 * What `code` and `report` both do before writing: load the user's tables (--drug-map, --mue), open the
 * input, choose the sheet and read it through the pipeline. Coding itself is the pipeline's.
 */
import { emptyTableMessage, loadTables, readInput, TABLE_KINDS, type SheetInput, type TableSource, type Tables } from '../pipeline';
import type { Field } from '../rules/types';
import { detectTable } from '../sheet/headers';
import { UnknownHeaderError } from '../sheet/mapping';
import type { DetectedTable, Grid, GridWatcher } from '../sheet/types';
import type { ActionOverride } from '../inputs/actionLog/actions';
import type { ReadSettings } from '../inputs/types';
import type { ClaimsArgs, CodeArgs } from './args';
import { OWN_SHEETS } from './ownedSheets';
import { CliError, firstLine, gridOfCsv, gridOfWorksheet, readTableFile, sheetNameFor, type SourceFile } from './workbookFile';
import { readSharedStrings, readSheetGrid } from '../outputs/xlsx/workbook';
import { producibleCodes } from './tablesCommand';
import { loadPtpFile, readGrid } from './claimsFiles';
import { DrugCatalog } from '../rules/catalog/catalog';
import { ASP_COLUMNS } from '../claims/asp';
import { CROSSWALK_COLUMNS } from '../claims/crosswalk';
import { FEE_COLUMNS } from '../claims/fees';
import { findHeader, type ColumnSpec } from '../claims/header';
import { PAYER_COLUMNS } from '../claims/payers';
import { REVENUE_COLUMNS } from '../claims/revenue';

/** The header each claims table is found by, to pick its sheet in a workbook of several. */
const CLAIMS_HEADERS: Record<string, Record<string, ColumnSpec>> = { asp: ASP_COLUMNS, ndcCrosswalk: CROSSWALK_COLUMNS, fees: FEE_COLUMNS, payers: PAYER_COLUMNS, revenueCodes: REVENUE_COLUMNS };

const MAX_PROBLEMS = 10;

/**
 * Reads `--drug-map`, `--mue`, `--not-complex` and the claims files (`--asp`, `--ndc-crosswalk`, `--fees`,
 * `--payers`, `--revenue-codes`; a CMS .zip as downloaded); their bad rows are warnings, a file with no usable
 * row an error. NCCI PTP files (`--ptp`) are streamed, keeping the pairs of codes the engine can produce.
 */
export async function loadUserTables(
  args: { drugMap: string | null; mue: string | null; notComplex?: string | null } & Partial<ClaimsArgs>,
  io: { stderr: (text: string) => void },
): Promise<Tables> {
  const sources: TableSource[] = [];
  const warnFor = (file: string) => (warning: string) => io.stderr(`infusion-coder: warning: ${file}: ${warning}\n`);
  if (args.drugMap) sources.push({ kind: 'drugMap', source: args.drugMap, grid: await readTableFile(args.drugMap, undefined, warnFor(args.drugMap)) });
  if (args.mue) sources.push({ kind: 'mue', source: args.mue, grid: await readTableFile(args.mue, undefined, warnFor(args.mue)) });
  if (args.notComplex) sources.push({ kind: 'notComplex', source: args.notComplex, grid: await readTableFile(args.notComplex, undefined, warnFor(args.notComplex)) });
  const claimFiles: [TableSource['kind'], string | null | undefined][] = [
    ['asp', args.asp], ['ndcCrosswalk', args.ndcCrosswalk], ['fees', args.fees], ['payers', args.payers], ['revenueCodes', args.revenueCodes],
  ];
  for (const [kind, file] of claimFiles) {
    if (!file) continue;
    const columns = CLAIMS_HEADERS[kind];
    sources.push({ kind, source: file, grid: await readGrid(file, (grid) => findHeader(grid, columns) !== null, warnFor(file)) });
  }
  const { tables, loads } = loadTables(sources);
  if (args.ptp && args.ptp.length > 0) {
    const claims = (tables.claims ??= {});
    const keep = producibleCodes(tables.catalog ?? DrugCatalog.builtIn(), claims.asp?.byCode.keys());
    claims.ptp = [];
    for (const file of args.ptp) claims.ptp.push(await loadPtpFile(file, keep, warnFor(file)));
  }
  if (args.all340b) (tables.claims ??= {}).all340b = true;
  for (const load of loads) {
    if (load.rows === 0) throw new CliError(emptyTableMessage(load));
    const what = `${TABLE_KINDS[load.source.kind].label} ${load.source.source}`;
    for (const p of load.problems.slice(0, MAX_PROBLEMS)) io.stderr(`infusion-coder: warning: ${what}: ${p}\n`);
    if (load.problems.length > MAX_PROBLEMS) io.stderr(`infusion-coder: warning: ${what}: ${load.problems.length - MAX_PROBLEMS} more problems\n`);
  }
  return tables;
}

export interface Chosen {
  name: string;
  grid: Grid;
  input: SheetInput;
}

const HEADER_ROW =
  'a header row naming at least three fields, one of them the drug or a start/stop time ' +
  '(headers such as Drug, Start Time, Stop Time; or name columns with --map field=Header)';

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
    if (!table.dataRows.some((r) => !isEmptyText(grid.values[r - grid.firstRow]?.[c]))) {
      const name = table.headers.get(column) ?? header;
      throw new CliError(`--map ${field}=${header}: column '${name}' is empty in every row; the columns found are ${columnsFound(grid, table)}`, 2);
    }
  }
}

const isEmptyText = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** How the command reads a grid: the --map corrections (column letters allowed, unknown headers refused). */
export function readSettingsFor(map: Partial<Record<Field, string>>, actions: readonly ActionOverride[] = []): ReadSettings {
  return { mapping: map, mappingOptions: { letters: true, strict: true }, actions };
}

/**
 * The pipeline's reading of one grid with the --map corrections: a header found nowhere, or a mapped column
 * empty in every row, is a usage error.
 */
function read(grid: Grid, map: Partial<Record<Field, string>>, actions: readonly ActionOverride[] = []): SheetInput | null {
  let input: SheetInput | null;
  try {
    input = readInput(grid, readSettingsFor(map, actions));
  } catch (err) {
    if (err instanceof UnknownHeaderError) {
      throw new CliError(`--map ${err.field}=${err.header}: no column with that header; the columns found are ${columnsFound(grid, detectTable(grid))}`, 2);
    }
    throw err;
  }
  if (input) checkMappedColumnsHaveValues(grid, input.table, map);
  return input;
}

/** The sheets of a workbook, each read into a Grid only when asked (streamed from the package, or exceljs's). */
function sheetsOf(src: SourceFile): { name: string; empty: boolean; read: (onRow?: (n: number) => void, watcher?: GridWatcher) => Promise<Grid> }[] {
  const book = src.book;
  if (book) {
    let strings: Promise<string[]> | null = null;
    return book.sheets.map((sheet) => ({
      name: sheet.name,
      empty: false,
      read: async (onRow?: (n: number) => void, watcher?: GridWatcher) => {
        try {
          return await readSheetGrid(book, sheet, await (strings ??= readSharedStrings(book)), onRow, watcher);
        } catch (err) {
          // A part that does not inflate or parse: one sentence naming the sheet, never a stack trace.
          throw new CliError(`cannot read ${src.path}: sheet '${sheet.name}' is damaged (${firstLine(err)}); open and save it again in Excel, or save it as .csv`);
        }
      },
    }));
  }
  return src.workbook!.worksheets.map((ws) => ({
    name: ws.name,
    empty: ws.actualRowCount === 0,
    read: async (onRow?: (n: number) => void) => gridOfWorksheet(ws, onRow),
  }));
}

/**
 * The sheet to code: --sheet, else the first sheet whose table documents administrations (a drug, a start time,
 * a dose or route, and a stop, date, encounter or patient; or an action log), else the sheet whose table names the most fields (the first of equals) (sheets `skip` names excluded, so
 * the report never takes its own earlier output as input).
 */
export async function chooseSheet(
  src: SourceFile,
  args: Pick<CodeArgs, 'sheet' | 'map'> & { actions?: readonly ActionOverride[] },
  onRow?: (n: number) => void,
  skip: (name: string) => boolean = () => false,
  watch: (sheet: string) => GridWatcher | undefined = () => undefined,
): Promise<Chosen> {
  if (src.csv) {
    const grid = gridOfCsv(src.csv.rows, src.csv.cut);
    const input = read(grid, args.map, args.actions);
    if (!input) throw new CliError(`no table found in ${src.path}: it needs ${HEADER_ROW}`);
    return { name: sheetNameFor(src.path), grid, input };
  }
  const sheets = sheetsOf(src);
  const missing = src.book?.missingSheets ?? [];
  const damaged = (names: string[]) =>
    new CliError(`cannot read ${src.path}: the workbook is damaged: ${names.length === 1 ? 'sheet' : 'sheets'} ${names.map((n) => `'${n}'`).join(', ')} ${names.length === 1 ? 'is' : 'are'} missing from the file; open and save it again in Excel, or save it as .csv`);
  if (args.sheet !== null) {
    const wanted = args.sheet.trim().toLowerCase();
    const ws = sheets.find((s) => s.name.toLowerCase() === wanted);
    if (!ws && missing.some((n) => n.toLowerCase() === wanted)) throw damaged([args.sheet]);
    if (!ws) {
      throw new CliError(`no sheet named '${args.sheet}' in ${src.path}; its sheets are ${sheets.map((s) => `'${s.name}'`).join(', ')}`);
    }
    const grid = await ws.read(onRow, watch(ws.name));
    const input = read(grid, args.map, args.actions);
    if (!input) throw new CliError(`no table found on sheet '${ws.name}' of ${src.path}: it needs ${HEADER_ROW}`);
    return { name: ws.name, grid, input };
  }
  // The first sheet whose table documents administrations (a drug, a start and a dose or route, or an action log);
  // else the one naming the most fields: a summary before the log (Drug, Doses, Route) is passed over, and so is an
  // orders sheet (Drug, Start, Frequency) after the administrations (Drug, Dose, Route).
  let weak: (Chosen & { fields: number }) | null = null;
  for (const ws of sheets) {
    if (ws.empty || skip(ws.name) || OWN_SHEETS.has(ws.name.toLowerCase())) continue;
    const grid = await ws.read(onRow, watch(ws.name));
    const input = read(grid, args.map, args.actions);
    if (!input) continue;
    const { mapping } = input.table;
    const administrations = mapping.drug && mapping.start && (mapping.dose || mapping.route) && (mapping.stop || mapping.date || mapping.encounter || mapping.patient);
    if (input.adapter !== 'sheet' || administrations) return { name: ws.name, grid, input };
    const fields = Object.values(mapping).filter((c) => typeof c === 'number' && c > 0).length;
    if (!weak || fields > weak.fields) weak = { name: ws.name, grid, input, fields };
  }
  if (weak) return { name: weak.name, grid: weak.grid, input: weak.input };
  if (missing.length > 0) throw damaged(missing);
  throw new CliError(`no table found in ${src.path}: no sheet has ${HEADER_ROW}`);
}
