// Speed of fitDriverModel (utilisation + calendar, default bounds) on 720 and 5,040 hourly BioHPC points, and of
// predicting 168 and 5,040 hours with the fitted model: medians after a warm-up, as a dashboard would see them.
import { fitDriverModel } from '../../src/ml';
import { loadBiohpc } from '../biohpc/load';

export interface DriverSpeed {
  points: number;
  fitMedianMs: number;
  predict168Ms: number;
  predict5040Ms: number;
}

export function measureDriverSpeed(runs = 7): DriverSpeed[] {
  const grid = loadBiohpc('cbsugpu07');
  const end = grid.timestamps.length;
  return [720, 5040].map((points) => {
    const window = (v: Float64Array) => ({
      timestamps: grid.timestamps.subarray(end - points, end),
      values: v.subarray(end - points, end),
    });
    const input = {
      power: window(grid.columns.powerave),
      drivers: { utilisation: window(grid.columns.utilave) },
      options: { timeZone: 'UTC' },
    };
    const fits: number[] = [];
    const p168: number[] = [];
    const p5040: number[] = [];
    for (let r = 0; r <= runs; r++) {
      const t0 = performance.now();
      const model = fitDriverModel({ ...input, options: { ...input.options, seed: r + 1 } });
      const t1 = performance.now();
      const at = (n: number) => ({
        timestamps: grid.timestamps.subarray(end - n, end),
        drivers: { utilisation: grid.columns.utilave.subarray(end - n, end) },
      });
      model.predict(at(168));
      const t2 = performance.now();
      model.predict(at(5040));
      const t3 = performance.now();
      if (r > 0) {
        fits.push(t1 - t0);
        p168.push(t2 - t1);
        p5040.push(t3 - t2);
      }
    }
    const med = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1];
    return { points, fitMedianMs: med(fits), predict168Ms: med(p168), predict5040Ms: med(p5040) };
  });
}

export function printDriverSpeed(rows: DriverSpeed[]) {
  console.log('\nfitDriverModel (utilisation + calendar; 30 trees × 128 rows, depth 8; two fits and the importance):');
  for (const r of rows) {
    console.log(
      `  ${String(r.points).padStart(5)} points: fit ${r.fitMedianMs.toFixed(0)} ms; predict 168 h ${r.predict168Ms.toFixed(1)} ms, 5,040 h ${r.predict5040Ms.toFixed(1)} ms`
    );
  }
}

if (require.main === module) {
  printDriverSpeed(measureDriverSpeed());
}
