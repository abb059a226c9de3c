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
import { civilFromDay, serialToDay } from '../rules/values/date';
import { editionOf, findHeader, procedureCode, RefusedTableError, text, WrongTableError, type ColumnSpec, type HeaderHit } from './header';
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
  /** The claims the edit is for: its file's kind, or a filtered file's Kind column (it may hold both kinds). */
  kind: PtpKind;
}

export interface PtpTable {
  info: TableInfo;
  /**
   * Which claims the edits are for: practitioner files for office (CMS-1500), hospital files for facility claims;
   * 'any' also for a filtered file holding both kinds (each edit then says its own).
   */
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
  /** Written by `tables ptp` (ptpCsvRows): the kind of each edit's file, so practitioner and hospital edits stay apart. */
  kind: { label: 'Kind', names: ['kind'], required: false },
} satisfies Record<string, ColumnSpec>;

/** Drug administration: every code a row of this product can earn (the CPT range, plus two HCPCS codes). */
export function isDrugAdministration(code: string): boolean {
  const codes = DRUG_ADMINISTRATION_CODES.values;
  if (codes.hcpcs.has(code)) return true;
  if (!/^\d{5}$/.test(code)) return false;
  const n = Number(code);
  return n >= codes.cptFrom && n <= codes.cptTo;
}

/**
 * yyyymmdd from `20260101`, `2026-01-01`, `1/1/2026`, a Date or an Excel date serial (a workbook read without
 * its styles); null for `*` and blanks (no date: in effect since ever, never deleted); 'bad' for anything else,
 * so an unreadable deletion date never reads as "never deleted".
 */
export function ptpDate(v: CellValue | undefined): number | null | 'bad' {
  if (v instanceof Date) return isNaN(v.getTime()) ? 'bad' : v.getUTCFullYear() * 10000 + (v.getUTCMonth() + 1) * 100 + v.getUTCDate();
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2958466) {
    const day = serialToDay(v);
    if (day === null) return 'bad';
    const [y, m, d] = civilFromDay(day);
    return y * 10000 + m * 100 + d;
  }
  const t = text(v);
  if (t === '' || t === '*') return null;
  let m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t) ?? /^(\d{4})-(\d{2})-(\d{2})[T ]/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return validDate(Number(m[3]), Number(m[1]), Number(m[2]));
  return 'bad';
}

function validDate(y: number, m: number, d: number): number | 'bad' {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 2999 ? y * 10000 + m * 100 + d : 'bad';
}

/** yyyymmdd of a `yyyy-mm-dd` date of service. */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

/** The claims an edit or a file is for, as the setting of an encounter names them. */
export function appliesTo(kind: PtpKind, setting: 'facility' | 'office'): boolean {
  return kind === 'any' || kind === (setting === 'facility' ? 'hospital' : 'practitioner');
}

/** A Kind cell of a filtered file: practitioner, hospital, any (or blank); null for anything else. */
function kindCell(v: CellValue | undefined): PtpKind | null {
  const t = text(v).toLowerCase();
  return t === '' ? 'any' : t === 'practitioner' || t === 'hospital' || t === 'any' ? t : null;
}

/** Hospital or practitioner edits: by the CMS file name when it says (ccioph, ccipra), else by its notices. */
function kindOfText(name: string, notices: string[]): PtpKind {
  const file = name.toLowerCase();
  if (/ccioph/.test(file)) return 'hospital';
  if (/ccipra/.test(file)) return 'practitioner';
  const all = `${file} ${notices.join(' ').toLowerCase()}`;
  if (/ccioph|hospital|outpatient/.test(all)) return 'hospital';
  if (/ccipra|practitioner/.test(all)) return 'practitioner';
  return 'any';
}

