import fs from 'fs';
import path from 'path';
import { lastValueFrom } from 'rxjs';
import {
  createTheme,
  DataFrame,
  dataFrameFromJSON,
  dateMath,
  Field,
  FieldType,
  getDisplayProcessor,
  getValueFormat,
  getValueFormatterIndex,
  reduceField,
  standardTransformers,
  standardTransformersRegistry,
  toDataFrame,
  transformDataFrame,
} from '@grafana/data';
import type { Recommendation } from '../ml';
import { loadPortuguese } from '../locales/testing/portuguese';
import portuguese from '../datasource/locales/pt-BR/renault-ecoti-datasource.json';
import { buildRecommendationFrame } from '../datasource/frames/recommendationFrame';
import appJson from '../plugin.json';
import panelJson from '../panels/recommendations/plugin.json';
import datasourceJson from '../datasource/plugin.json';
import { validateQuery } from '../datasource/query/validateQuery';
import { migrateQuery } from '../datasource/query/migrateQuery';
import { queryKind } from '../datasource/query/queryKind';
import type { StoredEcotiQuery } from '../datasource/types';

// Dashboards ship with the app and are provisioned: every panel type, data source and EcoTI query
// in them must exist in the plugin, or the board demo opens on broken panels.
const BUILT_IN_PANELS = new Set(['timeseries', 'stat', 'table', 'alertlist', 'bargauge', 'text']);
const PANEL_TYPES = new Set([...BUILT_IN_PANELS, panelJson.id]);
const DATASOURCE_TYPES = new Set([datasourceJson.id, 'prometheus', 'grafana', 'datasource']);

interface Ref {
  type?: string;
  uid?: string;
}

const dashboards = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(fs.readFileSync(path.join(__dirname, f), 'utf8')) }));

