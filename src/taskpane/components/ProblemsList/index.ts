export { ProblemsList } from './ProblemsList';
export type { ProblemsListProps, SeverityFilter } from './ProblemsList.types';
