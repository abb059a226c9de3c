/** @jest-environment jsdom */
/** The column mapping, found by role the way a user (or a screen reader) finds it. */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { FIELDS } from '../../../rules/types';
import { MappingPanel } from './MappingPanel';

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
