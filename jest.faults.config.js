// The fault matrix (npm run test:faults): every fault the local org injects, and kill -9 at seeded
// points of a burst, each checked by the convergence oracle (docs/faults.md). Its files end in
// .faults.ts, which `npm test` (testMatch *.test.ts) does not pick up. One worker: the cases start
// local orgs and sidecars and measure readiness, which a second worker would only slow.
module.exports = {
  displayName: 'faults',
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/sidecar/src/sync/__tests__/faults'],
  testMatch: ['**/*.faults.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  maxWorkers: 1,
  testTimeout: 300_000,
};
