// One jest (29) for the whole repository: LWC components through sfdx-lwc-jest, and the
// TypeScript sidecar and scripts through ts-jest.
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  projects: [
    {
      ...lwcJestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
      setupFilesAfterEnv: ['<rootDir>/jest.lwc.setup.js'],
      moduleNameMapper: {
        ...lwcJestConfig.moduleNameMapper,
        '^lightning/actions$': '<rootDir>/force-app/test/jest-mocks/lightning/actions',
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
