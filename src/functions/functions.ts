/**
 * Infusion Coder's custom functions (namespace IV: `=IV.INFUSIONCODES(...)`).
 *
 * The metadata (functions.json) is generated from these JSDoc comments at build time, so each function
 * is a `function` declaration with a description, an example and every parameter. Every parameter is a
 * range (`any[][]`): one cell codes one line, a column of cells codes a column of lines, and
 * INFUSIONCODES, INFUSIONFLAGS and INFUSIONEXPLAIN also take a whole table as their first argument.
 * Bad input gives #VALUE! (an unknown drug #N/A) with a message a biller can act on.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes cells of any type; `any[][]` gives the
   metadata type "any" with a matrix dimensionality, so one parameter takes a cell or a range. */
import { BLOCK_COLUMNS, codeBlock, type BlockSpill } from './block';
import { isBlankArg, toMatrix, withoutTrailingBlankRows } from './args';
import type { Arg } from './args';
import { FunctionInputError, invalid, toExcelError } from './errors';
import { hcpcsCodeCells, hcpcsUnitsCells } from './hcpcs';
import type { Cell, LineArgs } from './line';
import { codeLines, cptText, findingIds, hcpcsText, lineCells, modifiersText } from './line';
import { minutesCells } from './minutes';
import type { RowResult } from '../rules/types';
import { cutToCellLimit } from '../outputs/cellLimit';

/**
 * CPT codes of a line: =IV.INFUSIONCODES("09:00","10:31","IV infusion","therapeutic","vancomycin") gives 96365; 96366. A table, =IV.INFUSIONCODES(A1:P500), codes every encounter and spills CPT, HCPCS, modifiers, status and findings per row.
 * @customfunction INFUSIONCODES
 * @param start Start time (09:30, 9:30 AM, 0930 or an Excel time), or a table of lines to code as a block.
 * @param [stop] Stop time (a push needs none). For a table: its header row, when the table does not start with one.
 * @param [route] IV infusion, IV push, IM or SQ (blank: read from the times).
 * @param [purpose] therapeutic, hydration or chemotherapy (blank: the drug decides).
 * @param [drug] Drug or solution, generic or brand name, e.g. ceftriaxone or Rocephin.
 * @param [setting] facility or office (blank: the add-in's default setting).
 * @returns The codes, e.g. 96365; 96366 x2 (empty when nothing is billable), or one row per table row.
 */
function infusionCodes(
  start: any[][],
  stop?: any[][],
  route?: any[][],
  purpose?: any[][],
  drug?: any[][],
  setting?: any[][],
): any[][] {
  return excel(() => {
    const args: LineArgs = withoutTrailingBlankRows({ start, stop, route, purpose, drug, setting });
    const block = blockForm<Cell[]>(args, {
      header: () => [...BLOCK_COLUMNS],
      data: (r) => [cptText(r), hcpcsText(r), modifiersText(r), r.status, findingIds(r.findings)],
      blank: () => BLOCK_COLUMNS.map(() => ''),
    });
    if (block) return block;
    return lineCells(codeLines(args), cptText);
  });
}

/**
 * Minutes from start to stop, across midnight when the stop is earlier (23:00 to 02:00 is 180), e.g. =IV.INFUSIONMINUTES("09:00","10:31") gives 91. Blank when a time is blank.
 * @customfunction INFUSIONMINUTES
 * @param start Start time (09:30, 9:30 AM, 0930, an Excel time or date-time), or a column of them.
 * @param stop Stop time, or a column of them beside the start times.
 * @returns Whole minutes.
 */
function infusionMinutes(start: any[][], stop: any[][]): any[][] {
  return excel(() => {
    const args = withoutTrailingBlankRows({ start, stop });
    return minutesCells(args.start, args.stop);
  });
}

/**
 * HCPCS code of a drug or IV solution, e.g. =IV.HCPCSCODE("Rocephin") gives "J0696"; =IV.HCPCSCODE("normal saline","500 mL") gives "J7040". Uses the workbook's drug map when the add-in has loaded one.
 * @customfunction HCPCSCODE
 * @param drug Drug or solution, generic or brand name (a concentration in the name can pick the code: iohexol 350).
 * @param [dose] Dose given, e.g. 1 g or 1000 mL: picks the bag code of a solution.
 * @returns The HCPCS code (#N/A when the drug is not in the catalog).
 */
function hcpcsCode(drug: any[][], dose?: any[][]): any[][] {
  return excel(() => {
    const args = withoutTrailingBlankRows({ drug, dose });
    return hcpcsCodeCells(args.drug, args.dose);
  });
}

/**
 * HCPCS billing units of a dose, e.g. =IV.HCPCSUNITS("ceftriaxone","1 g") gives 4 (J0696 is per 250 mg); "Up to" codes count each part: morphine 4 mg gives 1.
 * @customfunction HCPCSUNITS
 * @param drug Drug or solution, generic or brand name.
 * @param dose Dose given with its unit: 1 g, 200 mg, 8 mg in 50 mL, 1000 mL.
 * @returns Units (a number), or code and units per bag size for a solution split over bags.
 */
function hcpcsUnits(drug: any[][], dose: any[][]): any[][] {
  return excel(() => {
    const args = withoutTrailingBlankRows({ drug, dose });
    return hcpcsUnitsCells(args.drug, args.dose);
  });
}

