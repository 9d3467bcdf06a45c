// Synthetic fleets for the fleet model's tests and bench: many short series of different sizes sharing one
// weekly shape (a daily cycle and a Monday working-hours spike), and random walks sharing nothing.
import { mulberry32 } from '../ml';

const HOUR = 3_600_000;
/** A Monday, 00:00 UTC. */
export const FLEET_EPOCH = Date.UTC(2026, 0, 5);

export interface FleetSeries {
  timestamps: Float64Array;
  values: Float64Array;
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

/** The shared shape at time t, relative to a server's level: 1 ± 0.3 over the day, +0.8 on Monday 08–18 h. */
export function weeklyShape(t: number): number {
  const d = new Date(t);
  const hour = d.getUTCHours();
  const spike = d.getUTCDay() === 1 && hour >= 8 && hour < 18 ? 0.8 : 0;
  return 1 + 0.3 * Math.sin((2 * Math.PI * (hour - 6)) / 24) + spike;
}

/** `count` hourly series of `hours` each, starting on random days, levels from 50 to 500, 3% noise. */
export function weeklyFleet(count: number, hours: number, seed: number): FleetSeries[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const start = FLEET_EPOCH + Math.floor(random() * 28) * 24 * HOUR;
    const level = 50 + 450 * random();
    const timestamps = Float64Array.from({ length: hours }, (_, i) => start + i * HOUR);
    const values = Float64Array.from(timestamps, (t) => level * (weeklyShape(t) + 0.03 * normal(random)));
    return { timestamps, values };
  });
}

/** Random walks around 100 with nothing in common: a fleet where cross-learning has nothing to learn. */
export function randomWalkFleet(count: number, hours: number, seed: number): FleetSeries[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const start = FLEET_EPOCH + Math.floor(random() * 28) * 24 * HOUR;
    const timestamps = Float64Array.from({ length: hours }, (_, i) => start + i * HOUR);
    const values = new Float64Array(hours);
    let v = 100;
    for (let i = 0; i < hours; i++) {
      v = Math.max(1, v + 3 * normal(random));
      values[i] = v;
    }
    return { timestamps, values };
  });
}
