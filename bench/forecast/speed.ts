// Speed of forecast(…, 'auto'), backtests included: median over repeated fits of 720-point
// ETTh1 windows with horizon 168, after a warm-up (the browser's JIT is warm after one panel).
// Wall time and this process's CPU time per fit: on a machine shared with other work, CPU time is the fit's own
// cost (what one core spends) while wall time also counts the time other processes held the core.
import { forecast, median, quantile } from '../../src/ml';
import { loadEtth1, origins, TRAIN } from './protocol';

export interface ForecastSpeed {
  medianMs: number;
  p90Ms: number;
  /** CPU time of this process per fit. */
  cpuMedianMs: number;
  cpuP90Ms: number;
}

export function measureForecastSpeed(runs = 60): ForecastSpeed {
  const [column] = loadEtth1(['HUFL']);
  const os = origins(column.values.length, 168);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs + 10; r++) {
    const o = os[r % os.length];
    const train = {
      timestamps: column.timestamps.subarray(o - TRAIN, o),
      values: column.values.subarray(o - TRAIN, o),
    };
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    forecast(train, { horizon: 168 });
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (r >= 10) {
      times.push(wall);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return {
    medianMs: median(times),
    p90Ms: quantile(times, 0.9),
    cpuMedianMs: median(cpu),
    cpuP90Ms: quantile(cpu, 0.9),
  };
}

if (require.main === module) {
  const s = measureForecastSpeed();
  console.log(
    `forecast auto, 720 points, horizon 168: median ${s.medianMs.toFixed(2)} ms wall (p90 ${s.p90Ms.toFixed(2)}), ${s.cpuMedianMs.toFixed(2)} ms CPU (p90 ${s.cpuP90Ms.toFixed(2)})`
  );
}
