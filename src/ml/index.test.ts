// Every function of the ML core's public API, and the energy and clustering functions the data
// source and the engine import, fed hostile input: each either returns a well-formed result (no
// ±Infinity, no NaN where a number is promised) or throws EcotiMlError, never a TypeError.
import fc from 'fast-check';
import * as ml from './index';
import { EcotiMlError } from './index';
import { powerToEnergy } from './energy/powerToEnergy';
import { counterToEnergy } from './energy/counterToEnergy';
import { costOfEnergy } from './energy/tariff';
import { bandKWh } from './energy/forecastEnergy';
import { clusterUsageProfiles } from './cluster/usageProfiles';
import { fleetInput, fleetSite } from './testing/fleet';

const T0 = Date.UTC(2026, 0, 5);
const STEP = 300_000;

/** Names that Object.prototype answers to: looked up naively, they find a function instead of nothing. */
const prototypeKey = fc.constantFrom(
  '__proto__',
  'toString',
  'constructor',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf'
);

/** Doubles of every magnitude, weighted towards the ones whose squares or sums overflow or underflow. */
const anyNumber = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.constantFrom(1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, -1e-310, 0) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) }
);

/** What a malformed frame could put among the values. */
const anyElement = fc.oneof(
  { weight: 6, arbitrary: anyNumber },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.string(),
      prototypeKey,
      fc.boolean(),
      fc.constant({}),
      fc.constant([1]),
      fc.bigInt(),
      fc.constant(Symbol('x'))
    ),
  }
);

/** Something that is not a series or an options object. */
const notAnObject = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.double(),
  fc.string(),
  prototypeKey,
  fc.boolean(),
  fc.constant(Symbol('s'))
);

/** An array a data source could send, or something posing as one. */
const anyArray = (minLength = 0) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.array(anyElement, { minLength, maxLength: 60, size: 'max' }) },
    {
      weight: 2,
      arbitrary: fc.array(anyNumber, { minLength, maxLength: 60, size: 'max' }).map((a) => Float64Array.from(a)),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.integer({ min: -128, max: 127 }), { maxLength: 20 }).map((a) => Int8Array.from(a)),
    },
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: fc.constantFrom({ length: 3 }, { 0: 1, length: 1 }, new DataView(new ArrayBuffer(8))) }
  );

/** Regular timestamps, with some duplicated, missing or out of order, so that the models actually run. */
const plausibleTimestamps = (n: number) =>
  fc
    .array(
      fc.oneof({ weight: 20, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) }),
      {
        minLength: n,
        maxLength: n,
      }
    )
    .map((jitter) => jitter.map((j, i) => T0 + (i + j) * STEP));

/** Real-looking timestamps with hostile values. */
const plausibleSeries = fc
  .integer({ min: 0, max: 80 })
  .chain((n) =>
    fc.record({ timestamps: plausibleTimestamps(n), values: fc.array(anyElement, { minLength: n, maxLength: n }) })
  );

/** A series: mostly real-looking timestamps with hostile values, sometimes hostile all through. */
const anySeries = fc.oneof(
  { weight: 6, arbitrary: plausibleSeries },
  { weight: 2, arbitrary: fc.record({ timestamps: anyArray(), values: anyArray() }) },
  { weight: 1, arbitrary: notAnObject },
  { weight: 1, arbitrary: fc.constantFrom({}, Object.create(null), { timestamps: [1, 2] }, [1, 2, 3]) }
);

/** Options objects whose fields are hostile too. */
const anyOptions = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof({ weight: 5, arbitrary: fc.record(fields, { requiredKeys: [] }) }, { weight: 1, arbitrary: notAnObject });

const anyField = fc.oneof(anyNumber, notAnObject, prototypeKey, fc.constant([24, 'x', null]));

/** A usable value nine times in ten, else a hostile one. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: anyField });

/** How many calls returned a result: a sweep where everything is refused would prove nothing. */
let returned = 0;
let calls = 0;
beforeEach(() => {
  returned = 0;
  calls = 0;
});

