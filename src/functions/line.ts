/**
 * The line form of the functions: each call codes stand-alone lines given as separate arguments
 * (start, stop, route, purpose, drug, setting). Every argument may be one cell or a range of a common
 * size, so one call can code a whole column; each line is its own encounter.
 */
import type { CellValue, Field, Finding, FindingId, InputRow, RowResult } from '../rules/types';
import { formatCodes, formatModifiers } from '../sheet/plan';
import type { Arg, Matrix, Shape } from './args';
import { at, broadcastShape, isBlankArg, shownTime, toMatrix } from './args';
import { runRules } from './engine';
import { FunctionInputError, invalid } from './errors';

/** What a function returns per cell before conversion to Excel values: a value, or the error for that cell. */
export type Cell = string | number | FunctionInputError;

/** The six arguments of INFUSIONCODES, INFUSIONFLAGS and INFUSIONEXPLAIN in the line form. */
export const LINE_FIELDS = ['start', 'stop', 'route', 'purpose', 'drug', 'setting'] as const;
export type LineField = (typeof LINE_FIELDS)[number];
export type LineArgs = Partial<Record<LineField, Arg>>;

/** How the functions name each argument in messages (and the column names the engine puts in findings). */
export const ARG_LABELS: Record<LineField | 'dose', string> = {
  start: 'start time',
  stop: 'stop time',
  route: 'route',
  purpose: 'purpose',
  drug: 'drug',
  setting: 'setting',
  dose: 'dose',
};

/**
 * Findings that make a line-form call fail with #VALUE!: the value given cannot be read, or contradicts
 * itself. Documentation findings (a missing stop time, an unknown drug) are answers, not errors: they
 * show in INFUSIONFLAGS while INFUSIONCODES returns the codes the rules give.
 */
const BAD_INPUT: ReadonlySet<FindingId> = new Set<FindingId>([
  'unparseable-time',
  'unparseable-date',
  'unparseable-dose',
  'stop-before-start',
  'unknown-setting',
  'unknown-route',
]);

/** Coded lines of a line-form call, in row-major order of the common shape. */
export interface CodedLines {
  shape: Shape;
  /** One per cell of the shape: the row's result, null for a line that is entirely blank, or its error. */
  results: (RowResult | null | FunctionInputError)[];
}

/**
 * Codes every line of a line-form call with one call to the rules. `fields` are the fields the
 * arguments supply; any other field stays blank, and findings about it are left out (a stand-alone
 * line has no diagnosis or necessity column to check).
 */
export function codeLines(
  args: Partial<Record<Field, Arg>>,
  options: { failOnBadInput?: boolean; keyFields?: Field[] } = {},
): CodedLines {
  // A line with none of these is blank (a route or purpose repeated down a column codes nothing alone).
  const keyFields = options.keyFields ?? DEFAULT_KEY_FIELDS;
  const fields = Object.keys(args) as Field[];
  const matrices: (Matrix | null)[] = fields.map((field) => toMatrix(args[field]));
  const shape = broadcastShape(fields.map((field, i) => ({ name: labelOf(field), value: matrices[i] })));
  const columns = columnsFor(fields);
  // A key field given as one cell is repeated down a range of lines: it marks none of them as filled
  // (`=IV.INFUSIONCODES(B2:B4,,"IV push",,"ondansetron")` codes only the rows with a time).
  const spread = shape.rows * shape.cols > 1;
  const keys = fields.map((field, i) => keyFields.includes(field) && !(spread && isSingleCell(matrices[i])));

  const inputs: InputRow[] = [];
  const positions: number[] = [];
  const results: CodedLines['results'] = new Array(shape.rows * shape.cols).fill(null);
  for (let r = 0; r < shape.rows; r++) {
    for (let c = 0; c < shape.cols; c++) {
      const values: Partial<Record<Field, CellValue>> = {};
      let any = false;
      for (let i = 0; i < fields.length; i++) {
        const v = at(matrices[i], r, c);
        if (!isBlankArg(v)) {
          values[fields[i]] = v;
          if (keys[i]) any = true;
        }
      }
      if (!any) continue;
      const index = r * shape.cols + c;
      // Each line is its own encounter and, in an office, its own primary reason.
      values.encounter = `line ${index + 1}`;
      values.primary = 'Y';
      inputs.push({ row: index + 1, values, columns });
      positions.push(index);
    }
  }
  if (inputs.length === 0) return { shape, results };

  const coded = runRules(inputs);
  for (let i = 0; i < coded.rows.length && i < positions.length; i++) {
    const row = coded.rows[i];
    const findings = row.findings.filter((f) => f.field === null || fields.includes(f.field));
    const bad = options.failOnBadInput === false ? undefined : findings.find((f) => BAD_INPUT.has(f.id));
    results[positions[i]] = bad ? invalid(badInputMessage(bad, inputs[i])) : { ...row, findings };
  }
  return { shape, results };
}

