// Driver for the state crash test: starts the engine's real state handling on a directory (sweep, load, field
// checks, as `engine.loadState()` does at start-up) and reports what it found on one JSON line, then writes a
// large state through the engine's real writer, saying before and after each write, until killed (`loop`) or
// once (`once`, for a write that the file-size limit makes fail halfway).
// usage: node stateWriterLoop.js <stateDir> <series> loop|once
import { readdirSync } from 'node:fs';
import { parseConfig } from '../../engine/config';
import { Engine } from '../../engine/engine';
import { Logger } from '../../engine/log';
import { newSeriesState } from '../../engine/series';
import { StatePersistence } from '../../engine/statePersistence';

export const BASE = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const STEP = 300_000;
const PATH_STEPS = 301;

async function main(): Promise<void> {
  const [dir, seriesArg, mode] = process.argv.slice(2);
  const seriesCount = Number(seriesArg);
  const config = parseConfig({
    stateDir: dir,
    training: { window: '1h', step: '5m' },
    targets: [{ name: 'host_power', promql: 'ipmi_dcmi_power_consumption_watts', kind: 'power', anomaly: false }],
  });
  // Loading happens "later" than any generation written, so no state looks dated after now.
  const engine = new Engine({ config, clock: () => BASE + 10 * DAY, log: new Logger('silent') });
  engine.loadState();
  const rt = engine.targets[0];
  const errors: Record<string, number> = {};
  for (const v of (await engine.metrics.errors.get()).values) {
    errors[String(v.labels.kind)] = v.value;
  }
  const files = readdirSync(dir);
  process.stdout.write(
    `started ${JSON.stringify({
      series: rt.states.size,
      generation: Number.isFinite(rt.lastSuccess) ? rt.lastSuccess - BASE : null,
      errors,
      temps: files.filter((f) => f.includes('.tmp-')),
      setAside: files.filter((f) => /\.(corrupt|old_version|other_definition)-/.test(f)),
    })}\n`
  );

  // A large state: every series with a day-long forecast path and a full list of anomaly events.
  rt.states.clear();
  for (let i = 0; i < seriesCount; i++) {
    const labels = { instance: `host-${i}:9290`, rack: `rack-${i % 40}` };
    const key = `instance=${JSON.stringify(labels.instance)},rack=${JSON.stringify(labels.rack)}`;
    const s = newSeriesState(key, labels, i, 13, STEP, 0);
    const mean = new Float32Array(PATH_STEPS).map((_, k) => 400 + 100 * Math.sin(k / 20) + i);
    s.forecast = {
      origin: BASE,
      stepMs: STEP,
      mean,
      lower: mean.map((v) => v - 30),
      upper: mean.map((v) => v + 30),
      z: 1.96,
      method: 'ensemble(seasonal-mean+mstl)',
      seasonalities: [288],
    };
    s.fittedAt = BASE;
    s.selectedAt = BASE;
    s.chosenModel = { name: 'ensemble', components: ['seasonal-mean', 'mstl'] };
    s.anomalyEvents = Array.from({ length: 20 }, (_, k) => ({
      start: BASE - k * STEP,
      end: BASE - k * STEP,
      maxScore: 0.6,
      value: 500 + k,
      expected: 450,
    }));
    s.month = { start: BASE - DAY, kWh: 12.5 + i, peakKWh: 3, until: BASE };
    rt.states.set(key, s);
  }
  const persistence = new StatePersistence(dir, engine.metrics, new Logger('silent'));
  let generation = Number.isFinite(rt.lastSuccess) ? rt.lastSuccess - BASE : 0;
  do {
    generation++;
    rt.lastSuccess = BASE + generation;
    rt.dirty = true;
    process.stdout.write(`writing ${generation}\n`);
    persistence.persist(rt, BASE + generation, true);
    if (!rt.dirty) {
      process.stdout.write(`saved ${generation}\n`);
    }
  } while (mode === 'loop');
  const after: Record<string, number> = {};
  for (const v of (await engine.metrics.errors.get()).values) {
    after[String(v.labels.kind)] = v.value;
  }
  process.stdout.write(`done ${JSON.stringify({ errors: after, files: readdirSync(dir) })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
