// The console's components under jest: LWC OSS modules in the `console` namespace, lightning-base-
// components as sfdx-lwc-jest's stubs, sa11y matchers. Run: npx jest -c sidecar/console/jest.config.js
// (or as the root config's `console` project).
const { join } = require('node:path');
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const ROOT = join(__dirname, '../..');

module.exports = {
  ...lwcJestConfig,
  displayName: 'console',
  rootDir: ROOT,
  roots: ['<rootDir>/sidecar/console'],
  testMatch: ['**/__tests__/**/*.test.js'],
  setupFilesAfterEnv: [...lwcJestConfig.setupFilesAfterEnv, '<rootDir>/jest.lwc.setup.js'],
  moduleNameMapper: {
    '^console/(\\w+)$': '<rootDir>/sidecar/console/modules/console/$1/$1',
  },
};