const DEFAULT_KEY_FIELDS: Field[] = ['start', 'stop', 'drug'];

function isSingleCell(m: Matrix | null): boolean {
  return m !== null && m.length === 1 && m[0].length === 1;
}

function labelOf(field: Field): string {
  return ARG_LABELS[field as LineField | 'dose'] ?? field;
}

/** The column names findings carry, one object per set of fields (shared by every line of every call). */
const columnsCache = new Map<string, Partial<Record<Field, string>>>();
function columnsFor(fields: Field[]): Partial<Record<Field, string>> {
  const key = fields.join(',');
  let columns = columnsCache.get(key);
  if (!columns) {
    columns = {};
    for (const field of fields) columns[field] = labelOf(field);
    columnsCache.set(key, columns);
  }
  return columns;
}

/** Maps each coded line to a cell; blank lines give empty text. */
export function lineCells(coded: CodedLines, cell: (row: RowResult) => Cell): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < coded.shape.rows; r++) {
    const line: Cell[] = [];
    for (let c = 0; c < coded.shape.cols; c++) {
      const result = coded.results[r * coded.shape.cols + c];
      line.push(result === null ? '' : result instanceof FunctionInputError ? result : cell(result));
    }
    out.push(line);
  }
  return out;
}

/** CPT codes of a row as the derived column shows them: `96365; 96366 x2`, '' when nothing is billable. */
export function cptText(row: RowResult): string {
  return formatCodes(row.cpt);
}

export function hcpcsText(row: RowResult): string {
  return formatCodes(row.hcpcs);
}

/** Distinct modifiers of the row's code lines, in order, as the derived column shows them: `59; JW`. */
export function modifiersText(row: RowResult): string {
  return formatModifiers([...row.cpt, ...row.hcpcs]);
}

/** Finding ids of a row, comma-separated, each once: `missing-stop-time, unknown-drug`. */
export function findingIds(findings: Finding[]): string {
  const ids: string[] = [];
  for (const f of findings) if (!ids.includes(f.id)) ids.push(f.id);
  return ids.join(', ');
}

/**
 * The message of a #VALUE! from a finding. The block form reads an unknown route or setting and goes on
 * with a default; a formula says what to write instead.
 */
function badInputMessage(finding: Finding, input: InputRow): string {
  if (finding.id === 'unknown-setting') {
    return `Setting '${String(input.values.setting).trim()}' is not recognised: write facility or office (or a place-of-service code such as 11 or 22)`;
  }
  if (finding.id === 'unknown-route') {
    return `Route '${String(input.values.route).trim()}' is not recognised: write IV infusion, IV push, IM or SQ`;
  }
  if (finding.id === 'stop-before-start') {
    // The rules quote the cells as they hold them: a time cell reached the message as its serial fraction.
    const stop = shownTime(input.values.stop ?? null).replace(/^'(.*)'$/, '$1');
    const start = shownTime(input.values.start ?? null).replace(/^'(.*)'$/, '$1');
    return `Stop time ${stop} is before start time ${start} and is not a plausible midnight crossing`;
  }
  return plain(finding);
}

/** A finding's message as an error text: the engine's sentence without its closing period. */
export function plain(finding: Finding): string {
  return finding.message.replace(/\.\s*$/, '');
}
