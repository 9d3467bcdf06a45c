// Words for a region: how far from expected, which way, and when in the week (UTC), e.g.
// "value 38% above expected for Tue 14:00".

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function describeDeviation(actual: number, expected: number, t: number, noun = 'value'): string {
  const when = Number.isFinite(t) ? ` for ${weekTime(t)}` : '';
  const diff = actual - expected;
  if (diff === 0) {
    return `${noun} unusual at its expected level${when}`;
  }
  const direction = diff > 0 ? 'above' : 'below';
  const pct = (100 * Math.abs(diff)) / Math.abs(expected);
  if (Number.isFinite(pct) && pct < 10_000 && Math.abs(expected) > 1e-9 * Math.max(1, Math.abs(actual))) {
    return `${noun} ${formatPercent(pct)}% ${direction} expected${when}`;
  }
  // A percentage of (almost) zero means nothing: give the amount instead.
  return `${noun} ${formatNumber(Math.abs(diff))} ${direction} expected ${formatNumber(expected)}${when}`;
}

function weekTime(t: number): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) {
    return 'an unknown time';
  }
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${hh}:${mm}`;
}

function formatPercent(p: number): string {
  return p >= 10 ? String(Math.round(p)) : p >= 0.1 ? p.toFixed(1) : String(Number(p.toPrecision(1)));
}

function formatNumber(x: number): string {
  if (x === 0) {
    return '0';
  }
  const a = Math.abs(x);
  return a >= 1e6 || a < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}
