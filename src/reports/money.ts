/**
 * Money in the report: expected payment (the claim lines' amounts, estimates from the loaded CMS ASP file or
 * fee schedule) by month, drug, provider and payer; dollars at risk (the amount on lines whose rows have an
 * error finding) by finding and by nurse. Every table's total equals the sum over the claim lines. Pure.
 */
import type { CodingResult } from '../rules/types';
import { FINDING_TITLES } from '../rules/findings';
import { label, type RowIndex } from './claimLines';
import { BLANK_GROUP, NO_DATE, compareGroups } from './quality';
import { reportColumns, type ClaimLine, type MoneyTables, type ReportTable } from './types';

const cents = (n: number) => Math.round(n * 100) / 100;

/** Lines with an amount: amount summed per group label, plus the lines' count. */
function moneyTable(name: string, title: string, groupHeader: string, lines: ClaimLine[], group: (l: ClaimLine) => string, atRiskOnly = false): ReportTable {
  const sums = new Map<string, { amount: number; lines: number; atRisk: number }>();
  for (const l of lines) {
    if (l.amount === null || (atRiskOnly && !l.atRisk)) continue;
    const key = group(l) || BLANK_GROUP;
    const s = sums.get(key) ?? { amount: 0, lines: 0, atRisk: 0 };
    s.amount += l.amount;
    s.lines++;
    if (l.atRisk) s.atRisk += l.amount;
    sums.set(key, s);
  }
  let amount = 0;
  let count = 0;
  let atRisk = 0;
  const keys = [...sums.keys()].sort(compareGroups);
  const rows = keys.map((k) => {
    const s = sums.get(k)!;
    amount += s.amount;
    count += s.lines;
    atRisk += s.atRisk;
    return atRiskOnly ? [k, s.lines, cents(s.amount)] : [k, s.lines, cents(s.amount), cents(s.atRisk)];
  });
  return {
    name,
    title,
    columns: atRiskOnly
      ? reportColumns([groupHeader, 'text'], ['Claim lines', 'integer'], ['At risk', 'money'])
      : reportColumns([groupHeader, 'text'], ['Claim lines', 'integer'], ['Expected payment', 'money'], ['At risk', 'money']),
    rows,
    totals: atRiskOnly ? ['Total', count, cents(amount)] : ['Total', count, cents(amount), cents(atRisk)],
  };
}

/**
 * At risk by error finding: each error id with the amount on the lines of rows carrying it. A line whose row
 * has two error ids counts under both, so this table's rows may add to more than the total at risk.
 */
function atRiskByFinding(lines: ClaimLine[], result: CodingResult): ReportTable {
  const idsByRow = new Map<number, string[]>();
  for (const r of result.rows) {
    const ids = [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.id))];
    if (ids.length) idsByRow.set(r.row, ids);
  }
  const sums = new Map<string, { amount: number; lines: number }>();
  for (const l of lines) {
    if (!l.atRisk || l.amount === null) continue;
    for (const id of idsByRow.get(l.row) ?? []) {
      const s = sums.get(id) ?? { amount: 0, lines: 0 };
      s.amount += l.amount;
      s.lines++;
      sums.set(id, s);
    }
  }
  const ids = [...sums.keys()].sort((a, b) => sums.get(b)!.amount - sums.get(a)!.amount || compareGroups(a, b));
  return {
    name: 'ICAtRiskByFinding',
    title: 'Dollars at risk by error finding (a line counts under each error of its row)',
    columns: reportColumns(['Finding', 'text'], ['Title', 'text'], ['Claim lines', 'integer'], ['At risk', 'money']),
    rows: ids.map((id) => [id, FINDING_TITLES[id as keyof typeof FINDING_TITLES] ?? id, sums.get(id)!.lines, cents(sums.get(id)!.amount)]),
    totals: null,
  };
}

export function moneyTables(lines: ClaimLine[], result: CodingResult, index: RowIndex, note: string): MoneyTables {
  const nurse = (l: ClaimLine) => label(index.input.get(l.row)?.values.nurse) || l.nurse;
  return {
    byMonth: moneyTable('ICPaymentByMonth', 'Expected payment by month (estimate)', 'Month', lines, (l) => l.month ?? NO_DATE),
    byDrug: moneyTable('ICPaymentByDrug', 'Expected payment by drug (HCPCS lines; estimate)', 'Drug', lines.filter((l) => l.kind === 'HCPCS'), (l) => `${l.drug || l.code} (${l.code})`),
    byProvider: moneyTable('ICPaymentByProvider', 'Expected payment by provider (estimate)', 'Provider', lines, (l) => l.provider),
    byPayer: moneyTable('ICPaymentByPayer', 'Expected payment by payer (estimate)', 'Payer', lines, (l) => l.payer),
    atRiskByFinding: atRiskByFinding(lines, result),
    atRiskByNurse: moneyTable('ICAtRiskByNurse', 'Dollars at risk by nurse (lines on rows with an error)', 'Nurse', lines, nurse, true),
    note,
  };
}
