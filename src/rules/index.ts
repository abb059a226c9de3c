/**
 * The shared rules module: rows of raw cell values in, codes, findings and explanations out.
 * The task pane, the custom functions, the reports and the command line all call `codeRows`.
 */
import { assignEncounter } from './assign';
import { DrugCatalog } from './catalog/catalog';
import { builtInMue } from './catalog/mue';
import type { NotComplexList } from './catalog/notComplex';
import type { Service } from './classify';
import { classify } from './classify';
import { FINDING_SEVERITY } from './findings';
import { assignDrugLines } from './hcpcs';
import type { Line } from './line';
import { dayText, encounterKey, readLine } from './line';
import type { CodingOptions, CodingOptionsInput } from './options';
import { resolveOptions } from './options';
import type { CodeLine, CodingResult, EncounterResult, Finding, InputRow, RowResult, RowStatus, Setting } from './types';

export * from './types';
export { DEFAULT_OPTIONS, resolveOptions, codingOptionsSchema } from './options';
export type { CodingOptions, CodingOptionsInput } from './options';
export { DrugCatalog } from './catalog/catalog';
export { NotComplexList } from './catalog/notComplex';
export { FINDING_SEVERITY, FINDING_TITLES } from './findings';
export { ADMIN_CODES } from './codes';
import { codeLine, flat } from './codes';

/** Tables the user can replace: the drug catalog (built-in + drug map), the MUE values, the not-complex list. */
export interface CodingTables {
  catalog?: DrugCatalog;
  mue?: Map<string, number>;
  /** Drugs coded 96372 instead of 96401/96402 (RULES.md §3.3); absent: NotComplexList.builtIn(). */
  notComplex?: NotComplexList;
}

const BUILT_IN_MUE_TABLE = builtInMue();

interface Encounter {
  id: string;
  lines: Line[];
}

/** Codes every row; never throws on row content, and returns exactly one RowResult per input row. */
export function codeRows(rows: readonly InputRow[], options?: CodingOptionsInput | CodingOptions, tables: CodingTables = {}): CodingResult {
  const opts = resolveOptions(options);
  const catalog = tables.catalog ?? DrugCatalog.builtIn();
  const mue = tables.mue ?? BUILT_IN_MUE_TABLE;

  const inputs = (Array.isArray(rows) ? rows : []).map(safeRow);

  // Group first, then read and code one encounter at a time, so each encounter's working objects are
  // short-lived (at 100,000 rows, keeping every parsed line alive doubles the garbage collector's work).
  const groups = new Map<string, number[]>();
  for (let i = 0; i < inputs.length; i++) {
    const key = encounterKey(inputs[i]);
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  }

  const rowResults: RowResult[] = new Array(inputs.length);
  const encounterResults: EncounterResult[] = [];
  for (const [id, members] of groups) {
    const lines = members.map((i) => readLine(inputs[i], i, { catalog, options: opts }));
    encounterResults.push(codeEncounter({ id, lines }, opts, catalog, mue, rowResults));
  }
  return { encounters: encounterResults, rows: rowResults };
}

/** A row that is not an object (or has no values) is read as an empty row, never a crash. */
function safeRow(input: unknown, index: number): InputRow {
  if (input && typeof input === 'object') {
    const r = input as Partial<InputRow>;
    const row = typeof r.row === 'number' && Number.isFinite(r.row) ? r.row : index + 1;
    const values = r.values && typeof r.values === 'object' ? r.values : {};
    return { row, values, columns: r.columns && typeof r.columns === 'object' ? r.columns : undefined };
  }
  return { row: index + 1, values: {} };
}

