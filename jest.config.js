// One jest (29) for the whole repository: LWC components through sfdx-lwc-jest, and the
// TypeScript sidecar and scripts through ts-jest.
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');
const { generateLabelModules } = require('./force-app/test/jestLabels');

const labelModules = generateLabelModules();

module.exports = {
  projects: [
    // The sidecar's console UI: LWC OSS components under sfdx-lwc-jest's stubs and sa11y.
    '<rootDir>/sidecar/console/jest.config.js',
    {
      ...lwcJestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
      setupFilesAfterEnv: ['<rootDir>/jest.lwc.setup.js'],
      moduleNameMapper: {
        ...lwcJestConfig.moduleNameMapper,
        '^lightning/actions$': '<rootDir>/force-app/test/jest-mocks/lightning/actions',
        // Custom labels resolve to their value (English, or a test's language), as on the platform.
        '^@salesforce/label/c\\.(\\w+)$': `${labelModules}/$1.js`,
      },
    },
    {
      displayName: 'ts',
      preset: 'ts-jest',
      testEnvironment: 'node',
      roots: ['<rootDir>/sidecar', '<rootDir>/scripts'],
      testMatch: ['**/__tests__/**/*.test.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
    },
  ],
};
