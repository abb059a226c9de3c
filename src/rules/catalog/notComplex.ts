/**
 * RULES.md §3.3: drugs a Medicare contractor lists for 96372 (therapeutic injection) instead of 96401/96402,
 * even when the catalog calls them complex. Built in from not-complex-injections.csv; the user may replace
 * the whole list with their own file (same columns: name, hcpcs, source, notes).
 *
 * Source: shared/domain/not-complex-injections.csv (copied 2026-12-02), from NGS article A58620 (reminder on
 * billing 96401/96402), MCD A54682, Independence/AmeriHealth news 21-3144, the Noridian JF self-administered
 * drug list and a Vitalware leuprolide article; per-row sources below.
 */
import type { CellValue } from '../types';
import { cellText, isBlank } from '../values/cell';
import type { DrugEntry } from './catalog';
import { findHeader } from './userMap';

export interface NotComplexRow {
  name: string;
  /** Null when the list names the drug only (rilonacept). */
  hcpcs: string | null;
  source: string;
  notes: string;
}

export const NOT_COMPLEX_SOURCE = 'not-complex-injections.csv (NGS A58620, MCD A54682, Independence/AmeriHealth 21-3144)';

export const BUILT_IN_NOT_COMPLEX: readonly NotComplexRow[] = [
  { name: 'denosumab', hcpcs: 'J0897', source: 'NGS A58620 reminder (https://ngsmedicare.com/web/ngs/search-details?selectedArticleId=3064632); Independence/AmeriHealth news 21-3144', notes: 'Prolia and Xgeva' },
  { name: 'omalizumab', hcpcs: 'J2357', source: 'NGS A58620; Independence/AmeriHealth 21-3144', notes: '' },
  { name: 'filgrastim', hcpcs: 'J1442', source: 'NGS A58620', notes: 'and its biosimilars' },
  { name: 'pegfilgrastim', hcpcs: 'J2506', source: 'NGS A58620; MCD A54682', notes: 'and its biosimilars; an on-body injector is 96377' },
  { name: 'certolizumab pegol', hcpcs: 'J0717', source: 'NGS A58620; Noridian JF self-administered drug list', notes: '' },
  { name: 'mepolizumab', hcpcs: 'J2182', source: 'NGS A58620', notes: '' },
  { name: 'benralizumab', hcpcs: 'J0517', source: 'NGS A58620', notes: '' },
  { name: 'canakinumab', hcpcs: 'J0638', source: 'NGS A58620', notes: '' },
  { name: 'luspatercept', hcpcs: 'J0896', source: 'NGS A58620', notes: '' },
  { name: 'octreotide (depot)', hcpcs: 'J2353', source: 'NGS A58620', notes: '' },
  { name: 'rilonacept', hcpcs: null, source: 'NGS A58620', notes: '' },
  { name: 'tildrakizumab', hcpcs: 'J3245', source: 'NGS A58620', notes: '' },
  { name: 'leuprolide acetate 3.75 mg (non-oncologic)', hcpcs: 'J1950', source: 'Independence/AmeriHealth 21-3144; Vitalware leuprolide article', notes: '96402 only for cancer' },
  { name: 'triptorelin pamoate', hcpcs: 'J3315', source: 'Independence/AmeriHealth 21-3144', notes: 'sources disagree (96402 for cancer elsewhere): purpose decides' },
];

/** A biosimilar's four-letter suffix (`filgrastim-sndz`): the reference drug's name is what is left. */
const BIOSIMILAR_SUFFIX_RE = /-[a-z]{4}$/;

function nameKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The list as the rules ask it: is this catalog row on it? A row with a code matches that code; a row
 * without one (rilonacept), or whose notes add "and its biosimilars", also matches catalog rows of that
 * name or synonym: the biosimilars (`pegfilgrastim-jmdb`) and the drug's older rows (J2505 before J2506).
 */
