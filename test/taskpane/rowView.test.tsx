/** @jest-environment jsdom */
/**
 * "This row" in the pane on the fake Excel (the real gateway): selecting a cell of a coded row shows that
 * row's codes, units, explanation and findings and follows the selection, one read per pause however many
 * selection events arrive; the handler goes when the pane does. Also the Columns section folded when every
 * key field was found.
 */
import '@testing-library/jest-dom';
import * as React from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { excelGateway } from '../../src/taskpane/gateway';
import { SELECTION_REST_MS } from '../../src/taskpane/session/useSelectedRow';
import { hostFrom } from '../../src/excel/host';
import { DERIVED_HEADERS } from '../../src/sheet';
import { createFakeExcel, FakeWorkbook } from '../fake-excel';
import { HEADERS, infusionSheet } from '../excel/sheetData';

jest.setTimeout(60_000);

function setup(rows = infusionSheet(30, 1)) {
  const model = new FakeWorkbook();
  model.addSheet('March', rows);
  const gateway = excelGateway(hostFrom(createFakeExcel(model).run as never));
  const reads = { n: 0 };
  const rowView = gateway.rowView!;
  gateway.rowView = () => {
    reads.n += 1;
    return rowView();
  };
  return { model, gateway, reads };
}

function renderPane(fixture: ReturnType<typeof setup>) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App gateway={fixture.gateway} />
    </FluentProvider>,
  );
}

async function renderAndCode() {
  const fixture = setup();
  const user = userEvent.setup();
  const view = renderPane(fixture);
  await screen.findByText(/Sheet: March/, {}, { timeout: 15_000 });
  await user.click(screen.getByRole('button', { name: 'Code rows' }));
  await screen.findByText('30 rows coded', {}, { timeout: 20_000 });
  return { ...fixture, ...view, user };
}

const ic = (header: (typeof DERIVED_HEADERS)[number]) => HEADERS.length + 1 + DERIVED_HEADERS.indexOf(header);
/** Waits out the selection's rest and the read after it (inside act: the pane updates then). */
const rest = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, SELECTION_REST_MS * 3)));

describe('This row', () => {
  it('shows the selected row’s codes, units, explanation and findings, and updates as the selection moves', async () => {
    const { model } = await renderAndCode();
    const sheet = model.sheet('March')!;
    const dataRows = [...Array(30).keys()].map((i) => i + 3);
    const errorRow = dataRows.find((r) => sheet.get(r, ic('IC Status')) === 'Error')!;
    const okRow = dataRows.find((r) => sheet.get(r, ic('IC Status')) === 'OK' && sheet.get(r, ic('IC HCPCS')))!;

    act(() => model.select('March', errorRow, 2));
    const view = await screen.findByRole('region', { name: 'This row' }, { timeout: 5000 });
    await within(view).findByText(`This row: ${errorRow}`, {}, { timeout: 5000 });
    const codes = within(view).getByLabelText('Codes and units');
    const cells = [sheet.get(errorRow, ic('IC CPT')), sheet.get(errorRow, ic('IC HCPCS'))].flatMap((c) => String(c ?? '').split('; ')).filter(Boolean);
    expect([...codes.children].map((b) => b.textContent)).toEqual(cells);
    const findingsCell = String(sheet.get(errorRow, ic('IC Findings')));
    expect(within(within(view).getByRole('list', { name: 'Findings of this row' })).getAllByRole('listitem')).toHaveLength(findingsCell.split('\n').length);
    expect(within(view).getByText('Error')).toBeInTheDocument();
    const explanation = String(sheet.get(errorRow, ic('IC Explanation')));
    expect(within(within(view).getByRole('list', { name: 'Explanation' })).getAllByRole('listitem')).toHaveLength(explanation.split('\n').length);

    // Another row, clicked far to the right of the table: its codes and units (HCPCS x units) replace the first.
    act(() => model.select('March', okRow, ic('IC Explanation') + 3));
    await within(view).findByText(`This row: ${okRow}`);
    expect(within(view).getByText('OK')).toBeInTheDocument();
    expect(within(view).getByText(String(sheet.get(okRow, ic('IC HCPCS'))).split('; ')[0])).toBeInTheDocument();

    act(() => model.select('March', 1, 1)); // the title row: not a coded row
    await within(view).findByText(/Select any cell of a coded row/);
  });

  it('reads once per pause, however many selection events arrive', async () => {
    const { model, reads } = await renderAndCode();
    // The row selected when the run ended is read once; wait for that read to pass.
    await waitFor(() => expect(reads.n).toBeGreaterThan(0));
    await rest();
    const before = reads.n;
    act(() => {
      for (let r = 3; r <= 12; r++) model.select('March', r, 3);
    });
    await screen.findByText('This row: 12');
    await rest();
    expect(reads.n - before).toBe(1);
  });

  it('shows the selected row once Code rows has written it, without a selection event', async () => {
    const fixture = setup();
    fixture.model.select('March', 5, 2);
    const user = userEvent.setup();
    renderPane(fixture);
    await screen.findByText(/Sheet: March/, {}, { timeout: 15_000 });
    await rest();
    expect(screen.queryByRole('region', { name: 'This row' })).not.toBeInTheDocument(); // nothing coded yet
    await user.click(screen.getByRole('button', { name: 'Code rows' }));
    await screen.findByText('30 rows coded', {}, { timeout: 20_000 });
    await within(screen.getByRole('region', { name: 'This row' })).findByText('This row: 5');
  });

  it('removes its selection handler when the pane closes', async () => {
    const fixture = setup();
    const { unmount } = renderPane(fixture);
    await waitFor(() => expect(fixture.model.selectionHandlerCount).toBe(1));
    unmount();
    await waitFor(() => expect(fixture.model.selectionHandlerCount).toBe(0));
    const before = fixture.reads.n;
    fixture.model.select('March', 4, 1);
    await rest();
    expect(fixture.reads.n).toBe(before);
  });
});

describe('the Columns section', () => {
  it('starts folded when drug, route, start and stop were all found', async () => {
    renderPane(setup());
    await screen.findByText(/Sheet: March/, {}, { timeout: 15_000 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Columns' })).toHaveAttribute('aria-expanded', 'false'));
    expect(screen.queryByRole('group', { name: 'Column mapping' })).not.toBeInTheDocument();
  });

  it('starts open when one of them is missing, and the user can fold and unfold it', async () => {
    const rows = infusionSheet(30, 1);
    rows[1][HEADERS.indexOf('Route')] = 'Way in';
    renderPane(setup(rows));
    await screen.findByText(/Sheet: March/, {}, { timeout: 15_000 });
    const columns = screen.getByRole('button', { name: 'Columns' });
    await waitFor(() => expect(columns).toHaveAttribute('aria-expanded', 'true'));
    expect(screen.getByRole('combobox', { name: 'Route' })).toHaveValue('');
    const user = userEvent.setup();
    await user.click(columns);
    expect(columns).toHaveAttribute('aria-expanded', 'false');
    await user.click(columns);
    expect(screen.getByRole('group', { name: 'Column mapping' })).toBeInTheDocument();
  });
});
