/** @jest-environment jsdom */
/**
 * The whole pane against the fake Excel (the real gateway, src/excel underneath): map a column, code the
 * rows, click a problem, walk with Next problem, clear. Also the ribbon command and the environment check.
 */
import '@testing-library/jest-dom';
import * as React from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { DERIVED_HEADERS } from '../../src/sheet/plan';
import { excelGateway } from '../../src/taskpane/gateway';
import { detectEnvironment, themeFor } from '../../src/taskpane/environment';
import { hostFrom } from '../../src/excel/host';
import { codeRowsCommand, registerCommands } from '../../src/commands/commands';
import { subscribeRuns, type RunEvent } from '../../src/runtime/events';
import { parseSettings, SETTINGS_KEY } from '../../src/runtime/settings';
import { createFakeExcel, FakeWorkbook, installFakeOffice } from '../fake-excel';
import { HEADERS, infusionSheet } from '../excel/sheetData';

jest.setTimeout(60_000);

function setup() {
  const model = new FakeWorkbook();
  const rows = infusionSheet(30, 1);
  // The user's header for the necessity column is something the detector does not know.
  rows[1][HEADERS.indexOf('Necessity')] = 'Why';
  const sheet = model.addSheet('March', rows);
  model.addSheet('Drugs', [['name', 'HCPCS', 'billing unit', 'class'], ['zz-drug', 'J3490', '1 mg', 'T']]);
  const host = hostFrom(createFakeExcel(model).run as never);
  return { model, sheet, gateway: excelGateway(host) };
}

const col = (name: string) => HEADERS.indexOf(name) + 1;
/** The IC Status column: our block starts right after the user's columns. */
const STATUS_COLUMN = HEADERS.length + 1 + DERIVED_HEADERS.indexOf('IC Status');

/** The pane on the sample workbook, after Code rows. */
async function renderAndCode() {
  const fixture = setup();
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <App gateway={fixture.gateway} />
    </FluentProvider>,
  );
  await screen.findByText(/Sheet: March/);
  await user.click(screen.getByRole('button', { name: 'Code rows' }));
  await screen.findByText('30 rows coded', {}, { timeout: 20_000 });
  return { ...fixture, user };
}

describe('the task pane on a fake workbook', () => {
  it('maps a column, codes the rows, selects problems and clears the results', async () => {
    const { model, sheet, gateway } = setup();
    const before = sheet.snapshot();
    const user = userEvent.setup();
    render(
      <FluentProvider theme={webLightTheme}>
        <App gateway={gateway} />
      </FluentProvider>,
    );
    await screen.findByText(/Sheet: March · header in row 2/);

    // Map the unknown "Why" column to Medical necessity; the choice is saved in the workbook. Every key field
    // was found, so the Columns section starts folded.
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    const necessity = screen.getByRole('combobox', { name: 'Medical necessity' });
    expect(necessity).toHaveValue('');
    await user.selectOptions(necessity, 'O: Why');
    await waitFor(() => expect(parseSettings(model.setting(SETTINGS_KEY)).mappings.March).toEqual({ necessity: 'Why' }));

    await user.click(screen.getByRole('button', { name: 'Code rows' }));
    await screen.findByText('30 rows coded', {}, { timeout: 20_000 });
    expect(screen.getByText('10 encounters')).toBeInTheDocument();
    expect(sheet.get(2, HEADERS.length + 1)).toBe('IC CPT');

    // Errors are listed by finding; clicking one selects its cell.
    const stops = screen.getByRole('list', { name: 'Missing stop time' });
    const first = within(stops).getAllByRole('button')[0];
    await user.click(first);
    await waitFor(() => expect(model.selection?.rect.left).toBe(col('Stop')));
    const selectedRow = model.selection!.rect.top;
    expect(sheet.get(selectedRow, col('Stop'))).toBe('');
    expect(first).toHaveAttribute('aria-current', 'true');

    // Next problem moves on (errors first, in order).
    await user.click(screen.getByRole('button', { name: 'Next problem' }));
    await waitFor(() => expect(model.selection?.rect.top).not.toBe(selectedRow));

    await user.click(screen.getByRole('button', { name: 'Clear results' }));
    // Every IC column and the IC Flags column.
    await screen.findByText(new RegExp(`Removed ${DERIVED_HEADERS.length + 1} result column`));
    const after = sheet.snapshot();
    // The layout's column widths and wrapping stay on the emptied columns (as in Excel): values are the user's.
    const width = before.values[0]?.length ?? 0;
    expect(after.values.map((r) => r.slice(0, width))).toEqual(before.values);
    expect(after.values.every((r) => r.slice(width).every((v) => v === ''))).toBe(true);
    expect(after.fills).toEqual({});
    expect(after.notes).toEqual({});
  });

  it('asks whose column it is when a header of ours was renamed, and codes with the answer', async () => {
    const { sheet, user } = await renderAndCode();
    const status = STATUS_COLUMN;
    expect(sheet.get(2, status)).toBe('IC Status');
    sheet.set(2, status, 'Status');

    await user.click(screen.getByRole('button', { name: 'Code rows' }));
    await screen.findByText('Whose column is it?', {}, { timeout: 20_000 });
    expect(screen.getByText(/'Status' \(was 'IC Status'\)/)).toBeInTheDocument();
    expect(sheet.get(2, status)).toBe('Status');
    await user.click(screen.getByRole('button', { name: /Mine now/ }));
    await screen.findByText('Coded, with problems to fix', {}, { timeout: 20_000 });
    // The user's column stays; the results were written after it.
    expect(sheet.get(2, status)).toBe('Status');
    expect(sheet.get(2, status + 1)).toBe('IC CPT');
  });

  it('shows the outcome of the ribbon command run in the same runtime', async () => {
    const { gateway, model } = setup();
    render(
      <FluentProvider theme={webLightTheme}>
        <App gateway={gateway} />
      </FluentProvider>,
    );
    await screen.findByText(/Sheet: March/);
    const host = hostFrom(createFakeExcel(model).run as never);
    const completed = jest.fn();
    await act(() => codeRowsCommand({ completed }, host));
    expect(completed).toHaveBeenCalledTimes(1);
    await screen.findByText('30 rows coded');

    // A question the ribbon's run asked is answered in the pane.
    const sheet = model.sheet('March')!;
    sheet.set(2, STATUS_COLUMN, 'Status');
    await act(() => codeRowsCommand({ completed }, host));
    await screen.findByText('Whose column is it?');
    await userEvent.setup().click(screen.getByRole('button', { name: /Still Infusion Coder/ }));
    await waitFor(() => expect(sheet.get(2, STATUS_COLUMN)).toBe('IC Status'), { timeout: 20_000 });
  });

  it('follows the user to another sheet, keeping results when a problem shows its own sheet', async () => {
    const { model } = await renderAndCode();
    act(() => model.activate('Drugs'));
    await screen.findByText(/No header row found on Drugs/, {}, { timeout: 30_000 });
    expect(screen.queryByText('30 rows coded')).not.toBeInTheDocument();
    act(() => model.activate('March'));
    await screen.findByText(/Sheet: March · header in row 2/, {}, { timeout: 30_000 });
  });

  it('says so when the active sheet has no table', async () => {
    const model = new FakeWorkbook();
    model.addSheet('Blank');
    const gateway = excelGateway(hostFrom(createFakeExcel(model).run as never));
    render(
      <FluentProvider theme={webLightTheme}>
        <App gateway={gateway} />
      </FluentProvider>,
    );
    await screen.findByText(/Blank is empty/);
    expect(screen.getByRole('button', { name: 'Code rows' })).toBeDisabled();
  });
});

