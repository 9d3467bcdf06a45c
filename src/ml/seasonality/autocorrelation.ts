// Sample autocorrelation of a complete series at every lag up to maxLag, via FFT.
import { fft } from './fft';

export function autocorrelation(values: Float64Array, maxLag: number): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    mean += values[i];
  }
  mean /= n;
  let size = 1;
  while (size < 2 * n) {
    size <<= 1;
  }
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    re[i] = values[i] - mean;
  }
  fft(re, im);
  for (let i = 0; i < size; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  // Inverse FFT of a real, even power spectrum: conjugate trick, forward transform.
  fft(re, im);
  const lags = Math.min(maxLag, n - 1);
  const acf = new Float64Array(lags + 1);
  const c0 = re[0];
  for (let k = 0; k <= lags; k++) {
    acf[k] = c0 > 0 ? re[k] / c0 : 0;
  }
  return acf;
}
