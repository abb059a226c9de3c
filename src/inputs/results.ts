/**
 * Results for every source row: an adapter codes administrations, a user reads rows. The row that opened an
 * administration shows its codes; the other rows say where the codes are, or why they were skipped; every
 * row carries the adapter's findings. Encounters list their source rows.
 */
import { FINDING_SEVERITY } from '../rules/findings';
import { encounterKey } from '../rules/line';
import { NO_LINES } from '../rules/codes';
import type { CodingResult, EncounterResult, Finding, RowResult, RowStatus, Setting } from '../rules/types';
import type { AdapterOutput, SourceNote } from './types';

function status(findings: Finding[]): RowStatus {
  if (findings.some((f) => FINDING_SEVERITY[f.id] === 'error')) return 'Error';
  if (findings.some((f) => FINDING_SEVERITY[f.id] === 'warning')) return 'Review';
  return 'OK';
}

/**
 * The rules' findings of a row with the adapter's added. Where both found the same thing (a bag with no stop:
 * `missing-stop-time` from the rules and from the log's pairing), the adapter's says it in the log's terms and
 * the rules' one goes (into `dropped`, so the encounter's list drops it too).
 */
function mergeFindings(a: Finding[], b: Finding[], dropped: Set<Finding>): Finding[] {
  if (b.length === 0) return a;
  const ids = new Set(b.map((f) => f.id));
  const out: Finding[] = [];
  for (const f of a) {
    if (ids.has(f.id)) dropped.add(f);
    else out.push(f);
  }
  for (const f of b) if (!out.some((g) => g.id === f.id && g.message === f.message)) out.push(f);
  return out;
}

/**
 * The coding result over source rows: one RowResult per source note, in source order; each encounter's `rows`
 * are its source rows and its findings include the adapter's. `setting` is the default for an encounter that has
 * only skipped or unpaired rows.
 */
export function resultForSourceRows(output: AdapterOutput, coded: CodingResult, setting: Setting): CodingResult {
  const byRow = new Map<number, RowResult>();
  for (const r of coded.rows) byRow.set(r.row, r);
  const sources = new Map<number, number[]>();
  for (const input of output.rows) sources.set(input.row, input.sourceRows ?? [input.row]);

  const dropped = new Set<Finding>();
  const rows: RowResult[] = output.notes.map((note) => sourceRowResult(note, byRow, sources, dropped));

  const encounters = new Map<string, EncounterResult>();
  for (const e of coded.encounters) encounters.set(e.id, { ...e, rows: [], findings: dropped.size ? e.findings.filter((f) => !dropped.has(f)) : e.findings.slice() });
  rows.forEach((r, i) => {
    const note = output.notes[i];
    let enc = encounters.get(r.encounter);
    if (!enc) {
      enc = { id: r.encounter, rows: [], setting, payer: null, patient: null, date: null, provider: null, cpt: [], hcpcs: [], findings: [] };
      encounters.set(r.encounter, enc);
    }
    enc.rows.push(r.row);
    for (const f of note.findings) enc.findings.push(f);
  });
  return { encounters: [...encounters.values()], rows };
}

function sourceRowResult(note: SourceNote, byRow: Map<number, RowResult>, sources: Map<number, number[]>, dropped: Set<Finding>): RowResult {
  const holder = note.codesOn !== null ? byRow.get(note.codesOn) : undefined;
  if (note.role === 'opens' && holder) {
    const from = sources.get(note.row) ?? [note.row];
    if (from.length === 1 && note.findings.length === 0) return holder; // a single dose: the row's result as coded
    const findings = mergeFindings(holder.findings, note.findings, dropped);
    const joined = from.length > 1 ? ` Administration reconstructed from rows ${from.join(', ')}.` : '';
    return { ...holder, findings, status: status(findings), explanation: holder.explanation + joined };
  }
  const encounter = holder ? holder.encounter : encounterKey(note.encounterValues);
  const explanation =
    holder && note.role === 'part' ? note.note || `Part of the administration on row ${holder.row} (codes there).` : note.note;
  return { row: note.row, encounter, cpt: NO_LINES, hcpcs: NO_LINES, minutes: null, findings: note.findings, explanation, status: status(note.findings) };
}

/**
 * The result over administrations only (reports and managers' tables count administrations, not actions):
 * the rows that hold an administration's codes, with the encounters' rows narrowed to them.
 */
export function administrationResult(output: AdapterOutput, result: CodingResult): CodingResult {
  const holders = new Set(output.rows.map((r) => r.row));
  return {
    rows: result.rows.filter((r) => holders.has(r.row)),
    encounters: result.encounters
      .map((e) => ({ ...e, rows: e.rows.filter((r) => holders.has(r)) }))
      .filter((e) => e.rows.length > 0),
  };
}
