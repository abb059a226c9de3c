/** The new action word being typed, its kind, and the error of the last Add. */
import * as React from 'react';
import { parseActionOverride, type ActionKind } from '../../../inputs/actionLog/actions';
import type { ActionsPanelProps } from './ActionsPanel.types';

export function useActionsPanel({ actions, onChange }: ActionsPanelProps) {
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
    // A word added again replaces its earlier kind.
    const key = parsed.action.toLowerCase();
    onChange([...actions.filter((a) => a.action.toLowerCase() !== key), parsed]);
  };
  const remove = (action: string) => onChange(actions.filter((a) => a.action !== action));
  return { word, setWord, kind, setKind, error, add, remove };
}
