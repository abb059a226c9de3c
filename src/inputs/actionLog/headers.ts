/**
 * Recognising a MAR action log: a header row with an action column and one action-time column (a date-time,
 * or a time beside a date column) instead of start and stop columns. Header names from EXPORTS.md A
 * (Epic MAR_ADMIN_INFO, Cerner CE_MED_RESULT and their report spellings); matching is case-, space- and
 * punctuation-insensitive, and every other column maps as on a flat sheet. A header as common as `Status` names
 * the action column only when the values below it are action words.
 */
import type { CellValue, Field } from '../../rules/types';
import { isEmptyCell } from '../../sheet/cell';
import { matchHeader, normalizeHeader, readHeaderCells } from '../../sheet/headers';
import { assignFields, bestHeaderRow, tableBelowHeader, type FieldHit } from '../../sheet/tableScan';
import type { ColumnMapping, DetectedTable, Grid } from '../../sheet/types';
import { actionKey, actionVocabulary } from './actions';

/** The action log's own columns, beside the flat sheet's fields. */
export type LogColumn =
  | 'action' | 'actionTime' | 'order' | 'line' | 'doseUnit' | 'rate' | 'rateUnit' | 'duration' | 'durationUnit'
  | 'volume' | 'ndc';

/** Header spellings of the log's columns, and of fields whose action-log spellings a flat sheet never uses. */
const LOG_HEADERS: Record<LogColumn | 'encounter' | 'patient' | 'drug' | 'dose' | 'setting' | 'waste', string[]> = {
  action: [
    'MAR Action', 'MAR_ACTION_C_NAME', 'Action', 'Admin Action', 'IV Event', 'IV_EVENT_CD', 'Event', 'MAR Action Name',
    'Action Name', 'Event Type', 'Administration Action', 'Action Taken',
  ],
  actionTime: [
    'Action Time', 'TAKEN_TIME', 'Time Taken', 'Taken Time', 'Charted Time', 'Admin Time', 'Event Date/Time',
    'Event Time', 'Event Date Time', 'Action Date/Time', 'Action Instant', 'ADMIN_START_DT_TM', 'EVENT_END_DT_TM',
    'Time', 'Date/Time', 'MAR Time', 'Charted Date/Time', 'Taken Date/Time', 'PERFORMED_DT_TM', 'Performed Date/Time',
    'Documented Date/Time', 'Documented Time', 'Admin Date/Time', 'Administration Date/Time',
  ],
  order: ['ORDER_MED_ID', 'Order ID', 'Order #', 'Order', 'ORDER_ID', 'Order Number', 'Bag', 'Bag ID'],
  line: ['LINE', 'Order Line', 'MAR Line'],
  doseUnit: ['Dose Unit', 'DOSE_UNIT', 'DOSAGE_UNIT', 'Dose UOM', 'UOM', 'Admin Dose Unit', 'DOSE_UNIT_C_NAME', 'DOSAGE_UNIT_CD', 'DOSE_UNIT_CD', 'ADMIN_DOSAGE_UNIT_CD', 'Dosage Unit', 'RESULT_UNITS', 'RESULT_UNITS_CD'],
  rate: ['Rate', 'INFUSION_RATE', 'Infusion Rate', 'MAR_INF_RATE', 'Flow Rate', 'Infusion Flow Rate'],
  rateUnit: ['Rate Unit', 'MAR_INF_RATE_UNIT', 'Infusion Unit', 'Rate UOM', 'INFUSION_UNIT_CD', 'MAR_INF_RATE_UNIT_C_NAME'],
  duration: ['MAR_DURATION', 'Duration', 'Infusion Duration'],
  durationUnit: ['MAR_DURATION_UNIT', 'Duration Unit', 'MAR_DURATION_UNIT_C_NAME'],
  volume: ['Infused Volume', 'INFUSED_VOLUME', 'Volume Infused'],
  ndc: ['NDC', 'NDC Code', 'National Drug Code', 'NDC_CODE', 'NDC11', 'NDC 11'],
  // Cerner CE_MED_RESULT documents REMAINING_VOLUME as the wasted amount "used for reimbursement" (EXPORTS.md A).
  waste: ['REMAINING_VOLUME', 'Remaining Volume', 'Wasted Volume', 'WASTE_AMT', 'Waste Amount'],
  encounter: ['CSN', 'PAT_ENC_CSN_ID', 'FIN', 'Encounter', 'Visit #', 'Account', 'ENCNTR_ID', 'FIN_NBR'],
  patient: ['MRN', 'PAT_ID', 'Patient ID', 'PERSON_ID'],
  drug: ['Medication', 'Display Name', 'Med Name', 'DISPLAY_NAME', 'Order Description', 'ORDER_MNEMONIC', 'Catalog Display'],
  // Cerner clinical-event extracts carry the dose given in RESULT_VAL (its unit in RESULT_UNITS).
  dose: ['Dose', 'SIG', 'ADMIN_DOSAGE', 'Admin Dose', 'Dose Amount', 'RESULT_VAL', 'Result Value'],
  setting: ['Patient Class', 'PAT_CLASS', 'Encounter Type', 'ENCNTR_TYPE_CD', 'Patient Type'],
};

/**
 * Headers of an action column that also head other columns (a claim's `Status`, Paid or Denied; an `Activity`):
 * the action column only when its values are action words. (The product's own IC Status is a derived column,
 * never read as a header here.)
 */