/** Runs `call`: a result must pass `wellFormed`; a throw must be an EcotiMlError. */
function returnsOrThrowsTyped<T>(call: () => T, wellFormed: (result: T) => boolean): boolean {
  let result: T;
  calls++;
  try {
    result = call();
  } catch (e) {
    if (!(e instanceof EcotiMlError)) {
      throw e;
    }
    return e.message.length > 0;
  }
  returned++;
  return wellFormed(result);
}

/** The sweep reached the models: most generated inputs were usable and answered. */
function expectMostAnswered(share = 0.25) {
  expect(returned / calls).toBeGreaterThan(share);
}

const finite = (xs: ArrayLike<number>) => Array.from(xs).every(Number.isFinite);
/** NaN marks a missing value where documented; ±Infinity never. */
const noInfinity = (xs: ArrayLike<number>) => Array.from(xs).every((x) => x !== Infinity && x !== -Infinity);

const RUNS = { numRuns: 250, seed: 12 };

describe('the public API on hostile input', () => {
  it('forecast returns finite bands of the asked horizon, or an EcotiMlError', () => {
    const options = fc.oneof(
      {
        weight: 9,
        arbitrary: fc.record(
          {
            horizon: mostly(fc.integer({ min: 1, max: 30 })),
            level: mostly(fc.double({ min: 0.5, max: 0.99, noNaN: true })),
            method: fc.oneof(
              {
                weight: 6,
                arbitrary: fc.constantFrom('auto', 'linear', 'seasonal-naive', 'holt-winters', 'ensemble(linear+mstl)'),
              },
              { weight: 1, arbitrary: prototypeKey },
              { weight: 1, arbitrary: prototypeKey.map((k) => `ensemble(linear+${k})`) },
              { weight: 1, arbitrary: anyField }
            ),
            seasonalities: mostly(fc.constant([12])),
          },
          { requiredKeys: ['horizon'] }
        ),
      },
      { weight: 1, arbitrary: notAnObject }
    );
    fc.assert(
      fc.property(anySeries, options, (series, opts) =>
        returnsOrThrowsTyped(
          () => ml.forecast(series as ml.Series, opts as unknown as ml.ForecastOptions),
          (f) =>
            f.mean.length === (opts as unknown as ml.ForecastOptions).horizon &&
            finite([...f.mean, ...f.lower, ...f.upper, ...f.timestamps]) &&
            f.lower.every((l, h) => l <= f.mean[h] && f.mean[h] <= f.upper[h])
        )
      ),
      RUNS
    );
    expectMostAnswered();
  });

  it('scoreAnomalies returns one finite score in [0,1] per point, or an EcotiMlError', () => {
    fc.assert(
      fc.property(anySeries, anyOptions({ causal: mostly(fc.boolean()) }), (series, opts) =>
        returnsOrThrowsTyped(
          () => ml.scoreAnomalies(series as ml.Series, opts as { causal?: boolean }),
          (scores) => scores.length === (series as ml.Series).values.length && scores.every((x) => x >= 0 && x <= 1)
        )
      ),
      RUNS
    );
    expectMostAnswered();
  });

  it('detectAnomalies returns regions of finite numbers, or an EcotiMlError', () => {
    fc.assert(
      fc.property(anySeries, anyOptions({ sensitivity: mostly(fc.double({ min: 0, max: 1 })) }), (series, opts) =>
        returnsOrThrowsTyped(
          () => ml.detectAnomalies(series as ml.Series, opts as { sensitivity?: number }),
          (regions) =>
            regions.every(
              (r) => finite([r.start, r.end, r.score, r.expected, r.actual]) && r.start <= r.end && r.reason.length > 0
            )
        )
      ),
      RUNS
    );
    expectMostAnswered();
  });

  it('trend returns a finite slope inside its range, or an EcotiMlError', () => {
    fc.assert(
      fc.property(anySeries, (series) =>
        returnsOrThrowsTyped(
          () => ml.trend(series as ml.Series),
          (t) =>
            finite([t.slopePerDay, t.lower, t.upper, ...t.changepoints]) &&
            t.lower <= t.slopePerDay &&
            t.slopePerDay <= t.upper
        )
      ),
      RUNS
    );
    expectMostAnswered();
  });

  it('the hygiene and season functions return what they promise, or an EcotiMlError', () => {
    fc.assert(
      fc.property(anySeries, anyArray(), anyField, (series, values, extra) => {
        const v = values as Float64Array;
        return (
          returnsOrThrowsTyped(
            () => ml.regularize(series as ml.Series),
            (g) => Number.isFinite(g.start) && Number.isFinite(g.step) && noInfinity(g.values)
          ) &&
          returnsOrThrowsTyped(
            () => ml.fillGaps(v, extra as number),
            (filled) => filled === null || finite(filled)
          ) &&
          returnsOrThrowsTyped(
            () => ml.counterIncreases(v),
            (c) =>
              noInfinity(c.increases) && Array.from(c.increases).every((x) => !(x < 0)) && Number.isInteger(c.resets)
          ) &&
          returnsOrThrowsTyped(
            () => ml.looksLikeCounter(v),
            (b) => typeof b === 'boolean'
          ) &&
          returnsOrThrowsTyped(
            () => ml.detectSeasonalities(v, (typeof extra === 'number' ? extra : STEP) as number),
            (periods) => periods.every((p) => Number.isInteger(p) && p > 1)
          )
        );
      }),
      RUNS
    );
    expectMostAnswered();
  });

  it('StreamingAnomalyScorer scores any pushed pair in [0,1] with finite state, or refuses its options', () => {
    const options = anyOptions({ stepMs: anyField, warmup: anyField, suppressSteps: anyField, alertLevel: anyField });
    const time = fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: anyElement });
    const pushes = fc.array(fc.tuple(time, anyElement), { maxLength: 300, size: 'max' });
    fc.assert(
      fc.property(options, pushes, (opts, points) => {
        let scorer: ml.StreamingAnomalyScorer;
        try {
          scorer = new ml.StreamingAnomalyScorer(opts as ml.StreamingAnomalyOptions);
        } catch (e) {
          return e instanceof EcotiMlError;
        }
        return points.every(([dt, v], i) => {
          const t = dt === 0 ? T0 + i * STEP : (dt as number);
          const score = scorer.push(t, v as number);
          return (
            score >= 0 &&
            score <= 1 &&
            noInfinity([scorer.lastExpected]) &&
            finite([scorer.lastResidualZ, scorer.lastChangeZ, scorer.lastLevelZ, scorer.lastScore])
          );
        });
      }),
      { numRuns: 150, seed: 12 }
    );
  });

  it('recommend returns findings with finite figures, or an EcotiMlError naming what is wrong', () => {
    const hostSeries = fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 12, arbitrary: plausibleSeries },
      { weight: 1, arbitrary: anySeries }
    );
    const hostileHost = fc.record({
      id: fc.oneof({ weight: 20, arbitrary: fc.string() }, { weight: 1, arbitrary: notAnObject }),
      cpu: hostSeries,
      powerW: hostSeries,
    });
    const site = fc.oneof(
      { weight: 12, arbitrary: fc.constant(fleetSite()) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom('pue', 'carbonIntensity', 'currency', 'timeZone', 'tariff'), anyField)
          .map(([key, value]) => ({ ...fleetSite(), [key]: value })),
      },
      { weight: 1, arbitrary: notAnObject }
    );
    const input = fc.record({
      hosts: fc.oneof(
        {
          weight: 12,
          arbitrary: fc.array(fc.oneof({ weight: 20, arbitrary: hostileHost }, { weight: 1, arbitrary: notAnObject }), {
            maxLength: 4,
          }),
        },
        { weight: 1, arbitrary: notAnObject }
      ),
      facilityPowerW: hostSeries,
      itPowerW: hostSeries,
      site,
    });
    // The demo fleet, where every rule finds something, with one of its series made hostile.
    const fleetWithHostileSeries = fc
      .tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('cpu', 'powerW'), anySeries)
      .map(([i, field, series]) => {
        const fleet = fleetInput();
        fleet.hosts[i] = { ...fleet.hosts[i], [field]: series };
        return fleet;
      });
    const category = fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(undefined, 'energy', 'infrastructure') },
      { weight: 1, arbitrary: prototypeKey }
    );
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 12, arbitrary: input },
          { weight: 6, arbitrary: fleetWithHostileSeries },
          { weight: 1, arbitrary: notAnObject }
        ),
        category,
        (i, c) =>
          returnsOrThrowsTyped(
            () => ml.recommend(i as ml.RecommendationInput, c as ml.RecommendationCategory),
            (recs) => recs.every((r) => finite([r.kWhPerMonth, r.kgCO2ePerMonth, r.moneyPerMonth, r.confidence]))
          )
      ),
      { numRuns: 200, seed: 12 }
    );
    expectMostAnswered();
  });

  it('recommend refuses a power reading near the largest double with OUT_OF_RANGE naming the rule and host', () => {
    const input = fleetInput();
    const zombie = input.hosts[0];
    zombie.powerW = {
      timestamps: zombie.powerW!.timestamps,
      values: Float64Array.from(zombie.powerW!.values, () => 1e307),
    };
    expect(() => ml.recommend(input)).toThrow(
      expect.objectContaining({
        code: 'OUT_OF_RANGE',
        message: expect.stringMatching(/idle-server finding for zombie-01/),
      })
    );
  });
});

