export { ActionsPanel, type ActionsPanelProps } from './ActionsPanel';
