/**
 * The Actions table of the pane's settings: MAR action words of this site (`Bag Hung` = start), added to the
 * built-in vocabulary when a sheet is a MAR action log. An unknown word is a finding, never a guess, so a
 * site adds its words here.
 */
import * as React from 'react';
import { Button, Caption1, Field, Input, Select } from '@fluentui/react-components';
import { ACTION_KINDS, type ActionKind } from '../../../inputs/actionLog/actions';
import type { ActionsPanelProps } from './ActionsPanel.types';
import { useActionsPanel } from './useActionsPanel';
import { useActionsPanelStyles } from './useActionsPanelStyles.styles';

const KIND_LABELS: Record<ActionKind, string> = {
  start: 'start (opens a run)',
  resume: 'resume (continues a paused run)',
  stop: 'stop',
  pause: 'pause',
  continue: 'continue (rate change)',
  point: 'given at one time',
  'not-given': 'not given (skipped)',
};

export function ActionsPanel(props: ActionsPanelProps): React.ReactElement {
  const { actions, disabled } = props;
  const styles = useActionsPanelStyles();
  const { word, setWord, kind, setKind, error, add, remove } = useActionsPanel(props);
  return (
    <div className={styles.stack} role="group" aria-label="MAR actions">
      <Caption1 block>Action words of your MAR export that are not built in (for example Bag Hung = start).</Caption1>
      {actions.length > 0 ? (
        <ul className={styles.list} aria-label="Your action words">
          {actions.map((a) => (
            <li key={a.action}>
              {a.action} = {a.kind}{' '}
              <Button size="small" appearance="subtle" disabled={disabled} aria-label={`Remove ${a.action}`} onClick={() => remove(a.action)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className={styles.row}>
        <Field className={styles.word} label="Action word" size="small" validationMessage={error ?? undefined}>
          <Input size="small" value={word} disabled={disabled} onChange={(_e, d) => setWord(d.value)} />
        </Field>
        <Field label="Means" size="small">
          <Select size="small" value={kind} disabled={disabled} onChange={(_e, d) => setKind(d.value as ActionKind)}>
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Button size="small" disabled={disabled || word.trim() === ''} onClick={add}>
          Add
        </Button>
      </div>
    </div>
  );
}
