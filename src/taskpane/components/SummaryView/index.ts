export { SummaryView } from './SummaryView';
export type { SummaryViewProps } from './SummaryView.types';
