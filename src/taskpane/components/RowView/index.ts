export { RowView } from './RowView';
export type { RowViewProps } from './RowView.types';
