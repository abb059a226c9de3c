/** @jest-environment jsdom */
/**
 * Claims tables in the pane (fake Excel, real gateway): a sheet chosen as the ASP pricing file and one as the
 * payer profiles are saved in the workbook, read at Code rows, and the run names each with its rows, says
 * that NCCI PTP edits were not checked, and gives the expected payment.
 */
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { excelGateway } from '../../src/taskpane/gateway';
import { hostFrom } from '../../src/excel/host';
import { parseSettings, SETTINGS_KEY } from '../../src/runtime/settings';
import { createFakeExcel, FakeWorkbook } from '../fake-excel';
import { infusionSheet } from '../excel/sheetData';
import { DrugCatalog } from '../../src/rules/catalog/catalog';

jest.setTimeout(60_000);

it('loads claims tables from sheets and reports them after Code rows', async () => {
  const model = new FakeWorkbook();
  model.addSheet('March', infusionSheet(30, 1));
  // Every catalog code at $2 per billing unit, below two notice rows as in the CMS file.
  const catalog = DrugCatalog.builtIn();
  const codes = ['J2405', 'J1100', 'J0696', 'J7030', 'J7040', 'J7050', 'J3370', 'J1885', 'J2270', 'J1170'].filter((c) => catalog.byHcpcs(c));
  model.addSheet('ASP', [
    ['Payment Allowance Limits for Medicare Part B Drugs'],
    ['Effective January 1, 2026'],
    ['HCPCS Code', 'Short Description', 'HCPCS Code Dosage', 'Payment Limit'],
    ...codes.map((c) => [c, 'drug', '1 MG', 2]),
  ]);
  model.addSheet('Payers', [['Payer', 'JW/JZ', 'NDC required'], ['Medicare', 'yes', 'no']]);
  const host = hostFrom(createFakeExcel(model).run as never);
  const gateway = excelGateway(host);
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <App gateway={gateway} />
    </FluentProvider>,
  );
  await screen.findByText(/Sheet: March/);
  await user.click(screen.getByRole('button', { name: /claims tables/ }));
  await user.selectOptions(screen.getByRole('combobox', { name: 'ASP pricing file' }), 'ASP');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Payer profile table' }), 'Payers');
  await waitFor(() => expect(parseSettings(model.setting(SETTINGS_KEY)).claimsSheets).toEqual({ asp: 'ASP', payers: 'Payers' }));

  await user.click(screen.getByRole('button', { name: 'Code rows' }));
  await screen.findByText('30 rows coded', {}, { timeout: 20_000 });
  expect(screen.getByText(new RegExp(`loaded asp ASP \\(2026-01\\): ${codes.length} rows`))).toBeInTheDocument();
  expect(screen.getByText(/loaded payers Payers: 1 rows/)).toBeInTheDocument();
  expect(screen.getByText(/NCCI PTP edits were not checked/)).toBeInTheDocument();
});
