export { ActionsPanel } from './ActionsPanel';
export type { ActionsPanelProps } from './ActionsPanel.types';
