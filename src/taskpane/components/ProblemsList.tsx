/**
 * The problems of the last run, grouped by finding. Clicking a problem selects its cell in the sheet;
 * "Next problem" walks them in order (errors first). Long groups show their first rows and a "show more".
 * A row of toggles shows all problems or only errors, warnings or information.
 */
import * as React from 'react';
import { Button, Caption1, CounterBadge, makeStyles, mergeClasses, Subtitle2, ToggleButton, tokens } from '@fluentui/react-components';
import { ArrowNext20Regular, ErrorCircle16Filled, Info16Regular, Warning16Filled } from '@fluentui/react-icons';
import { FINDING_TITLES } from '../../rules/findings';
import type { FindingId, Severity } from '../../rules/types';
import type { Problem } from '../../pipeline';

export interface ProblemsListProps {
  problems: Problem[];
  /** Index (into problems) of the problem last selected, or null. */
  current: number | null;
  disabled?: boolean;
  onSelect(index: number): void;
  onNext(): void;
}

const PAGE = 50;

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: tokens.spacingVerticalS },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalS },
  group: { marginBottom: tokens.spacingVerticalS },
  groupHeader: { width: '100%', justifyContent: 'flex-start', fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':disabled': { cursor: 'default', color: tokens.colorNeutralForegroundDisabled },
  },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected, outline: `1px solid ${tokens.colorBrandStroke1}` },
  where: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXS },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
});

interface Group {
  id: FindingId;
  severity: Severity;
  indexes: number[];
}

function groupProblems(problems: Problem[]): Group[] {
  const groups = new Map<FindingId, Group>();
  problems.forEach((p, i) => {
    const g = groups.get(p.id) ?? { id: p.id, severity: p.severity, indexes: [] };
    g.indexes.push(i);
    groups.set(p.id, g);
  });
  return [...groups.values()];
}

function SeverityIcon({ severity }: { severity: Severity }): React.ReactElement {
  const styles = useStyles();
  if (severity === 'error') return <ErrorCircle16Filled className={styles.error} aria-label="Error" />;
  if (severity === 'warning') return <Warning16Filled className={styles.warning} aria-label="Warning" />;
  return <Info16Regular className={styles.info} aria-label="Information" />;
}

type SeverityFilter = 'all' | Severity;
const FILTERS: { value: SeverityFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'error', label: 'Errors' },
  { value: 'warning', label: 'Warnings' },
  { value: 'info', label: 'Information' },
];

export function ProblemsList({ problems, current, disabled, onSelect, onNext }: ProblemsListProps): React.ReactElement {
  const styles = useStyles();
  const [filter, setFilter] = React.useState<SeverityFilter>('all');
  const allGroups = React.useMemo(() => groupProblems(problems), [problems]);
  const groups = filter === 'all' ? allGroups : allGroups.filter((g) => g.severity === filter);
  const counts: Record<SeverityFilter, number> = { all: problems.length, error: 0, warning: 0, info: 0 };
  for (const p of problems) counts[p.severity] += 1;
  // Errors open by default; the user opens the others.
  const [open, setOpen] = React.useState<Record<string, boolean>>({});
  const [shown, setShown] = React.useState<Record<string, number>>({});
  const currentId = current !== null ? problems[current]?.id : undefined;

  if (problems.length === 0) {
    return (
      <section aria-label="Problems">
        <Subtitle2 as="h3">Problems</Subtitle2>
        <Caption1 as="p">No problems found.</Caption1>
      </section>
    );
  }

  return (
    <section aria-label="Problems">
      <div className={styles.bar}>
        <Subtitle2 as="h3">{`Problems (${problems.length.toLocaleString('en-US')})`}</Subtitle2>
        <Button size="small" icon={<ArrowNext20Regular />} iconPosition="after" disabled={disabled} onClick={onNext}>
          Next problem
        </Button>
      </div>
      <div role="radiogroup" aria-label="Show problems of severity" className={styles.filters}>
        {FILTERS.map((f) => (
          <ToggleButton
            key={f.value}
            size="small"
            role="radio"
            aria-checked={filter === f.value}
            checked={filter === f.value}
            disabled={f.value !== 'all' && counts[f.value] === 0}
            onClick={() => setFilter(f.value)}
          >
            {`${f.label} (${counts[f.value].toLocaleString('en-US')})`}
          </ToggleButton>
        ))}
      </div>
      {groups.map((g) => {
        const isOpen = open[g.id] ?? (g.severity === 'error' || g.id === currentId);
        const limit = Math.max(shown[g.id] ?? PAGE, current !== null && g.id === currentId ? g.indexes.indexOf(current) + 1 : 0);
        const listId = `problems-${g.id}`;
        return (
          <div key={g.id} className={styles.group}>
            <Button
              appearance="subtle"
              className={styles.groupHeader}
              icon={<SeverityIcon severity={g.severity} />}
              aria-expanded={isOpen}
              aria-controls={listId}
              onClick={() => setOpen({ ...open, [g.id]: !isOpen })}
            >
              {FINDING_TITLES[g.id] ?? g.id}
              &nbsp;
              <CounterBadge count={g.indexes.length} overflowCount={99999} size="small" appearance="ghost" color="informative" />
            </Button>
            {isOpen ? (
              <ul className={styles.list} id={listId} aria-label={FINDING_TITLES[g.id] ?? g.id}>
                {g.indexes.slice(0, limit).map((i) => {
                  const p = problems[i];
                  return (
                    <li key={i}>
                      <button
                        type="button"
                        className={mergeClasses(styles.item, i === current && styles.current)}
                        aria-current={i === current ? 'true' : undefined}
                        disabled={disabled}
                        onClick={() => onSelect(i)}
                      >
                        <span className={styles.where}>{`Row ${p.row} · ${p.address}${p.header ? ` (${p.header})` : ''}`}</span>
                        {p.message}
                      </button>
                    </li>
                  );
                })}
                {g.indexes.length > limit ? (
                  <li>
                    <Button size="small" appearance="transparent" onClick={() => setShown({ ...shown, [g.id]: limit + PAGE * 4 })}>
                      {`Show more (${(g.indexes.length - limit).toLocaleString('en-US')} left)`}
                    </Button>
                  </li>
                ) : null}
              </ul>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
