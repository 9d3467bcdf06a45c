// `npm run bench -- fleet`: the fleet model against auto on three fleets, at the forecast bench's origins and
// horizons (bench/forecast/protocol.ts): the ETTh1 columns and BioHPC servers' power as separate series, and
// the simulator's 64 hosts (90 days of hourly power). Per series and horizon: MASE and 95% coverage of auto,
// of the fleet model alone (its band calibrated on its backtest) and of the selection (fleet where its
// backtest beats auto's choice). No leakage: each fleet's model is trained only on windows ending 360 h
// (the backtest half of the 720 h window) before that series' first reported origin. Then the training time
// for 1,000 and 10,000 synthetic series with the windows cap, and the inference cost per series.
import { forecast, ForecastChallenger } from '../../engine/ml';
import {
  fleetChallenger,
  FleetModel,
  FleetShape,
  FleetTraining,
  hourlyForTraining,
  trainFleetModel,
} from '../../engine/fleet/fleetModel';
import { weeklyFleet } from '../../engine/fleet/testFleet';
import { AUTO_SETTINGS, forecastWithAutoSettings } from '../../src/ml/testing';
import { readyBackend } from '../../engine/fleet/network';
import { forestChallenger, trainForestPeer } from './forestPeer';
import { Column, HORIZONS, loadBiohpcPower, loadEtth1, origins, scoreCase, TRAIN } from '../forecast/protocol';
import { sharedDataAvailable } from '../datasets';
import { demoScenario } from '../../simulator/demoScenario';
import { buildDatacenter, hostPower, poweredOn } from '../../simulator/model';
import { resolveScenario } from '../../simulator/scenario';

const HOUR = 3_600_000;
export const BENCH_SHAPE: FleetShape = { inputHours: 168, outputHours: 168, hidden: 128 };
export const FOREST_PEER = { maxWindows: 20_000, trees: 20, rowsPerTree: 1500, maxDepth: 10, seed: 1 };
export const BENCH_TRAINING: FleetTraining = {
  maxWindows: 20_000,
  maxEpochs: 30,
  budgetMs: 90_000,
  batchSize: 128,
  learningRate: 1e-3,
  seed: 1,
};

export interface FleetRow {
  fleet: string;
  series: string;
  horizon: number;
  auto: { mase: number; coverage: number };
  fleetModel: { mase: number; coverage: number };
  /** The global random forest on lag features, alone (its band calibrated as the fleet model's). */
  forest: { mase: number; coverage: number };
  /** The lowest backtest error of auto's choice, the fleet model, and their average (the default). */
  selected: { mase: number; coverage: number; share: number; averagedShare: number };
  /** The same without the average: auto's choice or the fleet model alone. */
  selectedAlone: { mase: number; coverage: number; share: number };
}

/** The simulator's demo site: each host's power on the hour for 90 days (NaN while powered off). */
export function simulatorFleet(days = 90): Column[] {
  const end = Date.UTC(2026, 9, 1);
  const dc = buildDatacenter(resolveScenario(demoScenario(), end));
  const hours = days * 24;
  const start = end - hours * HOUR;
  const columns: Column[] = [];
  for (const rack of dc.racks) {
    for (const host of rack.hosts) {
      const timestamps = Float64Array.from({ length: hours }, (_, i) => start + i * HOUR);
      const values = Float64Array.from(timestamps, (t) => (poweredOn(host, t) ? hostPower(dc, rack, host, t) : NaN));
      columns.push({ name: host.name, corpus: 'BioHPC', timestamps, values });
    }
  }
  return columns;
}

function trainingSeries(columns: Column[]) {
  return columns.map((c) => {
    const cut = origins(c.values.length, Math.max(...HORIZONS))[0] - TRAIN / 2;
    return { ...hourlyForTraining(c.timestamps, c.values.subarray(0, cut), HOUR, 1)! };
  });
}

