import type { Problem } from '../../../pipeline';
import type { FindingId, Severity } from '../../../rules/types';

export interface ProblemsListProps {
  problems: Problem[];
  /** Index (into problems) of the problem last selected, or null. */
  current: number | null;
  disabled?: boolean;
  onSelect(index: number): void;
  onNext(): void;
}

/** Which problems are shown: all, or those of one severity. */
export type SeverityFilter = 'all' | Severity;

/** The problems of one finding, as indexes into the list. */
export interface ProblemGroup {
  id: FindingId;
  severity: Severity;
  indexes: number[];
}
