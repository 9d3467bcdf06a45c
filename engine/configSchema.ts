// The engine configuration's schema: every setting, its default and its bounds, in one place (the loading,
// error formatting and resolution live in config.ts). Long because it is the one typed schema STYLE.md asks for.
import { z } from 'zod';
import { DEFAULT_HOST_LABELS, forecastMethodProblem, MAX_FORECAST_HORIZON } from './ml';
import { TARGET_KINDS, type TargetKind } from '../src/shared/predictedAlertContract';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { formatDuration, parseDuration } from './duration';
import { chooseStep, forecastPathSteps, replaySteps } from './schedule';
import { fleetSchema } from './fleet/fleetConfig';
import { remoteWriteSchema } from './remoteWrite/remoteWriteConfig';
import { basicAuthSchema } from './credentialsSchema';

/**
 * Bounds of every duration setting, with why: below them the engine hammers Prometheus or refits for nothing;
 * above them a timer would overflow (setTimeout holds at most 2^31−1 ms, about 24.8 days) or the setting stops
 * making sense. Documented in engine/config.example.yaml.
 */
export const DURATION_BOUNDS = {
  'prometheus.timeout': { min: '1s', max: '10m' },
  'prometheus.retryDelay': { min: '10ms', max: '1m' },
  'schedule.update': { min: '5s', max: '24h', why: 'every update queries Prometheus once per target' },
  'schedule.refit': { min: '1m', max: '7d' },
  'schedule.reselect': { min: '1m', max: '30d' },
  'schedule.maxBackoff': { min: '1s', max: '24h' },
  'schedule.staleAfter': { min: '5s', max: '7d' },
  'training.window': { min: '1h', max: '1y' },
  'training.step': { min: '1s', max: '1d' },
  horizon: { min: '1m', max: '1y', why: 'and within what the ML core forecasts at the step' },
  'recommendations.every': { min: '1m', max: '7d' },
  'discovery.dropAfter': { min: '10s', max: '30d', why: 'raised at run time to two steps plus one update' },
  'grafana.every': { min: '1s', max: '24h' },
  'grafana.timeout': { min: '1s', max: '5m' },
} as const;

/** A duration such as 5m, within the bounds of `setting`, with a message that says which bound and why. */
function duration(setting: keyof typeof DURATION_BOUNDS) {
  const bounds: { min: string; max: string; why?: string } = DURATION_BOUNDS[setting];
  const why = bounds.why ? ` (${bounds.why})` : '';
  return z.string().superRefine((text, ctx) => {
    const v = parseDuration(text);
    if (v === undefined || v <= 0) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as 30s, 5m, 24h or 7d' });
    } else if (v < ms(bounds.min)) {
      ctx.addIssue({ code: 'custom', message: `${text} is shorter than the minimum of ${bounds.min}${why}` });
    } else if (v > ms(bounds.max)) {
      ctx.addIssue({ code: 'custom', message: `${text} is longer than the maximum of ${bounds.max}${why}` });
    }
  });
}

/** A forecast method forecast() accepts: auto, a model name or ensemble(a+b). */
const forecastMethod = z.string().superRefine((method, ctx) => {
  const problem = forecastMethodProblem(method);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
  }
});

/** A label value and metric-friendly name: it ends up in `target="…"` and in API paths. */
export const targetName = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'use letters, digits and _ (it becomes a label value and a URL parameter)');
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'not a Prometheus label name');

/** Directions a threshold is crossed in: above (capacity, temperature) or below (a floor). */
export const thresholdDirection = z.enum(['above', 'below']).default('above');

/**
 * A threshold per series read from Prometheus (a capacity metric, a recording rule): each update the engine runs
 * `promql` as an instant query and gives each forecast series the value of the result series whose `match`
 * labels carry the same values (no `match`: the query must return one series, used for all). Or, by a label
 * convention, the number in the series' own `label` (e.g. capacity_watts="4600").
 */
const thresholdFromSchema = z
  .strictObject({
    promql: z.string().min(1).optional(),
    match: z.array(labelName).default([]),
    label: labelName.optional(),
    direction: thresholdDirection,
  })
  .refine((t) => (t.promql === undefined) !== (t.label === undefined), {
    message: 'give promql (a capacity query) or label (a label on each series holding its threshold), not both',
  });

