// The browser tests (npm run test:e2e): the whole demo (local org, sidecar, preview) started on
// free ports, driven through Debian chromium by playwright-core. Same jest (29) as npm test.
module.exports = {
  displayName: 'e2e',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/scripts/preview/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  // One browser and one demo stack: the scenarios run in order, in one worker.
  maxWorkers: 1,
  testTimeout: 60_000,
};
