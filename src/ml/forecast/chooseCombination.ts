// auto's choice among backtested candidates: the subset of up to `maxEnsemble` whose averaged forecast erred
// least over the weighted origins, with honest (leave-one-origin-out) errors for calibrating its band.

export interface CombinationOptions {
  /** Most members of an ensemble. */
  maxEnsemble: number;
  /** Ensembles are formed from this many best single candidates. */
  shortlist: number;
  /** Per origin, the factor its summed absolute error is multiplied by (recency weight / scale). */
  originWeights: Float64Array;
}

export interface Combination {
  /** Indices of the chosen candidates. */
  members: number[];
  /** Forecast − actual at each backtest point, [origin][step], from the subset chosen without that origin. */
  honestErrors: Float64Array;
}

/**
 * Every candidate is scored alone; ensembles of up to `maxEnsemble` are then searched among the `shortlist`
 * best, which a subset of worse candidates cannot beat often enough to pay for searching them (the search grows
 * as the cube of the candidates). The errors returned for calibration are honest: at each origin they come from
 * the subset that would have been chosen without that origin, so the band does not inherit the selection's
 * optimism.
 */
export function chooseCombination(
  forecasts: Float64Array[],
  actuals: Float64Array,
  steps: number,
  options: CombinationOptions
): Combination {
  const origins = actuals.length / steps;
  const weights = options.originWeights;
  const singles = forecasts.map((f) => originErrors(f, actuals, steps));
  const singleTotal = singles.map((e) => weighted(e, weights));
  const shortlist = Array.from(forecasts.keys())
    .sort((a, b) => singleTotal[a] - singleTotal[b] || a - b)
    .slice(0, Math.max(1, options.shortlist))
    .sort((a, b) => a - b);
  const subsets: number[][] = [];
  const visit = (members: number[], from: number) => {
    if (members.length > 0) {
      subsets.push([...members]);
    }
    if (members.length < options.maxEnsemble) {
      for (let i = from; i < shortlist.length; i++) {
        visit([...members, shortlist[i]], i + 1);
      }
    }
  };
  visit([], 0);
  const scratch = new Float64Array(actuals.length);
  // perOrigin[s * origins + o]: weighted absolute error of subset s at origin o.
  const perOrigin = new Float64Array(subsets.length * origins);
  const totals = new Float64Array(subsets.length);
  subsets.forEach((members, s) => {
    const e =
      members.length === 1 ? singles[members[0]] : originErrors(combine(forecasts, members, scratch), actuals, steps);
    for (let o = 0; o < origins; o++) {
      perOrigin[s * origins + o] = e[o] * weights[o];
      totals[s] += perOrigin[s * origins + o];
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
    const c = combine(forecasts, subsets[s], scratch);
    for (let h = 0; h < steps; h++) {
      honestErrors[o * steps + h] = c[o * steps + h] - actuals[o * steps + h];
    }
  }
  return { members: subsets[chosen], honestErrors };
}

/** The mean of the members' forecasts, written into `out`. */
function combine(forecasts: Float64Array[], members: number[], out: Float64Array): Float64Array {
  out.set(forecasts[members[0]]);
  for (let m = 1; m < members.length; m++) {
    const f = forecasts[members[m]];
    for (let i = 0; i < out.length; i++) {
      out[i] += f[i];
    }
  }
  if (members.length > 1) {
    for (let i = 0; i < out.length; i++) {
      out[i] /= members.length;
    }
  }
  return out;
}

/** Summed absolute error at each origin. */
function originErrors(forecast: Float64Array, actuals: Float64Array, steps: number): Float64Array {
  const origins = actuals.length / steps;
  const out = new Float64Array(origins);
  for (let o = 0; o < origins; o++) {
    let e = 0;
    for (let h = o * steps; h < (o + 1) * steps; h++) {
      e += Math.abs(forecast[h] - actuals[h]);
    }
    out[o] = e;
  }
  return out;
}

function weighted(errors: Float64Array, weights: Float64Array): number {
  let s = 0;
  for (let o = 0; o < errors.length; o++) {
    s += errors[o] * weights[o];
  }
  return s;
}
