// Running mean absolute error of a model, robust to lone outliers, as the scale that residuals are measured in.

/** Errors beyond this many current scales are clipped, so one spike does not blind the detector. */
const CLIP = 5;
/** Observations before clipping starts (the scale is not known yet). */
const UNCLIPPED = 20;

export class ErrorScale {
  mean = 0;
  count = 0;

  constructor(private readonly alpha: number) {}

  /** A plain running mean at first (1/n), then exponential forgetting at `alpha`. */
  update(absError: number): void {
    this.count++;
    const a = Math.max(this.alpha, 1 / this.count);
    const e = this.count > UNCLIPPED ? Math.min(absError, CLIP * this.mean) : absError;
    this.mean += a * (e - this.mean);
  }
}
