/** The coding options of RULES.md (rules/options.ts), with their defaults; saved per workbook by the pane. */
import * as React from 'react';
import { Field, Input, makeStyles, Radio, RadioGroup, Select, Switch, tokens } from '@fluentui/react-components';
import type { CodingOptions } from '../../rules/options';

export interface OptionsPanelProps {
  options: CodingOptions;
  disabled?: boolean;
  onChange(options: CodingOptions): void;
}

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});

function payersText(list: string[]): string {
  return list.join(', ');
}

function parsePayers(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function OptionsPanel({ options, disabled, onChange }: OptionsPanelProps): React.ReactElement {
  const styles = useStyles();
  const set = <K extends keyof CodingOptions>(key: K, value: CodingOptions[K]) => onChange({ ...options, [key]: value });
  // Text inputs keep their own text while typing and commit on blur (no save per keystroke); the key
  // remounts them when the saved value changes from elsewhere.

  return (
    <div className={styles.stack} role="group" aria-label="Coding options">
      <Field label="Setting when a row has none" size="small">
        <RadioGroup
          layout="horizontal"
          value={options.setting}
          disabled={disabled}
          onChange={(_e, d) => set('setting', d.value as CodingOptions['setting'])}
        >
          <Radio value="facility" label="Facility" />
          <Radio value="office" label="Office" />
        </RadioGroup>
      </Field>
      <Field label="Default payer" size="small" hint="Used when a row has no payer.">
        <Input
          key={`payer:${options.defaultPayer}`}
          size="small"
          defaultValue={options.defaultPayer}
          disabled={disabled}
          onBlur={(e) => {
            const value = e.currentTarget.value.trim();
            if (value !== options.defaultPayer) set('defaultPayer', value);
          }}
        />
      </Field>
      <Field label="Separate-site modifier" size="small" hint="On the initial code of a second IV site running at the same time.">
        <Select
          size="small"
          value={options.separateSiteModifier}
          disabled={disabled}
          onChange={(_e, d) => set('separateSiteModifier', d.value as CodingOptions['separateSiteModifier'])}
        >
          <option value="59">59</option>
          <option value="XS">XS (separate structure)</option>
          <option value="XU">XU (unusual non-overlapping service)</option>
        </Select>
      </Field>
      <Field label="Infusion without start or stop time" size="small">
        <Select
          size="small"
          value={options.missingTimeInfusion}
          disabled={disabled}
          onChange={(_e, d) => set('missingTimeInfusion', d.value as CodingOptions['missingTimeInfusion'])}
        >
          <option value="push">Code it as a push</option>
          <option value="none">Do not code it</option>
        </Select>
      </Field>
      <Field label="Electrolytes (KCl, magnesium)" size="small">
        <Select
          size="small"
          value={options.electrolytes}
          disabled={disabled}
          onChange={(_e, d) => set('electrolytes', d.value as CodingOptions['electrolytes'])}
        >
          <option value="by-purpose">The purpose column decides</option>
          <option value="therapeutic">Always therapeutic</option>
        </Select>
      </Field>
      <Switch
        label="Add up separate hydration segments of an encounter"
        checked={options.sumHydrationSegments}
        disabled={disabled}
        onChange={(_e, d) => set('sumHydrationSegments', d.checked)}
      />
      <Field label="Payers that take JW/JZ" size="small" hint="Comma-separated; matched as words of the payer name.">
        <Input
          key={`jw:${payersText(options.jwJzPayers)}`}
          size="small"
          defaultValue={payersText(options.jwJzPayers)}
          disabled={disabled}
          onBlur={(e) => {
            const list = parsePayers(e.currentTarget.value);
            if (payersText(list) !== payersText(options.jwJzPayers)) set('jwJzPayers', list);
          }}
        />
      </Field>
    </div>
  );
}
