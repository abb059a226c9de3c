/**
 * What `code` and `report` both do before writing: load the user's tables (--drug-map, --mue), open the
 * input, choose the sheet and read it through the pipeline. Coding itself is the pipeline's.
 */
import { emptyTableMessage, loadTables, readInput, TABLE_KINDS, type SheetInput, type TableSource, type Tables } from '../pipeline';
import type { Field } from '../rules/types';
import { UnknownHeaderError } from '../sheet/mapping';
import type { Grid } from '../sheet/types';
import type { CodeArgs } from './args';
import { CliError, gridOfCsv, gridOfWorksheet, readTableFile, sheetNameFor, type SourceFile } from './workbookFile';

const MAX_PROBLEMS = 10;

/** Reads `--drug-map` and `--mue` files; their bad rows are warnings, a file with no usable row an error. */
export async function loadUserTables(
  args: { drugMap: string | null; mue: string | null },
  io: { stderr: (text: string) => void },
): Promise<Tables> {
  const sources: TableSource[] = [];
  if (args.drugMap) sources.push({ kind: 'drugMap', source: args.drugMap, grid: await readTableFile(args.drugMap) });
  if (args.mue) sources.push({ kind: 'mue', source: args.mue, grid: await readTableFile(args.mue) });
  const { tables, loads } = loadTables(sources);
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

const NO_TABLE =
  'needs a header row naming at least three fields, one of them the drug or a start/stop time ' +
  '(headers such as Drug, Start Time, Stop Time; or name columns with --map field=Header)';

/** The pipeline's reading of one grid with the --map corrections (a header found nowhere is a usage error). */
function read(grid: Grid, map: Partial<Record<Field, string>>): SheetInput | null {
  try {
    return readInput(grid, { mapping: map, mappingOptions: { letters: true, strict: true } });
  } catch (err) {
    if (err instanceof UnknownHeaderError) throw new CliError(`--map ${err.field}=${err.header}: no column with that header`, 2);
    throw err;
  }
}

/**
 * The sheet to code: --sheet, else the first sheet with a detectable table (sheets `skip` names excluded,
 * so the report never takes its own earlier output as input).
 */
export function chooseSheet(
  src: SourceFile,
  args: Pick<CodeArgs, 'sheet' | 'map'>,
  onRow?: (n: number) => void,
  skip: (name: string) => boolean = () => false,
): Chosen {
  if (src.csv) {
    const grid = gridOfCsv(src.csv.rows);
    const input = read(grid, args.map);
    if (!input) throw new CliError(`no table found in ${src.path}: it ${NO_TABLE}`);
    return { name: sheetNameFor(src.path), grid, input };
  }
  const sheets = src.workbook!.worksheets;
  if (args.sheet !== null) {
    const wanted = args.sheet.trim().toLowerCase();
    const ws = sheets.find((s) => s.name.toLowerCase() === wanted);
    if (!ws) {
      throw new CliError(`no sheet named '${args.sheet}' in ${src.path}; its sheets are ${sheets.map((s) => `'${s.name}'`).join(', ')}`);
    }
    const grid = gridOfWorksheet(ws, onRow);
    const input = read(grid, args.map);
    if (!input) throw new CliError(`no table found on sheet '${ws.name}' of ${src.path}: it ${NO_TABLE}`);
    return { name: ws.name, grid, input };
  }
  for (const ws of sheets) {
    if (ws.actualRowCount === 0 || skip(ws.name)) continue;
    const grid = gridOfWorksheet(ws, onRow);
    const input = read(grid, args.map);
    if (input) return { name: ws.name, grid, input };
  }
  throw new CliError(`no table found in ${src.path}: no sheet ${NO_TABLE}`);
}
