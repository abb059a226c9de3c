/**
 * Planning the output: the derived columns beside the user's data, the input cells to highlight and the
 * notes they carry. Plain data, applied by src/excel (Office.js) and src/cli (exceljs) alike.
 */
import type { CodeLine, CodingResult, Finding, InputRow, RowResult } from '../rules/types';
import type { DetectedTable, WritePlan } from './types';

/** Headers of the derived columns, in order. A second run recognises and replaces them. */
export const DERIVED_HEADERS: readonly string[] = [
  'IC CPT',
  'IC HCPCS',
  'IC Modifiers',
  'IC Minutes',
  'IC Status',
  'IC Findings',
  'IC Explanation',
];

/** Every note Infusion Coder writes starts with this, so a later run (or "Clear results") can find its own. */
export const NOTE_PREFIX = 'Infusion Coder: ';

export { FILL_ARGB } from './palette';

const FINDINGS_INDEX = DERIVED_HEADERS.indexOf('IC Findings');

/** One code line as text: `96365`, `96366 x2`, `96365-59`, `J1745-JW x5`. */
export function formatCode(line: Pick<CodeLine, 'code' | 'units' | 'modifiers'>): string {
  const mods = line.modifiers.length > 0 ? `-${line.modifiers.join('-')}` : '';
  const units = line.units === 1 ? '' : ` x${line.units}`;
  return `${line.code}${mods}${units}`;
}

/** Code lines as one cell: `96365; 96366 x2`, `J1745 x35; J1745-JW x5`. */
export function formatCodes(lines: Pick<CodeLine, 'code' | 'units' | 'modifiers'>[]): string {
  return lines.map(formatCode).join('; ');
}

/** Distinct modifiers of a row's lines, in order of appearance: `59; JW`. */
export function formatModifiers(lines: Pick<CodeLine, 'modifiers'>[]): string {
  const seen: string[] = [];
  for (const line of lines) for (const m of line.modifiers) if (!seen.includes(m)) seen.push(m);
  return seen.join('; ');
}

/** A row's findings as one cell: `missing-stop-time: <message>`, one per line. */
export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.id}: ${f.message}`).join('\n');
}

/** Where the derived block goes: where an earlier run put it when that place is still free, else after the data. */
function placeBlock(table: DetectedTable): number {
  const width = DERIVED_HEADERS.length;
  const earlier = [...table.derivedColumns.values()];
  if (earlier.length > 0) {
    const start = Math.min(...earlier);
    const derived = new Set(earlier);
    let free = table.lastUserColumn < start || table.lastUserColumn >= start + width;
    for (const column of table.headers.keys()) {
      if (column >= start && column < start + width && !derived.has(column)) free = false;
    }
    if (free) return start;
  }
  return table.lastUserColumn + 1;
}

function rowFindings(row: RowResult, extra: Finding[] | undefined): Finding[] {
  if (!extra || extra.length === 0) return row.findings;
  const key = (f: Finding) => `${f.id}|${f.field ?? ''}|${f.message}`;
  const seen = new Set(row.findings.map(key));
  const out = row.findings.slice();
  for (const f of extra) {
    if (!seen.has(key(f))) {
      seen.add(key(f));
      out.push(f);
    }
  }
  return out;
}

/**
 * The plan for one coded table: derived values for every row from the header down to the table's last row
 * (rows without data get blank cells, clearing stale values), error cells to fill and their notes.
 */
export function planWrite(table: DetectedTable, rows: InputRow[], result: CodingResult): WritePlan {
  const firstColumn = placeBlock(table);
  const width = DERIVED_HEADERS.length;
  const findingsColumn = firstColumn + FINDINGS_INDEX;

  const byRow = new Map<number, RowResult>();
  for (const r of result.rows) byRow.set(r.row, r);
  // Encounter-level findings the engine did not also put on the row (e.g. an MUE over the encounter date).
  const extraByRow = new Map<number, Finding[]>();
  for (const enc of result.encounters) {
    for (const f of enc.findings ?? []) {
      const list = extraByRow.get(f.row);
      if (list) list.push(f);
      else extraByRow.set(f.row, [f]);
    }
  }

  let lastRow = table.lastRow ?? table.headerRow;
  for (const r of table.dataRows) if (r > lastRow) lastRow = r;
  for (const r of rows) if (r.row > lastRow) lastRow = r.row;

  const values: (string | number | null)[][] = new Array(Math.max(0, lastRow - table.headerRow));
  const blank = (): (string | number | null)[] => new Array(width).fill(null);
  for (let i = 0; i < values.length; i++) values[i] = blank();

  const noteText = new Map<string, { row: number; column: number; messages: string[] }>();
  for (const input of rows) {
    const res = byRow.get(input.row);
    const index = input.row - table.headerRow - 1;
    if (!res || index < 0 || index >= values.length) continue;
    const findings = rowFindings(res, extraByRow.get(input.row));
    const lines = [...res.cpt, ...res.hcpcs];
    values[index] = [
      formatCodes(res.cpt) || null,
      formatCodes(res.hcpcs) || null,
      formatModifiers(lines) || null,
      res.minutes ?? null,
      res.status,
      formatFindings(findings) || null,
      res.explanation || null,
    ];
    for (const f of findings) {
      if (f.severity !== 'error') continue;
      const row = f.row >= table.headerRow + 1 && f.row <= lastRow ? f.row : input.row;
      const column = (f.field && table.mapping[f.field]) || findingsColumn;
      const key = `${row}:${column}`;
      const entry = noteText.get(key);
      if (entry) {
        if (!entry.messages.includes(f.message)) entry.messages.push(f.message);
      } else noteText.set(key, { row, column, messages: [f.message] });
    }
  }

  const cells = [...noteText.values()].sort((a, b) => a.row - b.row || a.column - b.column);
  const staleColumns = [...table.derivedColumns.values()]
    .filter((c) => c < firstColumn || c >= firstColumn + width)
    .sort((a, b) => a - b);
  return {
    headerRow: table.headerRow,
    firstColumn,
    headers: [...DERIVED_HEADERS],
    values,
    lastRow,
    highlights: cells.map(({ row, column }) => ({ row, column, fill: 'error' as const })),
    notes: cells.map(({ row, column, messages }) => ({ row, column, text: NOTE_PREFIX + messages.join('\n') })),
    staleColumns,
  };
}

/** The derived columns an earlier run wrote, to remove them ("Clear results"). */
export function planClear(table: DetectedTable): { columns: number[] } {
  return { columns: [...table.derivedColumns.values()].sort((a, b) => a - b) };
}
