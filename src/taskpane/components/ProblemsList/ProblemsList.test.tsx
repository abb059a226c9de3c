/** @jest-environment jsdom */
/** The problems of a run: grouped by finding, selected on click, walked with Next problem, filtered by severity. */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Problem } from '../../../pipeline';
import { ProblemsList } from './ProblemsList';

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

function problem(id: Problem['id'], severity: Problem['severity'], row: number, column: number, message: string): Problem {
  const letter = String.fromCharCode(64 + column);
  return { id, severity, row, column, address: `${letter}${row}`, header: 'Col', message };
}

describe('ProblemsList', () => {
  const problems: Problem[] = [
    problem('missing-stop-time', 'error', 8, 12, 'IV infusion has no stop time.'),
    problem('missing-stop-time', 'error', 29, 12, 'IV infusion has no stop time.'),
    problem('missing-necessity', 'error', 14, 15, 'Billable line without a medical-necessity note.'),
    problem('unknown-drug', 'warning', 40, 6, "'zzz' is not in the catalog."),
  ];

  it('groups problems by finding with counts; errors open, others folded', async () => {
    const user = userEvent.setup();
    wrap(<ProblemsList problems={problems} current={null} onSelect={() => {}} onNext={() => {}} />);
    expect(screen.getByRole('heading', { name: 'Problems (4)' })).toBeInTheDocument();
    const stopGroup = screen.getByRole('list', { name: 'Missing stop time' });
    expect(within(stopGroup).getAllByRole('button')).toHaveLength(2);
    expect(screen.getByRole('list', { name: 'Missing medical-necessity note' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Drug not in catalog' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Drug not in catalog/ }));
    expect(screen.getByRole('list', { name: 'Drug not in catalog' })).toBeInTheDocument();
  });

  it('selects a problem on click and walks them with Next problem', async () => {
    const onSelect = jest.fn();
    const onNext = jest.fn();
    const user = userEvent.setup();
    const { rerender } = wrap(<ProblemsList problems={problems} current={null} onSelect={onSelect} onNext={onNext} />);
    await user.click(screen.getByRole('button', { name: /Row 29 · L29/ }));
    expect(onSelect).toHaveBeenCalledWith(1);
    await user.click(screen.getByRole('button', { name: 'Next problem' }));
    expect(onNext).toHaveBeenCalledTimes(1);
    rerender(
      <FluentProvider theme={webLightTheme}>
        <ProblemsList problems={problems} current={2} onSelect={onSelect} onNext={onNext} />
      </FluentProvider>,
    );
    expect(screen.getByRole('button', { name: /Row 14 · O14/ })).toHaveAttribute('aria-current', 'true');
  });

  it('shows long groups a page at a time', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 120 }, (_, i) => problem('missing-diagnosis', 'error', i + 2, 14, 'No diagnosis.'));
    wrap(<ProblemsList problems={many} current={null} onSelect={() => {}} onNext={() => {}} />);
    const list = screen.getByRole('list', { name: 'Missing diagnosis' });
    expect(within(list).getAllByRole('button', { name: /^Row/ })).toHaveLength(50);
    await user.click(within(list).getByRole('button', { name: 'Show more (70 left)' }));
    expect(within(screen.getByRole('list', { name: 'Missing diagnosis' })).getAllByRole('button', { name: /^Row/ })).toHaveLength(120);
  });

  /** The finding titles of the groups shown (their header buttons control a list). */
  const groupTitles = () =>
    screen
      .getAllByRole('button')
      .filter((b) => b.hasAttribute('aria-controls'))
      .map((b) => b.textContent?.replace(/\s*\d+$/, '').trim());

  it('filters the groups by severity, with a count on each filter', async () => {
    const user = userEvent.setup();
    wrap(<ProblemsList problems={problems} current={null} onSelect={() => {}} onNext={() => {}} />);
    const filters = screen.getByRole('radiogroup', { name: 'Show problems of severity' });
    expect(within(filters).getByRole('radio', { name: 'All (4)' })).toHaveAttribute('aria-checked', 'true');
    expect(within(filters).getByRole('radio', { name: 'Information (0)' })).toBeDisabled();
    expect(groupTitles()).toEqual(['Missing stop time', 'Missing medical-necessity note', 'Drug not in catalog']);

    await user.click(within(filters).getByRole('radio', { name: 'Errors (3)' }));
    expect(within(filters).getByRole('radio', { name: 'Errors (3)' })).toHaveAttribute('aria-checked', 'true');
    expect(within(filters).getByRole('radio', { name: 'All (4)' })).toHaveAttribute('aria-checked', 'false');
    expect(groupTitles()).toEqual(['Missing stop time', 'Missing medical-necessity note']);

    await user.click(within(filters).getByRole('radio', { name: 'Warnings (1)' }));
    expect(groupTitles()).toEqual(['Drug not in catalog']);

    await user.click(within(filters).getByRole('radio', { name: 'All (4)' }));
    expect(groupTitles()).toHaveLength(3);
  });

  it('shows everything again when a new run has none of the filtered severity', async () => {
    const user = userEvent.setup();
    const { rerender } = wrap(<ProblemsList problems={problems} current={null} onSelect={() => {}} onNext={() => {}} />);
    await user.click(screen.getByRole('radio', { name: 'Warnings (1)' }));
    const errorsOnly = problems.filter((p) => p.severity === 'error');
    rerender(
      <FluentProvider theme={webLightTheme}>
        <ProblemsList problems={errorsOnly} current={null} onSelect={() => {}} onNext={() => {}} />
      </FluentProvider>,
    );
    expect(screen.getByRole('radio', { name: 'All (3)' })).toHaveAttribute('aria-checked', 'true');
    expect(groupTitles()).toEqual(['Missing stop time', 'Missing medical-necessity note']);
  });

  it('says when there is nothing to fix', () => {
    wrap(<ProblemsList problems={[]} current={null} onSelect={() => {}} onNext={() => {}} />);
    expect(screen.getByText('No problems found.')).toBeInTheDocument();
  });
});
