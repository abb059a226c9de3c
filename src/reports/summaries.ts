/**
 * Summary tables over claim lines: units by month and CPT code, by drug/HCPCS, by provider and by
 * setting, and the points of the volume chart. The task pane shows the same cuts as PivotTables; these
 * tables are what a file written without Excel (or an Excel without PivotTables) holds. Pure.
 */
import { BLANK_GROUP, NO_DATE, compareGroups } from './quality';
import { reportColumns, type ClaimLine, type ReportTable, type TableCell, type VolumePoint } from './types';

export const TOTAL = 'Total';

function sum(lines: ClaimLine[], pred: (l: ClaimLine) => boolean = () => true): number {
  let s = 0;
  for (const l of lines) if (pred(l)) s += l.units;
  return s;
}

function groupBy<K>(lines: ClaimLine[], key: (l: ClaimLine) => K): Map<K, ClaimLine[]> {
  const out = new Map<K, ClaimLine[]>();
  for (const l of lines) {
    const k = key(l);
    const list = out.get(k);
    if (list) list.push(l);
    else out.set(k, [l]);
  }
  return out;
}

function count(lines: ClaimLine[], pred: (l: ClaimLine) => boolean): number {
  let n = 0;
  for (const l of lines) if (pred(l)) n++;
  return n;
}

const isCpt = (l: ClaimLine): boolean => l.kind === 'CPT';
const isHcpcs = (l: ClaimLine): boolean => l.kind === 'HCPCS';
const monthLabel = (l: ClaimLine): string => l.month ?? NO_DATE;
const distinct = (lines: ClaimLine[], key: (l: ClaimLine) => string): number => new Set(lines.map(key)).size;

/** Codes in text order (CPT and HCPCS codes are fixed-width, so this is also numeric order). */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Month x CPT code: CPT units, one column per code, and a totals row per code. No total across codes: an
 * hour of infusion (96366) and an injection (96372) are not units of one thing.
 */
export function unitsByMonthTable(lines: ClaimLine[]): ReportTable {
  const cpt = lines.filter(isCpt);
  const codes = [...new Set(cpt.map((l) => l.code))].sort(compareCodes);
  const byMonth = groupBy(cpt, monthLabel);
  const rowOf = (label: string, ls: ClaimLine[]): TableCell[] => [label, ...codes.map((c) => sum(ls, (l) => l.code === c))];
  return {
    name: 'ICUnitsByMonth',
    title: 'CPT units by month and code',
    columns: reportColumns(['Month', 'text'], ...codes.map((c) => [c, 'integer'] as const)),
    rows: [...byMonth.keys()].sort(compareGroups).map((m) => rowOf(m, byMonth.get(m) ?? [])),
    totals: rowOf(TOTAL, cpt),
  };
}

/**
 * HCPCS code x drug: units, the wasted (JW) part of them, lines and encounters. The totals row counts lines
 * and encounters only: units of different drugs (mg of one, vials of another) never add up.
 */
export function unitsByDrugTable(lines: ClaimLine[]): ReportTable {
  const hcpcs = lines.filter(isHcpcs);
  const groups = groupBy(hcpcs, (l) => `${l.code}\u0000${l.drug}`);
  const isJw = (l: ClaimLine): boolean => /\bJW\b/.test(l.modifiers);
  const keys = [...groups.keys()].sort((a, b) => compareCodes(a, b));
  const rowOf = (code: string, drug: string, ls: ClaimLine[]): TableCell[] => [
    code,
    drug,
    sum(ls),
    sum(ls, isJw),
    ls.length,
    distinct(ls, (l) => l.encounter),
  ];
  return {
    name: 'ICUnitsByDrug',
    title: 'HCPCS drug units by code and drug',
    columns: reportColumns(
      ['HCPCS', 'text'], ['Drug', 'text'], ['Units', 'integer'], ['Wasted units (JW)', 'integer'], ['Lines', 'integer'], ['Encounters', 'integer'],
    ),
    rows: keys.map((k) => {
      const ls = groups.get(k) ?? [];
      return rowOf(ls[0].code, ls[0].drug || BLANK_GROUP, ls);
    }),
    totals: [TOTAL, '', null, null, hcpcs.length, distinct(hcpcs, (l) => l.encounter)],
  };
}

/**
 * Encounters and claim lines (CPT and HCPCS apart) grouped by one claim-line field (provider, setting):
 * counts of lines, not sums of units, since units of different codes and drugs do not add up.
 */
function unitsByField(
  lines: ClaimLine[],
  field: 'provider' | 'setting',
  name: string,
  title: string,
  header: string,
): ReportTable {
  const groups = groupBy(lines, (l) => l[field] || BLANK_GROUP);
  const rowOf = (label: string, ls: ClaimLine[]): TableCell[] => [
    label,
    distinct(ls, (l) => l.encounter),
    ls.length,
    count(ls, isCpt),
    count(ls, isHcpcs),
  ];
  return {
    name,
    title,
    columns: reportColumns([header, 'text'], ['Encounters', 'integer'], ['Claim lines', 'integer'], ['CPT lines', 'integer'], ['HCPCS lines', 'integer']),
    rows: [...groups.keys()].sort(compareGroups).map((g) => rowOf(g, groups.get(g) ?? [])),
    totals: rowOf(TOTAL, lines),
  };
}

export function unitsByProviderTable(lines: ClaimLine[]): ReportTable {
  return unitsByField(lines, 'provider', 'ICUnitsByProvider', 'Units by provider', 'Provider');
}

export function unitsBySettingTable(lines: ClaimLine[]): ReportTable {
  return unitsByField(lines, 'setting', 'ICUnitsBySetting', 'Units by setting', 'Setting');
}

/** CPT units per month and code, months in order: the data of the infusion-volume chart. */
export function volumeByMonth(lines: ClaimLine[]): VolumePoint[] {
  const units = new Map<string, number>();
  for (const l of lines) {
    if (!isCpt(l)) continue;
    const key = `${monthLabel(l)}\u0000${l.code}`;
    units.set(key, (units.get(key) ?? 0) + l.units);
  }
  return [...units.entries()]
    .map(([key, u]) => {
      const [month, code] = key.split('\u0000');
      return { month, code, units: u };
    })
    .sort((a, b) => compareGroups(a.month, b.month) || compareCodes(a.code, b.code));
}
