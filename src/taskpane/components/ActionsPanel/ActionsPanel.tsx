/**
 * The Actions table of the pane's settings: MAR action words of this site (`Bag Hung` = start), added to the
 * built-in vocabulary when a sheet is a MAR action log. An unknown word is a finding, never a guess, so a
 * site adds its words here.
 */
import * as React from 'react';
import { Button, Caption1, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { ACTION_KINDS, parseActionOverride, type ActionKind, type ActionOverride } from '../../../inputs/actionLog/actions';

export interface ActionsPanelProps {
  actions: ActionOverride[];
  disabled?: boolean;
  onChange(actions: ActionOverride[]): void;
}

const KIND_LABELS: Record<ActionKind, string> = {
  start: 'start (opens a run)',
  resume: 'resume (continues a paused run)',
  stop: 'stop',
  pause: 'pause',
  continue: 'continue (rate change)',
  point: 'given at one time',
  'not-given': 'not given (skipped)',
};

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'end' },
  word: { flexGrow: 1 },
});

export function ActionsPanel({ actions, disabled, onChange }: ActionsPanelProps): React.ReactElement {
  const styles = useStyles();
  const [word, setWord] = React.useState('');
  const [kind, setKind] = React.useState<ActionKind>('start');
  const [error, setError] = React.useState<string | null>(null);
  const add = () => {
    const parsed = parseActionOverride(`${word}=${kind}`);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setWord('');
    const key = parsed.action.toLowerCase();
    onChange([...actions.filter((a) => a.action.toLowerCase() !== key), parsed]);
  };
  return (
    <div className={styles.stack} role="group" aria-label="MAR actions">
      <Caption1>Action words of your MAR export that are not built in (for example Bag Hung = start).</Caption1>
      {actions.length > 0 ? (
        <ul aria-label="Your action words">
          {actions.map((a) => (
            <li key={a.action}>
              {a.action} = {a.kind}{' '}
              <Button size="small" appearance="subtle" disabled={disabled} aria-label={`Remove ${a.action}`} onClick={() => onChange(actions.filter((x) => x !== a))}>
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
