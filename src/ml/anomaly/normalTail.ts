// Upper-tail probability of a standard normal, accurate in the far tail, for turning z-scores into surprise.

/**
 * log10 of P(Z > x) for a standard normal Z. Uses the Numerical Recipes erfc approximation, whose relative
 * error stays below 1.2e-7 even far in the tail, so that x = 8 and x = 12 remain distinguishable.
 */
export function log10NormalTail(x: number): number {
  if (Number.isNaN(x)) {
    return 0;
  }
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const lnErfc =
    Math.log(t) -
    z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  // P(Z > x) = erfc(x/√2)/2 for x ≥ 0, 1 − that below.
  const lnTail = lnErfc - Math.LN2;
  if (x >= 0) {
    return lnTail / Math.LN10;
  }
  return Math.log10(1 - Math.exp(lnTail));
}
