/** Command-line arguments of `infusion-coder code`, checked before any file is read. */
import { FIELDS, type Field } from '../rules/types';
import type { CodingOptionsInput, OptionDescriptor } from '../rules/options';
import { OPTION_DESCRIPTORS } from '../rules/options';
import { parseActionOverride, type ActionOverride } from '../inputs/actionLog/actions';
import { CliError } from './workbookFile';

/** The claims flags of `code` and `report` (src/claims): CMS ASP pricing file, NDC-HCPCS crosswalk, NCCI PTP files, fees, payers. */
export interface ClaimsArgs {
  asp: string | null;
  ndcCrosswalk: string | null;
  ptp: string[];
  fees: string | null;
  payers: string | null;
  revenueCodes: string | null;
  /** Every drug line is 340B-acquired (without a 340B column). */
  all340b: boolean;
}

export interface CodeArgs extends ClaimsArgs {
  input: string;
  out: string | null;
  sheet: string | null;
  /** `--map field=Header` (or a column letter); an empty header unmaps the field. */
  map: Partial<Record<Field, string>>;
  drugMap: string | null;
  mue: string | null;
  /** `--not-complex FILE`: the user's list of drugs coded 96372 instead of 96401/96402. */
  notComplex: string | null;
  json: boolean;
  quiet: boolean;
  /** CSV output: neutralise text that would run as a formula (--no-csv-guard turns it off). */
  csvGuard: boolean;
  /** CSV output: start with a UTF-8 byte-order mark, so Excel reads accents right (--no-bom turns it off). */
  bom: boolean;
  /** `--format csv`: read a text file as CSV whatever its name. */
  format: 'csv' | null;
  options: CodingOptionsInput;
  /** `--action "Bag Hung=start"`: MAR action words added to (or overriding) the built-in vocabulary. */
  actions: ActionOverride[];
}

/** Coding options by flag (rules/options.ts lists every option with its flag): `--flag VALUE`, or `--flag` / `--no-flag`. */
const OPTION_FLAGS = new Map<string, OptionDescriptor>(OPTION_DESCRIPTORS.map((d) => [d.flag, d]));
const NEGATED_FLAGS = new Map<string, OptionDescriptor>(
  OPTION_DESCRIPTORS.filter((d) => d.kind === 'boolean').map((d) => [`--no-${d.flag.slice(2)}`, d]),
);

