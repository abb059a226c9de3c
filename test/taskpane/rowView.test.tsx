/** @jest-environment jsdom */
/**
 * "This row" on the fake Excel: selecting a cell of a coded row shows that row's codes, units, explanation
 * and findings, and follows the selection (selection events batched into one read per pause). Also the
 * problems filter by severity and the Columns section folded when every key field was found.
 */
import '@testing-library/jest-dom';
import * as React from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { excelGateway } from '../../src/taskpane/gateway';
import { hostFrom } from '../../src/excel/host';
import { parseFindings, rowViewOf } from '../../src/excel/rowView';
import { DERIVED_HEADERS } from '../../src/sheet';
import { createFakeExcel, FakeWorkbook } from '../fake-excel';
import { HEADERS, infusionSheet } from '../excel/sheetData';

jest.setTimeout(60_000);

describe('rowViewOf', () => {
  const head = [['Log'], ['Drug', 'Stop', ...DERIVED_HEADERS]];
  const cells = ['vancomycin', null, '96365; 96366', 'J3370 x3', '00409-6510-01', '', 95, 'Error', 'missing-stop-time: No stop.\nunknown-route: Odd route.', '96365: ran.\n96366 x1: more.'];
  it('reads a coded row below the header row that holds the IC columns', () => {
    expect(rowViewOf('S', 1, head, 3, cells)).toEqual({
      sheetName: 'S', row: 3, status: 'Error', cpt: ['96365', '96366'], hcpcs: ['J3370 x3'], modifiers: '', minutes: 95,
      findings: [
        { id: 'missing-stop-time', severity: 'error', message: 'No stop.' },
        { id: 'unknown-route', severity: 'warning', message: 'Odd route.' },
      ],
      explanation: ['96365: ran.', '96366 x1: more.'],
    });
  });
  it('is null on the header, above it, on a sheet without IC columns, and on an uncoded row', () => {
    expect(rowViewOf('S', 1, head, 2, cells)).toBeNull();
    expect(rowViewOf('S', 1, [['Drug', 'Stop']], 3, cells)).toBeNull();
    expect(rowViewOf('S', 1, head, 4, ['x', null, '', '', '', '', '', '', '', ''])).toBeNull();
    expect(parseFindings('not a finding line')).toEqual([]);
  });
});

function setup() {
  const model = new FakeWorkbook();
  model.addSheet('March', infusionSheet(30, 1));
  const gateway = excelGateway(hostFrom(createFakeExcel(model).run as never));
  const reads = { n: 0 };
  const rowView = gateway.rowView!;
  gateway.rowView = () => {
    reads.n += 1;
    return rowView();
  };
  return { model, gateway, reads };
}

async function renderAndCode() {
  const fixture = setup();
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <App gateway={fixture.gateway} />
    </FluentProvider>,
  );
  await screen.findByText(/Sheet: March/, {}, { timeout: 15_000 });
  await user.click(screen.getByRole('button', { name: 'Code rows' }));
  await screen.findByText('30 rows coded', {}, { timeout: 20_000 });
  return { ...fixture, user };
}

const statusColumn = HEADERS.length + 1 + DERIVED_HEADERS.indexOf('IC Status');

describe.skip('the task pane follows the selected row (App wiring to redo on the session hook)', () => {
  it('shows the selected row’s codes, units, explanation and findings, and updates as the selection moves', async () => {
    const { model } = await renderAndCode();
    const sheet = model.sheet('March')!;
    const errorRow = [...Array(30).keys()].map((i) => i + 3).find((r) => sheet.get(r, statusColumn) === 'Error')!;
    const okRow = [...Array(30).keys()].map((i) => i + 3).find((r) => sheet.get(r, statusColumn) === 'OK')!;

    act(() => model.select('March', errorRow, 2));
    const view = await screen.findByRole('region', { name: 'This row' }, { timeout: 5000 });
    await within(view).findByText(`This row: ${errorRow}`, {}, { timeout: 5000 });
    const cpt = String(sheet.get(errorRow, HEADERS.length + 1));
    for (const code of cpt.split('; ')) expect(within(view).getByText(code)).toBeInTheDocument();
    const findings = within(view).getByRole('list', { name: 'Findings of this row' });
    const findingsCell = String(sheet.get(errorRow, HEADERS.length + 1 + DERIVED_HEADERS.indexOf('IC Findings')));
    expect(within(findings).getAllByRole('listitem')).toHaveLength(findingsCell.split('\n').length);
    expect(within(view).getByText('Error')).toBeInTheDocument();
    const explanation = String(sheet.get(errorRow, HEADERS.length + DERIVED_HEADERS.length));
    expect(within(within(view).getByRole('list', { name: 'Explanation' })).getAllByRole('listitem')).toHaveLength(explanation.split('\n').length);

    act(() => model.select('March', okRow, 5));
    await within(view).findByText(`This row: ${okRow}`);
    expect(within(view).getByText('OK')).toBeInTheDocument();
    const okFindings = String(sheet.get(okRow, HEADERS.length + 1 + DERIVED_HEADERS.indexOf('IC Findings')) ?? '');
    if (!okFindings) expect(within(view).getByText('No findings')).toBeInTheDocument();

    act(() => model.select('March', 1, 1)); // the title row: not a coded row
    await within(view).findByText(/Select any cell of a coded row/);
  });

  it('reads once per pause, however many selection events arrive', async () => {
    const { model, reads } = await renderAndCode();
    const before = reads.n;
    act(() => {
      for (let r = 3; r <= 12; r++) model.select('March', r, 3);
    });
    await screen.findByText('This row: 12');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reads.n - before).toBe(1);
  });
});

describe.skip('problems filter and the Columns section (App wiring to redo on the session hook)', () => {
  it('filters the problems by severity', async () => {
    const { user } = await renderAndCode();
    const problems = screen.getByRole('region', { name: 'Problems' });
    const filters = within(problems).getByRole('radiogroup', { name: 'Show problems of severity' });
    const all = within(filters).getByRole('radio', { name: /^All/ });
    expect(all).toHaveAttribute('aria-checked', 'true');
    const groups = () => within(problems).getAllByRole('button', { expanded: undefined }).filter((b) => b.hasAttribute('aria-controls'));
    const allCount = groups().length;
    await user.click(within(filters).getByRole('radio', { name: /^Errors/ }));
    const errorGroups = groups();
    expect(errorGroups.length).toBeLessThan(allCount);
    expect(errorGroups.every((b) => within(b).queryByLabelText('Error') !== null)).toBe(true);
    await user.click(all);
    expect(groups()).toHaveLength(allCount);
  });

  it('starts with Columns folded when drug, route, start and stop were all found', async () => {
    const { gateway } = setup();
    render(
      <FluentProvider theme={webLightTheme}>
        <App gateway={gateway} />
      </FluentProvider>,
    );
    await screen.findByText(/Sheet: March/, {}, { timeout: 15_000 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Columns' })).toHaveAttribute('aria-expanded', 'false'));
  });
});
