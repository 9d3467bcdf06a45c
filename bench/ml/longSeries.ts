// What a very long series costs the ML core: the batch functions refuse more than MAX_SERIES_POINTS
// before reading a point, and the streaming scorer takes any length in constant memory. Each case
// runs in its own process so that its peak RSS is its own.
//   node --expose-gc --import tsx bench/ml/longSeries.ts [points]
import { spawnSync } from 'child_process';
import { EcotiMlError, forecast, scoreAnomalies, StreamingAnomalyScorer, trend } from '../../src/ml';

const CASES = ['scoreAnomalies', 'scoreAnomalies causal', 'forecast', 'trend', 'StreamingAnomalyScorer'] as const;
type Case = (typeof CASES)[number];
const STEP_MS = 60_000;

interface Row {
  case: Case;
  points: number;
  outcome: string;
  ms: number;
  /** Heap and array buffers held beyond the input, MB, at the end of the call. */
  extraMB: number;
  /** Peak resident set of the whole process (input included), MB. */
  peakRssMB: number;
}

function makeInput(n: number) {
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = 1.7e12 + i * STEP_MS;
    values[i] = 50 + 10 * Math.sin((2 * Math.PI * i) / 1440) + ((i * 7919) % 13) / 13;
  }
  return { timestamps, values };
}

function held(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function runCase(name: Case, n: number): Row {
  const series = makeInput(n);
  const before = held();
  const t0 = performance.now();
  let outcome = 'ok';
  let result: unknown;
  try {
    switch (name) {
      case 'scoreAnomalies':
        result = scoreAnomalies(series);
        break;
      case 'scoreAnomalies causal':
        result = scoreAnomalies(series, { causal: true });
        break;
      case 'forecast':
        result = forecast(series, { horizon: 60 });
        break;
      case 'trend':
        result = trend(series);
        break;
      case 'StreamingAnomalyScorer': {
        const scorer = new StreamingAnomalyScorer({ stepMs: STEP_MS });
        let alerts = 0;
        for (let i = 0; i < n; i++) {
          alerts += scorer.push(series.timestamps[i], series.values[i]) >= 0.5 ? 1 : 0;
        }
        result = scorer;
        outcome = `ok, ${alerts} alerts`;
        break;
      }
    }
  } catch (e) {
    outcome = e instanceof EcotiMlError ? `EcotiMlError ${e.code}` : `${(e as Error).name}: ${(e as Error).message}`;
  }
  const ms = performance.now() - t0;
  const extraMB = (held() - before) / 2 ** 20;
  // Input and result stay alive until measured, or the collector would count the input as freed.
  const alive = series.values.length === n && result !== null;
  return {
    case: name,
    points: n,
    outcome,
    ms,
    extraMB: alive ? extraMB : NaN,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

if (require.main === module) {
  const [caseName, points] = process.argv.slice(2);
  if (CASES.includes(caseName as Case)) {
    console.log(JSON.stringify(runCase(caseName as Case, Number(points))));
  } else {
    const n = Number(caseName ?? 10_000_000);
    console.log(
      `${n.toLocaleString('en-US')} points at a 1-minute step (input: ${((16 * n) / 2 ** 20).toFixed(0)} MB)\n`
    );
    console.log('case                    | outcome                     |       time | held after |  peak RSS');
    for (const c of CASES) {
      const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, c, String(n)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const line = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        console.log(`${c.padEnd(23)} | crashed: ${(child.stderr || '').trim().split('\n').pop()}`);
        continue;
      }
      const r = JSON.parse(line) as Row;
      console.log(
        `${r.case.padEnd(23)} | ${r.outcome.padEnd(27)} | ${r.ms.toFixed(1).padStart(8)} ms | ${r.extraMB.toFixed(1).padStart(7)} MB | ${r.peakRssMB.toFixed(0).padStart(6)} MB`
      );
    }
  }
}
