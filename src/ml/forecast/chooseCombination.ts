// auto's choice among backtested candidates: the subset of up to three whose averaged forecast erred least,
// with honest (leave-one-origin-out) errors for calibrating its band.

/** Most models in an `auto` ensemble. */
const MAX_ENSEMBLE = 3;

/**
 * Searches all subsets of up to MAX_ENSEMBLE candidates for the lowest backtest error of their mean.
 * The errors returned for calibration are honest: at each origin they come from the subset that
 * would have been chosen without that origin, so the band does not inherit the selection's optimism.
 */
export function chooseCombination(forecasts: Float64Array[], actuals: Float64Array, steps: number) {
  const subsets: number[][] = [];
  const visit = (members: number[], from: number) => {
    if (members.length > 0) {
      subsets.push([...members]);
    }
    if (members.length < MAX_ENSEMBLE) {
      for (let i = from; i < forecasts.length; i++) {
        visit([...members, i], i + 1);
      }
    }
  };
  visit([], 0);
  const origins = actuals.length / steps;
  const scratch = new Float64Array(actuals.length);
  const combine = (members: number[], out: Float64Array) => {
    out.fill(0);
    for (const m of members) {
      const f = forecasts[m];
      for (let i = 0; i < out.length; i++) {
        out[i] += f[i];
      }
    }
    for (let i = 0; i < out.length; i++) {
      out[i] /= members.length;
    }
    return out;
  };
  // perOrigin[s * origins + o]: absolute error of subset s summed over origin o's steps.
  const perOrigin = new Float64Array(subsets.length * origins);
  const totals = new Float64Array(subsets.length);
  subsets.forEach((members, s) => {
    const c = combine(members, scratch);
    for (let o = 0; o < origins; o++) {
      let e = 0;
      for (let h = 0; h < steps; h++) {
        e += Math.abs(c[o * steps + h] - actuals[o * steps + h]);
      }
      perOrigin[s * origins + o] = e;
      totals[s] += e;
    }
  });
  const argmin = (score: (s: number) => number) => {
    let best = 0;
    for (let s = 1; s < subsets.length; s++) {
      if (score(s) < score(best)) {
        best = s;
      }
    }
    return best;
  };
  const chosen = argmin((s) => totals[s]);
  const honestErrors = new Float64Array(actuals.length);
  for (let o = 0; o < origins; o++) {
    const s = origins > 1 ? argmin((k) => totals[k] - perOrigin[k * origins + o]) : chosen;
    const c = combine(subsets[s], scratch);
    for (let h = 0; h < steps; h++) {
      honestErrors[o * steps + h] = c[o * steps + h] - actuals[o * steps + h];
    }
  }
  return { members: subsets[chosen], honestErrors };
}
