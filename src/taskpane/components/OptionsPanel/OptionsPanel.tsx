/**
 * The coding options of RULES.md (rules/options.ts), with their defaults; saved per workbook by the pane.
 * Every option in OPTION_DESCRIPTORS gets a control here (choices as a select, on/off as a switch, text and
 * payer lists as inputs), so an option added to the rules appears in the pane without a change here.
 */
import * as React from 'react';
import { Field, Input, Radio, RadioGroup, Select, Switch } from '@fluentui/react-components';
import type { CodingOptions, OptionDescriptor } from '../../../rules/options';
import { OPTION_DESCRIPTORS } from '../../../rules/options';
import type { OptionsPanelProps } from './OptionsPanel.types';
import { useOptionsPanelStyles } from './useOptionsPanelStyles.styles';

function listText(list: string[]): string {
  return list.join(', ');
}

function parseList(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface ControlProps {
  d: OptionDescriptor;
  options: CodingOptions;
  disabled?: boolean;
  set(key: keyof CodingOptions, value: unknown): void;
}

function OptionControl({ d, options, disabled, set }: ControlProps): React.ReactElement {
  const value = options[d.key];
  const choices = Object.entries(d.choices ?? {});
  if (d.kind === 'boolean') {
    return <Switch label={d.label} checked={value === true} disabled={disabled} onChange={(_e, data) => set(d.key, data.checked)} />;
  }
  if (d.kind === 'enum' && d.key === 'setting') {
    return (
      <Field label={d.label} size="small">
        <RadioGroup layout="horizontal" value={String(value)} disabled={disabled} onChange={(_e, data) => set(d.key, data.value)}>
          {choices.map(([v, label]) => (
            <Radio key={v} value={v} label={label} />
          ))}
        </RadioGroup>
      </Field>
    );
  }
  if (d.kind === 'enum') {
    return (
      <Field label={d.label} size="small" hint={d.help}>
        <Select size="small" value={String(value)} disabled={disabled} onChange={(_e, data) => set(d.key, data.value)}>
          {choices.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  // Text inputs keep their own text while typing and commit on blur (no save per keystroke); the key
  // remounts them when the saved value changes from elsewhere.
  const text = d.kind === 'list' ? listText(value as string[]) : String(value);
  return (
    <Field label={d.label} size="small" hint={d.help}>
      <Input
        key={`${d.key}:${text}`}
        size="small"
        defaultValue={text}
        disabled={disabled}
        onBlur={(e) => {
          const raw = e.currentTarget.value;
          if (d.kind === 'list') {
            const list = parseList(raw);
            if (listText(list) !== text) set(d.key, list);
          } else if (raw.trim() !== text) set(d.key, raw.trim());
        }}
      />
    </Field>
  );
}

export function OptionsPanel({ options, disabled, onChange }: OptionsPanelProps): React.ReactElement {
  const styles = useOptionsPanelStyles();
  const set = (key: keyof CodingOptions, value: unknown) => onChange({ ...options, [key]: value } as CodingOptions);
  return (
    <div className={styles.stack} role="group" aria-label="Coding options">
      {OPTION_DESCRIPTORS.map((d) => (
        <OptionControl key={d.key} d={d} options={options} disabled={disabled} set={set} />
      ))}
    </div>
  );
}
