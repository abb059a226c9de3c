import type { RowView as RowViewData } from '../../../excel/rowView';

export interface RowViewProps {
  /** The selected row's view, or null when the selection is not on a coded row. */
  row: RowViewData | null;
}