/** Flags that take a value (the coding options' value flags are added from their list). */
const VALUE_FLAGS = new Set([
  '--asp', '--ndc-crosswalk', '--ptp', '--fees', '--payers', '--revenue-codes',
  '--out', '-o', '--sheet', '--map', '--drug-map', '--mue', '--not-complex', '--format', '--action',
  ...OPTION_DESCRIPTORS.filter((d) => d.kind !== 'boolean').map((d) => d.flag),
]);
const BOOLEAN_FLAGS = new Set([
  '--json', '--quiet', '-q', '--340b', '--no-csv-guard', '--no-bom', ...OPTION_DESCRIPTORS.filter((d) => d.kind === 'boolean').map((d) => d.flag), ...NEGATED_FLAGS.keys(),
]);

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase();
  const hit = allowed.find((a) => a.toLowerCase() === v);
  if (!hit) throw new CliError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`, 2);
  return hit;
}

/** Parses the arguments after `code`. Unknown flags and bad values are usage errors (exit 2). */
export function parseCodeArgs(argv: string[]): CodeArgs {
  const out: CodeArgs = {
    input: '', out: null, sheet: null, map: {}, drugMap: null, mue: null, json: false, quiet: false, csvGuard: true, bom: true, format: null, options: {},
    asp: null, ndcCrosswalk: null, ptp: [], fees: null, payers: null, revenueCodes: null, all340b: false,
    notComplex: null, actions: [],
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      value = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    }
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (VALUE_FLAGS.has(arg)) {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new CliError(`${arg} needs a value`, 2);
        value = argv[++i];
      }
      applyValue(out, arg, value);
    } else if (BOOLEAN_FLAGS.has(arg)) {
      if (value !== undefined) throw new CliError(`${arg} takes no value`, 2);
      if (arg === '--json') out.json = true;
      else if (arg === '--quiet' || arg === '-q') out.quiet = true;
      else if (arg === '--340b') out.all340b = true;
      else if (arg === '--no-csv-guard') out.csvGuard = false;
      else if (arg === '--no-bom') out.bom = false;
      else setOption(out, (OPTION_FLAGS.get(arg) ?? NEGATED_FLAGS.get(arg)) as OptionDescriptor, !NEGATED_FLAGS.has(arg));
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new CliError(`unknown option ${arg} (see infusion-coder code --help)`, 2);
    } else positional.push(arg);
  }
  if (positional.length === 0) throw new CliError('code needs an input file: infusion-coder code INPUT.xlsx', 2);
  if (positional.length > 1) throw new CliError(`code takes one input file, got ${positional.length}: ${positional.join(' ')}`, 2);
  out.input = positional[0];
  return out;
}

function setOption(out: CodeArgs, d: OptionDescriptor, value: unknown): void {
  (out.options as Record<string, unknown>)[d.key] = value;
}

function applyValue(out: CodeArgs, flag: string, value: string): void {
  const option = OPTION_FLAGS.get(flag);
  if (option) {
    if (option.kind === 'enum') setOption(out, option, oneOf(flag, value, Object.keys(option.choices ?? {})));
    else if (option.kind === 'list') setOption(out, option, value.split(',').map((p) => p.trim()).filter((p) => p.length > 0));
    else setOption(out, option, value);
    return;
  }
  switch (flag) {
    case '--out':
    case '-o':
      out.out = value;
      break;
    case '--sheet':
      out.sheet = value;
      break;
    case '--map': {
      const eq = value.indexOf('=');
      if (eq <= 0) throw new CliError(`--map needs field=Header (got '${value}')`, 2);
      const name = value.slice(0, eq).trim().toLowerCase();
      const field = FIELDS.find((f) => f === name);
      if (!field) throw new CliError(`--map: unknown field '${name}'; fields are ${FIELDS.join(', ')}`, 2);
      out.map[field] = value.slice(eq + 1).trim();
      break;
    }
    case '--action': {
      const parsed = parseActionOverride(value);
      if ('error' in parsed) throw new CliError(`--action: ${parsed.error}`, 2);
      out.actions.push(parsed);
      break;
    }
    case '--format':
      out.format = oneOf(flag, value, ['csv'] as const);
      break;
    case '--drug-map':
      out.drugMap = value;
      break;
    case '--mue':
      out.mue = value;
      break;
    case '--asp':
      // One file prices one quarter: a second one would silently replace the first.
      if (out.asp !== null) throw new CliError(`--asp is given twice (${out.asp}, ${value}): an ASP file prices the dates of service of its quarter; code each quarter's rows with its own file`, 2);
      out.asp = value;
      break;
    case '--ndc-crosswalk':
      out.ndcCrosswalk = value;
      break;
    case '--ptp':
      out.ptp.push(value);
      break;
    case '--fees':
      out.fees = value;
      break;
    case '--payers':
      out.payers = value;
      break;
    case '--revenue-codes':
      out.revenueCodes = value;
      break;
    case '--not-complex':
      out.notComplex = value;
      break;
  }
}

/** One help entry per coding option, from the option list (the first choice is the default). */
function optionHelp(): string {
  return OPTION_DESCRIPTORS.map((d) => {
    const arg = d.kind === 'enum' ? ` ${Object.keys(d.choices ?? {}).join('|')}` : d.kind === 'list' ? ' LIST' : d.kind === 'text' ? ' TEXT' : '';
    const head = d.kind === 'boolean' ? `      ${d.flag}, --no-${d.flag.slice(2)}` : `      ${d.flag}${arg}`;
    return `${head}\n                            ${d.label}: ${d.help}`;
  }).join('\n');
}

