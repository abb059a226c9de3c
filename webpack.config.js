/**
 * Builds the add-in: one long-lived page, taskpane.html, hosts the task pane, the custom functions and the
 * ribbon commands (shared runtime). Output goes to dist/addin (dist/cli belongs to the command line).
 *
 *   npm run build        production build; every https://localhost:3000 in manifest.xml becomes ADDIN_URL
 *   npm start            https dev server on https://localhost:3000 (office-addin-dev-certs, else a
 *                        self-signed certificate in .certs/), with sideloading instructions
 *
 * ADDIN_URL (default https://localhost:3000) is the one production setting: where dist/addin is served.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const DEV_URL = 'https://localhost:3000';
const PORT = 3000;
const OUT = path.resolve(__dirname, 'dist/addin');
const CERT_DIR = path.resolve(__dirname, '.certs');
/** The budget for everything taskpane.html loads (gzipped). */
const SIZE_LIMIT_KB = 600;
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Microsoft's page on sideloading an add-in in Excel on the web (named by the dev server's message). */
const SIDELOAD_GUIDE = 'https://learn.microsoft.com/office/dev/add-ins/testing/sideload-office-add-ins-for-testing';

/** The production origin, without a trailing slash; must be https. */
function addinUrl() {
  const url = (process.env.ADDIN_URL || DEV_URL).replace(/\/+$/, '');
  if (!/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(url)) {
    throw new Error(`ADDIN_URL must be an https URL (got '${url}')`);
  }
  return url;
}

/** The manifest with every development URL replaced (not only the first, as the Office templates do). */
function manifestFor(content, url) {
  return content.toString().split(DEV_URL).join(url);
}

/** Prints (and enforces) the gzipped size of what taskpane.html loads; writes it to size.json. */
class TaskPaneSizePlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('TaskPaneSizePlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'TaskPaneSizePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const files = new Set(['taskpane.html']);
        for (const name of ['taskpane', 'commands', 'functions']) {
          const entry = compilation.entrypoints.get(name);
          if (entry) for (const f of entry.getFiles()) if (!f.endsWith('.map')) files.add(f);
        }
        let raw = 0;
        let gz = 0;
        const lines = [];
        for (const f of files) {
          const asset = compilation.getAsset(f);
          if (!asset) continue;
          const buf = Buffer.from(asset.source.buffer());
          const g = zlib.gzipSync(buf, { level: 9 }).length;
          raw += buf.length;
          gz += g;
          lines.push(`  ${f.padEnd(34)} ${(buf.length / 1024).toFixed(1).padStart(8)} KB  ${(g / 1024).toFixed(1).padStart(7)} KB gzipped`);
        }
        const kb = gz / 1024;
        const summary = `Task pane (taskpane.html and its scripts): ${(raw / 1024).toFixed(1)} KB, ${kb.toFixed(1)} KB gzipped (limit ${SIZE_LIMIT_KB} KB)`;
        const stats = { files: [...files], rawBytes: raw, gzipBytes: gz, limitKb: SIZE_LIMIT_KB };
        compilation.emitAsset('size.json', new sources.RawSource(JSON.stringify(stats, null, 2)));
        if (!this.options.quiet) process.stdout.write(`\n${lines.join('\n')}\n${summary}\n\n`);
        if (this.options.enforce && kb > SIZE_LIMIT_KB) compilation.errors.push(new Error(`${summary}: over the limit`));
      });
    });
  }
}

/** https options for the dev server: office-addin-dev-certs, else a self-signed certificate kept in .certs/. */
async function httpsOptions() {
  if (process.env.ADDIN_DEV_CERTS !== 'selfsigned') {
    try {
      const devCerts = require('office-addin-dev-certs');
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 30000).unref());
      const options = await Promise.race([devCerts.getHttpsServerOptions(), timeout]);
      return { kind: 'office-addin-dev-certs', options: { key: options.key, cert: options.cert, ca: options.ca } };
    } catch (e) {
      process.stderr.write(
        `office-addin-dev-certs could not install its certificate authority (${e && e.message ? e.message.split('\n')[0] : e}); ` +
          'using a self-signed certificate from .certs/ instead.\n',
      );
    }
  }
  const keyFile = path.join(CERT_DIR, 'localhost.key');
  const certFile = path.join(CERT_DIR, 'localhost.crt');
  if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) {
    const selfsigned = require('selfsigned');
    const notAfter = new Date();
    notAfter.setFullYear(notAfter.getFullYear() + 1);
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    fs.mkdirSync(CERT_DIR, { recursive: true });
    fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
    fs.writeFileSync(certFile, pems.cert);
  }
  return { kind: 'self-signed', options: { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) }, certFile };
}