/** Codes one encounter; writes each row's result at its input position in `rowResults`. */
function codeEncounter(enc: Encounter, options: CodingOptions, catalog: DrugCatalog, mue: Map<string, number>, rowResults: RowResult[]): EncounterResult {
  const setting: Setting = enc.lines.find((l) => l.setting !== null)?.setting ?? options.setting;
  const payer = enc.lines.find((l) => l.payer)?.payer ?? options.defaultPayer;
  const services: Service[] = enc.lines.map((l) => classify(l, options));

  const cpt = assignEncounter(services, { setting, options, concurrentUsed: false });
  const hcpcs = assignDrugLines(services, { catalog, options, payer });
  checkMue(cpt.concat(hcpcs), enc.lines, mue);
  checkDocumentation(enc.lines, cpt, hcpcs);

  const cptByRow = byRow(cpt);
  const hcpcsByRow = byRow(hcpcs);
  const countedIn = new Map<number, CodeLine>();
  for (const c of cpt) for (const r of c.rows) if (!countedIn.has(r)) countedIn.set(r, c);
  const drugCountedIn = countedElsewhere(hcpcs);
  for (const s of services) {
    const row = s.line.row;
    rowResults[s.line.order] = rowResult(s, enc.id, cptByRow.get(row) ?? NO_LINES, hcpcsByRow.get(row) ?? NO_LINES, countedIn, drugCountedIn.get(row));
  }
  const first = enc.lines[0];
  const days = enc.lines.map((l) => l.day).filter((d): d is number => d !== null);
  const encounter: EncounterResult = {
    id: enc.id,
    rows: enc.lines.map((l) => l.row),
    setting,
    payer: payer || null,
    patient: enc.lines.find((l) => l.text.patient)?.text.patient ?? null,
    date: days.length ? dayText(Math.min(...days)) : null,
    provider: enc.lines.find((l) => l.text.provider)?.text.provider ?? first.text.provider ?? null,
    cpt: merge(cpt),
    hcpcs: merge(hcpcs),
    findings: encounterFindings(enc.lines),
  };
  return encounter;
}

function encounterFindings(lines: Line[]): Finding[] {
  const out: Finding[] = [];
  for (const l of lines) for (const f of l.findings.list) out.push(f);
  return out;
}

/** RULES.md 6: units of one code on one date of service above its MUE. */
function checkMue(codes: CodeLine[], lines: Line[], mue: Map<string, number>): void {
  const totals = new Map<string, { first: CodeLine; units: number }>();
  for (const c of codes) {
    if (!mue.has(c.code)) continue;
    const key = `${c.code}|${c.date}`;
    const total = totals.get(key);
    if (total) total.units += c.units;
    else totals.set(key, { first: c, units: c.units });
  }
  for (const { first, units } of totals.values()) {
    const limit = mue.get(first.code) as number;
    if (units <= limit) continue;
    const line = lines.find((l) => l.row === first.row);
    line?.findings.add(
      'mue-exceeded',
      first.kind === 'cpt' ? 'stop' : 'dose',
      `${first.code} has ${units} units on ${first.date ?? 'this date'}, over its Medically Unlikely Edit of ${limit}; check the documentation before billing.`,
    );
  }
}

/** A billable line (one that earns an administration code or a drug line) needs a necessity note and a diagnosis. */
function checkDocumentation(lines: Line[], cpt: CodeLine[], hcpcs: CodeLine[]): void {
  const billable = new Set<number>();
  for (const c of cpt) c.rows.forEach((r) => billable.add(r));
  const withCpt = new Set(billable);
  for (const c of hcpcs) {
    if (!/^J7[01]\d\d$/.test(c.code) || withCpt.has(c.row)) c.rows.forEach((r) => billable.add(r));
  }
  for (const line of lines) {
    if (!billable.has(line.row)) continue;
    if (!line.hasNecessity) line.findings.add('missing-necessity', 'necessity', 'Billable line without a medical-necessity note: document why the patient needed it.');
    if (!line.hasDiagnosis && !line.findings.has('invalid-diagnosis-code')) {
      line.findings.add('missing-diagnosis', 'diagnosis', 'Billable line without a diagnosis code supporting it.');
    }
  }
}