// Cerner clinical-event extracts chart the IV event in `EVENT_TAG` (elsewhere the result's display text) or a
// `RESULT_STATUS`-style column (elsewhere Auth (Verified), Modified): action words only by their values too.
const ACTION_BY_VALUES = new Set(['Admin Status', 'Status', 'MAR Status', 'Administration Status', 'Activity', 'MAR Activity', 'EVENT_TAG', 'Event Tag', 'RESULT_STATUS', 'RESULT_STATUS_CD', 'Result Status'].map(normalizeHeader));
/** Values read below such a header: a log repeats a handful of words. */
const ACTION_SAMPLE = 200;
const BUILT_IN_ACTIONS = actionVocabulary();

/**
 * The values below a header are action words: half or more of the first ones are built-in action words, one of
 * them at least a dose or a bag (a column of Due or Pending only is a status, not a log of what was given).
 */
function holdsActions(grid: Grid, headerIndex: number, column: number): boolean {
  let values = 0;
  let actions = 0;
  let given = false;
  for (let r = headerIndex + 1; r < grid.values.length && values < ACTION_SAMPLE; r++) {
    const value = grid.values[r]?.[column - grid.firstColumn];
    if (isEmptyCell(value)) continue;
    values++;
    const kind = typeof value === 'string' ? BUILT_IN_ACTIONS.get(actionKey(value)) : undefined;
    if (kind === undefined) continue;
    actions++;
    if (kind === 'start' || kind === 'resume' || kind === 'point') given = true; // `Completed` alone is a flat sheet's status
  }
  return given && actions * 2 >= values;
}

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

interface RowMap {
  headers: Map<number, string>;
  derived: Map<string, number>;
  mapping: ColumnMapping;
  log: Partial<Record<LogColumn, number>>;
  count: number;
}

/** `isActionColumn` tells whether a `Status`-like column holds action words. */
function mapRow(cells: CellValue[], firstColumn: number, isActionColumn: (column: number) => boolean, override?: ColumnMapping): RowMap {
  const log: Partial<Record<LogColumn, number>> = {};
  const fieldHits: FieldHit[] = [];
  const actionByValues: number[] = [];
  let count = 0;
  const { headers, derived } = readHeaderCells(cells, firstColumn, (column, text) => {
    if (ACTION_BY_VALUES.has(normalizeHeader(text))) {
      actionByValues.push(column);
      return;
    }
    // `Rate (mL/hr)`, `Infusion Rate (mL/hr)`: a unit in parentheses does not change what the column is.
    const known = LOG_KEYS.get(normalizeHeader(text)) ?? LOG_KEYS.get(normalizeHeader(text.replace(/\([^)]*\)/g, ' ')));
    if (known && isLogColumn(known)) {
      if (log[known] === undefined) {
        log[known] = column;
        count++;
      }
      return;
    }
    if (known) fieldHits.push({ column, field: known as Field, rank: -1 });
    else {
      const hit = matchHeader(text);
      // `ORDER_START_TIME`, `Order End`: a log joined to its order carries the order's times, not the doses'.
      const orderTime = hit && (hit.field === 'start' || hit.field === 'stop') && /order/i.test(text);
      if (hit && !orderTime) fieldHits.push({ column, field: hit.field, rank: hit.rank });
    }
  });
  // A named action column wins; else the first `Status`-like column whose values are action words.
  if (log.action === undefined) {
    const action = actionByValues.find(isActionColumn);
    if (action !== undefined) {
      log.action = action;
      count++;
    }
  }
  const { mapping, mapped } = assignFields(fieldHits, override);
  return { headers, derived, mapping, log, count: count + mapped };
}

function isLogColumn(key: string): key is LogColumn {
  return key in LOG_HEADERS && !['encounter', 'patient', 'drug', 'dose', 'setting', 'waste'].includes(key);
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
  const best = bestHeaderRow(
    grid,
    (cells, index) => mapRow(cells, grid.firstColumn, (column) => holdsActions(grid, index, column), override),
    isActionLog,
    (m) => m.count,
  );
  if (!best) return null;
  const { index: headerIndex, m } = best;
  if (m.log.actionTime === undefined) {
    m.log.actionTime = m.mapping.start;
  }
  m.mapping.start = m.log.actionTime;
  m.mapping.stop = m.log.actionTime;
  // `Unit` right beside the dose is the dose's unit, as on a flat sheet (elsewhere it may be the nursing unit).
  const dose = m.mapping.dose;
  if (m.log.doseUnit === undefined && dose !== undefined && /^units?$/.test(normalizeHeader(m.headers.get(dose + 1) ?? ''))) m.log.doseUnit = dose + 1;

  const key = [m.log.action!, m.log.actionTime!].map((c) => c - grid.firstColumn);
  const actionHeader = normalizeHeader(m.headers.get(m.log.action!) ?? '');
  // A data row has an action or an action time, and does not repeat the header. A log repeats a handful of
  // action words over its rows: each is compared with the header once.
  const repeatsHeader = new Map<string, boolean>();
  const isData = (cells: CellValue[]) => {
    if (isEmptyCell(cells[key[0]]) && isEmptyCell(cells[key[1]])) return false;
    const action = cells[key[0]];
    if (typeof action !== 'string') return true;
    let header = repeatsHeader.get(action);
    if (header === undefined) {
      header = normalizeHeader(action) === actionHeader;
      if (repeatsHeader.size < 10000) repeatsHeader.set(action, header);
    }
    return !header;
  };
  return {
    ...tableBelowHeader(grid, headerIndex, m, isData),
    log: m.log,
  };
}
