/**
 * NCCI procedure-to-procedure (PTP) edits, practitioner (`ccipra-...`) or hospital outpatient (`ccioph-...`)
 * files: notice rows, a header spread over a few rows (`Column 1 | Column 2 | *=in existence prior to 1996 |
 * Effective Date | Deletion Date *=no data | Modifier 0=not allowed 1=allowed 9=not applicable | PTP Edit
 * Rationale`), then millions of pairs. Rows arrive one at a time (PtpReader) so a file is never held whole,
 * and only the pairs this product can meet are kept: a drug-administration code (96360-96549) or another
 * code the engine produces on either side.
 */
import { DRUG_ADMINISTRATION_CODES } from '../rules/data/claimCodes';
import type { CellValue } from '../rules/types';
import { editionOf, findHeader, procedureCode, text, WrongTableError, type ColumnSpec, type HeaderHit } from './header';
import type { TableInfo } from './tables';

export type PtpIndicator = 0 | 1 | 9;
export type PtpKind = 'practitioner' | 'hospital' | 'any';

export interface PtpEdit {
  column1: string;
  column2: string;
  /** yyyymmdd as a number (20260101). */
  effective: number;
  /** Last day the edit is in effect (yyyymmdd), null when it has none (`*`). */
  deletion: number | null;
  /** 0: never together; 1: together with an NCCI-associated modifier on column 2; 9: the edit does not apply. */
  indicator: PtpIndicator;
  rationale: string;
}

export interface PtpTable {
  info: TableInfo;
  /** Which claims the edits are for: practitioner files for office (CMS-1500), hospital files for facility claims. */
  kind: PtpKind;
  /** Column 1 + column 2 (`9636596361`) -> its edits (a pair may have several date ranges). */
  pairs: Map<string, PtpEdit[]>;
  /** Rows read in the file (kept or not). */
  read: number;
}

export const PTP_COLUMNS = {
  column1: { label: 'Column 1', names: ['column1', 'col1', 'column1code'], required: true },
  column2: { label: 'Column 2', names: ['column2', 'col2', 'column2code'], required: true },
  existence: { label: '*=in existence prior to 1996', names: (k: string) => k.includes('existence') || k.includes('1996') || k.includes('nolonger'), required: false },
  effective: { label: 'Effective Date', names: (k: string) => k.startsWith('effective'), required: true },
  deletion: { label: 'Deletion Date', names: (k: string) => k.startsWith('deletion'), required: true },
  modifier: { label: 'Modifier (0=not allowed, 1=allowed, 9=not applicable)', names: (k: string) => k.startsWith('modifier'), required: true },
  rationale: { label: 'PTP Edit Rationale', names: (k: string) => k.includes('rationale'), required: false },
} satisfies Record<string, ColumnSpec>;

/** Drug administration: every code a row of this product can earn (the CPT range, plus two HCPCS codes). */
export function isDrugAdministration(code: string): boolean {
  const codes = DRUG_ADMINISTRATION_CODES.values;
  if (codes.hcpcs.has(code)) return true;
  if (!/^\d{5}$/.test(code)) return false;
  const n = Number(code);
  return n >= codes.cptFrom && n <= codes.cptTo;
}

/** yyyymmdd from `20260101`, a number, `2026-01-01`, `1/1/2026` or a Date; null for `*` and blanks. */
export function ptpDate(v: CellValue | undefined): number | null {
  if (v instanceof Date) return v.getUTCFullYear() * 10000 + (v.getUTCMonth() + 1) * 100 + v.getUTCDate();
  const t = text(v);
  let m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(t);
  if (m) return Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return Number(m[3]) * 10000 + Number(m[1]) * 100 + Number(m[2]);
  return null;
}

/** yyyymmdd of a `yyyy-mm-dd` date of service. */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

function kindOfText(texts: string[]): PtpKind {
  const all = texts.join(' ').toLowerCase();
  if (/ccioph|hospital|outpatient/.test(all)) return 'hospital';
  if (/ccipra|practitioner/.test(all)) return 'practitioner';
  return 'any';
}

/** Rows above the header are kept (a few dozen at most) to find the header and the file's edition. */
const MAX_NOTICE_ROWS = 60;

/**
 * Reads PTP rows as they stream in. `keep(code)` says which codes matter; a pair is kept when either code
 * does (pass `() => true` to keep every pair).
 */
export class PtpReader {
  private readonly notices: CellValue[][] = [];
  private header: HeaderHit<keyof typeof PTP_COLUMNS> | null = null;
  private readonly pairs = new Map<string, PtpEdit[]>();
  private readonly rationales = new Map<string, string>();
  private read = 0;
  private skipped = 0;
  private latest = 0;

