/**
 * Codes a small sheet as the command line reads it (header detection, then the rows, then the rules), for the tests
 * of header and cell dialects: each encounter's codes as one line of text, so a test states what a biller reads.
 */
import { codeRows } from '../src/rules';
import { detectTable } from '../src/sheet/headers';
import { readRows } from '../src/sheet/rows';
import type { Grid } from '../src/sheet/types';

/** A grid of these values with its first cell at A1. */
export const gridOf = (values: Grid['values']): Grid => ({ firstRow: 1, firstColumn: 1, values });

/**
 * Each encounter's codes (`96365 x1; 96366 x1 | J3370 x4`), the row findings that are errors or warnings, and the
 * dates of the HCPCS lines.
 */
export function codedSheet(values: Grid['values']): { codes: Record<string, string>; findings: string[]; dates: string[] } {
  const g = gridOf(values);
  const table = detectTable(g);
  if (!table) throw new Error('no table');
  const result = codeRows(readRows(g, table));
  const line = (c: { code: string; units: number; modifiers: string[] }) => `${c.code}${c.modifiers.length ? `-${c.modifiers.join('-')}` : ''} x${c.units}`;
  const codes: Record<string, string> = {};
  for (const e of result.encounters) codes[e.id] = `${e.cpt.map(line).join('; ')} | ${e.hcpcs.map(line).join('; ')}`;
  const findings = result.rows.flatMap((r) => r.findings.filter((f) => f.severity !== 'info').map((f) => f.id));
  const dates = result.encounters.flatMap((e) => e.hcpcs.map((h) => String(h.date)));
  return { codes, findings, dates };
}
