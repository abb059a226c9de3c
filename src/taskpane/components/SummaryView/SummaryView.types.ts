import type { RunSummary } from '../../../pipeline';

export interface SummaryViewProps {
  summary: RunSummary;
}
