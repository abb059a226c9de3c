/**
 * Where a user of the add-in loads the claims tables: the task pane's section and its fields. The claims notes
 * shown in Excel (the run's notices, the report's money note) name these instead of the command line's flags.
 */
import type { LoadHints } from '../claims/check';
import { CLAIMS_TABLE_KINDS, type ClaimsKindId } from '../claims/kinds';

/** The task pane's section where the drug map, the MUE file and the claims tables are chosen. */
export const TABLES_SECTION = 'Drug map, MUE and claims tables';

/** A claims table's field in that section, as the pane labels it (`NCCI PTP file`). */
export function claimsFieldLabel(kind: ClaimsKindId): string {
  const label = CLAIMS_TABLE_KINDS[kind].label;
  return label[0].toUpperCase() + label.slice(1);
}

export const PANE_LOAD_HINTS: LoadHints = {
  ptp: `choose its sheet in ${TABLES_SECTION} > ${claimsFieldLabel('ptp')}`,
  prices: `an ${CLAIMS_TABLE_KINDS.asp.label} or a ${CLAIMS_TABLE_KINDS.fees.label} sheet in ${TABLES_SECTION}`,
};
