/**
 * ESLint flat config: typescript-eslint for all TypeScript, the Office add-in rules (load before read, sync
 * before read, no context.sync() in loops...) for the code that talks to Excel, React hooks rules for the pane.
 * `npm run lint` runs this and then `tsc --noEmit`.
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');
const reactHooks = require('eslint-plugin-react-hooks');

/** The plugin's own rules, without its bundled prettier/react presets (formatting is not a lint error here). */
const officePlugin = { meta: officeAddins.meta, rules: officeAddins.rules };

module.exports = tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test/artifacts/**', 'examples/**', '.certs/**', 'docs/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Cleaning text of control characters is deliberate (cell values, CSV input).
      'no-control-regex': 'off',
    },
  },
  {
    // Tests may use expressions as statements (`ok ? it : it.skip`, comma-joined tallies).
    files: ['test/**/*.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // Code that runs Office.js batches. (The command line's exceljs code is not Office.js: these heuristics,
    // keyed on names like `cell` and `range`, would misfire there.)
    files: ['src/excel/**/*.{ts,tsx}', 'src/taskpane/**/*.{ts,tsx}', 'src/commands/**/*.{ts,tsx}', 'src/functions/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officePlugin },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      'no-eval': 'error',
    },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Node scripts and configs (CommonJS).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-var-requires': 'off',
    },
  },
);
