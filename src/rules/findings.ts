import { renderFinding } from './messages';
import type { Field, Finding, FindingId, FindingParams, InputRow, Severity } from './types';

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
  'injection-purpose-unknown': 'warning',
  'split-dose': 'info',
  'flush-bundled': 'info',
  'concurrent-complex-drug': 'info',
  'short-sc-infusion': 'info',
  'unlisted-service': 'warning',
  'pump-refill-bundled': 'info',
  'code-not-effective': 'warning',
  'unparseable-rate': 'warning',
  'cell-cut': 'warning',
  'unread-administration': 'warning',
  'unknown-action': 'warning',
  'orphan-action': 'warning',
  'overlapping-actions': 'warning',
  'invalid-ndc': 'warning',
  'ambiguous-ndc': 'warning',
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
  'injection-purpose-unknown': 'Injection purpose unknown (cancer or not)',
  'split-dose': 'One dose in several syringes',
  'flush-bundled': 'Flush included in another service',
  'concurrent-complex-drug': 'Complex drug beside a complex drug',
  'short-sc-infusion': 'Short subcutaneous infusion (15 min or less)',
  'unlisted-service': 'No drug-administration code fits',
  'pump-refill-bundled': 'Pump refill on a chemotherapy date',
  'code-not-effective': 'Drug code not in effect on the date',
  'unparseable-rate': 'Unreadable infusion rate',
  'cell-cut': "Cell over Excel's limit, cut",
  'unread-administration': 'A further administration on the row, not coded',
  'unknown-action': 'MAR action not in the vocabulary',
  'orphan-action': 'Rate change with nothing running',
  'overlapping-actions': 'Two runs of one order overlap',
  'invalid-ndc': 'Unreadable NDC',
  'ambiguous-ndc': 'NDC without hyphens fits several layouts',
  'ptp-bundled': 'Bundled by an NCCI PTP edit',
  'ptp-modifier-needed': 'NCCI PTP edit needs a modifier',
  'missing-ndc': 'NDC required by the payer',
  'ndc-code-mismatch': 'NDC and drug name disagree',
  'unknown-ndc': 'NDC not in the crosswalk',
};

/** Shared by every row without findings (most rows), so clean rows allocate nothing. */
const NONE: Finding[] = Object.freeze([]) as unknown as Finding[];
const NO_PARAMS: FindingParams = Object.freeze({});

/** Collects the findings of one input row; names the user's column for each field. */

/** Findings a row holds before repeats are found by key (see `add`). */
const MANY = 8;

export class RowFindings {
  list: Finding[] = NONE;
  constructor(private readonly input: InputRow) {}

  /** Raises a finding; its sentence is rendered from id + params by messages.ts. Exact repeats are dropped. */
  add(id: FindingId, field: Field | null, params: FindingParams = NO_PARAMS): void {
    const message = renderFinding(id, params);
    const finding: Finding = { id, severity: FINDING_SEVERITY[id], row: this.input.row, field, column: field ? (this.input.columns?.[field] ?? field) : null, params, message };
    if (this.list === NONE) {
      // The first finding (most rows have at most one): a list of one, not a grown list with room for 16 more.
      this.list = [finding];
      return;
    }
    if (this.list.length < MANY) {
      // An indexed loop: a `some` callback here was a closure and its context made on every call.
      for (let i = 0; i < this.list.length; i++) {
        const f = this.list[i];
        if (f.id === id && f.field === field && f.message === message) return;
      }
      // Grown in place: the row's result keeps a copy of exactly its length (see `kept` in arrays.ts).
      this.list.push(finding);
      return;
    }
    // A row with many findings (a cell naming hundreds of unknown drugs): repeats found by key, the list grown in
    // place; copying it and searching it for each finding grew with the square of the cell.
    const key = `${id}|${field ?? ''}|${message}`;
    if (!this.keys) {
      this.keys = new Set(this.list.map((f) => `${f.id}|${f.field ?? ''}|${f.message}`));
    }
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.list.push(finding);
  }
  private keys: Set<string> | null = null;

  has(id: FindingId): boolean {
    return this.list.some((f) => f.id === id);
  }
}
