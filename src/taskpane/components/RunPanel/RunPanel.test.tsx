/** @jest-environment jsdom */
/** Code rows, Clear results, Build report, and progress with Cancel while coding. */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { RunPanel } from './RunPanel';

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

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
