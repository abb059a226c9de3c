/** The claims step in a few lines for the command line's summary and the report (never implies PTP passed). */
import type { ClaimsSummary } from './check';

export function money(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function claimsSummaryLines(s: ClaimsSummary): string[] {
  const lines = s.tables.map(
    (t) =>
      `loaded ${t.kind} ${t.name}${t.date ? ` (${t.date})` : ''}: ${t.rows.toLocaleString('en-US')} rows` +
      (t.skipped > 0 ? `; ${t.skipped.toLocaleString('en-US')} rows could not be read and were skipped${t.problems?.length ? ` (${t.problems.join('; ')})` : ''}` : ''),
  );
  lines.push(s.ptp.note);
  if (s.linesWithAmount > 0) {
    lines.push(`expected payment ${money(s.expectedPayment)} on ${s.linesWithAmount} claim lines (${s.linesWithoutAmount} without a price). ${s.estimateNote}`);
  }
  return lines;
}
