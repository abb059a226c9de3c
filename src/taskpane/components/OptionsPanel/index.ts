export { OptionsPanel } from './OptionsPanel';
export type { OptionsPanelProps } from './OptionsPanel.types';
