import { DataFrame, Field, getFieldDisplayName } from '@grafana/data';
import { loadPortuguese } from '../locales/testing/portuguese';
import pluginJson from './plugin.json';
import portuguese from './locales/pt-BR/renault-ecoti-datasource.json';
import type { StoredEcotiQuery } from './types';
import { FakePrometheus, makeRequest, seriesResponder } from './testing/fakeUpstream';
import { testDataSource } from './testing/testDataSource';

// As in Grafana with the viewer's language set to Portuguese: the data source's file in its namespace.
beforeAll(() => loadPortuguese(pluginJson.id, portuguese));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 20, 12);

const ds = testDataSource({
  upstreams: [
    new FakePrometheus(
      seriesResponder({
        ipmi_dcmi_power_consumption_watts: [
          {
            labels: { instance: 'srv-01', rack: 'rack-a' },
            value: (t) => 300 + 60 * Math.sin((2 * Math.PI * (t % DAY)) / DAY),
          },
        ],
      })
    ),
  ],
  appSettings: { defaultUpstreamUid: 'prom', pue: 1.5, trainingWindow: '7d' },
  now: () => NOW,
});

const names = (frames: DataFrame[]) =>
  frames.flatMap((frame) => frame.fields.slice(1).map((f: Field) => getFieldDisplayName(f, frame, frames)));

describe('EcotiDataSource legends in Portuguese', () => {
  it('names the measured series, the forecast and its band in pt-BR', async () => {
    const query: StoredEcotiQuery = {
      refId: 'A',
      queryType: 'predict',
      target: 'consumption',
      seriesKind: 'power_w',
      expr: 'ipmi_dcmi_power_consumption_watts',
    };
    const res = await ds.query(makeRequest([query], NOW - DAY, NOW + DAY, 300_000));
    expect(res.errors).toBeUndefined();
    const series = '{instance="srv-01", rack="rack-a"} kWh';
    expect(names(res.data)).toEqual([series, `${series} previsão`, `${series} mínimo 95%`, `${series} máximo 95%`]);
    // The band still fills between its own bounds, by their translated names.
    expect(res.data[0].fields[4].config.custom.fillBelowTo).toBe(`${series} mínimo 95%`);
  });

  it('names monthly totals and the notice about the end of the range in pt-BR', async () => {
    const month: StoredEcotiQuery = {
      refId: 'M',
      queryType: 'predict',
      target: 'emissions',
      seriesKind: 'power_w',
      expr: 'ipmi_dcmi_power_consumption_watts',
      period: 'month',
    };
    const past: StoredEcotiQuery = { refId: 'P', queryType: 'predict', target: 'raw', expr: month.expr };
    const res = await ds.query(makeRequest([month, past], NOW - DAY, NOW, 300_000));
    const totals = res.data.filter((f: DataFrame) => f.refId === 'M');
    expect(names(totals).slice(0, 2)).toEqual([
      '{instance="srv-01", rack="rack-a"} tCO2e medido',
      '{instance="srv-01", rack="rack-a"} tCO2e total, medido + previsto',
    ]);
    const notices = res.data.find((f: DataFrame) => f.refId === 'P')!.meta.notices.map((n: { text: string }) => n.text);
    expect(notices).toContain(
      'O intervalo de tempo termina antes do início da previsão: coloque o fim dele no futuro (por exemplo now+1d) para ver a previsão.'
    );
  });
});