/**
 * Finding ids of a line, comma-separated, e.g. =IV.INFUSIONFLAGS("09:00","","IV infusion","","ondansetron") gives "missing-stop-time". Takes the same arguments as INFUSIONCODES, including a whole table (one row of findings per table row).
 * @customfunction INFUSIONFLAGS
 * @param start Start time, or a table of lines to check as a block.
 * @param [stop] Stop time. For a table: its header row, when the table does not start with one.
 * @param [route] IV infusion, IV push, IM or SQ.
 * @param [purpose] therapeutic, hydration or chemotherapy.
 * @param [drug] Drug or solution, generic or brand name.
 * @param [setting] facility or office.
 * @returns Finding ids such as missing-stop-time, unknown-drug (empty when there is nothing to fix).
 */
function infusionFlags(
  start: any[][],
  stop?: any[][],
  route?: any[][],
  purpose?: any[][],
  drug?: any[][],
  setting?: any[][],
): any[][] {
  return excel(() => perRow(withoutTrailingBlankRows({ start, stop, route, purpose, drug, setting }), 'Findings', (row) => findingIds(row.findings)));
}

/**
 * Why a line earns its codes: =IV.INFUSIONEXPLAIN("09:00","10:35","IV infusion","therapeutic","vancomycin") says 96366 x1 as 35 min beyond the first hour exceed 30. Same arguments as INFUSIONCODES, a whole table included.
 * @customfunction INFUSIONEXPLAIN
 * @param start Start time, or a table of lines to explain as a block.
 * @param [stop] Stop time. For a table: its header row, when the table does not start with one.
 * @param [route] IV infusion, IV push, IM or SQ.
 * @param [purpose] therapeutic, hydration or chemotherapy.
 * @param [drug] Drug or solution, generic or brand name.
 * @param [setting] facility or office.
 * @returns The explanation, or the problems that keep the line from being coded.
 */
function infusionExplain(
  start: any[][],
  stop?: any[][],
  route?: any[][],
  purpose?: any[][],
  drug?: any[][],
  setting?: any[][],
): any[][] {
  return excel(() => perRow(withoutTrailingBlankRows({ start, stop, route, purpose, drug, setting }), 'Explanation', explanation));
}

/** The explanation of a row, with the problems that block coding when there are any. */
function explanation(row: RowResult): string {
  const errors = row.findings.filter((f) => f.severity === 'error').map((f) => f.message.trim());
  const text = row.explanation.trim();
  if (errors.length === 0) return text;
  return [text, ...errors].filter(Boolean).join(' ');
}

/** One column per row (INFUSIONFLAGS, INFUSIONEXPLAIN): a table spills one value per row, lines one per line. */
function perRow(args: LineArgs, title: string, value: (row: RowResult) => string): Cell[][] {
  const block = blockForm<Cell[]>(args, { header: () => [title], data: (r) => [value(r)], blank: () => [''] });
  if (block) return block;
  // Documentation problems are the answer here, not an error: report unreadable times as flags too.
  return lineCells(codeLines(args, { failOnBadInput: false }), value);
}

/**
 * The block form when the first argument is a table (two or more columns: a table needs at least a
 * start and a stop or a drug column); null for the line form.
 */
function blockForm<T>(args: LineArgs, spill: BlockSpill<T>): T[] | null {
  const block = toMatrix(args.start);
  if (!block || (block[0]?.length ?? 0) < 2) return null;
  const extra = (['route', 'purpose', 'drug', 'setting'] as const).filter((k) => toMatrix(args[k]) !== null && !allBlank(args[k]));
  if (extra.length > 0) {
    throw invalid(`A table takes only an optional header row after it; remove the ${extra.join(', ')} argument`);
  }
  const headers = toMatrix(args.stop);
  return codeBlock(block, headers && !allBlank(args.stop) ? headers : null, spill);
}

function allBlank(arg: Arg): boolean {
  const m = toMatrix(arg);
  return !m || m.every((row) => row.every(isBlankArg));
}

/**
 * Runs a function body and hands Excel its result: an error in a single-cell result is thrown (Excel
 * shows #VALUE! with the message); inside a spilled range each bad cell carries its own error.
 */
function excel(body: () => Cell[][]): any[][] {
  let cells: Cell[][];
  try {
    cells = body();
  } catch (error) {
    throw toExcelError(error);
  }
  if (cells.length === 1 && cells[0].length === 1 && cells[0][0] instanceof FunctionInputError) {
    throw toExcelError(cells[0][0]);
  }
  // A cell holds 32,767 characters: longer text (an explanation quoting a huge drug cell) is cut, as in the files.
  return cells.map((row) => row.map((cell) => (cell instanceof FunctionInputError ? toExcelError(cell) : typeof cell === 'string' ? cutToCellLimit(cell) : cell)));
}

export { infusionCodes, infusionMinutes, hcpcsCode, hcpcsUnits, infusionFlags, infusionExplain };

// Map each function id of functions.json to its implementation, as the shared-runtime template does.
// (The webpack metadata plugin appends the same associations to the bundle; mapping an id again to the
// same function changes nothing.) Guarded so the module also loads where there is no Excel runtime.
if (typeof CustomFunctions !== 'undefined' && typeof CustomFunctions.associate === 'function') {
  CustomFunctions.associate('INFUSIONCODES', infusionCodes);
  CustomFunctions.associate('INFUSIONMINUTES', infusionMinutes);
  CustomFunctions.associate('HCPCSCODE', hcpcsCode);
  CustomFunctions.associate('HCPCSUNITS', hcpcsUnits);
  CustomFunctions.associate('INFUSIONFLAGS', infusionFlags);
  CustomFunctions.associate('INFUSIONEXPLAIN', infusionExplain);
}
