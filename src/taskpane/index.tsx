/**
 * Entry of the task pane. Decides once where it runs: inside Excel the pane talks to the workbook through
 * src/excel; anywhere else it shows what the add-in is and how to install it, never a blank page.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import { officeHost } from '../excel/host';
import { App } from './App';
import { OutsideOffice } from './components/OutsideOffice';
import { detectEnvironment, themeFor } from './environment';
import { excelGateway } from './gateway';

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const env = await detectEnvironment(window);
  const root = createRoot(container);
  if (env.kind === 'excel') {
    root.render(
      <FluentProvider theme={themeFor(env.theme)} style={{ minHeight: '100vh' }}>
        <App gateway={excelGateway(officeHost())} />
      </FluentProvider>,
    );
  } else {
    root.render(
      <FluentProvider theme={themeFor(null)} style={{ minHeight: '100vh' }}>
        <OutsideOffice reason={env.reason} origin={window.location.origin} />
      </FluentProvider>,
    );
  }
}

void main();
