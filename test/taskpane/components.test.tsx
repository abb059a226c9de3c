/** @jest-environment jsdom */
/**
 * The pane's parts, one at a time, found by role the way a user (or a screen reader) finds them.
 */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen, within, fireEvent } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { MappingPanel } from '../../src/taskpane/components/MappingPanel';
import { OptionsPanel } from '../../src/taskpane/components/OptionsPanel';
import { RunPanel } from '../../src/taskpane/components/RunPanel';
import { ProblemsList } from '../../src/taskpane/components/ProblemsList';
import { SummaryView } from '../../src/taskpane/components/SummaryView';
import { OutsideOffice } from '../../src/taskpane/components/OutsideOffice';
import { OPTION_DESCRIPTORS, resolveOptions } from '../../src/rules/options';
import { FIELDS } from '../../src/rules/types';
import type { Problem, RunSummary } from '../../src/pipeline';

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

describe('MappingPanel', () => {
  const headers = [
    { column: 1, text: 'Visit #', address: 'A3' },
    { column: 2, text: 'Medication', address: 'B3' },
    { column: 3, text: 'Time In', address: 'C3' },
    { column: 4, text: 'Notes', address: 'D3' },
  ];

  it('shows one dropdown per field with the detected column selected', () => {
    wrap(<MappingPanel headers={headers} mapping={{ encounter: 1, drug: 2, start: 3 }} onChange={() => {}} />);
    expect(screen.getAllByRole('combobox')).toHaveLength(FIELDS.length);
    expect(screen.getByRole('combobox', { name: 'Drug / solution' })).toHaveValue('2');
    expect(screen.getByRole('combobox', { name: 'Encounter' })).toHaveValue('1');
    expect(screen.getByRole('combobox', { name: 'Payer' })).toHaveValue('');
    const drug = screen.getByRole('combobox', { name: 'Drug / solution' });
    expect(within(drug).getByRole('option', { name: 'B: Medication' })).toBeInTheDocument();
  });

  it('reports a new column, and "(none)" as no column', async () => {
    const onChange = jest.fn();
    const user = userEvent.setup();
    wrap(<MappingPanel headers={headers} mapping={{ drug: 2, start: 3 }} onChange={onChange} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Medical necessity' }), 'D: Notes');
    expect(onChange).toHaveBeenLastCalledWith('necessity', 4);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Start time' }), '(none)');
    expect(onChange).toHaveBeenLastCalledWith('start', null);
  });

  it('warns when a key field has no column and marks the user\'s corrections', () => {
    wrap(<MappingPanel headers={headers} mapping={{ drug: 2 }} overridden={new Set(['drug'] as const)} onChange={() => {}} />);
    expect(screen.getAllByText('No column: codes will be less precise.').length).toBe(3); // route, start, stop
    expect(screen.getByText('Set by you')).toBeInTheDocument();
  });

  it('can be disabled while a run is going', () => {
    wrap(<MappingPanel headers={headers} mapping={{}} disabled onChange={() => {}} />);
    for (const box of screen.getAllByRole('combobox')) expect(box).toBeDisabled();
  });
});

describe('OptionsPanel', () => {
  it('has a control for every coding option', () => {
    wrap(<OptionsPanel options={resolveOptions({})} onChange={jest.fn()} />);
    for (const d of OPTION_DESCRIPTORS) expect(screen.getAllByText(d.label).length).toBeGreaterThan(0);
  });

  it('shows the defaults of RULES.md and reports each change', async () => {
    const onChange = jest.fn();
    const user = userEvent.setup();
    const options = resolveOptions({});
    wrap(<OptionsPanel options={options} onChange={onChange} />);
    expect(screen.getByRole('radio', { name: 'Facility' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: /Separate-site modifier/ })).toHaveValue('59');
    expect(screen.getByRole('switch', { name: /hydration segments/ })).toBeChecked();
    expect(screen.getByRole('textbox', { name: /JW\/JZ/ })).toHaveValue('Medicare');

    await user.click(screen.getByRole('radio', { name: 'Office' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...options, setting: 'office' });
    await user.selectOptions(screen.getByRole('combobox', { name: /Separate-site modifier/ }), 'XS (separate structure)');
    expect(onChange).toHaveBeenLastCalledWith({ ...options, separateSiteModifier: 'XS' });
    await user.selectOptions(screen.getByRole('combobox', { name: /a start and no stop/ }), 'Do not code it');
    expect(onChange).toHaveBeenLastCalledWith({ ...options, missingTimeInfusion: 'none' });
    // Edition 2 options are there too, with their defaults.
    expect(screen.getByRole('combobox', { name: /new bag of a drug already infused/ })).toHaveValue('interval');
    expect(screen.getByRole('combobox', { name: /flush products/ })).toHaveValue('irrigation-only');
    expect(screen.getByRole('switch', { name: /Compute a missing stop/ })).toBeChecked();
    await user.selectOptions(screen.getByRole('combobox', { name: /Second-encounter modifier/ }), 'XE (separate encounter)');
    expect(onChange).toHaveBeenLastCalledWith({ ...options, separateEncounterModifier: 'XE' });
    await user.click(screen.getByRole('switch', { name: /hydration segments/ }));
    expect(onChange).toHaveBeenLastCalledWith({ ...options, sumHydrationSegments: false });
  });

  it('commits text options when the field loses focus', async () => {
    const onChange = jest.fn();
    const user = userEvent.setup();
    const options = resolveOptions({});
    wrap(<OptionsPanel options={options} onChange={onChange} />);
    const payer = screen.getByRole('textbox', { name: /Default payer/ });
    await user.type(payer, 'Medicare');
    expect(onChange).not.toHaveBeenCalled();
    await user.tab();
    expect(onChange).toHaveBeenLastCalledWith({ ...options, defaultPayer: 'Medicare' });
    const jw = screen.getByRole('textbox', { name: /JW\/JZ/ });
    await user.clear(jw);
    await user.type(jw, 'Medicare, Medicaid ;Humana');
    fireEvent.blur(jw);
    expect(onChange).toHaveBeenLastCalledWith({ ...options, jwJzPayers: ['Medicare', 'Medicaid', 'Humana'] });
  });
});

describe('RunPanel', () => {
  const handlers = () => ({ onCode: jest.fn(), onCancel: jest.fn(), onClear: jest.fn(), onReport: jest.fn() });

  it('offers Code rows, Clear results and Build report when idle', async () => {
    const h = handlers();
    const user = userEvent.setup();
    wrap(<RunPanel busy={null} progress={null} canCode {...h} />);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Code rows' }));
    await user.click(screen.getByRole('button', { name: 'Clear results' }));
    await user.click(screen.getByRole('button', { name: 'Build report' }));
    expect(h.onCode).toHaveBeenCalledTimes(1);
    expect(h.onClear).toHaveBeenCalledTimes(1);
    expect(h.onReport).toHaveBeenCalledTimes(1);
  });

  it('cannot code without a table', () => {
    wrap(<RunPanel busy={null} progress={null} canCode={false} {...handlers()} />);
    expect(screen.getByRole('button', { name: 'Code rows' })).toBeDisabled();
  });

  it('shows progress and a Cancel button while coding', async () => {
    const h = handlers();
    const user = userEvent.setup();
    const { rerender } = wrap(
      <RunPanel busy="code" progress={{ phase: 'reading', fraction: 0.3, message: 'Reading rows: 30,000 of 100,001' }} canCode {...h} />,
    );
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '0.3');
    expect(screen.getByText('Reading rows: 30,000 of 100,001')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Code rows' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(h.onCancel).toHaveBeenCalledTimes(1);
    rerender(
      <FluentProvider theme={webLightTheme}>
        <RunPanel busy="code" progress={{ phase: 'writing', fraction: 0.8, message: 'Writing results: part 4 of 5' }} canCode cancelling {...h} />
      </FluentProvider>,
    );
    expect(screen.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
  });
});

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

  it('says when there is nothing to fix', () => {
    wrap(<ProblemsList problems={[]} current={null} onSelect={() => {}} onNext={() => {}} />);
    expect(screen.getByText('No problems found.')).toBeInTheDocument();
  });
});

describe('SummaryView', () => {
  it('shows rows, encounters, codes by family and findings by id', () => {
    const summary: RunSummary = {
      rows: 1234,
      encounters: 411,
      status: { OK: 1000, Review: 200, Error: 34 },
      families: [
        { family: 'Hydration', lines: 300, units: 420 },
        { family: 'Drugs (HCPCS)', lines: 800, units: 2400 },
      ],
      findings: [{ id: 'missing-stop-time', severity: 'error', count: 34 }],
      problems: [],
    };
    wrap(<SummaryView summary={summary} />);
    expect(screen.getByText('1,234 rows coded')).toBeInTheDocument();
    expect(screen.getByText('411 encounters')).toBeInTheDocument();
    const families = screen.getByRole('table', { name: 'Codes by family' });
    expect(within(families).getByRole('row', { name: /Drugs \(HCPCS\) 800 2,400/ })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Findings by id' })).getByText('Missing stop time')).toBeInTheDocument();
  });
});

describe('OutsideOffice', () => {
  it('says what the add-in is and how to install it, with the manifest link', () => {
    wrap(<OutsideOffice reason="browser" origin="https://addin.example.org" />);
    expect(screen.getByRole('heading', { name: 'Infusion Coder', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Install' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://addin.example.org/manifest.xml' })).toHaveAttribute('href', 'manifest.xml');
    expect(screen.getByText(/Upload My Add-in/)).toBeInTheDocument();
  });

  it('explains when Office.js could not be reached', () => {
    wrap(<OutsideOffice reason="office-unavailable" origin="https://localhost:3000" />);
    expect(screen.getByRole('alert')).toHaveTextContent(/Office.js could not be loaded/);
  });
});
