/**
 * The detected mapping, one dropdown per field: which column of the sheet holds it. The user's corrections
 * are saved per workbook (and per sheet) by the pane; "(none)" says the sheet has no such column.
 */
import * as React from 'react';
import { Caption1, Field, Select } from '@fluentui/react-components';
import { FIELDS } from '../../../rules/types';
import { FIELD_LABELS, KEY_FIELDS } from '../../fields';
import type { MappingPanelProps } from './MappingPanel.types';
import { useMappingPanelStyles } from './useMappingPanelStyles.styles';

const NONE = '';

function columnLetter(address: string): string {
  return address.replace(/\d+$/, '');
}

export function MappingPanel({ headers, mapping, overridden, disabled, onChange }: MappingPanelProps): React.ReactElement {
  const styles = useMappingPanelStyles();
  return (
    <div className={styles.grid} role="group" aria-label="Column mapping">
      {FIELDS.map((field) => {
        const column = mapping[field];
        const value = column && column > 0 ? String(column) : NONE;
        const missingKey = KEY_FIELDS.includes(field) && value === NONE;
        return (
          <Field
            key={field}
            label={FIELD_LABELS[field]}
            size="small"
            validationState={missingKey ? 'warning' : 'none'}
            validationMessage={missingKey ? 'No column: codes will be less precise.' : undefined}
            hint={overridden?.has(field) ? 'Set by you' : undefined}
          >
            <Select
              id={`map-${field}`}
              size="small"
              value={value}
              disabled={disabled}
              onChange={(_e, data) => onChange(field, data.value === NONE ? null : Number(data.value))}
            >
              <option value={NONE}>(none)</option>
              {headers.map((h) => (
                <option key={h.column} value={String(h.column)}>
                  {`${columnLetter(h.address)}: ${h.text}`}
                </option>
              ))}
            </Select>
          </Field>
        );
      })}
      <Caption1 className={styles.hint}>Columns you do not map are left as they are.</Caption1>
    </div>
  );
}
