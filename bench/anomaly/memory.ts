// Memory held by one streaming anomaly scorer after a week of points (what the engine keeps per
// series), measured from the heap with many scorers alive at once.
import { StreamingAnomalyScorer } from '../../src/ml';

function bytesPerScorer(stepMs: number, count: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const scorers: StreamingAnomalyScorer[] = [];
  const points = Math.round((7 * 86_400_000) / stepMs);
  for (let s = 0; s < count; s++) {
    const scorer = new StreamingAnomalyScorer();
    for (let i = 0; i < points; i++) {
      scorer.push(i * stepMs, 100 + 10 * Math.sin((2 * Math.PI * i * stepMs) / 86_400_000) + (i % 7));
    }
    scorers.push(scorer);
  }
  gc?.();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  return scorers.length ? (after - before) / scorers.length : 0;
}

export function measureStreamingMemory() {
  return { bytesPerScorer1m: bytesPerScorer(60_000, 50), bytesPerScorer5m: bytesPerScorer(300_000, 200) };
}

if (require.main === module) {
  const m = measureStreamingMemory();
  console.log(
    `streaming scorer: ${m.bytesPerScorer1m.toFixed(0)} B/series at 1 min, ${m.bytesPerScorer5m.toFixed(0)} B/series at 5 min`
  );
}
