// The `remoteWrite:` block of the engine's configuration: where and how often the engine pushes the series /metrics
// renders with the Prometheus remote-write protocol (to Mimir, Thanos receive, or a Prometheus receiver).
import { z } from 'zod';
import { basicAuthSchema } from '../credentialsSchema';
import { parseDuration } from '../duration';

/** A duration within bounds, the message naming the bound broken (as configSchema's durations do). */
function boundedDuration(min: string, max: string, why = '') {
  return z.string().superRefine((text, ctx) => {
    const v = parseDuration(text);
    if (v === undefined || v <= 0) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as 30s, 5m, 24h or 7d' });
    } else if (v < (parseDuration(min) as number)) {
      ctx.addIssue({ code: 'custom', message: `${text} is shorter than the minimum of ${min}${why}` });
    } else if (v > (parseDuration(max) as number)) {
      ctx.addIssue({ code: 'custom', message: `${text} is longer than the maximum of ${max}${why}` });
    }
  });
}

const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'not a Prometheus label name');

export const remoteWriteSchema = z
  .strictObject({
    /** The receiver's push endpoint, e.g. http://mimir/api/v1/push or http://prometheus:9090/api/v1/write. */
    url: z.url(),
    /**
     * Push this often; default schedule.update capped at 1m. At most 4m: a series without a sample for 5 min drops
     * out of instant queries (Prometheus' lookback), so alert rules would flap between pushes.
     */
    every: boundedDuration('1s', '4m', ' (series older than the 5-minute lookback drop out of queries)').optional(),
    /** Per HTTP request. */
    timeout: boundedDuration('1s', '5m').default('30s'),
    /** Attempts after a failed request (network, timeout, 5xx, 429), with exponential backoff from retryDelay. */
    retries: z.number().int().min(0).max(10).default(3),
    retryDelay: boundedDuration('10ms', '1m').default('1s'),
    /** Samples per request (Prometheus sends 2,000 by default; Mimir accepts bodies up to its distributor limit). */
    maxSamplesPerRequest: z.number().int().min(1).max(100_000).default(2_000),
    /** Sent with every request, e.g. X-Scope-OrgID for a Mimir tenant. */
    headers: z.record(z.string(), z.string()).default({}),
    bearerToken: z.string().min(1).optional(),
    /** A mounted secret, read at each push (a rotated token is picked up), whitespace trimmed. */
    bearerTokenFile: z.string().min(1).optional(),
    basic: basicAuthSchema.optional(),
    /**
     * Added to every series that lacks them, as a scrape adds its target's labels: `job` (default ecoti-engine) and
     * `instance` (default <hostname>:<listen.port>) keep the engine's own metrics of two replicas apart.
     */
    externalLabels: z.record(labelName, z.string()).default({}),
    /** Only metric families whose name matches this regular expression (whole name) are pushed; default all. */
    keep: z
      .string()
      .refine(
        (r) => {
          try {
            new RegExp(r);
            return true;
          } catch {
            return false;
          }
        },
        { message: 'not a valid regular expression' }
      )
      .optional(),
  })
  .refine((r) => [r.bearerToken, r.bearerTokenFile, r.basic].filter((x) => x !== undefined).length <= 1, {
    message: 'give at most one of bearerToken, bearerTokenFile and basic',
  });

export type RemoteWriteConfig = z.output<typeof remoteWriteSchema>;