/** One target's fields, checked alone (the cross-field checks are in targetProblems). Also reads Grafana rules. */
export const targetSchema = z.strictObject({
  name: targetName,
  /** Returns one or more series; each series is forecast on its own. */
  promql: z.string().min(1),
  /** power: watts. energy_counter_*: a cumulative counter, turned into watts per step. utilisation: 0–1. temperature: °C. */
  kind: z.enum(TARGET_KINDS),
  /** Forecast horizons exported as `horizon="…"`; the longest sets the forecast length. */
  horizons: z.array(duration('horizon')).min(1).default(['1h', '24h']),
  anomaly: z.boolean().default(true),
  /** ecoti_time_to_threshold_seconds: time until the forecast crosses this value (in the forecast's unit). */
  threshold: z.strictObject({ value: z.number(), direction: thresholdDirection }).optional(),
  /** Or a threshold per series from a Prometheus query (a capacity metric); see thresholdFromSchema. */
  thresholdFrom: thresholdFromSchema.optional(),
  /** Monthly energy budget per series, kWh; only for power and energy-counter targets. */
  budget: z.strictObject({ kWhPerMonth: z.number().positive() }).optional(),
  /** Labels hashed to split series across engine replicas (`--shard i/n`); default: all of the series' labels. */
  shardKey: z.array(labelName).optional(),
  /**
   * Who splits the series between replicas. engine: every replica queries them all and keeps those whose
   * shardKey hash falls in its shard. query: the PromQL already asks for this replica's share (a label Prometheus
   * adds with a hashmod relabel, selected with ${ECOTI_SHARD_INDEX}), so each keeps all it gets and Prometheus
   * serves each replica only its share.
   */
  shardBy: z.enum(['engine', 'query']).default('engine'),
  /** it: the series measure IT equipment (PUE applies for facility energy and emissions); facility: already the whole site. */
  scope: z.enum(['it', 'facility']).default('it'),
  /** Overrides of the training settings for this target. */
  step: duration('training.step').optional(),
  window: duration('training.window').optional(),
  method: forecastMethod.optional(),
});

const tariffSchema = z.strictObject({
  peakPricePerKWh: z.number().nonnegative().default(DEFAULT_SETTINGS.tariff.peakPricePerKWh),
  offPeakPricePerKWh: z.number().nonnegative().default(DEFAULT_SETTINGS.tariff.offPeakPricePerKWh),
  peakStartHour: z.number().int().min(0).max(23).default(DEFAULT_SETTINGS.tariff.peakStartHour),
  peakEndHour: z.number().int().min(0).max(24).default(DEFAULT_SETTINGS.tariff.peakEndHour),
  peakWeekdaysOnly: z.boolean().default(DEFAULT_SETTINGS.tariff.peakWeekdaysOnly),
});

/**
 * HTTP authentication of the engine: one bearer token or one basic-auth user, each given inline (typically
 * `${ENV_VAR}`) or as a file (a mounted secret; trailing whitespace trimmed, as Prometheus does). Strict, so a
 * misspelt key cannot silently leave the engine open.
 */
const listenAuthSchema = z
  .strictObject({
    bearerToken: z.string().min(1).optional(),
    bearerTokenFile: z.string().min(1).optional(),
    basic: basicAuthSchema.optional(),
  })
  .refine((a) => [a.bearerToken, a.bearerTokenFile, a.basic].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of bearerToken, bearerTokenFile and basic',
  });

/**
 * Grafana whose alert rules labelled ecoti_managed="true" become targets (engine/ruleTargets.ts): polled every
 * `every` at GET /api/v1/provisioning/alert-rules with a service account token or a basic-auth user.
 */
const grafanaSchema = z
  .strictObject({
    url: z.url(),
    bearerToken: z.string().min(1).optional(),
    bearerTokenFile: z.string().min(1).optional(),
    basic: basicAuthSchema.optional(),
    every: duration('grafana.every').default('1m'),
    timeout: duration('grafana.timeout').default('10s'),
  })
  .refine((g) => [g.bearerToken, g.bearerTokenFile, g.basic].filter((x) => x !== undefined).length <= 1, {
    message: 'give at most one of bearerToken, bearerTokenFile and basic',
  });