describe.each(dashboards)('dashboard $file', ({ file, json }) => {
  const variables: Array<{ name: string; type: string; query: unknown }> = json.templating.list;
  const dsVariables = new Map(variables.filter((v) => v.type === 'datasource').map((v) => [v.name, v.query as string]));

  const checkRef = (ref: Ref | undefined, where: string) => {
    expect(ref).toBeDefined();
    expect(DATASOURCE_TYPES.has(ref!.type!)).toBe(true);
    if (ref!.type === 'grafana') {
      expect(ref!.uid).toBe('-- Grafana --');
      return;
    }
    if (ref!.type === 'datasource') {
      // Grafana's Mixed data source: every query then names its own.
      expect({ where, uid: ref!.uid }).toEqual({ where, uid: '-- Mixed --' });
      return;
    }
    // No fixed uids: a data source variable of the same plugin type, so any Grafana can import it.
    const m = /^\$\{(\w+)\}$/.exec(ref!.uid ?? '');
    expect({ where, uid: ref!.uid, variable: m && dsVariables.get(m[1]) }).toEqual({
      where,
      uid: ref!.uid,
      variable: ref!.type,
    });
  };

  const checkEcotiTarget = (t: StoredEcotiQuery, where: string) => {
    expect({ where, problems: validateQuery(t, 'default-upstream') }).toEqual({ where, problems: [] });
  };

  it('is listed in the app plugin.json includes', () => {
    expect(appJson.includes).toContainEqual(expect.objectContaining({ type: 'dashboard', path: `dashboards/${file}` }));
  });

  it('uses only panel types that exist, with unique ids inside the 24-column grid', () => {
    const ids = json.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of json.panels) {
      expect({ title: p.title, type: PANEL_TYPES.has(p.type) }).toEqual({ title: p.title, type: true });
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('references data sources through variables of the right type, and EcoTI queries the data source really has', () => {
    for (const p of json.panels) {
      if (p.type === 'alertlist') {
        continue;
      }
      checkRef(p.datasource, p.title);
      for (const t of p.targets) {
        if (p.datasource.type === 'datasource') {
          expect({ title: p.title, refId: t.refId, datasource: t.datasource }).toEqual({
            title: p.title,
            refId: t.refId,
            datasource: expect.objectContaining({ type: expect.any(String) }),
          });
        }
        checkRef(t.datasource ?? p.datasource, p.title);
        if ((t.datasource ?? p.datasource).type === datasourceJson.id) {
          checkEcotiTarget(t, p.title);
        } else {
          expect(typeof t.expr).toBe('string');
        }
      }
    }
    for (const a of json.annotations.list) {
      checkRef(a.datasource, a.name);
      if (a.datasource.type === datasourceJson.id) {
        checkEcotiTarget(a.target, a.name);
      }
    }
  });

  it('feeds the recommendations panel recommendation queries and the annotations anomaly queries', () => {
    const kinds = (targets: StoredEcotiQuery[]) => targets.map((t) => queryKind(migrateQuery(t)));
    for (const p of json.panels.filter((p: { type: string }) => p.type === panelJson.id)) {
      expect({ title: p.title, kinds: kinds(p.targets) }).toEqual({
        title: p.title,
        kinds: p.targets.map(() => 'recommendations'),
      });
    }
    for (const a of json.annotations.list.filter((a: { datasource: Ref }) => a.datasource.type === datasourceJson.id)) {
      expect({ name: a.name, kinds: kinds([a.target]) }).toEqual({ name: a.name, kinds: ['anomalies'] });
    }
  });

  it('only uses variables it defines', () => {
    const defined = new Set([...variables.map((v) => v.name), '__range', '__interval', '__rate_interval']);
    const used = JSON.stringify(json.panels).match(/\$\{?(\w+)/g) ?? [];
    for (const u of used) {
      expect(defined.has(u.replace(/^\$\{?/, ''))).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// What the viewer reads: time ranges, units, thresholds and the board's figures, checked with Grafana's own code
// (@grafana/data's date maths, unit formatters, value mappings, transformations and reducers).

const REPO = path.resolve(__dirname, '../..');
// yaml's package exports send jsdom (this file's environment) to its ES-module browser build, which jest cannot
// load; its CommonJS build is the same parser.
const { parse: parseYaml } = require(path.join(REPO, 'node_modules/yaml/dist/index.js')) as typeof import('yaml');
const byFile = Object.fromEntries(dashboards.map((d) => [d.file, d.json]));
const sre = byFile['sre-forecasts.json'];
const board = byFile['board.json'];
type Panel = {
  id: number;
  type: string;
  title: string;
  targets: Array<Record<string, unknown>>;
  transformations?: unknown[];
  fieldConfig?: {
    defaults: Record<string, unknown>;
    overrides: Array<{ properties: Array<{ id: string; value: unknown }> }>;
  };
  options?: { reduceOptions?: { calcs: string[] } };
  timeFrom?: string;
};
const panels = (json: { panels: Panel[] }) => json.panels;
const panelById = (json: { panels: Panel[] }, id: number) => panels(json).find((p) => p.id === id)!;
const predictTargets = (json: { panels: Panel[] }) =>
  panels(json).flatMap((p) => p.targets.filter((t) => t.queryType === 'predict'));

/** Every unit a dashboard sets, in defaults and overrides. */
function unitsOf(json: { panels: Panel[] }): Array<{ title: string; unit: string }> {
  return panels(json).flatMap((p) => [
    ...(typeof p.fieldConfig?.defaults.unit === 'string'
      ? [{ title: p.title, unit: p.fieldConfig.defaults.unit }]
      : []),
    ...(p.fieldConfig?.overrides ?? []).flatMap((o) =>
      o.properties.filter((x) => x.id === 'unit').map((x) => ({ title: p.title, unit: x.value as string }))
    ),
  ]);
}

describe('time ranges', () => {
  it.each(dashboards.map((d) => [d.file, d.json]))(
    '%s shows the past and reaches into the future, where every forecast point lies',
    (_file, json) => {
      expect(predictTargets(json).length).toBeGreaterThan(0);
      const now = Date.now();
      expect(dateMath.toDateTime(json.time.from, { roundUp: false })!.valueOf()).toBeLessThan(now);
      expect(dateMath.toDateTime(json.time.to, { roundUp: true })!.valueOf()).toBeGreaterThan(now);
    }
  );

  it('opens the SRE dashboard on two days back and one ahead, the board on this month and the next', () => {
    expect(sre.time).toEqual({ from: 'now-2d', to: 'now+1d' });
    expect(board.time).toEqual({ from: 'now/M', to: 'now+1M/M' });
  });
});

describe('one capacity threshold', () => {
  const rules: Array<{ alert: string; expr: string }> = parseYaml(
    fs.readFileSync(path.join(REPO, 'prometheus/rules/ecoti.rules.yml'), 'utf8')
  ).groups.flatMap((g: { rules: Array<{ alert: string; expr: string }> }) => g.rules);
  const capacityRules = rules.filter((r) => r.expr.includes('ecoti_time_to_threshold_seconds'));
  const engineTargets: Array<{
    name: string;
    threshold?: { value: number };
    thresholdFrom?: { promql: string; match: string[] };
  }> = parseYaml(fs.readFileSync(path.join(REPO, 'engine/config.example.yaml'), 'utf8')).targets;

  it('sets no capacity of its own: no threshold values on time series and no capacity variable', () => {
    for (const json of [sre, board]) {
      expect(json.templating.list.map((v: { name: string }) => v.name)).not.toContain('rack_capacity_w');
      for (const p of panels(json).filter((x) => x.type === 'timeseries')) {
        const steps = (p.fieldConfig?.defaults.thresholds as { steps?: Array<{ value: number | null }> } | undefined)
          ?.steps;
        expect({ title: p.title, numeric: (steps ?? []).filter((st) => st.value !== null) }).toEqual({
          title: p.title,
          numeric: [],
        });
      }
    }
  });

  it('draws the capacity line, says the time to it and alerts on it from the engine’s rack_power threshold', () => {
    // Each rack's capacity from the capacity plan the simulator exports, matched on the rack.
    const rackTarget = engineTargets.find((t) => t.name === 'rack_power');
    expect(rackTarget?.thresholdFrom).toEqual({
      promql: 'datacenter_rack_capacity_watts',
      match: ['rack'],
      direction: 'above',
    });
    const line = panelById(sre, 1);
    const capacity = line.targets.find((t) => String(t.expr).includes('ecoti_target_threshold'));
    expect(capacity?.expr).toMatch(/ecoti_target_threshold\{target="rack_power"\}/);
    // Drawn dashed and in red, over the forecast that reaches past now.
    expect(line.fieldConfig!.overrides).toContainEqual({
      matcher: { id: 'byFrameRefID', options: capacity!.refId },
      properties: expect.arrayContaining([{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }]),
    });
    const timeTo = panelById(sre, 3).targets[0].expr as string;
    expect(timeTo).toMatch(/ecoti_time_to_threshold_seconds\{target="rack_power", bound="mean"/);
    expect(capacityRules.length).toBeGreaterThan(0);
    for (const r of capacityRules) {
      expect(r.expr).toMatch(/ecoti_time_to_threshold_seconds\{target="rack_power", bound="mean"\} < \d+/);
    }
  });

  it('links the Grafana capacity rules to the panel that draws the capacity', () => {
    const grafanaRules: Array<{ data: Array<{ model: { expr?: string } }>; annotations: Record<string, string> }> =
      parseYaml(fs.readFileSync(path.join(REPO, 'provisioning/alerting/ecoti-rules.yaml'), 'utf8')).groups.flatMap(
        (g: { rules: unknown[] }) => g.rules
      );
    const capacity = grafanaRules.filter((r) =>
      r.data.some((d) => d.model.expr?.includes('ecoti_time_to_threshold_seconds'))
    );
    expect(capacity.length).toBe(capacityRules.length);
    for (const r of capacity) {
      expect(r.annotations.__dashboardUid__).toBe(sre.uid);
      const panel = panelById(sre, Number(r.annotations.__panelId__));
      expect(panel.targets.some((t) => String(t.expr).includes('ecoti_target_threshold{target="rack_power"}'))).toBe(
        true
      );
    }
  });

  it('colours the time to capacity at the alert rules’ own lead times', () => {
    const limits = capacityRules.map((r) => Number(/< (\d+)/.exec(r.expr)![1])).sort((a, b) => a - b);
    const steps = (panelById(sre, 3).fieldConfig!.defaults.thresholds as { steps: Array<{ value: number | null }> })
      .steps;
    expect(steps.map((st) => st.value).filter((v) => v !== null)).toEqual(limits);
  });
});

describe('units and words on the dashboards', () => {
  const theme = createTheme();
  const display = (config: Record<string, unknown>, value: unknown) =>
    getDisplayProcessor({ field: { type: FieldType.number, config }, theme })(value);

  it.each(dashboards.map((d) => [d.file, d.json]))('%s uses only units Grafana has', (_file, json) => {
    const index = getValueFormatterIndex();
    for (const { title, unit } of unitsOf(json)) {
      expect({ title, unit, known: unit in index || /^currency:financial:/.test(unit) }).toEqual({
        title,
        unit,
        known: true,
      });
    }
  });

  it.each(dashboards.map((d) => [d.file, d.json]))('%s never shows grams, however small or large', (_file, json) => {
    for (const { title, unit } of unitsOf(json)) {
      for (const v of [0.0004, 0.2, 0.8, 1, 950, 1500, 2_000_000]) {
        const f = getValueFormat(unit)(v, 2);
        expect({ title, unit, v, suffix: f.suffix ?? '' }).not.toEqual(
          expect.objectContaining({ suffix: expect.stringMatching(/\b[mµkMGT]?g$/) })
        );
      }
    }
  });

  it('totals the board’s energy, cost and emissions per month, and emissions in tonnes', () => {
    for (const t of predictTargets(board)) {
      expect({ target: t.target, period: t.period }).toEqual({ target: t.target, period: 'month' });
    }
    expect(unitsOf(board).map((u) => u.unit)).not.toContain('masskg');
    expect(
      unitsOf(board)
        .filter((u) => /^currency/.test(u.unit))
        .map((u) => u.unit)
    ).toEqual(expect.arrayContaining(['currency:financial:R$']));
    // Money in full, grouped by the viewer's locale: never "R$71.4K".
    expect(getValueFormat('currency:financial:R$')(71_400, 0).text).not.toMatch(/K/);
  });

  it('reads +Inf as beyond the engine’s horizon and a missing forecast as such, in both languages', () => {
    const config = panelById(sre, 3).fieldConfig!.defaults;
    // "> 24 h" is language-neutral and short enough for four racks side by side; it must be the horizon the
    // engine forecasts rack_power to in the compose stack, or it would claim more than the forecast knows.
    const rackTarget = parseYaml(fs.readFileSync(path.join(REPO, 'engine/config.example.yaml'), 'utf8')).targets.find(
      (t: { name: string }) => t.name === 'rack_power'
    ) as { horizons: string[] };
    expect(rackTarget.horizons[rackTarget.horizons.length - 1]).toBe('24h');
    // Grafana's backend sends +Inf out of band (JSON has no Infinity): the frame the stat reduces holds Infinity.
    const wire = dataFrameFromJSON({
      schema: {
        fields: [
          { name: 'Time', type: FieldType.time },
          { name: 'Value', type: FieldType.number },
        ],
      },
      data: {
        values: [
          [1, 2],
          [5400, null],
        ],
        entities: [null, { Inf: [1] }],
      },
    });
    const lastNotNull = reduceField({ field: wire.fields[1], reducers: ['lastNotNull'] }).lastNotNull;
    expect(display(config, lastNotNull).text).toBe('> 24 h');
    expect(display(config, Infinity).text).toBe('> 24 h');
    expect(display(config, null).text).toBe('Sem previsão · No forecast');
    expect(display(config, NaN).text).toBe('Sem previsão · No forecast');
    // A finite time reads as hh:mm:ss, with no English unit words.
    expect(display(config, 5400).text).toBe('01:30:00');
    expect(display(config, 5400).color).toBe(display(config, 0).color);
    expect(display(config, 20_000).color).not.toBe(display(config, 5400).color);
  });

  it('titles every panel in Portuguese and English', () => {
    for (const p of [...panels(sre), ...panels(board)]) {
      expect({ title: p.title, bilingual: p.title.includes(' · ') }).toEqual({ title: p.title, bilingual: true });
    }
  });
});

describe('the board’s figures, through Grafana’s transformations', () => {
  beforeAll(async () => {
    // Grafana registers these at start-up; some are listed twice under old names (one id).
    const byId = new Map(Object.values(standardTransformers).map((t) => [t.id, t]));
    standardTransformersRegistry.setInit(
      () => [...byId.values()].map((t) => ({ id: t.id, name: t.name, transformation: t, editor: () => null })) as never
    );
    // Column headers in Portuguese, as a pt-BR viewer gets them: the figures must not depend on them.
    await loadPortuguese(datasourceJson.id, portuguese);
  });

  const rec = (id: string, kWh: number, money: number, kg: number): Recommendation =>
    ({
      id,
      rule: 'idle-server',
      category: 'energy',
      title: id,
      target: id,
      evidence: '',
      kWhPerMonth: kWh,
      kgCO2ePerMonth: kg,
      moneyPerMonth: money,
      currency: 'BRL',
      confidence: 0.8,
      action: '',
      assumptions: '',
      evidenceSeries: [],
    }) as Recommendation;
  // Two queries (energy, infrastructure), as the board sends; the site uses 10,000 kWh a month.
  const recommendationFrames = (): DataFrame[] => [
    buildRecommendationFrame('A', [rec('srv-a01', 200, 100, 8)], { query: 'q', upstreamUid: 'p' }, 'BRL', 10_000),
    buildRecommendationFrame('B', [rec('rack-c', 300, 250, 12)], { query: 'q', upstreamUid: 'p' }, 'BRL', 10_000),
  ];

  /** The number a stat panel shows: its transformations, then its reducer over the one numeric field left. */
  async function statValue(panel: Panel, frames: DataFrame[], variables: Record<string, string> = {}) {
    const out = await lastValueFrom(
      transformDataFrame((panel.transformations ?? []) as never, frames, {
        interpolate: (v: string) => v.replace(/\$(\w+)/g, (m, name) => variables[name] ?? m),
      })
    );
    const numeric: Field[] = out.flatMap((f) => f.fields.filter((x) => x.type === FieldType.number));
    expect({ title: panel.title, fields: numeric.length }).toEqual({ title: panel.title, fields: 1 });
    const calc = panel.options!.reduceOptions!.calcs[0];
    return reduceField({ field: numeric[0], reducers: [calc] })[calc];
  }

  it('reads the recommendation columns by field name while their headers are in Portuguese', () => {
    const frame = recommendationFrames()[0];
    const money = frame.fields.find((f) => f.name === 'moneyPerMonth')!;
    expect(money.config.displayName).toBe('Economia / mês');
  });

  it('adds up savings per year, as a share of consumption, in tonnes, and the payback of the investment', async () => {
    const frames = recommendationFrames();
    expect(await statValue(panelById(board, 4), frames)).toBeCloseTo((100 + 250) * 12, 9);
    expect(await statValue(panelById(board, 5), frames)).toBeCloseTo((200 + 300) / 10_000, 12);
    expect(await statValue(panelById(board, 7), frames)).toBeCloseTo((200 + 300) * 12, 9);
    expect(await statValue(panelById(board, 13), frames)).toBeCloseTo(((8 + 12) * 12) / 1000, 12);
    const investment = board.templating.list.find((v: { name: string }) => v.name === 'investment').current.value;
    expect(await statValue(panelById(board, 6), frames, { investment })).toBeCloseTo(Number(investment) / 350, 9);
  });

  it('still adds up when only one of the two queries returns a table (merge then keeps its translated headers)', async () => {
    const [energyOnly] = recommendationFrames();
    expect(await statValue(panelById(board, 4), [energyOnly])).toBeCloseTo(100 * 12, 9);
    expect(await statValue(panelById(board, 6), [energyOnly], { investment: '1200' })).toBeCloseTo(12, 9);
  });

  it('annualises the monthly emissions: the months of the range averaged, × 12', async () => {
    const month = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: [1, 2] },
        {
          name: 'Value',
          type: FieldType.number,
          values: [0.9, null],
          config: { displayName: 'Datacenter tCO2e medido' },
        },
        {
          name: 'Total',
          type: FieldType.number,
          values: [1.6, 1.8],
          config: { displayName: 'Datacenter tCO2e total' },
        },
        { name: 'Lower', type: FieldType.number, values: [1.4, 1.2] },
        { name: 'Upper', type: FieldType.number, values: [1.8, 2.4] },
      ],
    });
    expect(await statValue(panelById(board, 14), [month])).toBeCloseTo(((1.6 + 1.8) / 2) * 12, 9);
  });

  it('marks the site’s dated changes where they happened: the marker’s value, in seconds, × 1000', () => {
    const changes = board.annotations.list.find((a: { expr?: string }) =>
      a.expr?.includes('datacenter_change_timestamp_seconds')
    );
    expect(changes).toMatchObject({
      datasource: { type: 'prometheus', uid: '${prometheus}' },
      enable: true,
      useValueForTime: true,
      tagKeys: 'change',
      target: { expr: changes.expr },
    });
    expect(changes.expr).toMatch(/datacenter_change_timestamp_seconds\) \* 1000$/);
  });

  it('compares before and after over the last 7 days, which fit after the change and, with the baseline, in the history', () => {
    const baseline = board.templating.list.find((v: { name: string }) => v.name === 'baseline').current.value;
    for (const id of [10, 11, 12]) {
      expect(panelById(board, id).timeFrom).toBe('7d');
    }
    // The compose stack backfills the demo's history (its --days) with a dated change 14 days old
    // (simulator/demoScenario.ts): "after" must lie after the change, "before" inside the history.
    const compose = parseYaml(fs.readFileSync(path.join(REPO, 'docker-compose.yaml'), 'utf8'));
    const args: string[] = compose.services['simulator-history'].command;
    const historyDays = Number(args[args.indexOf('--days') + 1]);
    const days = (d: string) => Number(/^(\d+)d$/.exec(d)![1]);
    expect(days(panelById(board, 10).timeFrom!) + days(baseline)).toBeLessThanOrEqual(historyDays);
    expect(days(panelById(board, 11).timeFrom!)).toBeLessThan(14);
  });
});