export const CODE_HELP = `Usage: infusion-coder code INPUT.xlsx|INPUT.csv|INPUT.json|INPUT.ndjson [options]

Codes every infusion/injection row of INPUT and writes a coded copy (the input is never changed):
derived columns IC CPT, IC HCPCS, IC NDC, IC Modifiers, IC Minutes, IC Status, IC Findings and IC Explanation
to the right of your columns, a light red fill and a note on each cell behind an error, light amber
behind a warning. INPUT is read as what its bytes are (.xlsx, or CSV text from .csv/.tsv/.txt).
A MAR action log (one row per New Bag, Paused, Stopped ... action) is paired into administrations first,
listed on an IC Administrations sheet. A FHIR R4 Bundle (.json) or bulk export (.ndjson) of
MedicationAdministration resources gives one coded row per administration.

Options:
  -o, --out FILE            output file (default: INPUT name + .coded.xlsx; .csv gives a CSV copy)
      --sheet NAME          worksheet to code (default: the first sheet with a drug and a start column)
      --map field=Header    use this column for a field (or a column letter: --map drug=D);
                            --map field= ignores a column; repeatable
      --drug-map FILE       your drug map (.csv or .xlsx: name, synonyms, HCPCS, billing unit, class,
                            single_dose) added to the built-in catalog
      --mue FILE            a CMS MUE file (.csv or .xlsx) replacing the built-in MUE values
      --not-complex FILE    your list of drugs coded 96372 instead of 96401/96402 (.csv or .xlsx:
                            name, hcpcs) replacing the built-in list
      --json                print the coding as JSON on stdout instead of writing a file
      --no-csv-guard        CSV output: write text starting with = + - @ as is (by default it gets a
                            leading ' so a spreadsheet does not run it as a formula)
      --no-bom              CSV output: no UTF-8 byte-order mark (by default one is written, so Excel
                            reads accented letters right)
      --format csv          read a text file as CSV whatever its name (export.dat, log.prn)
      --action "WORD=KIND"  a MAR action word of your site: KIND is start, resume, stop, pause, continue,
                            point or not-given (--action "Bag Hung=start"); repeatable
  -q, --quiet               print nothing when it works: no summary line (stdout), no progress
                            (stderr); problems and warnings are still printed on stderr
  -h, --help                this help

Claims (docs/claims.md; CMS files as downloaded: .csv, .txt, .xlsx or the .zip):
      --asp FILE            CMS ASP pricing file: drug amounts (payment limit x units), new drug codes
      --ndc-crosswalk FILE  CMS ASP NDC-HCPCS crosswalk: an NDC column picks the HCPCS code and the
                            claim's NDC line (N4 + NDC + unit + quantity)
      --ptp FILE            NCCI PTP edits, practitioner or hospital (repeatable; streamed)
      --fees FILE           your fee schedule / chargemaster (code, optional modifier and payer, amount)
      --payers FILE         payer profiles (Payer, JW/JZ, NDC required, Site modifier, 340B modifier,
                            Claim form) before the built-in Medicare and Medicaid ones
      --revenue-codes FILE  UB-04 revenue codes (Category or Code, Revenue Code)
      --340b                every drug was bought under 340B (else a 340B column says so per row)

Coding options (RULES.md; the on/off options are on by default; docs/coding-rules.md explains each):
${optionHelp()}

Examples (in the repository; with npm link, drop the npx):
  npx infusion-coder code examples/infusions.xlsx
  npx infusion-coder code examples/infusions.xlsx --sheet "Infusion Log" --map drug="Drug/Solution" -q
  npx infusion-coder code examples/infusions.xlsx --payer Medicare --site-modifier XS --no-sum-hydration
  npx infusion-coder code examples/infusions.xlsx --map nurse= --json > examples/coding.json
`;
