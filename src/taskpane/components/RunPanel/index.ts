export { RunPanel } from './RunPanel';
export type { Busy, RunPanelProps } from './RunPanel.types';
