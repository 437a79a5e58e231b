// One ESLint (9, flat config) for the repository: Salesforce's LWC rules for the components,
// typescript-eslint for the sidecar and scripts, and a fence that keeps the domain pure.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const importPlugin = require('eslint-plugin-import');
const lwcConfig = require('@salesforce/eslint-config-lwc');

const lwcFiles = ['force-app/**/lwc/**/*.js'];
// The browser preview's page shell and platform modules: LWC modules too, run in the browser.
// The Stance console (sidecar/console) is built the same way: its modules and entry are linted alike.
const previewFiles = [
  'scripts/preview/modules/**/*.js',
  'scripts/preview/app/**/*.js',
  'sidecar/console/modules/**/*.js',
  'sidecar/console/app/**/*.js',
];

module.exports = [
  {
    ignores: ['node_modules/**', '**/dist/**', 'coverage/**', 'test-results/**', '.scratch/**', '.data/**'],
  },
  ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: lwcFiles })),
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js', 'force-app/test/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      // Tests drive wire adapters directly (emit, error) and wait on timers.
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
      '@lwc/lwc/no-async-operation': 'off',
    },
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The shape holds without anyone watching: no import circles, no file that does too much.
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
    },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Components and the preview's modules: Salesforce's LWC config brings its own import plugin.
    files: [...lwcFiles, ...previewFiles],
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests, fixtures and data may be long; a long test file is a list of cases, not a tangle.
    files: ['**/__tests__/**', '**/e2e/**', 'scripts/demo-data/**', 'force-app/test/**'],
    rules: { 'max-lines': 'off' },
  },
  {
    // The domain is pure: no I/O, no clock, nothing from the adapters or the scripts.
    files: ['sidecar/src/domain/**/*.ts'],
    ignores: ['sidecar/src/domain/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'child_process', 'os'],
              message: 'The domain does no I/O.',
            },
            { group: ['../../*', '../../../*'], message: 'The domain imports nothing from the rest of the project.' },
            { group: ['jsforce', 'express', 'better-sqlite3', 'pino'], message: 'Adapters live outside the domain.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass `now` in; the domain never reads the clock.' },
        { object: 'Math', property: 'random', message: 'The domain is deterministic.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` in; the domain never reads the clock.',
        },
      ],
    },
  },
  {
    files: ['*.js', 'scripts/**/*.js'],
    ignores: previewFiles,
    ...js.configs.recommended,
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: previewFiles })),
  {
    // The platform modules are the wire adapters and events the components use, written here.
    files: ['scripts/preview/modules/platform/**/*.js'],
    rules: { '@lwc/lwc/no-async-operation': 'off' },
  },
];
