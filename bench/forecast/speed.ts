// Speed of forecast(…, 'auto'), backtests included: median over repeated fits of 720-point
// ETTh1 windows with horizon 168, after a warm-up (the browser's JIT is warm after one panel).
import { forecast, median, quantile } from '../../src/ml';
import { loadEtth1, origins, TRAIN } from './protocol';

export function measureForecastSpeed(runs = 60): { medianMs: number; p90Ms: number } {
  const [column] = loadEtth1(['HUFL']);
  const os = origins(column.values.length, 168);
  const times: number[] = [];
  for (let r = 0; r < runs + 10; r++) {
    const o = os[r % os.length];
    const train = {
      timestamps: column.timestamps.subarray(o - TRAIN, o),
      values: column.values.subarray(o - TRAIN, o),
    };
    const t0 = performance.now();
    forecast(train, { horizon: 168 });
    if (r >= 10) {
      times.push(performance.now() - t0);
    }
  }
  return { medianMs: median(times), p90Ms: quantile(times, 0.9) };
}

if (require.main === module) {
  const s = measureForecastSpeed();
  console.log(
    `forecast auto, 720 points, horizon 168: median ${s.medianMs.toFixed(2)} ms, p90 ${s.p90Ms.toFixed(2)} ms`
  );
}
