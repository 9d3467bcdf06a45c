import { DEFAULT_DRIVERS, DriversQuery } from '../types';
import { migrateQuery } from './migrateQuery';
import { queryKind } from './queryKind';
import { validateQuery } from './validateQuery';

const stored = { refId: 'A', queryType: 'insights', target: 'drivers', expr: 'ipmi_dcmi_power_consumption_watts' };

describe('drivers queries', () => {
  it('start with CPU utilisation per host and the site inlet temperature, and no plan', () => {
    const q = migrateQuery(stored) as DriversQuery;
    expect(queryKind(q)).toBe('drivers');
    expect(q.drivers).toEqual(DEFAULT_DRIVERS);
    expect(q.drivers[0].utilisation).toBe(true);
    expect('plannedUtilisation' in q).toBe(false);
  });

  it('read hand-written drivers and a planned utilisation typed as text', () => {
    const q = migrateQuery({
      ...stored,
      drivers: [{ name: 'GPU', expr: 'DCGM_FI_DEV_GPU_UTIL', utilisation: true }, { expr: 7 }, 'junk'],
      plannedUtilisation: '80',
    }) as DriversQuery;
    expect(q.drivers).toEqual([
      { name: 'GPU', expr: 'DCGM_FI_DEV_GPU_UTIL', utilisation: true },
      { name: 'Driver 2', expr: '', utilisation: false },
      { name: 'Driver 3', expr: '', utilisation: false },
    ]);
    expect(q.plannedUtilisation).toBe(80);
  });

  it('need a driver query, distinct names and a plan between 0 and 100 %', () => {
    const fields = (patch: object) => validateQuery({ ...stored, ...patch }, 'prom').map((p) => p.field);
    expect(fields({})).toEqual([]);
    expect(fields({ drivers: [] })).toEqual(['drivers']);
    expect(
      fields({
        drivers: [
          { name: 'cpu', expr: 'a', utilisation: true },
          { name: 'cpu', expr: 'b', utilisation: false },
        ],
      })
    ).toEqual(['drivers']);
    expect(fields({ plannedUtilisation: 120 })).toEqual(['plannedUtilisation']);
    expect(fields({ plannedUtilisation: 'lots' })).toEqual(['plannedUtilisation']);
  });
});
