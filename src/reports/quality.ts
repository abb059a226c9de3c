/**
 * Documentation quality: the share of rows carrying each finding, grouped by nurse, by provider and by
 * month. Shares are fractions (0..1) of the group's rows; a row counts once per finding id however many
 * times the id appears on it. Pure.
 */
import { FINDING_TITLES } from '../rules/findings';
import { FINDING_IDS, type CodingResult, type InputRow, type RowResult } from '../rules/types';
import { indexRows, label, monthOf, type RowIndex } from './claimLines';
import { reportColumns, type ReportTable, type TableCell } from './types';

export const BLANK_GROUP = '(blank)';
export const NO_DATE = '(no date)';
export const ALL_ROWS = 'All rows';

export type QualityDimension = 'nurse' | 'provider' | 'month';

/** One row's facts for the quality tables. */
export interface RowQuality {
  row: number;
  nurse: string;
  provider: string;
  month: string;
  status: RowResult['status'];
  /** Distinct finding ids on the row. */
  ids: Set<string>;
}

/** Date of a row: its first code line's date, else its encounter's first date. */
function rowDate(index: RowIndex, r: RowResult): string | null {
  const line = r.cpt.find((l) => l.date) ?? r.hcpcs.find((l) => l.date);
  return line?.date ?? index.encounters.get(r.encounter)?.date ?? null;
}

export function rowQuality(rows: InputRow[], result: CodingResult, index = indexRows(rows, result)): RowQuality[] {
  return result.rows.map((r) => {
    const values = index.input.get(r.row)?.values ?? {};
    const enc = index.encounters.get(r.encounter);
    return {
      row: r.row,
      nurse: label(values.nurse) || BLANK_GROUP,
      provider: label(values.provider) || enc?.provider || BLANK_GROUP,
      month: monthOf(rowDate(index, r)) ?? NO_DATE,
      status: r.status,
      ids: new Set(r.findings.map((f) => f.id)),
    };
  });
}

/** Finding ids present in the rows, in the order RULES.md lists them (unknown ids after, sorted). */
export function presentFindingIds(rows: RowQuality[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const id of r.ids) seen.add(id);
  const known = (FINDING_IDS as readonly string[]).filter((id) => seen.has(id));
  const extra = [...seen].filter((id) => !(FINDING_IDS as readonly string[]).includes(id)).sort();
  return [...known, ...extra];
}

/** Group labels sorted: text alphabetically (months therefore by date), the blank group last. */
export function compareGroups(a: string, b: string): number {
  const blankA = a === BLANK_GROUP || a === NO_DATE;
  const blankB = b === BLANK_GROUP || b === NO_DATE;
  if (blankA !== blankB) return blankA ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function shareRow(group: string, rows: RowQuality[], ids: string[]): TableCell[] {
  const n = rows.length;
  const share = (k: number): number => (n === 0 ? 0 : k / n);
  const count = (pred: (r: RowQuality) => boolean): number => rows.reduce((s, r) => s + (pred(r) ? 1 : 0), 0);
  return [
    group,
    n,
    share(count((r) => r.ids.size > 0)),
    share(count((r) => r.status === 'Error')),
    share(count((r) => r.status === 'Review')),
    ...ids.map((id) => share(count((r) => r.ids.has(id)))),
  ];
}

const TABLE_NAMES: Record<QualityDimension, string> = {
  nurse: 'ICQualityByNurse',
  provider: 'ICQualityByProvider',
  month: 'ICQualityByMonth',
};

/** A finding's title for a column header (`Missing stop time`); an id the rules do not list stays as it is. */
export function findingTitle(id: string): string {
  return (FINDING_TITLES as Record<string, string | undefined>)[id] ?? id;
}

const GROUP_HEADERS: Record<QualityDimension, string> = { nurse: 'Nurse', provider: 'Provider', month: 'Month' };

/**
 * The quality table for one dimension. Columns: group, rows, share of rows with any finding, with status
 * Error, with status Review, then one share per finding id present in `ids` (pass the same ids to every
 * dimension so the three tables line up). The totals row covers all rows.
 */
export function qualityTable(rows: RowQuality[], dimension: QualityDimension, ids = presentFindingIds(rows)): ReportTable {
  const groups = new Map<string, RowQuality[]>();
  for (const r of rows) {
    const key = r[dimension];
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const columns = reportColumns(
    [GROUP_HEADERS[dimension], 'text'], ['Rows', 'integer'], ['Any finding', 'percent'], ['Status Error', 'percent'], ['Status Review', 'percent'],
    ...ids.map((id) => [findingTitle(id), 'percent'] as const),
  );
  return {
    name: TABLE_NAMES[dimension],
    title: `Documentation quality by ${dimension}: share of rows with each finding`,
    columns,
    rows: [...groups.keys()].sort(compareGroups).map((g) => shareRow(g, groups.get(g) ?? [], ids)),
    totals: shareRow(ALL_ROWS, rows, ids),
  };
}
