// Cumulative counters (CPU seconds, RAPL joules) as deterministic integrals of the model from the origin, on a
// fixed 15-second grid: the live exporter and the backfill writer get the same counter at the same instant.
import { BUSY_MODES, cpuBusy, Datacenter, poweredOn, raplWatts, SENSOR_TICK_MS, utilisation } from './model';

export interface CounterSnapshot {
  /** Seconds since the origin (every CPU's idle + busy time adds up to this). */
  elapsedSeconds: number;
  /** Busy CPU-seconds, [host][cpu]. */
  busySeconds: number[][];
  /** Kepler RAPL energy per host, joules. */
  packageJoules: number[];
  dramJoules: number[];
}

/** Integrates utilisation forward in time; `at(t)` must be called with non-decreasing t (or it restarts). */
export class CounterIntegrator {
  private gridT: number;
  private readonly busy: Float64Array;
  private readonly hostU: Float64Array;
  private readonly cpus: number;

  constructor(private readonly dc: Datacenter) {
    this.cpus = dc.scenario.cpusPerHost;
    this.gridT = dc.scenario.origin;
    this.busy = new Float64Array(dc.hosts.length * this.cpus);
    this.hostU = new Float64Array(dc.hosts.length);
  }

  at(t: number): CounterSnapshot {
    const origin = this.dc.scenario.origin;
    if (t < this.gridT) {
      // Time went backwards (clock step): integrate again from the origin.
      this.gridT = origin;
      this.busy.fill(0);
      this.hostU.fill(0);
    }
    const dtSeconds = SENSOR_TICK_MS / 1000;
    while (this.gridT + SENSOR_TICK_MS <= t) {
      this.accumulate(this.gridT, dtSeconds, this.busy, this.hostU);
      this.gridT += SENSOR_TICK_MS;
    }
    const busy = Float64Array.from(this.busy);
    const hostU = Float64Array.from(this.hostU);
    if (t > this.gridT) {
      this.accumulate(this.gridT, (t - this.gridT) / 1000, busy, hostU);
    }
    const elapsedSeconds = Math.max(0, (t - origin) / 1000);
    const busySeconds = this.dc.hosts.map((_, h) => Array.from(busy.subarray(h * this.cpus, (h + 1) * this.cpus)));
    // RAPL power is affine in utilisation, so its integral is the same affine map of ∫u dt.
    const packageJoules = this.dc.hosts.map((host, h) => {
      const idle = raplWatts(host, 0).package;
      return idle * elapsedSeconds + (raplWatts(host, 1).package - idle) * hostU[h];
    });
    const dramJoules = this.dc.hosts.map((host, h) => {
      const idle = raplWatts(host, 0).dram;
      return idle * elapsedSeconds + (raplWatts(host, 1).dram - idle) * hostU[h];
    });
    return { elapsedSeconds, busySeconds, packageJoules, dramJoules };
  }

  private accumulate(t: number, seconds: number, busy: Float64Array, hostU: Float64Array): void {
    this.dc.hosts.forEach((host, h) => {
      // A powered-off host's counters stop (its exporters are gone with it).
      if (!poweredOn(host, t)) {
        return;
      }
      const u = utilisation(this.dc, host, t);
      hostU[h] += u * seconds;
      for (let c = 0; c < this.cpus; c++) {
        busy[h * this.cpus + c] += cpuBusy(host, u, c) * seconds;
      }
    });
  }
}

/** node_cpu_seconds_total for one CPU, by mode. */
export function cpuModeSeconds(elapsedSeconds: number, busySeconds: number): Array<[string, number]> {
  return [
    ['idle', Math.max(0, elapsedSeconds - busySeconds)],
    ...BUSY_MODES.map(([mode, share]): [string, number] => [mode, share * busySeconds]),
  ];
}
