/** The `--json` document: the shape tools and checks rely on (issue 2), with a few extra fields. */
import type { CodeLine, CodingResult, Field, Finding } from '../../rules/types';
import type { CodingOptionsInput } from '../../rules/options';
import type { DetectedTable } from '../../sheet/types';
import type { ClaimsSummary } from '../../claims/check';

const code = (l: CodeLine) => ({
  code: l.code,
  units: l.units,
  modifiers: l.modifiers,
  drug: l.drug,
  date: l.date,
  rows: l.rows,
  explanation: l.explanation,
  // Claim data (src/claims): the amount only when a price is known.
  ...(l.claim?.amount != null ? { amount: l.claim.amount } : {}),
  ...(l.claim ? { payable: l.claim.payable, revenueCode: l.claim.revenueCode, ndc: l.claim.ndc, claimForm: l.claim.claimForm } : {}),
});

const finding = (f: Finding) => ({
  id: f.id,
  severity: f.severity,
  field: f.field,
  column: f.column,
  message: f.message,
  row: f.row,
});

export interface JsonMeta {
  file: string;
  sheet: string;
  table: DetectedTable;
  options: CodingOptionsInput;
  claims?: ClaimsSummary;
}

export function codingJson(result: CodingResult, meta: JsonMeta) {
  const mapping: Partial<Record<Field, string>> = {};
  for (const [field, column] of Object.entries(meta.table.mapping) as [Field, number][]) {
    if (column) mapping[field] = meta.table.headers.get(column) ?? `column ${column}`;
  }
  return {
    file: meta.file,
    sheet: meta.sheet,
    headerRow: meta.table.headerRow,
    mapping,
    setting: meta.options.setting ?? 'facility',
    ...(meta.claims ? { claims: meta.claims } : {}),
    encounters: result.encounters.map((e) => ({
      id: e.id,
      rows: e.rows,
      setting: e.setting,
      payer: e.payer,
      patient: e.patient,
      date: e.date,
      provider: e.provider,
      cpt: e.cpt.map(code),
      hcpcs: e.hcpcs.map(code),
      findings: e.findings.map(finding),
    })),
    rows: result.rows.map((r) => ({
      row: r.row,
      encounter: r.encounter,
      status: r.status,
      minutes: r.minutes,
      cpt: r.cpt.map(code),
      hcpcs: r.hcpcs.map(code),
      findings: r.findings.map(finding),
      explanation: r.explanation,
    })),
  };
}
