// Test fixtures of the ML core (seeded random series, a synthetic fleet) for tests, benches and screenshots
// elsewhere in the repo: the one entry besides src/ml/index.ts that code outside the core may import.
export * from './seededRandom';
export * from './fleet';
export * from './autoSettings';
