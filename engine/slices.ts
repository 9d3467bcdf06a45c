// Loops over every series of a target cut into slices of a few milliseconds, handing the event loop back in
// between, so that scrapes and probes are answered while an insight is being computed.

/** Longest stretch of work between two yields; well under the /healthz latency goal (100 ms at p99). */
export const SLICE_MS = 10;

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Array.map over `items`, yielding to the event loop whenever a slice has run for `sliceMs`. */
export async function mapInSlices<T, R>(items: readonly T[], f: (item: T) => R, sliceMs = SLICE_MS): Promise<R[]> {
  const out: R[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    out.push(f(item));
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return out;
}
