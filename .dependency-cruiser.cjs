/**
 * The import boundaries of Infusion Coder, checked by `npm run graph:check` and test/architecture/imports.test.ts
 * (dependency-cruiser). `npm run graph` redraws the layer diagram in docs/development.md.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A cycle ties modules together so neither can change or be tested alone. A loop closed only by ' +
        '`import type` is erased by the compiler (a data file naming its row type), so it does not count.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'rules-import-only-rules',
      severity: 'error',
      comment: 'The rules module is the shared core: it imports only itself (and zod, for its option schema).',
      from: { path: '^src/rules/' },
      to: { pathNot: ['^src/rules/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'core-imports-no-edge',
      severity: 'error',
      comment:
        'sheet, inputs, claims and pipeline are pure: no Office, DOM, React, exceljs, Node built-ins, nor the ' +
        'edges (excel, taskpane, cli, functions, commands, runtime, reports).',
      from: { path: '^src/(sheet|inputs|claims|pipeline)/' },
      to: {
        pathNot: ['^src/(rules|sheet|inputs|claims|pipeline)/', '(^|/)node_modules/zod/'],
      },
    },
    {
      name: 'functions-import-no-react',
      severity: 'error',
      comment: 'Custom functions run without the task pane: no React, Fluent UI or pane code.',
      from: { path: '^src/functions/' },
      to: { path: ['(^|/)node_modules/(react|react-dom|@fluentui)/', '^src/taskpane/'] },
    },
    {
      name: 'runtime-imports-no-edge',
      severity: 'error',
      comment:
        'The shared runtime (settings, tables, function context, run events) is used by the functions and the ' +
        'ribbon command as well as the pane: no React, no Office calls, no edge code (types only).',
      from: { path: '^src/runtime/' },
      to: {
        path: ['^src/(taskpane|excel|cli|commands|functions)/', '(^|/)node_modules/(react|react-dom|@fluentui|exceljs)/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'only-edges-import-office-libraries',
      severity: 'error',
      comment: 'exceljs belongs to the command-line file adapters and the report writer; React to the pane.',
      from: { pathNot: ['^src/(cli|reports|outputs|claims)/', '^test/', '^scripts/'] },
      to: { path: '(^|/)node_modules/exceljs/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^test/artifacts/', '\\.test\\.tsx?$', '^src/.*/testLog\\.ts$', '^src/.*/testSheet\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    reporterOptions: {
      archi: { collapsePattern: '^src/[^/]+' },
      dot: { collapsePattern: '^src/[^/]+' },
    },
  },
};