/** Shared by rows without CPT or HCPCS lines (never mutated). */
const NO_LINES: CodeLine[] = Object.freeze([]) as unknown as CodeLine[];

/** The lines shown on each row, in order (one pass, so an encounter of any size costs linear time). */
function byRow(lines: CodeLine[]): Map<number, CodeLine[]> {
  const out = new Map<number, CodeLine[]>();
  for (const c of lines) {
    const list = out.get(c.row);
    if (list) list.push(c);
    else out.set(c.row, [c]);
  }
  return out;
}

/** `J1745 x35`, `J2506-JZ x12`, `96361`: a code line as a sentence names it. */
function codeText(c: CodeLine): string {
  return `${c.code}${c.modifiers.length ? `-${c.modifiers.join('-')}` : ''}${c.units === 1 ? '' : ` x${c.units}`}`;
}

/** Drug lines that also cover other rows (one line per drug per date of service), by each covered row. */
function countedElsewhere(lines: CodeLine[]): Map<number, CodeLine[]> {
  const out = new Map<number, CodeLine[]>();
  for (const c of lines) {
    for (const r of c.rows) {
      if (r === c.row) continue;
      const list = out.get(r);
      if (list) list.push(c);
      else out.set(r, [c]);
    }
  }
  return out;
}

function rowResult(
  s: Service,
  encounter: string,
  rowCpt: CodeLine[],
  rowHcpcs: CodeLine[],
  countedIn: Map<number, CodeLine>,
  drugElsewhere: CodeLine[] | undefined,
): RowResult {
  const line = s.line;
  const findings: Finding[] = line.findings.list;
  const parts = rowCpt.length === 0 ? [flat(noCodeReason(s, countedIn))] : [];
  for (const c of rowCpt) parts.push(c.explanation);
  for (const c of rowHcpcs) parts.push(c.explanation);
  for (const c of drugElsewhere ?? NO_LINES) parts.push(`Counted in ${codeText(c)} on row ${c.row}.`);
  return {
    row: line.row,
    encounter,
    cpt: rowCpt,
    hcpcs: rowHcpcs,
    minutes: line.minutes,
    findings,
    explanation: parts.length === 1 ? parts[0] : parts.join(' '),
    status: status(findings),
  };
}

function noCodeReason(s: Service, countedIn: Map<number, CodeLine>): string {
  const elsewhere = countedIn.get(s.line.row);
  if (elsewhere) return `Counted in ${codeText(elsewhere)} on row ${elsewhere.row}.`;
  if (s.uncodedReason) return `No administration code: ${s.uncodedReason}.`;
  const below = s.line.findings.list.find((f) => f.id === 'below-threshold' || f.id === 'concurrent-limit');
  if (below) return `No administration code: ${below.message.replace(/\.$/, '')}.`;
  return 'No administration code.';
}

function status(findings: Finding[]): RowStatus {
  if (findings.some((f) => FINDING_SEVERITY[f.id] === 'error')) return 'Error';
  if (findings.some((f) => FINDING_SEVERITY[f.id] === 'warning')) return 'Review';
  return 'OK';
}

/** One entry per code + modifiers, units summed, in first-appearance order (single lines are shared, not copied). */
function merge(lines: CodeLine[]): CodeLine[] {
  const groups = new Map<string, CodeLine[]>();
  for (const l of lines) {
    const key = `${l.code}|${l.modifiers.join('|')}`;
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  const out: CodeLine[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (group.length === 1) {
      out.push(first);
      continue;
    }
    const rows = new Set<number>();
    let units = 0;
    for (const l of group) {
      units += l.units;
      for (const r of l.rows) rows.add(r);
    }
    const explanation = group.map((l) => l.explanation).join(' ');
    out.push(codeLine(first.kind, first.code, units, first.modifiers, first.row, [...rows], first.date, first.drug, explanation));
  }
  return out;
}
