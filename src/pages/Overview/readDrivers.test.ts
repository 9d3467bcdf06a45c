import { buildDriverImportanceFrame } from '../../datasource/frames/driverFrame';
import { readDrivers } from './readDrivers';

const diagnostics = (r2: number, mae: number) => ({
  rows: 600,
  trainingRows: 480,
  heldOutRows: 120,
  incompleteRows: 0,
  rowsLeftOut: 0,
  trees: 30,
  rowsPerTree: 128,
  maxDepth: 8,
  heldOut: { mae, rmse: mae * 1.3, r2 },
  baselineMae: 60,
});

describe('readDrivers', () => {
  it('reads each series’ drivers, most important first, with how well the model explains its power', () => {
    const frame = buildDriverImportanceFrame('drivers', [
      {
        series: 'site',
        unit: 'watt',
        diagnostics: diagnostics(0.93, 12.5),
        importance: [
          { feature: 'Inlet temperature', kind: 'driver', share: 0.15, errorIncrease: 4 },
          { feature: 'CPU utilisation', kind: 'driver', share: 0.8, errorIncrease: 30 },
          { feature: 'hour of day', kind: 'calendar', share: 0.05, errorIncrease: 1 },
        ],
      },
    ]);
    const [site] = readDrivers([frame]);
    expect(site).toEqual({
      series: 'site',
      r2: 0.93,
      mae: 12.5,
      unit: 'watt',
      features: [
        { feature: 'CPU utilisation', kind: 'driver', share: 0.8 },
        { feature: 'Inlet temperature', kind: 'driver', share: 0.15 },
        { feature: 'Hour of day', kind: 'calendar', share: 0.05 },
      ],
    });
  });

  it('ignores frames of other kinds', () => {
    expect(readDrivers([{ fields: [], length: 0 }])).toEqual([]);
  });
});
