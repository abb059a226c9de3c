import type { ActionOverride } from '../../../inputs/actionLog/actions';

export interface ActionsPanelProps {
  actions: ActionOverride[];
  disabled?: boolean;
  onChange(actions: ActionOverride[]): void;
}