export const configSchema = z
  .strictObject({
    prometheus: z
      .strictObject({
        url: z.url().default('http://localhost:9090'),
        /** Per HTTP request. */
        timeout: duration('prometheus.timeout').default('30s'),
        /** Extra attempts of a failed request within one cycle, with exponential backoff from `retryDelay`. */
        retries: z.number().int().min(0).max(10).default(2),
        retryDelay: duration('prometheus.retryDelay').default('1s'),
        /** Sent with every request (e.g. Authorization, X-Scope-OrgID for Mimir). */
        headers: z.record(z.string(), z.string()).default({}),
      })
      .prefault({}),
    listen: z
      .object({
        /** Loopback unless chosen: listening on every interface (0.0.0.0) is a decision, ideally with `auth`. */
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(9464),
        /** Credentials required for /metrics and the API (/healthz and /readyz stay open for probes). */
        auth: listenAuthSchema.optional(),
      })
      .prefault({}),
    /** Fitted state is persisted here (one versioned file per target) so a restart serves forecasts at once. */
    stateDir: z.string().default('./.ecoti-engine-state'),
    schedule: z
      .strictObject({
        /** Fetch new points, update anomaly scores and correct forecast levels this often. */
        update: duration('schedule.update').default('1m'),
        /** Refit each series' model this often. */
        refit: duration('schedule.refit').default('1h'),
        /** Re-run the model choice (`auto`) at least this often; refits in between reuse the chosen model. */
        reselect: duration('schedule.reselect').default('24h'),
        /** After failed cycles, wait at most this long before trying again. */
        maxBackoff: duration('schedule.maxBackoff').default('5m'),
        /** Forecasts not refreshed for this long are marked stale (they are also stale as soon as a refresh fails). */
        staleAfter: duration('schedule.staleAfter').default('5m'),
      })
      .prefault({}),
    training: z
      .strictObject({
        window: duration('training.window').default(DEFAULT_SETTINGS.trainingWindow),
        step: duration('training.step').default('5m'),
        /** Prediction interval level of lower/upper. */
        level: z.number().gt(0).lt(1).default(0.95),
        method: forecastMethod.default('auto'),
        /**
         * Series beyond this many per target are skipped (counted as errors of kind too_many_series; the gauge
         * ecoti_engine_series_capped says how many are left out now).
         */
        maxSeriesPerTarget: z.number().int().positive().default(20_000),
      })
      .prefault({}),
    /** A target is a selector: every series its query returns is forecast, new ones found at each update. */
    discovery: z
      .strictObject({
        /**
         * A series with no sample for this long is dropped (its exported series vanish, its state is pruned); at
         * least two steps plus one update at run time. When it comes back it is found again with its history.
         */
        dropAfter: duration('discovery.dropAfter').default('1h'),
      })
      .prefault({}),
    /** No or an empty url (an unset `${ECOTI_GRAFANA_URL:-}`) turns it off: one file with and without Grafana. */
    grafana: z.preprocess(
      (g) =>
        typeof g === 'object' && g !== null && [undefined, null, ''].includes((g as { url?: string }).url)
          ? undefined
          : g,
      grafanaSchema.optional()
    ),
    /** Push the series /metrics renders to a remote-write receiver (engine/remoteWrite; README, Running N replicas). */
    remoteWrite: remoteWriteSchema.optional(),
    /** One model trained across each target's series, competing in auto's backtest (engine/fleet; README). */
    fleet: fleetSchema,
    site: z
      .strictObject({
        pue: z.number().min(1).default(DEFAULT_SETTINGS.pue),
        /** gCO2e per kWh. */
        carbonIntensity: z.number().nonnegative().default(DEFAULT_SETTINGS.carbonIntensity),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'ISO 4217 code such as BRL')
          .default(DEFAULT_SETTINGS.currency),
        timeZone: z.string().default(DEFAULT_SETTINGS.timeZone),
        tariff: tariffSchema.prefault({}),
      })
      .prefault({}),
    /** May be empty when `grafana` is set: its managed rules are then the targets. */
    targets: z.array(targetSchema).default([]),
    /**
     * Which targets feed the recommendation rules (src/ml/recommendations). Hosts are matched across the cpu,
     * power and inlet targets by the first of `hostLabels` a series carries, its :port stripped (the ML core's
     * rule, the data source's too). Leave a role out and the rules that need it find nothing.
     */
    recommendations: z
      .strictObject({
        every: duration('recommendations.every').default('1h'),
        hostLabels: z.array(labelName).min(1).optional(),
        /** Older spelling of `hostLabels: [name]`. */
        hostLabel: labelName.optional(),
        cpuTarget: targetName.optional(),
        powerTarget: targetName.optional(),
        inletTemperatureTarget: targetName.optional(),
        facilityPowerTarget: targetName.optional(),
        itPowerTarget: targetName.optional(),
      })
      .refine((r) => !(r.hostLabels && r.hostLabel), {
        path: ['hostLabel'],
        message: 'give hostLabels, or its older spelling hostLabel, not both',
      })
      .transform(({ hostLabel, hostLabels, ...roles }) => ({
        ...roles,
        hostLabels: hostLabels ?? (hostLabel ? [hostLabel] : [...DEFAULT_HOST_LABELS]),
      }))
      .prefault({}),
  })
  .superRefine((c, ctx) => {
    if (c.targets.length === 0 && !c.grafana) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'configure at least one target (or grafana)' });
    }
    const seen = new Set<string>();
    c.targets.forEach((t, i) => {
      if (seen.has(t.name)) {
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'name'], message: `duplicate target name "${t.name}"` });
      }
      seen.add(t.name);
      targetProblems(t, c, (path, message) => ctx.addIssue({ code: 'custom', path: ['targets', i, ...path], message }));
    });
    const kinds = new Map(c.targets.map((t) => [t.name, t.kind]));
    const roles: Array<[keyof EngineConfigRoles, (k: TargetKind) => boolean, string]> = [
      ['cpuTarget', (k) => k === 'utilisation', 'a utilisation target'],
      ['powerTarget', isEnergyKind, 'a power or energy counter target'],
      ['inletTemperatureTarget', (k) => k === 'temperature', 'a temperature target'],
      ['facilityPowerTarget', isEnergyKind, 'a power or energy counter target'],
      ['itPowerTarget', isEnergyKind, 'a power or energy counter target'],
    ];
    for (const [role, fits, what] of roles) {
      const name = c.recommendations[role];
      if (name === undefined) {
        continue;
      }
      const kind = kinds.get(name);
      if (!kind) {
        ctx.addIssue({ code: 'custom', path: ['recommendations', role], message: `no target named "${name}"` });
      } else if (!fits(kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['recommendations', role],
          message: `"${name}" is ${kind}; ${role} needs ${what}`,
        });
      }
    }
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: c.site.timeZone });
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['site', 'timeZone'],
        message: `unknown IANA time zone "${c.site.timeZone}"`,
      });
    }
    if (ms(c.schedule.staleAfter) < ms(c.schedule.update)) {
      ctx.addIssue({
        code: 'custom',
        path: ['schedule', 'staleAfter'],
        message: `${c.schedule.staleAfter} is shorter than schedule.update (${c.schedule.update}): every target would turn stale between two updates`,
      });
    }
    if (c.site.tariff.peakEndHour <= c.site.tariff.peakStartHour) {
      ctx.addIssue({
        code: 'custom',
        path: ['site', 'tariff', 'peakEndHour'],
        message: 'the peak window must end after it starts',
      });
    }
  });

