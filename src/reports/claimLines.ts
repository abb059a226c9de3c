/**
 * Claim lines: one row per derived code line (every CPT and HCPCS line the engine put on a row), with
 * the encounter's setting and payer and the patient, provider and nurse of the row that earned the line.
 */
import type { CellValue, CodeLine, CodingResult, EncounterResult, Field, InputRow, RowResult } from '../rules/types';
import { cellText, isBlank } from '../rules/values/cell';
import { reportColumns, type ClaimLine, type ReportTable } from './types';

/** Claim-lines headers, in sheet order. Pivot specs and writers refer to these names. */
export const CLAIM_HEADERS = {
  encounter: 'Encounter',
  patient: 'Patient',
  date: 'Date',
  month: 'Month',
  setting: 'Setting',
  payer: 'Payer',
  provider: 'Provider',
  nurse: 'Nurse',
  code: 'Code',
  kind: 'Kind',
  units: 'Units',
  modifiers: 'Modifiers',
  drug: 'Drug',
  row: 'Row',
  amount: 'Amount',
  revenueCode: 'Revenue Code',
  ndc: 'NDC Line',
  claimForm: 'Claim Form',
  atRisk: 'At Risk',
} as const satisfies Record<keyof ClaimLine, string>;

export const CLAIM_TABLE_NAME = 'ICClaimLines';

/** Display text of a raw cell ('' for blanks and "nothing here" markers). */
export function label(v: CellValue | unknown): string {
  return isBlank(v) ? '' : cellText(v).replace(/\s+/g, ' ');
}

/** yyyy-mm of a yyyy-mm-dd date. */
export function monthOf(date: string | null): string | null {
  return date && /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : null;
}

/** The input rows and results indexed for lookups by sheet row and encounter id. */
export interface RowIndex {
  input: Map<number, InputRow>;
  encounters: Map<string, EncounterResult>;
}

export function indexRows(rows: InputRow[], result: CodingResult): RowIndex {
  const input = new Map<number, InputRow>();
  for (const r of rows) if (!input.has(r.row)) input.set(r.row, r);
  const encounters = new Map<string, EncounterResult>();
  for (const e of result.encounters) encounters.set(e.id, e);
  return { input, encounters };
}

/** A field of the input row, falling back to the encounter's value when the row leaves it blank. */
function rowField(index: RowIndex, row: number, field: Field, fallback: string | null | undefined): string {
  const own = label(index.input.get(row)?.values[field]);
  return own !== '' ? own : (fallback ?? '');
}

function toClaimLine(index: RowIndex, r: RowResult, line: CodeLine, atRisk: boolean): ClaimLine {
  const enc = index.encounters.get(r.encounter);
  const date = line.date ?? enc?.date ?? null;
  return {
    encounter: r.encounter,
    patient: rowField(index, line.row, 'patient', enc?.patient),
    date,
    month: monthOf(date),
    setting: enc?.setting ?? 'facility',
    payer: enc?.payer ?? rowField(index, line.row, 'payer', null),
    provider: rowField(index, line.row, 'provider', enc?.provider),
    nurse: rowField(index, line.row, 'nurse', null),
    code: line.code,
    kind: line.kind === 'cpt' ? 'CPT' : 'HCPCS',
    units: line.units,
    modifiers: line.modifiers.join('; '),
    drug: line.drug ?? '',
    row: line.row,
    amount: line.claim?.amount ?? null,
    revenueCode: line.claim?.revenueCode ?? '',
    ndc: line.claim?.ndc ?? '',
    claimForm: line.claim?.claimForm ?? '',
    atRisk,
  };
}

/**
 * Every code line of every row, in input order (a row's CPT lines, then its HCPCS lines). The engine
 * shows each line on exactly one row, so the units here add up to the coded rows' units.
 */
export function buildClaimLines(rows: InputRow[], result: CodingResult, index = indexRows(rows, result)): ClaimLine[] {
  const out: ClaimLine[] = [];
  for (const r of result.rows) {
    const atRisk = r.findings.some((f) => f.severity === 'error');
    for (const line of r.cpt) out.push(toClaimLine(index, r, line, atRisk));
    for (const line of r.hcpcs) out.push(toClaimLine(index, r, line, atRisk));
  }
  return out;
}

/** The claim lines as a table, the source of every pivot. */
export function claimLinesTable(lines: ClaimLine[]): ReportTable {
  const h = CLAIM_HEADERS;
  return {
    name: CLAIM_TABLE_NAME,
    title: 'Claim lines: one row per derived code line',
    columns: reportColumns(
      [h.encounter, 'text'], [h.patient, 'text'], [h.date, 'date'], [h.month, 'text'], [h.setting, 'text'], [h.payer, 'text'],
      [h.provider, 'text'], [h.nurse, 'text'], [h.code, 'text'], [h.kind, 'text'], [h.units, 'integer'], [h.modifiers, 'text'],
      [h.drug, 'text'], [h.row, 'integer'], [h.amount, 'money'], [h.revenueCode, 'text'], [h.ndc, 'text'], [h.claimForm, 'text'],
      [h.atRisk, 'text'],
    ),
    rows: lines.map((l) => [
      l.encounter,
      l.patient,
      l.date,
      l.month ?? '',
      l.setting,
      l.payer,
      l.provider,
      l.nurse,
      l.code,
      l.kind,
      l.units,
      l.modifiers,
      l.drug,
      l.row,
      l.amount,
      l.revenueCode,
      l.ndc,
      l.claimForm,
      l.atRisk ? 'yes' : '',
    ]),
    totals: null,
  };
}