async function scoreFleet(name: string, columns: Column[], log: (s: string) => void) {
  const t0 = performance.now();
  const { model, stats } = await trainFleetModel(trainingSeries(columns), BENCH_SHAPE, BENCH_TRAINING);
  log(
    `${name}: trained on ${stats.windows} of ${stats.available} windows, ${stats.epochs} epochs, loss ${stats.loss.toFixed(3)}, ${((performance.now() - t0) / 1000).toFixed(1)} s`
  );
  const challenger = fleetChallenger(model);
  const peer = trainForestPeer(trainingSeries(columns), BENCH_SHAPE, FOREST_PEER);
  log(`${name}: forest peer trained on ${peer.rows} (window, hour) rows in ${peer.seconds.toFixed(1)} s`);
  const forest = forestChallenger(peer.model);
  const rows: FleetRow[] = [];
  for (const column of columns) {
    for (const horizon of HORIZONS) {
      let used = 0;
      let tried = 0;
      const auto = scoreCase(column, horizon, (train, h) => forecast(train, { horizon: h }));
      const alone = scoreCase(column, horizon, (train, h) =>
        forecast(train, { horizon: h, method: 'fleet' }, challenger)
      );
      const forestAlone = scoreCase(column, horizon, (train, h) =>
        forecast(train, { horizon: h, method: 'fleet' }, forest)
      );
      let averaged = 0;
      const selected = scoreCase(column, horizon, (train, h) => {
        const f = forecast(train, { horizon: h }, challenger);
        tried++;
        used += f.challenge?.used ? 1 : 0;
        averaged += f.challenge?.averaged ? 1 : 0;
        return f;
      });
      let usedAlone = 0;
      const noAverage = { ...AUTO_SETTINGS, averageChallenger: false };
      const selectedAlone = scoreCase(column, horizon, (train, h) => {
        const f = forecastWithAutoSettings(train, { horizon: h }, noAverage, challenger);
        usedAlone += f.challenge?.used ? 1 : 0;
        return f;
      });
      rows.push({
        fleet: name,
        series: column.name,
        horizon,
        auto: { mase: auto.mase, coverage: auto.coverage },
        fleetModel: { mase: alone.mase, coverage: alone.coverage },
        forest: { mase: forestAlone.mase, coverage: forestAlone.coverage },
        selected: {
          mase: selected.mase,
          coverage: selected.coverage,
          share: used / tried,
          averagedShare: averaged / tried,
        },
        selectedAlone: { mase: selectedAlone.mase, coverage: selectedAlone.coverage, share: usedAlone / tried },
      });
    }
  }
  return { rows, training: { ...stats, forestSeconds: peer.seconds, forestRows: peer.rows }, model };
}

/** Seconds to sample and train on `count` synthetic 30-day series, the windows capped, a fixed 3 epochs. */
async function trainingTime(count: number) {
  const series = weeklyFleet(count, 24 * 30, 5).map((s) => hourlyForTraining(s.timestamps, s.values, HOUR, 0.5)!);
  const t0 = performance.now();
  const r = await trainFleetModel(series, BENCH_SHAPE, { ...BENCH_TRAINING, maxEpochs: 3, budgetMs: Infinity });
  const inputs = BENCH_SHAPE.inputHours + 4;
  return {
    series: count,
    windows: r.stats.windows,
    available: r.stats.available,
    epochs: r.stats.epochs,
    seconds: (performance.now() - t0) / 1000,
    // The sampled windows (Float32, inputs and targets): what the cap bounds, whatever the fleet's size.
    trainingSetMiB: (r.stats.windows * (inputs + BENCH_SHAPE.outputHours) * 4) / 2 ** 20,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  };
}

