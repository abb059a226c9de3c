/**
 * The problems list's state: the severity filter, which groups are open and how many rows each shows. Errors
 * open by default, and so does the group of the problem in view (Next problem may walk into a folded one).
 */
import * as React from 'react';
import type { Problem } from '../../../pipeline';
import type { FindingId } from '../../../rules/types';
import type { ProblemGroup, ProblemsListProps, SeverityFilter } from './ProblemsList.types';

/** Rows a group shows before "Show more". */
export const PAGE = 50;

export function groupProblems(problems: Problem[]): ProblemGroup[] {
  const groups = new Map<FindingId, ProblemGroup>();
  problems.forEach((p, i) => {
    const g = groups.get(p.id) ?? { id: p.id, severity: p.severity, indexes: [] };
    g.indexes.push(i);
    groups.set(p.id, g);
  });
  return [...groups.values()];
}

export function useProblemsList({ problems, current }: Pick<ProblemsListProps, 'problems' | 'current'>) {
  const [filter, setFilter] = React.useState<SeverityFilter>('all');
  const [open, setOpen] = React.useState<Partial<Record<FindingId, boolean>>>({});
  const [shown, setShown] = React.useState<Partial<Record<FindingId, number>>>({});
  const allGroups = React.useMemo(() => groupProblems(problems), [problems]);
  const counts = React.useMemo(() => {
    const c: Record<SeverityFilter, number> = { all: problems.length, error: 0, warning: 0, info: 0 };
    for (const p of problems) c[p.severity] += 1;
    return c;
  }, [problems]);
  // A filter whose severity the new run no longer has (its toggle is disabled) shows everything again.
  const shownFilter: SeverityFilter = filter !== 'all' && counts[filter] === 0 ? 'all' : filter;
  const groups = shownFilter === 'all' ? allGroups : allGroups.filter((g) => g.severity === shownFilter);
  const currentId = current !== null ? problems[current]?.id : undefined;

  const isOpen = (g: ProblemGroup) => open[g.id] ?? (g.severity === 'error' || g.id === currentId);
  /** Rows shown: a page, more after "Show more", and always down to the problem in view. */
  const limit = (g: ProblemGroup) => Math.max(shown[g.id] ?? PAGE, current !== null && g.id === currentId ? g.indexes.indexOf(current) + 1 : 0);
  const toggle = (g: ProblemGroup) => setOpen({ ...open, [g.id]: !isOpen(g) });
  const showMore = (g: ProblemGroup) => setShown({ ...shown, [g.id]: limit(g) + PAGE * 4 });

  return { filter: shownFilter, setFilter, counts, groups, isOpen, limit, toggle, showMore };
}
