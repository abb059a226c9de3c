/** The user's drug map (a sheet read into the workbook settings) and the CMS MUE file (a sheet read at each run). */
import * as React from 'react';
import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import { EDITION_LABEL } from '../../rules/edition';

export interface TablesPanelProps {
  sheets: string[];
  /** The sheet the stored drug map came from, or null. */
  drugMapSource: string | null;
  drugMapRows: number;
  mueSheet: string | null;
  disabled?: boolean;
  onDrugMap(sheet: string | null): void;
  onMueSheet(sheet: string | null): void;
}

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});

const NONE = '';

export function TablesPanel({ sheets, drugMapSource, drugMapRows, mueSheet, disabled, onDrugMap, onMueSheet }: TablesPanelProps): React.ReactElement {
  const styles = useStyles();
  const choices = (current: string | null) => {
    const list = current && !sheets.includes(current) ? [current, ...sheets] : sheets;
    return list.map((s) => (
      <option key={s} value={s}>
        {s}
      </option>
    ));
  };
  return (
    <div className={styles.stack} role="group" aria-label="Drug map and MUE">
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
    </div>
  );
}
