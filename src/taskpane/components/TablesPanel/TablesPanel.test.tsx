/** @jest-environment jsdom */
/** The drug map, MUE and claims table choices: one select each, offering the workbook's other sheets. */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { CLAIMS_KIND_IDS } from '../../../claims/kinds';
import { claimsFieldLabel } from '../../../excel/loadHints';
import { TablesPanel } from './TablesPanel';

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

describe('TablesPanel', () => {
  const base = { sheets: ['Drugs', 'MUE'], drugMapSource: null, drugMapRows: 0, mueSheet: null, onDrugMap: jest.fn(), onMueSheet: jest.fn() };

  it('offers the other sheets as the drug map and the MUE file, and reports the choice', async () => {
    const onDrugMap = jest.fn();
    const onMueSheet = jest.fn();
    const user = userEvent.setup();
    wrap(<TablesPanel {...base} onDrugMap={onDrugMap} onMueSheet={onMueSheet} />);
    const drugMap = screen.getByRole('combobox', { name: 'Drug map' });
    expect(within(drugMap).getAllByRole('option').map((o) => o.textContent)).toEqual([expect.stringMatching(/^Built-in catalog only/), 'Drugs', 'MUE']);
    await user.selectOptions(drugMap, 'Drugs');
    expect(onDrugMap).toHaveBeenLastCalledWith('Drugs');
    await user.selectOptions(screen.getByRole('combobox', { name: 'MUE values' }), 'MUE');
    expect(onMueSheet).toHaveBeenLastCalledWith('MUE');
    // No claims tables where the host cannot save them.
    expect(screen.getAllByRole('combobox')).toHaveLength(2);
  });

  it('names the stored drug map, keeps a sheet that no longer exists, and lists every claims table', () => {
    wrap(<TablesPanel {...base} drugMapSource="Old map" drugMapRows={12} claimsSheets={{ asp: 'MUE' }} onClaimsSheet={jest.fn()} />);
    expect(screen.getByRole('combobox', { name: 'Drug map' })).toHaveValue('Old map');
    expect(screen.getByText(/12 rows from 'Old map'/)).toBeInTheDocument();
    expect(screen.getAllByRole('combobox')).toHaveLength(2 + CLAIMS_KIND_IDS.length);
    // The field the claims notes in Excel send the user to (src/excel/loadHints.ts).
    expect(screen.getByRole('combobox', { name: claimsFieldLabel('ptp') })).toBeInTheDocument();
  });
});
