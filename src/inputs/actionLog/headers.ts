/**
 * Recognising a MAR action log: a header row with an action column and one action-time column (a date-time,
 * or a time beside a date column) instead of start and stop columns. Header names from EXPORTS.md A
 * (Epic MAR_ADMIN_INFO, Cerner CE_MED_RESULT and their report spellings); matching is case-, space- and
 * punctuation-insensitive, and every other column maps as on a flat sheet.
 */
import type { CellValue, Field } from '../../rules/types';
import { cellText, isEmptyCell } from '../../sheet/cell';
import { derivedHeader, matchHeader, normalizeHeader } from '../../sheet/headers';
import type { ColumnMapping, DetectedTable, Grid } from '../../sheet/types';

/** The action log's own columns, beside the flat sheet's fields. */
export type LogColumn =
  | 'action' | 'actionTime' | 'order' | 'line' | 'doseUnit' | 'rate' | 'rateUnit' | 'duration' | 'durationUnit'
  | 'volume' | 'ndc';

/** Header spellings of the log's columns, and of fields whose action-log spellings a flat sheet never uses. */
const LOG_HEADERS: Record<LogColumn | 'encounter' | 'patient' | 'drug' | 'dose' | 'setting', string[]> = {
  action: ['MAR Action', 'MAR_ACTION_C_NAME', 'Action', 'Admin Action', 'IV Event', 'IV_EVENT_CD', 'Event', 'MAR Action Name', 'Action Name', 'Event Type'],
  actionTime: [
    'Action Time', 'TAKEN_TIME', 'Time Taken', 'Taken Time', 'Charted Time', 'Admin Time', 'Event Date/Time',
    'Event Time', 'Event Date Time', 'Action Date/Time', 'Action Instant', 'ADMIN_START_DT_TM', 'EVENT_END_DT_TM',
    'Time', 'Date/Time', 'MAR Time',
  ],
  order: ['ORDER_MED_ID', 'Order ID', 'Order #', 'Order', 'ORDER_ID', 'Order Number', 'Bag', 'Bag ID'],
  line: ['LINE', 'Order Line', 'MAR Line'],
  doseUnit: ['Dose Unit', 'DOSE_UNIT', 'DOSAGE_UNIT', 'Dose UOM', 'Admin Dose Unit', 'DOSE_UNIT_C_NAME'],
  rate: ['Rate', 'INFUSION_RATE', 'Infusion Rate', 'MAR_INF_RATE'],
  rateUnit: ['Rate Unit', 'MAR_INF_RATE_UNIT', 'Infusion Unit', 'Rate UOM', 'INFUSION_UNIT_CD', 'MAR_INF_RATE_UNIT_C_NAME'],
  duration: ['MAR_DURATION', 'Duration', 'Infusion Duration'],
  durationUnit: ['MAR_DURATION_UNIT', 'Duration Unit', 'MAR_DURATION_UNIT_C_NAME'],
  volume: ['Infused Volume', 'INFUSED_VOLUME', 'Volume Infused'],
  ndc: ['NDC', 'NDC Code', 'National Drug Code', 'NDC_CODE', 'NDC11', 'NDC 11'],
  encounter: ['CSN', 'PAT_ENC_CSN_ID', 'FIN', 'Encounter', 'Visit #', 'Account', 'ENCNTR_ID', 'FIN_NBR'],
  patient: ['MRN', 'PAT_ID', 'Patient ID', 'PERSON_ID'],
  drug: ['Medication', 'Display Name', 'Med Name', 'DISPLAY_NAME', 'Order Description', 'ORDER_MNEMONIC', 'Catalog Display'],
  dose: ['Dose', 'SIG', 'ADMIN_DOSAGE', 'Admin Dose', 'Dose Amount'],
  setting: ['Patient Class', 'PAT_CLASS', 'Encounter Type', 'ENCNTR_TYPE_CD', 'Patient Type'],
};

const LOG_KEYS = new Map<string, LogColumn | Field>();
for (const [column, names] of Object.entries(LOG_HEADERS)) {
  for (const name of names) {
    const key = normalizeHeader(name);
    if (!LOG_KEYS.has(key)) LOG_KEYS.set(key, column as LogColumn | Field);
  }
}

export interface ActionLogTable extends DetectedTable {
  /** 1-based sheet columns of the log's own columns. */
  log: Partial<Record<LogColumn, number>>;
}

const HEADER_SCAN_ROWS = 100;

function headerText(value: CellValue): string | null {
  if (typeof value !== 'string' && !(value && typeof value === 'object' && !(value instanceof Date))) return null;
  const text = cellText(value);
  return text.length > 0 && text.length <= 80 ? text : null;
}

interface RowMap {
  headers: Map<number, string>;
  derived: Map<string, number>;
  mapping: ColumnMapping;
  log: Partial<Record<LogColumn, number>>;
  count: number;
}

