// How fast the engine's level correction should fade over the forecast ahead (engine/series.ts
// LEVEL_HALF_LIFE_MS), chosen leave-one-corpus-out. Per series, 40 origins: the engine's path (auto trained on the
// window minus its last hour, that hour replayed as level corrections, α = 0.2, lone outliers clipped at 4 σ),
// then the day ahead scored with the correction halved every `h` hours, as MAE relative to no fading.
// Corpora: ETTh1's seven columns and three BioHPC servers (hourly, 14-day windows) and the demo simulator's four
// racks (5-minute steps, 14-day windows over its 45-day history). Each fold picks the half-life with the lowest
// mean ratio on two corpora and reports the third.
//   node --import tsx bench/forecast/levelFade.ts
import { loadBiohpcPower, loadEtth1 } from './protocol';
import { missingDataMessage, sharedDataAvailable, SHARED_DATASETS } from '../datasets';
import { forecast } from '../../src/ml';
import { loadScenario } from '../../simulator/loadScenario';
import { buildDatacenter, pduPower } from '../../simulator/model';

const HALF_LIVES_H = [Infinity, 24, 12, 6, 3, 1];
const ALPHA = 0.2;
const CLIP_SIGMA = 4;
const Z95 = 1.96;
const ORIGINS = 40;

interface Case {
  corpus: string;
  name: string;
  values: number[];
  timestamps: number[];
  stepH: number;
}

/** Mean day-ahead MAE per half-life over the case's origins, relative to no fading. */
function ratios(c: Case): number[] | null {
  const train = Math.round((14 * 24) / c.stepH);
  const horizon = Math.round(24 / c.stepH);
  const replay = Math.max(12, Math.round(1 / c.stepH));
  const n = c.values.length;
  const errors = HALF_LIVES_H.map(() => 0);
  let scored = 0;
  for (let k = 0; k < ORIGINS; k++) {
    const o = Math.round(train + (k * (n - horizon - train)) / (ORIGINS - 1));
    const window = c.values.slice(o - train, o);
    const ahead = c.values.slice(o, o + horizon);
    if (![...window, ...ahead].every(Number.isFinite)) {
      continue;
    }
    const f = forecast(
      { timestamps: c.timestamps.slice(o - train, o - replay), values: window.slice(0, train - replay) },
      { horizon: horizon + replay }
    );
    let offset = 0;
    for (let i = 0; i < replay; i++) {
      const sigma = Math.max((f.upper[i] - f.lower[i]) / (2 * Z95), 1e-9);
      const r = window[train - replay + i] - (f.mean[i] + offset);
      const limit = CLIP_SIGMA * sigma;
      offset += ALPHA * (Math.abs(r) > limit ? Math.sign(r) * limit : r);
    }
    HALF_LIVES_H.forEach((hl, j) => {
      let e = 0;
      for (let h = 0; h < horizon; h++) {
        const fade = Number.isFinite(hl) ? 0.5 ** (((h + 1) * c.stepH) / hl) : 1;
        e += Math.abs(ahead[h] - (f.mean[replay + h] + offset * fade));
      }
      errors[j] += e / horizon;
    });
    scored++;
  }
  return scored ? errors.map((e) => e / errors[0]) : null;
}

function simulatorRacks(): Case[] {
  const now = Date.UTC(2026, 10, 30, 21);
  const dc = buildDatacenter(loadScenario({ demo: true }, now, 45));
  const stepMs = 300_000;
  return dc.racks.map((rack) => {
    const timestamps: number[] = [];
    const values: number[] = [];
    // The backfilled history only: the live schedule of incidents starts at `now`.
    for (let t = now - 44 * 86_400_000; t <= now - 2 * 86_400_000; t += stepMs) {
      const p = pduPower(dc, rack, t);
      timestamps.push(t);
      values.push(p.a + p.b);
    }
    return { corpus: 'simulator', name: rack.name, timestamps, values, stepH: stepMs / 3_600_000 };
  });
}

function main() {
  if (!sharedDataAvailable('ETT/ETTh1.csv')) {
    console.log(missingDataMessage('level fade bench skipped', `${SHARED_DATASETS}/ETT/ETTh1.csv`));
    return;
  }
  const hourly = [...loadEtth1(['OT', 'HUFL', 'HULL', 'MUFL', 'MULL', 'LUFL', 'LULL']), ...loadBiohpcPower()];
  const cases: Case[] = [
    ...hourly.map((c) => ({
      corpus: c.corpus,
      name: c.name,
      timestamps: Array.from(c.timestamps),
      values: Array.from(c.values),
      stepH: 1,
    })),
    ...simulatorRacks(),
  ];
  const rows = cases.flatMap((c) => {
    const r = ratios(c);
    return r ? [{ corpus: c.corpus, name: c.name, r }] : [];
  });
  console.log(`half-life (h):           ${HALF_LIVES_H.map((h) => String(h).padStart(8)).join('')}`);
  for (const row of rows) {
    console.log(`${`${row.corpus} ${row.name}`.padEnd(24)} ${row.r.map((x) => x.toFixed(3).padStart(8)).join('')}`);
  }
  const mean = (rs: typeof rows, j: number) => rs.reduce((a, x) => a + x.r[j], 0) / rs.length;
  for (const held of [...new Set(rows.map((x) => x.corpus))]) {
    const train = rows.filter((x) => x.corpus !== held);
    const test = rows.filter((x) => x.corpus === held);
    const best = HALF_LIVES_H.map((_, j) => j).reduce((a, j) => (mean(train, j) < mean(train, a) ? j : a), 0);
    console.log(
      `held out ${held}: chosen ${HALF_LIVES_H[best]} h on the others (${mean(train, best).toFixed(3)}), ` +
        `${mean(test, best).toFixed(3)} on ${held}`
    );
  }
}

main();
