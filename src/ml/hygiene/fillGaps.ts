// Fills missing steps so that models which need a complete series can run.
// Gaps are bridged by a seasonal copy when a full season before is known, else by a straight line.
import { EcotiMlError } from '../types';
import { checkNumbers, show } from './checkInput';

/**
 * Returns a copy of `values` with every missing value (NaN, ±Infinity, or not a number) replaced.
 * Leading and trailing gaps take the nearest observed value. Returns null when nothing is observed.
 * `season`, a whole number of steps, lets long gaps copy the previous season's shape.
 */
export function fillGaps(values: Float64Array, season = 0): Float64Array | null {
  const n = checkNumbers(values);
  if (!(Number.isInteger(season) && season >= 0)) {
    throw new EcotiMlError('BAD_OPTION', `season must be a whole number of steps ≥ 0, got ${show(season)}.`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? v : NaN;
  }
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(out[i])) {
      first = i;
      break;
    }
  }
  if (first < 0) {
    return null;
  }
  for (let i = 0; i < first; i++) {
    out[i] = out[first];
  }
  let prev = first;
  for (let i = first + 1; i < n; i++) {
    if (Number.isNaN(out[i])) {
      continue;
    }
    const gap = i - prev - 1;
    if (gap > 0) {
      bridge(out, prev, i, season);
    }
    prev = i;
  }
  for (let i = prev + 1; i < n; i++) {
    out[i] = out[prev];
  }
  return out;
}

function bridge(out: Float64Array, a: number, b: number, season: number) {
  const gap = b - a - 1;
  // Long gaps: copy the shape of the previous season, shifted to join both ends.
  if (season > 1 && gap >= season / 4 && a - season + 1 >= 0 && !anyNaN(out, a - season + 1, b - season)) {
    const offA = out[a] - out[a - season];
    const offB = out[b] - out[b - season];
    let finite = true;
    for (let i = a + 1; i < b; i++) {
      const w = (i - a) / (b - a);
      out[i] = out[i - season] + (1 - w) * offA + w * offB;
      finite = finite && Number.isFinite(out[i]);
    }
    if (finite) {
      return;
    }
    // Values near ±1.8e308 overflowed in the offsets: a straight line cannot.
  }
  const va = out[a];
  const vb = out[b];
  for (let i = a + 1; i < b; i++) {
    const x = va + ((vb - va) * (i - a)) / (b - a);
    // Near ±1.8e308 the difference overflows; the weighted form cannot (and is used only then, so that
    // ordinary series keep their exact values).
    out[i] = Number.isFinite(x) ? x : va * (1 - (i - a) / (b - a)) + vb * ((i - a) / (b - a));
  }
}

function anyNaN(v: Float64Array, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i <= to && i < v.length; i++) {
    if (Number.isNaN(v[i])) {
      return true;
    }
  }
  return false;
}
