// The `fleet:` block of the engine's configuration: whether a model is trained across each target's series,
// how often, and the bounds on its training. Off by default (see README, Fleet model, for the figures).
import { z } from 'zod';
import { parseDuration } from '../duration';

const durationText = (min: number, max: number, example: string) =>
  z.string().superRefine((text, ctx) => {
    const v = parseDuration(text);
    if (v === undefined || v < min || v > max) {
      ctx.addIssue({ code: 'custom', message: `expected a duration such as ${example}, within its bounds` });
    }
  });

export const fleetSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    /** Retrain each target's model this often, warm-started from the last weights. */
    retrain: durationText(60_000, 30 * 86_400_000, '24h').default('24h'),
    /** Hours of hourly means the model reads; a series needs twice this plus the forecast length of history. */
    inputHours: z
      .number()
      .int()
      .min(24)
      .max(24 * 28)
      .default(168),
    hidden: z.number().int().min(4).max(1024).default(64),
    /** Windows sampled per retrain, whatever the number of series: bounds time and memory. */
    maxWindows: z.number().int().positive().max(1_000_000).default(20_000),
    maxEpochs: z.number().int().positive().max(1000).default(20),
    /** Wall-clock budget of one retrain; it stops after the epoch that passes it. */
    budget: durationText(1_000, 3_600_000, '5m').default('5m'),
    /** Heap limit of the training worker thread, MiB (the worker stops with an error beyond it). */
    maxHeapMiB: z.number().int().min(64).max(16_384).default(512),
  })
  .prefault({});

export type FleetConfig = z.output<typeof fleetSchema>;
