/**
 * The real-browser test: builds the task pane with the project's webpack config (production), serves the
 * build on localhost, and drives it in headless Chromium (Debian's chromium through playwright-core) with a
 * fake Office host served in place of Office.js: map a column, code the rows, click a problem, Next problem,
 * select a coded row (This row). It asserts that the page requests nothing outside its own origin (Office.js
 * is answered locally, never fetched) and saves a screenshot of the pane with This row open to
 * test/artifacts/taskpane.png (`npm run screenshot` copies it to docs/).
 *
 * Without /usr/bin/chromium the test says it is skipped, and fails when CI=true (`.ci/run` installs chromium).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import webpack from 'webpack';
import type { Configuration } from 'webpack';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { artifactDir } from '../artifacts';
import { DERIVED_HEADERS } from '../../src/sheet';
import { HEADERS } from '../excel/sheetData';
import { describeWithTool } from '../tools';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const available = existsSync(CHROMIUM);
const PANE_WIDTH = 350;
const maybe = describeWithTool(`Chromium at ${CHROMIUM}`, available, 'apt-get install chromium, or set CHROMIUM_PATH; .ci/run installs it');

jest.setTimeout(900_000);

function compile(config: Configuration): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

function serve(dir: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

maybe('the task pane in headless Chromium', () => {
  let work: string;
  let server: http.Server;
  let origin: string;
  let fakeHost: string;
  let context: BrowserContext;
  let officeJs: string;

  beforeAll(async () => {
    work = artifactDir('browser-');
    const out = path.join(work, 'addin');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as ((env: object, argv: object) => Promise<Configuration>) & { OFFICE_JS: string };
    officeJs = makeConfig.OFFICE_JS;
    const config = await makeConfig({ quiet: true }, { mode: 'production' });
    config.output = { ...config.output, path: out };
    // The fake host, bundled on its own: served in place of Office.js.
    const hostOut = path.join(work, 'host');
    const hostConfig: Configuration = {
      mode: 'development',
      devtool: false,
      context: ROOT,
      entry: path.join(ROOT, 'test/browser/fakeHost.ts'),
      output: { path: hostOut, filename: 'office.js' },
      resolve: { extensions: ['.ts', '.js'] },
      module: {
        rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2020' } } } }],
      },
    };
    await Promise.all([compile(config), compile(hostConfig)]);
    fakeHost = readFileSync(path.join(hostOut, 'office.js'), 'utf8');
    server = await serve(out);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    context = await chromium.launchPersistentContext(mkdtempSync(path.join(work, 'profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      // A task pane is about 350 pixels wide in Excel.
      viewport: { width: PANE_WIDTH, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A page whose every request is recorded; Office.js is answered with `office` (never fetched). */
  async function open(office: string | null, query = ''): Promise<{ page: Page; requests: string[]; blocked: string[]; errors: string[] }> {
    const page = await context.newPage();
    const requests: string[] = [];
    const blocked: string[] = [];
    const errors: string[] = [];
    page.on('request', (r: Request) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      if (url === officeJs) {
        if (office === null) return route.abort('internetdisconnected');
        return route.fulfill({ status: 200, contentType: 'application/javascript', body: office });
      }
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    await page.goto(`${origin}/taskpane.html${query}`);
    return { page, requests, blocked, errors };
  }

  it('maps a column, codes the rows, walks the problems, and requests nothing outside its origin', async () => {
    const { page, requests, blocked, errors } = await open(fakeHost);
    await page.getByText(/Sheet: March infusions · header in row 2/).waitFor({ timeout: 60_000 });

    // The shared runtime page also registered the custom functions and the ribbon command.
    const registered = await page.evaluate(() => {
      const h = (window as unknown as { __fakeHost: { functions(): string[]; actions(): string[] } }).__fakeHost;
      return { functions: h.functions(), actions: h.actions() };
    });
    expect(registered.actions).toEqual(['codeRows']);
    expect(registered.functions.length).toBeGreaterThan(0);

    // Map the unknown "Why" column to Medical necessity (Columns starts folded: every key field was found).
    await page.getByRole('button', { name: 'Columns' }).click();
    const necessity = page.getByRole('combobox', { name: 'Medical necessity' });
    await necessity.selectOption({ label: 'O: Why' });
    await page.getByRole('button', { name: 'Columns' }).click(); // folded again for the picture

    await page.getByRole('button', { name: 'Code rows' }).click();
    await explain(page, errors, () => page.getByText('60 rows coded').waitFor({ timeout: 60_000 }));
    expect(await page.evaluate(() => (window as unknown as { __fakeHost: { cell(r: number, c: number): unknown } }).__fakeHost.cell(2, 17))).toBe('IC CPT');
    expect(await page.evaluate(() => (window as unknown as { __fakeHost: { highlights(): number } }).__fakeHost.highlights())).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __fakeHost: { fills(): number } }).__fakeHost.fills())).toBe(0);

    // Click a problem: its cell is selected in the sheet.
    const stops = page.getByRole('list', { name: 'Missing stop time' });
    const first = stops.getByRole('button').first();
    await first.click();
    await expect_(async () => {
      const sel = await page.evaluate(() => (window as unknown as { __fakeHost: { selection(): { rect: { left: number; top: number } } | null } }).__fakeHost.selection());
      return sel?.rect.left === 12 ? sel.rect.top : null;
    });
    const firstRow = await page.evaluate(() => (window as unknown as { __fakeHost: { selection(): { rect: { top: number } } } }).__fakeHost.selection().rect.top);
    await page.getByRole('button', { name: 'Next problem' }).click();
    await expect_(async () => {
      const sel = await page.evaluate(() => (window as unknown as { __fakeHost: { selection(): { rect: { top: number } } } }).__fakeHost.selection());
      return sel.rect.top !== firstRow ? true : null;
    });

    // This row: the user clicks a cell of a coded row with an error, codes and units.
    const ic = (h: (typeof DERIVED_HEADERS)[number]) => HEADERS.length + 1 + DERIVED_HEADERS.indexOf(h);
    const row = await page.evaluate(
      ({ status, hcpcs }) => {
        const host = (window as unknown as { __fakeHost: { cell(r: number, c: number): unknown } }).__fakeHost;
        for (let r = 3; r < 63; r++) if (host.cell(r, status) === 'Error' && host.cell(r, hcpcs)) return r;
        return null;
      },
      { status: ic('IC Status'), hcpcs: ic('IC HCPCS') },
    );
    expect(row).not.toBeNull();
    await page.evaluate((r) => (window as unknown as { __fakeHost: { select(r: number, c: number): void } }).__fakeHost.select(r, 6), row!);
    const thisRow = page.getByRole('region', { name: 'This row' });
    await explain(page, errors, () => thisRow.getByRole('heading', { name: `This row: ${row}` }).waitFor({ timeout: 20_000 }));
    expect(await thisRow.getByRole('list', { name: 'Findings of this row' }).getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await thisRow.getByRole('list', { name: 'Explanation' }).getByRole('listitem').count()).toBeGreaterThan(0);

    // Its problem, clicked in the list, selects its cell: This row stays on it and the problem is marked.
    await page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: new RegExp(`^Row ${row} ·`) }).first().click();
    await thisRow.getByRole('heading', { name: `This row: ${row}` }).waitFor();

    // Nothing is wider than the pane (no sideways scrolling, no text cut off at the right edge).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PANE_WIDTH);

    // A steady picture for the docs: no hover, no focus ring, no animation, no caret. It shows the pane from
    // the top to the end of the first group of problems (the whole page is saved beside it).
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const bottom = await page.evaluate(() => {
      const firstGroup = document.querySelector('section[aria-label="Problems"] ul');
      return firstGroup ? Math.ceil(firstGroup.getBoundingClientRect().bottom + window.scrollY) + 16 : document.documentElement.scrollHeight;
    });
    const still = { animations: 'disabled', caret: 'hide', fullPage: true } as const;
    await page.screenshot({ ...still, path: path.join(ARTIFACTS, 'taskpane.png'), clip: { x: 0, y: 0, width: PANE_WIDTH, height: bottom } });
    await page.screenshot({ ...still, path: path.join(ARTIFACTS, 'taskpane-full.png') });

    // Nothing left the page's origin: the only other address is Office.js, answered by the test itself.
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`));
    expect(foreign.every((u) => u === officeJs)).toBe(true);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('outside Excel (a plain browser: Office.onReady without a host) explains what it is and how to install it', async () => {
    const plainOffice = 'window.Office = { onReady: function () { return Promise.resolve({ host: null, platform: null }); } };';
    const { page, blocked, errors } = await open(plainOffice);
    await page.getByRole('heading', { name: 'Install' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: `${origin}/manifest.xml` }).getAttribute('href')).toBe('manifest.xml');
    // Headings and paragraphs are blocks, each on its own lines (Fluent's text components are inline).
    const layout = await page.evaluate(() => [...document.querySelectorAll('main h1, main h2, main p')].map((e) => `${e.tagName} ${getComputedStyle(e).display}`));
    expect(layout).toEqual(['H1 block', 'P block', 'P block', 'H2 block', 'P block']);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('when Office.js cannot be reached it still shows a useful page, not a blank one', async () => {
    const { page, blocked } = await open(null);
    await page.getByRole('heading', { name: 'Infusion Coder', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Install' }).waitFor();
    expect(blocked).toEqual([]);
    await page.close();
  });
});

/** Runs a step; on failure saves a screenshot and adds the page's text and console errors to the error. */
async function explain(page: Page, errors: string[], step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'taskpane-failure.png'), fullPage: true }).catch(() => undefined);
    const text = await page.evaluate(() => document.body.innerText).catch(() => '(no text)');
    throw new Error(`${e instanceof Error ? e.message : e}\n--- page text ---\n${text.slice(0, 3000)}\n--- console errors ---\n${errors.join('\n')}`);
  }
}

/** Polls until `probe` returns a non-null value (at most 20 s). */
async function expect_(probe: () => Promise<unknown>): Promise<void> {
  const end = Date.now() + 20_000;
  for (;;) {
    if ((await probe()) !== null) return;
    if (Date.now() > end) throw new Error('condition not met in 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}
