// `npm run bench`: every benchmark in one run; prints tables and writes bench/results/latest.json.
// Benchmarks are measurements, never pass/fail: the figures go into notes and the README.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { printForecastTable, runForecastBench, summarise } from './forecast/run';
import { measureForecastSpeed } from './forecast/speed';
import {
  nabCrossValidationJson,
  printNabCrossValidation,
  printNabTable,
  runNabBench,
  runNabCrossValidation,
} from './nab/run';
import { measureDataSource } from './datasource/queryToFrames';
import { measureStreamingMemory } from './anomaly/memory';
import { missingDataMessage, SHARED_DATASETS, sharedDataAvailable } from './datasets';
import { printDriverTables, runDriverBench } from './drivers/run';
import { measureDriverSpeed, printDriverSpeed } from './drivers/speed';
import { runFleetBench } from './fleet/run';
import { runScaleBench } from './scale/run';

const RESULTS_FILE = path.join(__dirname, 'results', 'latest.json');

/** One section of the last latest.json, so that a bench adding keys to it keeps the ones it does not write. */
function previousSection(key: string): object {
  if (!fs.existsSync(RESULTS_FILE)) {
    return {};
  }
  const section = (JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>)[key];
  return section !== null && typeof section === 'object' ? section : {};
}

async function main() {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  const results: Record<string, unknown> = {
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
  };
  if (want('forecast') && !sharedDataAvailable('ETT/ETTh1.csv')) {
    console.log(missingDataMessage('forecast bench skipped', `${SHARED_DATASETS}/ETT/ETTh1.csv`));
  } else if (want('forecast')) {
    const rows = await runForecastBench(['auto']);
    printForecastTable(rows);
    const speed = measureForecastSpeed();
    console.log(
      `\nforecast(auto), 720 points, horizon 168, warm: median ${speed.medianMs.toFixed(2)} ms wall (p90 ${speed.p90Ms.toFixed(2)}), ${speed.cpuMedianMs.toFixed(2)} ms CPU (p90 ${speed.cpuP90Ms.toFixed(2)})`
    );
    results.forecast = {
      protocol:
        "ETTh1 OT/HUFL and BioHPC cbsugpu05/06/07 hourly power (powerave), 20 origins over the last 40% (origins whose training window or week ahead is more than half missing dropped), 720 train, h 24/168; MASE vs the training window's seasonal naive (24), missing hours not scored",
      rows,
      summary: summarise(rows),
      speed,
    };
  }
  if (want('nab') && !sharedDataAvailable('NAB/labels/combined_windows.json')) {
    console.log(missingDataMessage('NAB bench skipped', `${SHARED_DATASETS}/NAB`));
  } else if (want('nab')) {
    const nab = await runNabBench();
    printNabTable(nab.rows);
    const memory = measureStreamingMemory();
    console.log(
      `streaming scorer memory: ${memory.bytesPerScorer1m.toFixed(0)} bytes per series at a 1-minute step, ${memory.bytesPerScorer5m.toFixed(0)} at 5 minutes`
    );
    const cv = runNabCrossValidation(undefined, undefined, (done, total) => {
      if (done % 100 === 0) {
        process.stderr.write(`NAB cross-validation: candidate ${done + 1} of ${total}\n`);
      }
    });
    printNabCrossValidation(cv);
    results.nab = {
      ...previousSection('nab'),
      ...(nab.json as object),
      streamingMemory: memory,
      crossValidation: nabCrossValidationJson(cv),
    };
  }
  if (want('drivers') && !sharedDataAvailable('BioHPC/cbsugpu07_usage_stats.txt')) {
    console.log(missingDataMessage('drivers bench skipped', `${SHARED_DATASETS}/BioHPC`));
  } else if (want('drivers')) {
    const drivers = runDriverBench();
    printDriverTables(drivers);
    const speed = measureDriverSpeed();
    printDriverSpeed(speed);
    results.drivers = {
      protocol:
        'BioHPC cbsugpu05/06/07 powerave, 20 origins over the last 40%, 720 h train, h 24/168; driver models given the horizon’s true drivers',
      ...drivers,
      speed,
    };
  }
  if (want('datasource')) {
    const ds = await measureDataSource();
    console.log(
      `\ndata source predict, ${ds.inline.series} series × ${ds.inline.pointsPerSeries} points → ${ds.inline.frames} frames (median of 3):`
    );
    console.log(
      `  inline, one thread: ${ds.inline.medianMs.toFixed(0)} ms; pool of ${ds.pool.workers} workers: ${ds.pool.medianMs.toFixed(0)} ms`
    );
    results.datasource = ds;
  }
  // The fleet model trains for minutes: only when asked for by name.
  if (only.includes('fleet')) {
    results.fleet = {
      protocol:
        'forecast bench origins (20 over the last 40%, 720 h train, h 24/168); fleet model trained per fleet on windows ending 360 h before each series’ first origin; simulator: demo site, 64 hosts, 90 days hourly',
      ...(await runFleetBench()),
    };
    // Its own file too: the README's fleet figures, apart from the other benches' runs.
    fs.writeFileSync(path.join(__dirname, 'results', 'fleet.json'), `${JSON.stringify(results.fleet, null, 2)}\n`);
  }
  // K engine processes over 100,000 series and a real Prometheus, for minutes: only when asked for by name.
  if (only.includes('scale')) {
    results.scale = await runScaleBench();
  }
  if (want('engine') && fs.existsSync(path.join(__dirname, 'engine.ts'))) {
    // The engine's own bench (refits per second on one core, memory per series).
    const engine = await import(path.join(__dirname, 'engine'));
    results.engine = await (engine as { runEngineBench: () => Promise<unknown> }).runEngineBench();
  }
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  // A run of some benchmarks keeps the others' last figures: the file is merged, key by key.
  const file = path.join(dir, 'latest.json');
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  // Worker threads of the data source bench must not keep the process alive.
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
