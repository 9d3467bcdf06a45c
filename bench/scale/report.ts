// What the scale bench measured, per K replicas and per replica, and the table it prints.

export interface ReplicaRow {
  replicas: number;
  shard: number;
  series: number;
  firstCycleSeconds: number;
  cpuSeconds: number;
  seriesPerSecond: number;
  seriesPerCpuSecond: number;
  fitSeconds: number;
  rssMiB: number;
  heapUsedMiB: number;
  rssBytesPerSeries: number;
  heapBytesPerSeries: number;
}

export interface ScaleRun {
  replicas: number;
  complete: boolean;
  wallSeconds: number;
  rows: ReplicaRow[];
  newSeriesFirstForecastSeconds?: number;
  pointsServed: number;
  /** The same engine with no series: subtracted from each replica's memory before dividing by its series. */
  emptyEngine?: { rssMiB: number; heapUsedMiB: number };
  prometheus?: {
    headSeries: number;
    rssMiB: number;
    bytesPerHeadSeries: number;
    samplesAccepted: number;
    pushSecondsPerReplica: number;
    samplesPerSecondPerReplica: number;
    failures: number;
  };
}

export function printScale(runs: ScaleRun[]): void {
  console.log(
    '\nscale: K engine replicas (processes, nice 10) over one synthetic fleet; first full cycle = fetch + fit'
  );
  console.log(
    'K  shard  series   cycle s  CPU s  series/s  series/CPU-s  fit s  RSS MiB  heap MiB  RSS B/series  heap B/series'
  );
  for (const run of runs) {
    for (const r of run.rows) {
      console.log(
        `${String(r.replicas).padEnd(3)}${String(r.shard).padEnd(7)}${String(r.series).padEnd(9)}${r.firstCycleSeconds.toFixed(0).padStart(7)}${r.cpuSeconds.toFixed(0).padStart(7)}${r.seriesPerSecond.toFixed(0).padStart(10)}${r.seriesPerCpuSecond.toFixed(0).padStart(14)}${r.fitSeconds.toFixed(0).padStart(7)}${r.rssMiB.toFixed(0).padStart(9)}${r.heapUsedMiB.toFixed(0).padStart(10)}${r.rssBytesPerSeries.toFixed(0).padStart(14)}${r.heapBytesPerSeries.toFixed(0).padStart(15)}`
      );
    }
    console.log(
      `K=${run.replicas}: ${run.complete ? 'complete' : 'NOT complete within the budget'}; new series forecast after ${run.newSeriesFirstForecastSeconds?.toFixed(1) ?? '—'} s; ${(run.pointsServed / 1e6).toFixed(1)} M points served; an engine without series: RSS ${run.emptyEngine?.rssMiB.toFixed(0) ?? '—'} MiB, heap ${run.emptyEngine?.heapUsedMiB.toFixed(0) ?? '—'} MiB`
    );
    if (run.prometheus) {
      const p = run.prometheus;
      console.log(
        `  receiving Prometheus: ${p.headSeries} head series, RSS ${p.rssMiB.toFixed(0)} MiB (${p.bytesPerHeadSeries.toFixed(0)} B/series); ${p.samplesAccepted} samples accepted, ${p.pushSecondsPerReplica.toFixed(1)} s pushing per replica (${p.samplesPerSecondPerReplica.toFixed(0)} samples/s), ${p.failures} failed requests`
      );
    }
  }
}