/** What the dev server prints once it listens: its address, the certificate, how to sideload, where to read more. */
function sideloadHelp(https) {
  const trust =
    https.kind === 'self-signed'
      ? [
          `  The certificate is self-signed (${path.relative(process.cwd(), https.certFile)}). Before sideloading, open`,
          `  ${DEV_URL}/taskpane.html in the browser you will use and accept the certificate warning, or trust`,
          `  that file in your system's certificate store (Excel desktop needs it trusted).`,
        ]
      : ['  The certificate comes from office-addin-dev-certs and is trusted on this machine.'];
  return [
    '',
    `Infusion Coder dev server: ${DEV_URL}/taskpane.html`,
    ...trust,
    '  Excel on the web: open a workbook, Home > Add-ins > More Add-ins > Upload My Add-in (or Insert >',
    '    Add-ins > My Add-ins > Upload My Add-in), and choose manifest.xml from this folder.',
    '  Excel desktop: Windows, share a folder holding manifest.xml and add it as a trusted add-in catalog',
    '    (Trust Center > Trusted Add-in Catalogs), then Home > Add-ins > Shared Folder; Mac, copy manifest.xml to',
    '    ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel.',
    '  Then Home > Infusion Coder. Step by step, and deploying for a practice: docs/addin.md in this repository;',
    `  Microsoft's sideloading guide: ${SIDELOAD_GUIDE}`,
    '',
  ].join('\n');
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || (env.WEBPACK_SERVE ? 'development' : 'production');
  const dev = mode === 'development';
  const url = dev ? DEV_URL : addinUrl();
  const serving = Boolean(env.WEBPACK_SERVE);
  const https = serving ? await httpsOptions() : null;

  return {
    mode,
    context: __dirname,
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      // The runtime shim makes the page usable outside Excel, where CustomFunctions does not exist.
      functions: ['./src/commands/runtime.ts', './src/functions/functions.ts'],
    },
    output: {
      path: OUT,
      filename: dev ? '[name].js' : (pathData) => (pathData.chunk && pathData.chunk.name === 'functions' ? 'functions.js' : '[name].[contenthash:8].js'),
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
      publicPath: '',
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // tsc --noEmit checks types; the bundle only needs ES modules for tree shaking.
              transpileOnly: true,
              compilerOptions: { module: 'es2020', sourceMap: dev, target: 'es2020', jsx: 'react-jsx' },
            },
          },
        },
      ],
    },
    optimization: {
      // Three entries on one page share one module registry (one React, one rules module).
      runtimeChunk: 'single',
      splitChunks: { chunks: 'all', cacheGroups: { vendors: { test: /[\\/]node_modules[\\/]/, name: 'vendors', priority: -10 } } },
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['runtime', 'vendors', 'taskpane', 'commands', 'functions'],
        chunksSortMode: 'manual',
        scriptLoading: 'defer',
        templateParameters: { officeJs: OFFICE_JS },
        minify: !dev,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => manifestFor(content, url) },
        ],
      }),
      // Sizes matter for the production build; the dev server's unminified bundles say nothing useful.
      ...(dev ? [] : [new TaskPaneSizePlugin({ enforce: true, quiet: Boolean(env.quiet) })]),
      {
        apply(compiler) {
          compiler.hooks.done.tap('SideloadHelp', () => {
            if (!dev) process.stdout.write(`Production build in ${path.relative(process.cwd(), compiler.outputPath)} for ${url}\n`);
          });
        },
      },
    ],
    devServer: {
      port: PORT,
      host: 'localhost',
      static: false,
      hot: false,
      liveReload: true,
      allowedHosts: ['localhost'],
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: https ? { type: 'https', options: https.options } : 'https',
      client: { overlay: false },
      onListening: () => {
        if (https) process.stdout.write(sideloadHelp(https));
      },
    },
  };
};

module.exports.manifestFor = manifestFor;
module.exports.DEV_URL = DEV_URL;
module.exports.OFFICE_JS = OFFICE_JS;
module.exports.SIZE_LIMIT_KB = SIZE_LIMIT_KB;
module.exports.sideloadHelp = sideloadHelp;