  constructor(
    private readonly name: string,
    private readonly keep: (code: string) => boolean = isDrugAdministration,
  ) {}

  push(row: readonly CellValue[]): void {
    if (!this.header) {
      this.notices.push([...row]);
      this.header = findHeader([row], PTP_COLUMNS);
      if (!this.header && this.notices.length >= MAX_NOTICE_ROWS) throw new WrongTableError('an NCCI PTP edit file', PTP_COLUMNS, this.notices);
      return;
    }
    const c = this.header.columns;
    const column1 = procedureCode(row[c.column1!]);
    const column2 = procedureCode(row[c.column2!]);
    if (!column1 || !column2) {
      // The header's continuation rows ("prior to 1996", "*=no data") and blank lines.
      if (this.read > 0 && row.some((v) => text(v) !== '')) this.skipped++;
      return;
    }
    this.read++;
    const effective = ptpDate(row[c.effective!]);
    const indicator = Number(text(row[c.modifier!]));
    if (effective === null || (indicator !== 0 && indicator !== 1 && indicator !== 9)) {
      this.skipped++;
      return;
    }
    if (effective > this.latest) this.latest = effective;
    if (!this.keep(column1) && !this.keep(column2)) return;
    const rationaleText = c.rationale === null ? '' : text(row[c.rationale]);
    let rationale = this.rationales.get(rationaleText);
    if (rationale === undefined) this.rationales.set(rationaleText, (rationale = rationaleText));
    const edit: PtpEdit = { column1, column2, effective, deletion: ptpDate(row[c.deletion!]), indicator, rationale };
    const key = column1 + column2;
    const list = this.pairs.get(key);
    if (list) list.push(edit);
    else this.pairs.set(key, [edit]);
  }

  finish(): PtpTable {
    if (!this.header) throw new WrongTableError('an NCCI PTP edit file', PTP_COLUMNS, this.notices);
    const notices = this.notices.slice(0, -1);
    const texts = [this.name, ...notices.flat().filter((v): v is string => typeof v === 'string')];
    const latest = this.latest ? `${Math.floor(this.latest / 10000)}-${String(Math.floor(this.latest / 100) % 100).padStart(2, '0')}` : null;
    let rows = 0;
    for (const list of this.pairs.values()) rows += list.length;
    return {
      info: { kind: 'ptp', name: this.name, date: editionOf(notices, this.name) ?? latest, rows, skipped: this.skipped },
      kind: kindOfText(texts),
      pairs: this.pairs,
      read: this.read,
    };
  }
}

/** Parses a whole grid (a filtered file, a test table). */
export function parsePtpEdits(grid: readonly (readonly CellValue[])[], name: string, keep?: (code: string) => boolean): PtpTable {
  const reader = new PtpReader(name, keep);
  for (const row of grid) reader.push(row);
  return reader.finish();
}

/** The edit of a pair in effect on a date of service (effective <= date <= deletion), or null. */
export function activeEdit(table: PtpTable, column1: string, column2: string, day: number): PtpEdit | null {
  const list = table.pairs.get(column1 + column2);
  if (!list) return null;
  for (const e of list) if (e.effective <= day && (e.deletion === null || day <= e.deletion)) return e;
  return null;
}

const fmtDate = (d: number | null) => (d === null ? '*' : String(d));

/**
 * The kept pairs as a PTP file in the CMS layout (a notice row naming the sources, the header, the rows),
 * so the pane, or a later run, reads it like the original.
 */
export function ptpCsvRows(tables: readonly PtpTable[]): string[][] {
  const kinds = [...new Set(tables.map((t) => t.kind))].filter((k) => k !== 'any');
  const sources = tables.map((t) => `${t.info.name}${t.info.date ? ` (${t.info.date})` : ''}`).join('; ');
  const out: string[][] = [
    [`NCCI PTP edits${kinds.length === 1 ? ` (${kinds[0]})` : ''} filtered by infusion-coder to drug-administration pairs from ${sources}`],
    ['Column 1', 'Column 2', '*=in existence prior to 1996', 'Effective Date', 'Deletion Date *=no data', 'Modifier 0=not allowed 1=allowed 9=not applicable', 'PTP Edit Rationale'],
  ];
  for (const t of tables) {
    for (const list of t.pairs.values()) {
      for (const e of list) out.push([e.column1, e.column2, '', String(e.effective), fmtDate(e.deletion), String(e.indicator), e.rationale]);
    }
  }
  return out;
}
