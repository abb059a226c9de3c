/**
 * The user's drug map (a sheet read into the workbook settings), the CMS MUE file and the claims tables (sheets
 * read at each run: ASP pricing file, NDC-HCPCS crosswalk, PTP edits filtered by `infusion-coder tables ptp`,
 * fee schedule, payer profiles, revenue codes). The run's summary names each loaded table with its date and rows.
 */
import * as React from 'react';
import { Field, Select } from '@fluentui/react-components';
import { EDITION_LABEL } from '../../../rules/edition';
import { CLAIMS_KIND_IDS, type ClaimsKindId } from '../../../claims/kinds';
import { claimsFieldLabel, TABLES_SECTION } from '../../../excel/loadHints';
import type { TablesPanelProps } from './TablesPanel.types';
import { useTablesPanelStyles } from './useTablesPanelStyles.styles';

/** What each claims sheet holds, for its hint (the columns it needs). */
const CLAIMS_HINTS: Record<ClaimsKindId, string> = {
  asp: 'The CMS ASP pricing file pasted as a sheet: drug amounts (payment limit x units).',
  ndcCrosswalk: 'The CMS ASP NDC-HCPCS crosswalk: an NDC column picks the code and the claim NDC line.',
  ptp: 'NCCI PTP edits filtered by infusion-coder tables ptp (the full CMS files are too big for a sheet).',
  fees: 'Your fee schedule: code, optional modifier and payer, amount.',
  payers: 'Payer profiles: Payer, JW/JZ, NDC required, Site modifier, 340B modifier, Claim form. Built in: Medicare (JW/JZ, TB), Medicaid (NDC required).',
  revenueCodes: 'UB-04 revenue codes: Category or Code, Revenue Code (defaults 0260, 0335, 0331, 0636, 0258).',
};

const NONE = '';

export function TablesPanel({
  sheets,
  drugMapSource,
  drugMapRows,
  mueSheet,
  disabled,
  onDrugMap,
  onMueSheet,
  claimsSheets,
  onClaimsSheet,
}: TablesPanelProps): React.ReactElement {
  const styles = useTablesPanelStyles();
  const choices = (current: string | null) => {
    const list = current && !sheets.includes(current) ? [current, ...sheets] : sheets;
    return list.map((s) => (
      <option key={s} value={s}>
        {s}
      </option>
    ));
  };
  return (
    <div className={styles.stack} role="group" aria-label={TABLES_SECTION}>
      <Field
        label="Drug map"
        size="small"
        hint={
          drugMapSource
            ? `${drugMapRows} rows from '${drugMapSource}', saved in this workbook. Choose the sheet again after editing it.`
            : 'A sheet with name, synonyms, HCPCS, billing unit, class, single_dose: your drugs are added to the catalog.'
        }
      >
        <Select size="small" value={drugMapSource ?? NONE} disabled={disabled} onChange={(_e, d) => onDrugMap(d.value === NONE ? null : d.value)}>
          <option value={NONE}>Built-in catalog only ({EDITION_LABEL})</option>
          {choices(drugMapSource)}
        </Select>
      </Field>
      <Field label="MUE values" size="small" hint="A sheet holding the CMS MUE file (practitioner or facility), read at each run.">
        <Select size="small" value={mueSheet ?? NONE} disabled={disabled} onChange={(_e, d) => onMueSheet(d.value === NONE ? null : d.value)}>
          <option value={NONE}>Built-in values</option>
          {choices(mueSheet)}
        </Select>
      </Field>
      {claimsSheets &&
        CLAIMS_KIND_IDS.map((kind) => {
          const current = claimsSheets[kind] ?? null;
          return (
            <Field key={kind} label={claimsFieldLabel(kind)} size="small" hint={CLAIMS_HINTS[kind]}>
              <Select size="small" value={current ?? NONE} disabled={disabled} onChange={(_e, d) => onClaimsSheet?.(kind, d.value === NONE ? null : d.value)}>
                <option value={NONE}>{kind === 'payers' ? 'Built-in profiles' : kind === 'revenueCodes' ? 'Default revenue codes' : 'None'}</option>
                {choices(current)}
              </Select>
            </Field>
          );
        })}
    </div>
  );
}