export type TargetInput = z.input<typeof targetSchema>;
export type TargetFields = z.output<typeof targetSchema>;
/** The settings a target's checks read from the rest of the configuration. */
export type TargetContext = { schedule: { refit: string; update: string }; training: { step: string; window: string } };

/** What is wrong with a target beyond its own fields' shapes: forecast length, budget and threshold sources. */
export function targetProblems(
  t: TargetFields,
  c: TargetContext,
  issue: (path: Array<string | number>, message: string) => void
): void {
  checkForecastLength(t, c, issue);
  if (t.budget && !isEnergyKind(t.kind)) {
    issue(['budget'], `a kWh budget needs a power or energy counter target, not ${t.kind}`);
  }
  if (t.threshold && t.thresholdFrom) {
    issue(['thresholdFrom'], 'give threshold (one value) or thresholdFrom (per series from Prometheus), not both');
  }
}

/**
 * The ML core forecasts at most MAX_FORECAST_HORIZON steps; the engine asks for the longest horizon plus the
 * time to the next refit, plus the replayed hour, at the effective step. Refused here rather than at every fit.
 */
function checkForecastLength(
  t: TargetFields,
  c: TargetContext,
  issue: (path: Array<string | number>, message: string) => void
): void {
  const stepText = t.step ?? c.training.step;
  const windowMs = ms(t.window ?? c.training.window);
  const stepMs = chooseStep(windowMs, ms(stepText));
  if (windowMs < 12 * stepMs) {
    issue(
      [t.window ? 'window' : 'step'],
      `a ${t.window ?? c.training.window} training window holds fewer than 12 steps of ${stepText}; use a longer window or a finer step`
    );
  }
  const longest = Math.max(...t.horizons.map(ms));
  const steps = forecastPathSteps(longest, ms(c.schedule.refit), ms(c.schedule.update), stepMs) + replaySteps(stepMs);
  if (steps > MAX_FORECAST_HORIZON) {
    const h = t.horizons.find((x) => ms(x) === longest) as string;
    issue(
      ['horizons', t.horizons.indexOf(h)],
      `${h} at a ${formatDuration(stepMs)} step needs ${steps} forecast steps (horizon + schedule.refit + 2 × schedule.update + ` +
        `the replayed hour), beyond the ML core's ${MAX_FORECAST_HORIZON}; use a shorter horizon or a coarser step`
    );
  }
}

type EngineConfigRoles = {
  cpuTarget?: string;
  powerTarget?: string;
  inletTemperatureTarget?: string;
  facilityPowerTarget?: string;
  itPowerTarget?: string;
};

export function isEnergyKind(kind: TargetKind): boolean {
  return kind === 'power' || kind === 'energy_counter_joules' || kind === 'energy_counter_kwh';
}

/** Unit of a target's forecasts (counters are forecast as the power they imply). */
export function forecastUnit(kind: TargetKind): 'watts' | 'ratio' | 'celsius' {
  return isEnergyKind(kind) ? 'watts' : kind === 'utilisation' ? 'ratio' : 'celsius';
}

export function ms(d: string): number {
  return parseDuration(d) as number;
}
