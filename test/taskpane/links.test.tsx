/** @jest-environment jsdom */
/**
 * Every link the add-in shows resolves: in the pane, on the page a browser shows outside Excel, in the page's
 * HTML and in the dev server's console message. A relative link names a file the build serves beside
 * taskpane.html (copied from the repository), a repository path names a file of the repository, and a web
 * address is one of the Microsoft pages listed here (checked by hand when they were added; tests do not go
 * online).
 */
import '@testing-library/jest-dom';
import * as fs from 'fs';
import * as path from 'path';
import * as React from 'react';
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { OutsideOffice } from '../../src/taskpane/components/OutsideOffice';
import { excelGateway } from '../../src/taskpane/gateway';
import { hostFrom } from '../../src/excel/host';
import { createFakeExcel, FakeWorkbook } from '../fake-excel';
import { infusionSheet } from '../excel/sheetData';

const ROOT = path.resolve(__dirname, '../..');

/** Microsoft's Office Add-ins documentation the add-in points to (learn.microsoft.com). */
const MICROSOFT_DOCS = new Set([
  'https://learn.microsoft.com/office/dev/add-ins/testing/sideload-office-add-ins-for-testing',
  'https://learn.microsoft.com/office/dev/add-ins/testing/create-a-network-shared-folder-catalog-for-task-pane-and-content-add-ins',
  'https://learn.microsoft.com/office/dev/add-ins/testing/sideload-an-office-add-in-on-mac',
]);

/** Files the build serves beside taskpane.html, by the repository file it copies (webpack.config.js). */
const SERVED: Record<string, string> = { 'manifest.xml': 'manifest.xml' };
const servedFrom = (href: string) => SERVED[href] ?? (href.startsWith('assets/') ? href : null);

/** Why a link of the page does not resolve, or null when it does. */
function brokenPageLink(href: string): string | null {
  if (/^https?:/.test(href)) return MICROSOFT_DOCS.has(href) ? null : `${href}: not a known Microsoft page`;
  const file = servedFrom(href);
  if (!file) return `${href}: not a file the build serves`;
  return fs.existsSync(path.join(ROOT, file)) ? null : `${href}: ${file} is missing`;
}

function pageLinks(root: ParentNode): string[] {
  return [
    ...[...root.querySelectorAll('a[href], link[href]')].map((a) => a.getAttribute('href')!),
    ...[...root.querySelectorAll('img[src]')].map((i) => i.getAttribute('src')!),
  ];
}

const wrap = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

describe('links', () => {
  it.each(['browser', 'office-unavailable'] as const)('on the page outside Excel (%s) resolve', (reason) => {
    const { container } = wrap(<OutsideOffice reason={reason} origin="https://addin.example.org" />);
    const links = pageLinks(container);
    expect(links).toEqual(expect.arrayContaining(['manifest.xml', 'assets/icon-64.png', ...MICROSOFT_DOCS]));
    expect(links.map(brokenPageLink).filter(Boolean)).toEqual([]);
  });

  it('in the pane resolve', async () => {
    const model = new FakeWorkbook();
    model.addSheet('March', infusionSheet(10, 1));
    const { container } = wrap(<App gateway={excelGateway(hostFrom(createFakeExcel(model).run as never))} />);
    await screen.findByText(/Sheet: March/);
    expect(pageLinks(container).map(brokenPageLink).filter(Boolean)).toEqual([]);
  });

  it('in taskpane.html resolve (Office.js comes from Microsoft’s CDN)', () => {
    const html = fs.readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    // <noscript> content is text to a parser with scripting on: parse it as the page it becomes without scripts.
    const noscript = new DOMParser().parseFromString([...doc.querySelectorAll('noscript')].map((n) => n.textContent).join(''), 'text/html');
    const links = [...pageLinks(doc), ...pageLinks(noscript)];
    expect(links).toEqual(expect.arrayContaining(['assets/icon-32.png', 'manifest.xml']));
    expect(links.map(brokenPageLink).filter(Boolean)).toEqual([]);
    expect(html).not.toMatch(/docs\/addin\.md/); // a hosted page cannot open a file of the repository
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OFFICE_JS } = require(path.join(ROOT, 'webpack.config.js')) as { OFFICE_JS: string };
    expect([...doc.querySelectorAll('script[src]')].map((s) => s.getAttribute('src'))).toEqual(['<%= officeJs %>']);
    expect(OFFICE_JS).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  });

  it('in the dev server’s console message resolve', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(ROOT, 'webpack.config.js')) as { sideloadHelp(https: object): string; DEV_URL: string };
    for (const https of [{ kind: 'office-addin-dev-certs' }, { kind: 'self-signed', certFile: path.join(ROOT, '.certs/localhost.crt') }]) {
      const text = config.sideloadHelp(https);
      const urls = text.match(/https?:\/\/\S+/g) ?? [];
      expect(urls.filter((u) => !u.startsWith(`${config.DEV_URL}/`) && !MICROSOFT_DOCS.has(u))).toEqual([]);
      const repoFiles = (text.replace(/https?:\/\/\S+/g, '').match(/\b[\w.-]+(?:\/[\w.-]+)*\.(?:md|xml)\b/g) ?? []);
      expect(repoFiles).toEqual(expect.arrayContaining(['docs/addin.md', 'manifest.xml']));
      expect(repoFiles.filter((f) => !fs.existsSync(path.join(ROOT, f)))).toEqual([]);
    }
  });
});
