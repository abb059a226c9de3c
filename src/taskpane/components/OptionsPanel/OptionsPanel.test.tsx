/** @jest-environment jsdom */
/** The coding options: a control per option, the defaults of RULES.md, each change reported. */
import '@testing-library/jest-dom';
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { OPTION_DESCRIPTORS, resolveOptions } from '../../../rules/options';
import { OptionsPanel } from './OptionsPanel';

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

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