describe('energy and clustering functions on hostile input', () => {
  it('powerToEnergy, counterToEnergy, costOfEnergy and bandKWh return finite totals, or an EcotiMlError', () => {
    const unit = fc.oneof(fc.constantFrom('J', 'kWh', 'µJ'), prototypeKey, anyField);
    fc.assert(
      fc.property(anySeries, unit, (series, u) => {
        const steps = (e: { kWhPerStep: Float64Array; totalKWh: number }) =>
          noInfinity(e.kWhPerStep) && Number.isFinite(e.totalKWh);
        return (
          returnsOrThrowsTyped(() => powerToEnergy(series as ml.Series), steps) &&
          returnsOrThrowsTyped(() => counterToEnergy(series as ml.Series, u as 'J'), steps) &&
          returnsOrThrowsTyped(
            () => {
              const s = series as Partial<ml.Series> | null;
              return costOfEnergy(s?.timestamps as number[], s?.values as number[], fleetSite().tariff);
            },
            (c) => finite([c.total, c.peak, c.offPeak, c.peakKWh, c.offPeakKWh])
          ) &&
          returnsOrThrowsTyped(
            () => {
              const s = series as Partial<ml.Series> | null;
              const w = s?.values as number[];
              return bandKWh({ timestamps: s?.timestamps as number[], mean: w, lower: w, upper: w }, 300_000, 1.5);
            },
            (e) => finite([e.mean, e.lower, e.upper])
          )
        );
      }),
      RUNS
    );
    expectMostAnswered();
  });

  it('clusterUsageProfiles clusters the usable hosts and lists the others as skipped, or throws EcotiMlError', () => {
    const hosts = fc.oneof(
      { weight: 5, arbitrary: fc.array(fc.record({ id: fc.string(), series: anySeries }), { maxLength: 8 }) },
      { weight: 1, arbitrary: notAnObject }
    );
    fc.assert(
      fc.property(
        hosts,
        anyOptions({ minK: mostly(fc.constant(2)), seed: mostly(fc.integer()), timeZone: mostly(fc.constant('UTC')) }),
        (h, opts) =>
          returnsOrThrowsTyped(
            () => clusterUsageProfiles(h as never, opts as never),
            (c) =>
              c.clusters.reduce((n, k) => n + k.members.length, 0) + c.skipped.length === (h as unknown[]).length &&
              c.clusters.every((k) => finite([...k.profile, k.meanUtilisation, k.p95Utilisation]))
          )
      ),
      { numRuns: 100, seed: 12 }
    );
    expectMostAnswered();
  });
});
