// Deterministic noise as a pure function of (seed, stream, index): any instant can be computed alone,
// so the live exporter and the backfill writer agree on every value without sharing state.
import { fnv1a } from '../engine/labels';

/** A stable stream id per entity ("host-03/power"): the engine's 32-bit FNV-1a of its name. */
export function streamId(name: string): number {
  return fnv1a(name);
}

/** Uniform in [0, 1) from three integers (a murmur3-style finaliser over their mix). */
export function hashUniform(seed: number, stream: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ stream;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= Math.imul(index | 0, 0x27d4eb2f) ^ Math.floor(index / 4294967296);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Standard normal from two hashed uniforms (Box-Muller). */
export function hashGaussian(seed: number, stream: number, index: number): number {
  const u1 = Math.max(hashUniform(seed, stream, 2 * index), 1e-12);
  const u2 = hashUniform(seed, stream, 2 * index + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Smooth standard-normal noise: Gaussian knots every `scaleMs`, joined by a smoothstep and rescaled to unit
 * variance, so values drift over about `scaleMs` instead of jumping.
 */
export function smoothNoise(seed: number, stream: number, t: number, scaleMs: number): number {
  const x = t / scaleMs;
  const i = Math.floor(x);
  const f = x - i;
  const s = f * f * (3 - 2 * f);
  const a = hashGaussian(seed, stream, i);
  const b = hashGaussian(seed, stream, i + 1);
  return (a * (1 - s) + b * s) / Math.sqrt(1 - 2 * s + 2 * s * s);
}
