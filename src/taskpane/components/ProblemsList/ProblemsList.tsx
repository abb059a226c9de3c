/**
 * The problems of the last run, grouped by finding. Clicking a problem selects its cell in the sheet;
 * "Next problem" walks them in order (errors first). Long groups show their first rows and a "show more".
 * A row of toggles shows all problems or only errors, warnings or information.
 */
import * as React from 'react';
import { Button, Caption1, CounterBadge, mergeClasses, Subtitle2, ToggleButton } from '@fluentui/react-components';
import { ArrowNext20Regular, ErrorCircle16Filled, Info16Regular, Warning16Filled } from '@fluentui/react-icons';
import { FINDING_TITLES } from '../../../rules/findings';
import type { Severity } from '../../../rules/types';
import type { ProblemsListProps, SeverityFilter } from './ProblemsList.types';
import { useProblemsList } from './useProblemsList';
import { useProblemsListStyles } from './useProblemsListStyles.styles';

const FILTERS: { value: SeverityFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'error', label: 'Errors' },
  { value: 'warning', label: 'Warnings' },
  { value: 'info', label: 'Information' },
];

function SeverityIcon({ severity }: { severity: Severity }): React.ReactElement {
  const styles = useProblemsListStyles();
  if (severity === 'error') return <ErrorCircle16Filled className={styles.error} aria-label="Error" />;
  if (severity === 'warning') return <Warning16Filled className={styles.warning} aria-label="Warning" />;
  return <Info16Regular className={styles.info} aria-label="Information" />;
}

export function ProblemsList({ problems, current, disabled, onSelect, onNext }: ProblemsListProps): React.ReactElement {
  const styles = useProblemsListStyles();
  const { filter, setFilter, counts, groups, isOpen, limit, toggle, showMore } = useProblemsList({ problems, current });

  if (problems.length === 0) {
    return (
      <section aria-label="Problems">
        <Subtitle2 as="h3" block>
          Problems
        </Subtitle2>
        <Caption1 as="p" block>
          No problems found.
        </Caption1>
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
        const open = isOpen(g);
        const rows = limit(g);
        const listId = `problems-${g.id}`;
        const title = FINDING_TITLES[g.id] ?? g.id;
        return (
          <div key={g.id} className={styles.group}>
            <Button
              appearance="subtle"
              className={styles.groupHeader}
              icon={<SeverityIcon severity={g.severity} />}
              aria-expanded={open}
              aria-controls={listId}
              onClick={() => toggle(g)}
            >
              {title}
              &nbsp;
              <CounterBadge count={g.indexes.length} overflowCount={99999} size="small" appearance="ghost" color="informative" />
            </Button>
            {open ? (
              <ul className={styles.list} id={listId} aria-label={title}>
                {g.indexes.slice(0, rows).map((i) => {
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
                {g.indexes.length > rows ? (
                  <li>
                    <Button size="small" appearance="transparent" onClick={() => showMore(g)}>
                      {`Show more (${(g.indexes.length - rows).toLocaleString('en-US')} left)`}
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