function mapRow(cells: CellValue[], firstColumn: number, override?: ColumnMapping): RowMap {
  const headers = new Map<number, string>();
  const derived = new Map<string, number>();
  const mapping: ColumnMapping = {};
  const log: Partial<Record<LogColumn, number>> = {};
  const fieldHits: { column: number; field: Field; rank: number }[] = [];
  let count = 0;
  for (let c = 0; c < cells.length; c++) {
    const text = headerText(cells[c]);
    if (text === null) continue;
    const column = firstColumn + c;
    headers.set(column, text);
    const own = derivedHeader(text);
    if (own) {
      if (!derived.has(own)) derived.set(own, column);
      continue;
    }
    const known = LOG_KEYS.get(normalizeHeader(text));
    if (known && isLogColumn(known)) {
      if (log[known] === undefined) {
        log[known] = column;
        count++;
      }
      continue;
    }
    if (known) fieldHits.push({ column, field: known as Field, rank: -1 });
    else {
      const hit = matchHeader(text);
      if (hit) fieldHits.push({ column, field: hit.field, rank: hit.rank });
    }
  }
  const overridden = new Set(Object.values(override ?? {}).filter((c): c is number => typeof c === 'number' && c > 0));
  for (const [field, column] of Object.entries(override ?? {}) as [Field, number][]) if (column > 0) mapping[field] = column;
  fieldHits.sort((a, b) => a.rank - b.rank || a.column - b.column);
  for (const hit of fieldHits) {
    if (mapping[hit.field] !== undefined || overridden.has(hit.column) || (override && override[hit.field] === 0)) continue;
    mapping[hit.field] = hit.column;
    overridden.add(hit.column);
    count++;
  }
  return { headers, derived, mapping, log, count };
}

function isLogColumn(key: string): key is LogColumn {
  return key in LOG_HEADERS && !['encounter', 'patient', 'drug', 'dose', 'setting'].includes(key);
}

/** An action log needs an action column and an action-time column, and no separate start and stop columns. */
function isActionLog(m: RowMap): boolean {
  if (m.log.action === undefined) return false;
  if (m.log.actionTime === undefined && m.mapping.start === undefined) return false;
  return !(m.mapping.start !== undefined && m.mapping.stop !== undefined);
}

/**
 * The action log on a sheet, or null when the sheet is not one. The action time is the `actionTime` column
 * (else a column the flat sheet would read as the start); the table's start and stop both point at it, so a
 * finding on a time lands on that cell.
 */
export function detectActionLog(grid: Grid, override?: ColumnMapping): ActionLogTable | null {
  let best: { r: number; m: RowMap } | null = null;
  const scan = Math.min(grid.values.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const cells = grid.values[r] ?? [];
    if (cells.length === 0) continue;
    const m = mapRow(cells, grid.firstColumn, override);
    if (!isActionLog(m)) continue;
    if (!best || m.count > best.m.count) best = { r, m };
  }
  if (!best) return null;
  const { r: headerIndex, m } = best;
  if (m.log.actionTime === undefined) {
    m.log.actionTime = m.mapping.start;
  }
  m.mapping.start = m.log.actionTime;
  m.mapping.stop = m.log.actionTime;

  const derivedSet = new Set(m.derived.values());
  let lastUserColumn = 0;
  for (const column of m.headers.keys()) if (!derivedSet.has(column)) lastUserColumn = Math.max(lastUserColumn, column);
  const key = [m.log.action!, m.log.actionTime!].map((c) => c - grid.firstColumn);
  const actionHeader = normalizeHeader(m.headers.get(m.log.action!) ?? '');
  const dataRows: number[] = [];
  let lastRow = grid.firstRow + headerIndex;
  for (let r = headerIndex + 1; r < grid.values.length; r++) {
    const cells = grid.values[r] ?? [];
    // The last user cell of the row (derived columns of an earlier run skipped): scanned from the right.
    let any = false;
    for (let c = cells.length - 1; c >= 0; c--) {
      if (isEmptyCell(cells[c])) continue;
      any = true;
      if (derivedSet.has(grid.firstColumn + c)) continue;
      if (grid.firstColumn + c > lastUserColumn) lastUserColumn = grid.firstColumn + c;
      break;
    }
    if (!any) continue;
    lastRow = grid.firstRow + r;
    if (key.every((c) => isEmptyCell(cells[c]))) continue;
    const action = cells[key[0]];
    if (typeof action === 'string' && normalizeHeader(action) === actionHeader) continue; // a repeated header
    dataRows.push(grid.firstRow + r);
  }
  return {
    headerRow: grid.firstRow + headerIndex,
    headers: m.headers,
    mapping: m.mapping,
    derivedColumns: m.derived,
    lastUserColumn,
    dataRows,
    lastRow,
    log: m.log,
  };
}