describe('the ribbon command', () => {
  it('codes the active sheet with the saved settings and always completes', async () => {
    const { model, sheet } = setup();
    const events: RunEvent[] = [];
    const off = subscribeRuns((e) => events.push(e));
    const host = hostFrom(createFakeExcel(model).run as never);
    const completed = jest.fn();
    await codeRowsCommand({ completed }, host);
    off();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(events.map((e) => e.kind)).toEqual(['started', 'result']);
    expect(sheet.get(2, HEADERS.length + 1)).toBe('IC CPT');
  });

  it('completes (and reports) when Excel fails', async () => {
    const completed = jest.fn();
    const events: RunEvent[] = [];
    const off = subscribeRuns((e) => events.push(e));
    await codeRowsCommand({ completed }, hostFrom(() => Promise.reject(new Error('GeneralException'))));
    off();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(events[events.length - 1]).toEqual({ kind: 'error', message: 'GeneralException' });
  });

  it('registers codeRows with Office.actions (the manifest FunctionName)', async () => {
    const g = globalThis as Record<string, unknown>;
    const installed = installFakeOffice(g, new FakeWorkbook());
    expect(registerCommands()).toBe(true);
    expect([...installed.actions.keys()]).toEqual(['codeRows']);
    delete g.Office;
    delete g.Excel;
    delete g.CustomFunctions;
  });
});

describe('environment', () => {
  afterEach(() => {
    const g = globalThis as Record<string, unknown>;
    delete g.Office;
    delete g.Excel;
    delete g.CustomFunctions;
  });

  it('is Excel when Office.onReady says so, and follows the Office theme', async () => {
    installFakeOffice(window as unknown as Record<string, unknown>, new FakeWorkbook(), {
      theme: { bodyBackgroundColor: '#1F1F1F', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#000000', controlForegroundColor: '#FFFFFF' },
    });
    const env = await detectEnvironment(window, 1000);
    expect(env.kind).toBe('excel');
    expect(themeFor(env.kind === 'excel' ? env.theme : null)).toBe(webDarkTheme);
    expect(themeFor({ bodyBackgroundColor: '#FFFFFF' })).toBe(webLightTheme);
  });

  it('is outside Office in a plain browser (host null) or without Office.js', async () => {
    installFakeOffice(window as unknown as Record<string, unknown>, new FakeWorkbook(), { host: null });
    expect(await detectEnvironment(window, 1000)).toEqual({ kind: 'outside', reason: 'browser' });
    delete (window as unknown as Record<string, unknown>).Office;
    expect(await detectEnvironment(window, 1000)).toEqual({ kind: 'outside', reason: 'browser' });
  });
});
