/** @jest-environment ./engine/testing/nodeEnvironment.js */
import { forecast } from '../ml';
import {
  fleetChallenger,
  FleetShape,
  FleetTraining,
  hourlyForTraining,
  trainFleetModel,
  usesFleetModel,
} from './fleetModel';
import { FleetSeries, randomWalkFleet, weeklyFleet } from './testFleet';
import { readyBackend } from './network';

const HOUR = 3_600_000;
const SHAPE: FleetShape = { inputHours: 168, outputHours: 24, hidden: 32 };
const TRAINING: FleetTraining = {
  maxWindows: 3000,
  maxEpochs: 40,
  budgetMs: 60_000,
  batchSize: 64,
  learningRate: 3e-3,
  seed: 1,
};

/** Mean absolute error of a forecast over the next day, over the series' own seasonal-naive (24 h) error. */
function mase(s: FleetSeries, train: number, mean: ArrayLike<number>): number {
  let naive = 0;
  for (let i = 24; i < train; i++) {
    naive += Math.abs(s.values[i] - s.values[i - 24]);
  }
  naive /= train - 24;
  let e = 0;
  for (let h = 0; h < 24; h++) {
    e += Math.abs(s.values[train + h] - mean[h]);
  }
  return e / 24 / naive;
}

function asTraining(fleet: FleetSeries[]) {
  return fleet.map((s) => hourlyForTraining(s.timestamps, s.values, HOUR, 1)!);
}

describe('fleet model', () => {
  // Ten days a series: a week-long shape cannot be learned from one, only across the fleet.
  const trainFleet = weeklyFleet(150, 240, 11);
  const testFleet = weeklyFleet(40, 240, 12);
  let trained: Awaited<ReturnType<typeof trainFleetModel>>;

  beforeAll(async () => {
    trained = await trainFleetModel(asTraining(trainFleet), SHAPE, TRAINING, undefined, 0);
  }, 120_000);

  it('learns a weekly shape across short series that auto cannot learn from any one of them', () => {
    const challenger = fleetChallenger(trained.model);
    const train = 216;
    let autoMase = 0;
    let fleetMase = 0;
    let selectedMase = 0;
    let used = 0;
    for (const s of testFleet) {
      const history = { timestamps: s.timestamps.subarray(0, train), values: s.values.subarray(0, train) };
      autoMase += mase(s, train, forecast(history, { horizon: 24 }).mean) / testFleet.length;
      fleetMase +=
        mase(s, train, forecast(history, { horizon: 24, method: 'fleet' }, challenger).mean) / testFleet.length;
      const selected = forecast(history, { horizon: 24 }, challenger);
      selectedMase += mase(s, train, selected.mean) / testFleet.length;
      used += selected.challenge?.used ? 1 : 0;
    }
    expect(trained.stats.loss).toBeLessThan(0.05);
    expect(fleetMase).toBeLessThan(0.8 * autoMase);
    expect(selectedMase).toBeLessThan(autoMase);
    expect(used).toBeGreaterThan(testFleet.length / 2);
  });

  it('runs on the WebAssembly backend, whose .wasm comes inside the npm package', async () => {
    expect(await readyBackend()).toBe('wasm');
  });

  it('respects the windows cap and reports what was available', async () => {
    const capped = await trainFleetModel(asTraining(trainFleet), SHAPE, { ...TRAINING, maxWindows: 100, maxEpochs: 1 });
    expect(capped.stats.windows).toBe(100);
    expect(capped.stats.available).toBe(150 * (240 - 192 + 1));
    expect(capped.model.manifest.windows).toBe(100);
  });

  it('stops at the wall-clock budget after the epoch that passes it', async () => {
    const t0 = performance.now();
    const r = await trainFleetModel(asTraining(trainFleet), SHAPE, { ...TRAINING, maxEpochs: 1000, budgetMs: 1 });
    expect(r.stats.epochs).toBe(1);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('keeps windows before each series’ end share (the backtest region is never trained on)', async () => {
    const fleet = trainFleet.slice(0, 10).map((s) => hourlyForTraining(s.timestamps, s.values, HOUR, 0.9)!);
    const r = await trainFleetModel(fleet, SHAPE, { ...TRAINING, maxEpochs: 1 });
    // 216 usable hours of 240: 216 − 192 + 1 windows each.
    expect(r.stats.available).toBe(10 * 25);
  });

  it('warm-starts from the previous weights and counts the trainings', async () => {
    const again = await trainFleetModel(asTraining(trainFleet), SHAPE, { ...TRAINING, maxEpochs: 1 }, trained.model);
    expect(again.model.manifest.trainings).toBe(2);
    // One epoch from the trained weights stays near their loss; from scratch one epoch is far worse.
    const cold = await trainFleetModel(asTraining(trainFleet), SHAPE, { ...TRAINING, maxEpochs: 1 });
    expect(again.stats.loss).toBeLessThan(cold.stats.loss);
  });

  it('keeps auto on random walks, where the fleet has nothing to teach', async () => {
    const walks = randomWalkFleet(60, 240, 21);
    const model = await trainFleetModel(asTraining(walks.slice(0, 40)), SHAPE, { ...TRAINING, maxEpochs: 10 });
    const challenger = fleetChallenger(model.model);
    let used = 0;
    for (const s of walks.slice(40)) {
      const f = forecast({ timestamps: s.timestamps, values: s.values }, { horizon: 24 }, challenger);
      used += f.challenge?.used ? 1 : 0;
    }
    // A coin toss at most: where it does win a walk's backtest it is by chance, and no worse than auto.
    expect(used).toBeLessThan(12);
  });

  it('gives no challenge for a step that does not divide an hour or a horizon beyond its hours', () => {
    const c = fleetChallenger(trained.model);
    const history = new Float64Array(24 * 30).fill(1);
    expect(c.predict(history, 24, 0, 7 * 60_000)).toBeNull();
    expect(c.predict(history, 25, 0, HOUR)).toBeNull();
    // Five-minute steps: the hourly means go in, each hour's value is held over its twelve steps.
    const f = c.predict(new Float64Array(12 * 200).fill(50), 24, 0, 300_000)!;
    expect(f).toHaveLength(24);
    expect(f[0]).toBe(f[11]);
  });

  it('reads the fleet model in a forecast’s method label, alone or averaged', () => {
    expect(usesFleetModel('fleet')).toBe(true);
    expect(usesFleetModel('ensemble(seasonal-mean+fleet) (3 missing step(s))')).toBe(true);
    expect(usesFleetModel('ensemble(seasonal-mean+mstl)')).toBe(false);
    expect(usesFleetModel('seasonal-naive (fallback: 216 points are too few for fleet)')).toBe(false);
  });
});
