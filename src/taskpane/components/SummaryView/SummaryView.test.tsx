/** @jest-environment jsdom */
/** The summary after a run. */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { RunSummary } from '../../../pipeline';
import { SummaryView } from './SummaryView';

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

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