export class NotComplexList {
  readonly rows: readonly NotComplexRow[];
  private readonly codes = new Set<string>();
  private readonly names = new Set<string>();
  private readonly cache = new Map<DrugEntry, NotComplexRow | null>();
  private static builtInList: NotComplexList | null = null;

  constructor(rows: readonly NotComplexRow[]) {
    this.rows = Object.freeze([...rows]);
    for (const r of this.rows) {
      if (r.hcpcs) this.codes.add(r.hcpcs);
      if (!r.hcpcs || /biosimilar/i.test(r.notes)) this.names.add(nameKey(r.name));
    }
  }

  static builtIn(): NotComplexList {
    if (!NotComplexList.builtInList) NotComplexList.builtInList = new NotComplexList(BUILT_IN_NOT_COMPLEX);
    return NotComplexList.builtInList;
  }

  /** The list row that covers this catalog row, or null. */
  find(entry: DrugEntry): NotComplexRow | null {
    let hit = this.cache.get(entry);
    if (hit === undefined) {
      const names = [entry.name.toLowerCase().replace(BIOSIMILAR_SUFFIX_RE, ''), ...entry.synonyms].map(nameKey);
      const named = names.find((n) => this.names.has(n));
      hit = this.rows.find((r) => r.hcpcs === entry.hcpcs) ?? (named === undefined ? null : (this.rows.find((r) => nameKey(r.name) === named) ?? null));
      this.cache.set(entry, hit);
    }
    return hit;
  }

  has(entry: DrugEntry): boolean {
    return this.find(entry) !== null;
  }
}

type Column = 'name' | 'hcpcs' | 'source' | 'notes';
const HEADERS: Record<string, Column> = {
  name: 'name', drug: 'name', drugname: 'name', medication: 'name',
  hcpcs: 'hcpcs', hcpcscode: 'hcpcs', code: 'hcpcs', jcode: 'hcpcs',
  source: 'source', sources: 'source', reference: 'source',
  notes: 'notes', note: 'notes', comment: 'notes', comments: 'notes',
};

/**
 * The user's not-complex list (CSV or worksheet, the columns of not-complex-injections.csv; a name or an
 * HCPCS code per row). It replaces the built-in list. Bad rows are reported and skipped.
 */
export function parseNotComplexList(grid: CellValue[][]): { list: NotComplexList | null; problems: string[] } {
  const problems: string[] = [];
  if (!Array.isArray(grid)) return { list: null, problems: ['The not-complex list is empty.'] };
  const read = (text: string): Column | null => HEADERS[text.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? null;
  const header = findHeader<Column>(grid, read, ['name']) ?? findHeader<Column>(grid, read, ['hcpcs']);
  if (!header) return { list: null, problems: ['No header row with a drug name or HCPCS column was found in the not-complex list.'] };
  const { columns } = header;
  const rows: NotComplexRow[] = [];
  for (let r = header.row + 1; r < grid.length; r++) {
    const row = grid[r];
    if (!Array.isArray(row) || row.every((v) => isBlank(v))) continue;
    const get = (col: Column): string => {
      const c = columns.get(col);
      return c === undefined || isBlank(row[c]) ? '' : cellText(row[c]).trim();
    };
    const name = get('name');
    const code = get('hcpcs').toUpperCase().replace(/\s+/g, '');
    if (code !== '' && !/^[A-Z]\d{4}$/.test(code)) {
      problems.push(`Not-complex list row ${r + 1}${name ? ` (${name})` : ''}: '${get('hcpcs')}' is not an HCPCS code like J1234; row skipped.`);
      continue;
    }
    if (name === '' && code === '') {
      problems.push(`Not-complex list row ${r + 1}: no drug name and no HCPCS code; row skipped.`);
      continue;
    }
    rows.push({ name, hcpcs: code || null, source: get('source'), notes: get('notes') });
  }
  if (rows.length === 0 && problems.length === 0) problems.push('The not-complex list has a header row but no drugs.');
  return { list: rows.length > 0 ? new NotComplexList(rows) : null, problems };
}