/** A PTP file with no edit that could be read: never reported as checked. */
export class NoPtpEditsError extends RefusedTableError {}

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
  /** Edits read, kept or not (the file is usable when there is one). */
  private usable = 0;
  /** The first unreadable rows, for the message. */
  private readonly problems: string[] = [];
  private rowNumber = 0;
  private latest = 0;
  /** The file's kind (its name, else its notices), known with its header. */
  private fileKind: PtpKind = 'any';
  /** The kinds of the edits read: one, unless a Kind column says otherwise row by row. */
  private readonly kinds = new Set<PtpKind>();

  constructor(
    private readonly name: string,
    private readonly keep: (code: string) => boolean = isDrugAdministration,
  ) {}

  /** Whether the header row has been read (a line splitter then keeps the header's delimiter). */
  get hasHeader(): boolean {
    return this.header !== null;
  }

  push(row: readonly CellValue[]): void {
    this.rowNumber++;
    if (!this.header) {
      this.notices.push([...row]);
      this.header = findHeader([row], PTP_COLUMNS);
      if (this.header) this.fileKind = kindOfText(this.name, this.notices.slice(0, -1).flat().filter((v): v is string => typeof v === 'string'));
      else if (this.notices.length >= MAX_NOTICE_ROWS) throw new WrongTableError('an NCCI PTP edit file', PTP_COLUMNS, this.notices);
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
    const deletion = ptpDate(row[c.deletion!]);
    // Exactly 0, 1 or 9: a blank or cut-short row is no edit (Number('') is 0, which would bundle the pair).
    const indicatorText = text(row[c.modifier!]);
    const indicator = /^[019]$/.test(indicatorText) ? (Number(indicatorText) as PtpIndicator) : null;
    const kind = c.kind === null ? this.fileKind : kindCell(row[c.kind]);
    if (effective === null || effective === 'bad' || deletion === 'bad' || indicator === null || kind === null) {
      this.skipped++;
      if (this.problems.length < 3) {
        const why =
          effective === null || effective === 'bad'
            ? `effective date '${text(row[c.effective!])}'`
            : deletion === 'bad'
              ? `deletion date '${text(row[c.deletion!])}'`
              : indicator === null
                ? `modifier indicator '${indicatorText}'`
                : `kind '${text(row[c.kind!])}'`;
        this.problems.push(`row ${this.rowNumber} (${column1}/${column2}): ${why} cannot be read`);
      }
      return;
    }
    this.usable++;
    this.kinds.add(kind);
    if (effective > this.latest) this.latest = effective;
    if (!this.keep(column1) && !this.keep(column2)) return;
    const rationaleText = c.rationale === null ? '' : text(row[c.rationale]);
    let rationale = this.rationales.get(rationaleText);
    if (rationale === undefined) this.rationales.set(rationaleText, (rationale = rationaleText));
    const edit: PtpEdit = { column1, column2, effective, deletion, indicator, rationale, kind };
    const key = column1 + column2;
    const list = this.pairs.get(key);
    if (list) list.push(edit);
    else this.pairs.set(key, [edit]);
  }

  finish(): PtpTable {
    if (!this.header) throw new WrongTableError('an NCCI PTP edit file', PTP_COLUMNS, this.notices);
    if (this.usable === 0) {
      const why = this.read === 0 ? 'it has a header but no edit rows' : `none of its ${this.read} edit rows could be read: ${this.problems.join('; ')}`;
      throw new NoPtpEditsError(`no NCCI PTP edits found: ${why}`);
    }
    const notices = this.notices.slice(0, -1);
    const latest = this.latest ? `${Math.floor(this.latest / 10000)}-${String(Math.floor(this.latest / 100) % 100).padStart(2, '0')}` : null;
    let rows = 0;
    for (const list of this.pairs.values()) rows += list.length;
    return {
      info: { kind: 'ptp', name: this.name, date: editionOf(notices, this.name) ?? latest, rows, skipped: this.skipped, problems: this.problems },
      kind: this.kinds.size === 1 ? [...this.kinds][0] : 'any',
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

/**
 * The edit of a pair in effect on a date of service (effective <= date <= deletion) for the claims of a setting
 * (every edit without one), or null.
 */
export function activeEdit(table: PtpTable, column1: string, column2: string, day: number, setting?: 'facility' | 'office'): PtpEdit | null {
  const list = table.pairs.get(column1 + column2);
  if (!list) return null;
  for (const e of list) {
    if (e.effective <= day && (e.deletion === null || day <= e.deletion) && (setting === undefined || appliesTo(e.kind, setting))) return e;
  }
  return null;
}

const fmtDate = (d: number | null) => (d === null ? '*' : String(d));

/**
 * The kept pairs as a PTP file in the CMS layout (a notice row naming the sources, the header, the rows),
 * so the pane, or a later run, reads it like the original; a last Kind column keeps each edit's claims
 * (practitioner, hospital, any) when files of both kinds are merged into one.
 */
export function ptpCsvRows(tables: readonly PtpTable[]): string[][] {
  const kinds = [...new Set(tables.map((t) => t.kind))].filter((k) => k !== 'any');
  const sources = tables.map((t) => `${t.info.name}${t.info.date ? ` (${t.info.date})` : ''}`).join('; ');
  const out: string[][] = [
    [`NCCI PTP edits${kinds.length === 1 ? ` (${kinds[0]})` : ''} filtered by infusion-coder to drug-administration pairs from ${sources}`],
    ['Column 1', 'Column 2', '*=in existence prior to 1996', 'Effective Date', 'Deletion Date *=no data', 'Modifier 0=not allowed 1=allowed 9=not applicable', 'PTP Edit Rationale', 'Kind'],
  ];
  for (const t of tables) {
    for (const list of t.pairs.values()) {
      for (const e of list) out.push([e.column1, e.column2, '', String(e.effective), fmtDate(e.deletion), String(e.indicator), e.rationale, e.kind]);
    }
  }
  return out;
}
