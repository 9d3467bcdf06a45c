// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

// Extends create-plugin's config (never edit .config/): d3 packages ship `.mjs` files, which the
// base transform pattern does not match, so they reach jest as untransformed ESM.
const swcTransform = base.transform['^.+\\.(t|j)sx?$'];

module.exports = {
  ...base,
  transform: {
    '^.+\\.(t|j)sx?$': swcTransform,
    '^.+\\.mjs$': swcTransform,
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json', 'node'],
  // d3 and the mljs packages (ml-*, is-any-array) ship ESM only.
  transformIgnorePatterns: [
    nodeModulesToTransform([
      ...grafanaESModules,
      'd3-.*',
      'internmap',
      'delaunator',
      'robust-predicates',
      'ml-[^/]*',
      'is-any-array',
    ]),
  ],
  // tests/ holds the Playwright e2e suite (run by `npm run e2e`), not jest tests.
  testMatch: [
    '<rootDir>/src/**/*.test.{ts,tsx}',
    '<rootDir>/engine/**/*.test.ts',
    '<rootDir>/simulator/**/*.test.ts',
    '<rootDir>/bench/**/*.test.ts',
    '<rootDir>/integration/**/*.test.ts',
    '<rootDir>/scripts/**/*.test.ts',
  ],
  // Component tests render real Grafana UI and the integration tests start real servers: on a busy 2-core CI
  // machine jest's 5 s default fails tests that are correct, only slow. Hangs still fail, at 60 s.
  testTimeout: 60_000,
  testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/dist/', '<rootDir>/tests/'],
};
