/** @jest-environment jsdom */
/** "This row": the selected row's status, codes and units, explanation and findings (titled, coloured by severity). */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { RowView as RowViewData } from '../../../excel/rowView';
import { RowView } from './RowView';

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

const coded: RowViewData = {
  sheetName: 'March',
  row: 12,
  status: 'Error',
  cpt: ['96365', '96366 x2'],
  hcpcs: ['J3370 x3'],
  hcpcsNdc: ['00409-6510-01'],
  modifiers: 'JZ',
  minutes: 185,
  findings: [
    { id: 'missing-stop-time', severity: 'error', message: 'IV infusion has no stop time.' },
    { id: 'unknown-route', severity: 'warning', message: "'ivpx' is not a known route." },
  ],
  explanation: ['96365: first hour of vancomycin.', '96366 x2: two more hours.', 'J3370 x3: 1,500 mg in 500 mg units.'],
};

describe('RowView', () => {
  it('shows the row, its status, its codes with units, why, and its findings by title', () => {
    wrap(<RowView row={coded} />);
    const view = screen.getByRole('region', { name: 'This row' });
    expect(within(view).getByRole('heading', { name: 'This row: 12' })).toBeInTheDocument();
    expect(within(view).getByText('Error')).toBeInTheDocument();
    expect(within(view).getByText('Codes and units · 185 min · modifiers JZ')).toBeInTheDocument();
    const codes = within(view).getByLabelText('Codes and units');
    expect([...codes.children].map((c) => c.textContent)).toEqual(['96365', '96366 x2', 'J3370 x3NDC 00409-6510-01']);
    expect(within(within(view).getByRole('list', { name: 'Explanation' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(coded.explanation);
    const findings = within(within(view).getByRole('list', { name: 'Findings of this row' })).getAllByRole('listitem');
    expect(findings.map((li) => li.textContent)).toEqual(['Missing stop time: IV infusion has no stop time.', "Unrecognised route: 'ivpx' is not a known route."]);
    expect(within(view).getByText('Findings (2)')).toBeInTheDocument();
  });

  it("puts each drug line's NDC beside its code, and none beside a line without one", () => {
    wrap(<RowView row={{ ...coded, hcpcs: ['J7050', 'J2405 x4', 'J2405 x4'], hcpcsNdc: [null, '00641-6078-25', '00143-9890-01'] }} />);
    const codes = screen.getByLabelText('Codes and units');
    expect([...codes.children].map((c) => c.textContent)).toEqual(['96365', '96366 x2', 'J7050', 'J2405 x4NDC 00641-6078-25', 'J2405 x4NDC 00143-9890-01']);
    expect(within(codes).getByText('NDC 00641-6078-25').previousSibling).toHaveTextContent('J2405 x4');
  });

  it('says so when the row has no code and no finding', () => {
    wrap(<RowView row={{ ...coded, status: 'OK', cpt: [], hcpcs: [], hcpcsNdc: [], modifiers: '', minutes: null, findings: [], explanation: [] }} />);
    expect(screen.getByText('No code on this row.')).toBeInTheDocument();
    expect(screen.getByText('No findings')).toBeInTheDocument();
    expect(screen.getByText('Codes and units')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('asks for a selection when the selected row is not a coded row', () => {
    wrap(<RowView row={null} />);
    expect(screen.getByRole('heading', { name: 'This row' })).toBeInTheDocument();
    expect(screen.getByText(/Select any cell of a coded row/)).toBeInTheDocument();
  });
});
