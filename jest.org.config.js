// The conformance tests against a real org (npm run test:org, which resolves the org and sets the
// environment): the same tests `npm test` runs against a local org, scripts/org-tools/conformance.
// One worker, one org; nothing here is picked up by `npm test` a second time.
module.exports = {
  displayName: 'org',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/scripts/org-tools/conformance'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  setupFiles: ['<rootDir>/scripts/org-tools/conformance/againstOrg.setup.js'],
  maxWorkers: 1,
  testTimeout: 120_000,
};