/** One window's forecast (the challenger alone), and a whole forecast(auto) with and without the challenge. */
function inferenceCost(challenger: ForecastChallenger) {
  const s = weeklyFleet(20, 720, 9);
  const time = (f: () => void) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const predictMs = time(() => s.forEach((x) => challenger.predict(x.values, 168, x.timestamps[719], HOUR))) / s.length;
  const autoMs = time(() => s.forEach((x) => forecast(x, { horizon: 168 }))) / s.length;
  const challengedMs = time(() => s.forEach((x) => forecast(x, { horizon: 168 }, challenger))) / s.length;
  return { predictMs, autoMs, challengedMs };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function printFleetTable(rows: FleetRow[]): void {
  console.log('\nfleet model vs auto (MASE / 95% coverage; selected: fleet where its backtest wins, share of origins)');
  console.log(
    'fleet      series       h    auto          fleet         forest        alone-or-auto selected      share'
  );
  for (const r of rows) {
    console.log(
      `${r.fleet.padEnd(10)} ${r.series.padEnd(12)} ${String(r.horizon).padStart(3)}  ${r.auto.mase.toFixed(3)} / ${r.auto.coverage.toFixed(2)}  ${r.fleetModel.mase.toFixed(3)} / ${r.fleetModel.coverage.toFixed(2)}  ${r.forest.mase.toFixed(3)} / ${r.forest.coverage.toFixed(2)}  ${r.selectedAlone.mase.toFixed(3)} / ${r.selectedAlone.coverage.toFixed(2)}  ${r.selected.mase.toFixed(3)} / ${r.selected.coverage.toFixed(2)}  ${r.selected.share.toFixed(2)}`
    );
  }
}

export function summariseFleet(rows: FleetRow[]) {
  const groups = new Map<string, FleetRow[]>();
  for (const r of rows) {
    const k = `${r.fleet} h${r.horizon}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()].map(([group, rs]) => ({
    group,
    series: rs.length,
    auto: { mase: mean(rs.map((r) => r.auto.mase)), coverage: mean(rs.map((r) => r.auto.coverage)) },
    fleetModel: { mase: mean(rs.map((r) => r.fleetModel.mase)), coverage: mean(rs.map((r) => r.fleetModel.coverage)) },
    forest: { mase: mean(rs.map((r) => r.forest.mase)), coverage: mean(rs.map((r) => r.forest.coverage)) },
    selectedAlone: {
      mase: mean(rs.map((r) => r.selectedAlone.mase)),
      coverage: mean(rs.map((r) => r.selectedAlone.coverage)),
      share: mean(rs.map((r) => r.selectedAlone.share)),
    },
    selected: {
      mase: mean(rs.map((r) => r.selected.mase)),
      coverage: mean(rs.map((r) => r.selected.coverage)),
      share: mean(rs.map((r) => r.selected.share)),
      averagedShare: mean(rs.map((r) => r.selected.averagedShare)),
    },
    fleetWins: rs.filter((r) => r.fleetModel.mase < r.auto.mase).length,
  }));
}

export async function runFleetBench(log: (s: string) => void = console.log) {
  const backend = await readyBackend();
  log(`TensorFlow.js backend: ${backend}`);
  const rows: FleetRow[] = [];
  const training: Record<string, unknown> = {};
  let challenger: ForecastChallenger | undefined;
  const fleets: Array<[string, () => Column[]]> = [];
  if (sharedDataAvailable('ETT/ETTh1.csv')) {
    fleets.push(['ETTh1', () => loadEtth1(['HUFL', 'HULL', 'MUFL', 'MULL', 'LUFL', 'LULL', 'OT'])]);
  } else {
    log('ETTh1 absent: its fleet is skipped');
  }
  const biohpc = loadBiohpcPower();
  if (biohpc.length > 0) {
    fleets.push(['BioHPC', () => biohpc]);
  } else {
    log('BioHPC absent: its fleet is skipped');
  }
  fleets.push(['simulator', () => simulatorFleet()]);
  let model: FleetModel | undefined;
  for (const [name, load] of fleets) {
    const r = await scoreFleet(name, load(), log);
    rows.push(...r.rows);
    training[name] = r.training;
    model = r.model;
  }
  challenger = fleetChallenger(model!);
  printFleetTable(rows.filter((r) => r.fleet !== 'simulator'));
  const summary = summariseFleet(rows);
  console.log('\nby fleet (means over series)');
  for (const s of summary) {
    console.log(
      `${s.group.padEnd(14)} ${String(s.series).padStart(3)} series  auto ${s.auto.mase.toFixed(3)} / ${s.auto.coverage.toFixed(2)}  fleet ${s.fleetModel.mase.toFixed(3)} / ${s.fleetModel.coverage.toFixed(2)}  forest ${s.forest.mase.toFixed(3)} / ${s.forest.coverage.toFixed(2)}  alone-or-auto ${s.selectedAlone.mase.toFixed(3)} / ${s.selectedAlone.coverage.toFixed(2)} (fleet at ${(100 * s.selectedAlone.share).toFixed(0)}%)  selected ${s.selected.mase.toFixed(3)} / ${s.selected.coverage.toFixed(2)} (fleet at ${(100 * s.selected.share).toFixed(0)}% of origins, averaged at ${(100 * s.selected.averagedShare).toFixed(0)}%); fleet better than auto on ${s.fleetWins} series`
    );
  }
  const scaling = [];
  for (const count of [1000, 10_000]) {
    const t = await trainingTime(count);
    scaling.push(t);
    log(
      `training on ${count} series (30 days each, ${t.available} windows available, cap ${t.windows}): ${t.seconds.toFixed(1)} s for ${t.epochs} epochs, training set ${t.trainingSetMiB.toFixed(0)} MiB, process RSS ${t.rssMiB.toFixed(0)} MiB`
    );
  }
  const inference = inferenceCost(challenger);
  log(
    `inference: ${inference.predictMs.toFixed(2)} ms a window (168 h); forecast(auto) ${inference.autoMs.toFixed(1)} ms a series, with the fleet challenge ${inference.challengedMs.toFixed(1)} ms`
  );
  return { rows, summary, training, scaling, inference, shape: BENCH_SHAPE, trainingSettings: BENCH_TRAINING, backend };
}
