export { MappingPanel } from './MappingPanel';
export type { MappingHeader, MappingPanelProps } from './MappingPanel.types';
