import { FieldType } from '@grafana/data';
import { buildTableFrame, seriesColumn } from './tableFrame';

describe('buildTableFrame', () => {
  const rows = [
    { series: 'srv-01', watts: 120, id: 'a' },
    { series: 'srv-02', watts: 80, id: 'b' },
  ];
  const frame = buildTableFrame({ refId: 'A', name: 'Hosts', kind: 'ecoti-hosts' }, rows, [
    seriesColumn((r) => r.series),
    { name: 'watts', type: FieldType.number, value: (r) => r.watts, header: 'Power', config: { unit: 'watt' } },
    { name: 'id', type: FieldType.string, value: (r) => r.id },
  ]);

  it('reads each column from every row, in row order', () => {
    expect(frame.fields.map((f) => [f.name, f.values])).toEqual([
      ['series', ['srv-01', 'srv-02']],
      ['watts', [120, 80]],
      ['id', ['a', 'b']],
    ]);
  });

  it('shows a column under its header with its config, and hides a column without one', () => {
    expect(frame.fields[0].config).toEqual({ displayName: 'Series' });
    expect(frame.fields[1].config).toEqual({ displayName: 'Power', unit: 'watt' });
    expect(frame.fields[2].config).toEqual({ custom: { hidden: true } });
  });

  it('is a table, named by kind only when given one', () => {
    expect(frame.meta).toEqual({ preferredVisualisationType: 'table', custom: { kind: 'ecoti-hosts' } });
    expect(buildTableFrame({ refId: 'A', name: 'Hosts' }, rows, []).meta).toEqual({
      preferredVisualisationType: 'table',
    });
  });
});
