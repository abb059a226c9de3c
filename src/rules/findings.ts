import { flat } from './codes';
import type { Field, Finding, FindingId, InputRow, Severity } from './types';

/** Severity of each finding id (RULES.md section 7; the additions are marked there as ours). */
export const FINDING_SEVERITY: Record<FindingId, Severity> = {
  'missing-start-time': 'error',
  'missing-stop-time': 'error',
  'stop-before-start': 'error',
  'unparseable-time': 'error',
  'unparseable-dose': 'error',
  'unparseable-date': 'error',
  'missing-necessity': 'error',
  'missing-diagnosis': 'error',
  'invalid-diagnosis-code': 'error',
  'unknown-drug': 'warning',
  'missing-dose': 'warning',
  'missing-route': 'warning',
  'missing-waste': 'warning',
  'mue-exceeded': 'warning',
  'below-threshold': 'info',
  'missing-date': 'warning',
  'drug-name-guess': 'warning',
  'dose-unit-mismatch': 'warning',
  'unknown-route': 'warning',
  'route-not-coded': 'info',
  'unknown-setting': 'warning',
  'unclassified-drug': 'info',
  'site-restart': 'info',
  'no-primary-marked': 'info',
  'concurrent-limit': 'info',
  'unknown-action': 'warning',
  'orphan-action': 'warning',
  'overlapping-actions': 'warning',
  'invalid-ndc': 'warning',
  'code-not-effective': 'warning',
  'ptp-bundled': 'warning',
  'ptp-modifier-needed': 'warning',
  'missing-ndc': 'error',
  'ndc-code-mismatch': 'warning',
  'unknown-ndc': 'warning',
};

/** Short titles for finding ids, for summaries and the problems list. */
export const FINDING_TITLES: Record<FindingId, string> = {
  'missing-start-time': 'Missing start time',
  'missing-stop-time': 'Missing stop time',
  'stop-before-start': 'Stop before start',
  'unparseable-time': 'Unreadable time',
  'unparseable-dose': 'Unreadable dose',
  'unparseable-date': 'Unreadable date',
  'missing-necessity': 'Missing medical-necessity note',
  'missing-diagnosis': 'Missing diagnosis',
  'invalid-diagnosis-code': 'Invalid ICD-10-CM code',
  'unknown-drug': 'Drug not in catalog',
  'missing-dose': 'Missing dose',
  'missing-route': 'Missing route',
  'missing-waste': 'Missing waste amount (JW/JZ)',
  'mue-exceeded': 'Units over the MUE',
  'below-threshold': 'Too short to earn a code',
  'missing-date': 'Missing date of service',
  'drug-name-guess': 'Drug name looks misspelled',
  'dose-unit-mismatch': 'Dose unit does not fit the drug',
  'unknown-route': 'Unrecognised route',
  'route-not-coded': 'Route has no administration code',
  'unknown-setting': 'Unrecognised setting',
  'unclassified-drug': 'Unclassified drug (J3490)',
  'site-restart': 'IV restarted on another site',
  'no-primary-marked': 'No primary line marked (office)',
  'concurrent-limit': 'Concurrent infusion already reported',
  'unknown-action': 'MAR action not in the vocabulary',
  'orphan-action': 'Rate change with nothing running',
  'overlapping-actions': 'Two runs of one order overlap',
  'invalid-ndc': 'Unreadable NDC',
  'code-not-effective': 'Drug code not in effect on the date',
  'ptp-bundled': 'Bundled by an NCCI PTP edit',
  'ptp-modifier-needed': 'NCCI PTP edit needs a modifier',
  'missing-ndc': 'NDC required by the payer',
  'ndc-code-mismatch': 'NDC and drug name disagree',
  'unknown-ndc': 'NDC not in the crosswalk',
};

/** Collects the findings of one input row; names the user's column for each field. */
/** Shared by every row without findings (most rows), so clean rows allocate nothing. */
const NONE: Finding[] = Object.freeze([]) as unknown as Finding[];

export class RowFindings {
  list: Finding[] = NONE;
  constructor(private readonly input: InputRow) {}

  add(id: FindingId, field: Field | null, message: string): void {
    if (this.list.some((f) => f.id === id && f.field === field && f.message === message)) return;
    const column = field ? (this.input.columns?.[field] ?? field) : null;
    if (this.list === NONE) this.list = [];
    this.list.push({ id, severity: FINDING_SEVERITY[id], row: this.input.row, field, column, message: flat(message) });
  }

  has(id: FindingId): boolean {
    return this.list.some((f) => f.id === id);
  }
}
