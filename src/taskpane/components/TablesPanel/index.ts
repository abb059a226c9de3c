export { TablesPanel } from './TablesPanel';
export type { TablesPanelProps } from './TablesPanel.types';
