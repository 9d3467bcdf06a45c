import { biohpcAvailable, loadBiohpc, parseBiohpc, toHourlyGrid } from './load';
import { missingDataMessage } from '../datasets';

const HOUR = 3_600_000;
const HEADER =
  'name\ttimestamp\tpowerave\tpowermin\tpowermax\ttempave\ttempmin\ttempmax\tutilave\tutilmin\tutilmax\tgmemave\tgmemmin\tgmemmax';
const row = (time: string, power: number, util: number) =>
  `srv\t${time}\t${power}\t${power - 1}\t${power + 1}\t35\t34\t36\t${util}\t0\t${util}\t0\t0\t0`;

// As the lab exports it: a byte-order mark, newest row first, a gap, SQL Server's footer.
const EXPORT = [
  `\uFEFF${HEADER}`,
  row('2025-10-31 09:00:00.000', 300, 80),
  row('2025-10-31 08:00:00.000', 280, 70),
  row('2025-10-31 05:00:00.000', 100, 0),
  row('2025-10-31 04:00:00.000', 90, 0),
  '',
  '(4 rows affected)',
  '',
  'Completion time: 2025-10-31T10:35:47.0119102-04:00',
].join('\r\n');

describe('BioHPC loader', () => {
  it('reads rows oldest first, skipping the mark and the footer', () => {
    const rows = parseBiohpc(EXPORT);
    expect(rows.server).toBe('srv');
    expect(Array.from(rows.timestamps)).toEqual([
      Date.UTC(2025, 9, 31, 4),
      Date.UTC(2025, 9, 31, 5),
      Date.UTC(2025, 9, 31, 8),
      Date.UTC(2025, 9, 31, 9),
    ]);
    expect(Array.from(rows.columns.powerave)).toEqual([90, 100, 280, 300]);
    expect(Array.from(rows.columns.utilave)).toEqual([0, 0, 70, 80]);
  });

  it('puts the rows on an hourly grid with NaN for the hours the export lacks', () => {
    const grid = toHourlyGrid(parseBiohpc(EXPORT));
    expect(grid.timestamps.length).toBe(6);
    expect(grid.timestamps[5] - grid.timestamps[0]).toBe(5 * HOUR);
    expect(Array.from(grid.columns.powerave)).toEqual([90, 100, NaN, NaN, 280, 300]);
    expect(grid.missingHours).toBe(2);
    expect(grid.mergedRows).toBe(0);
  });

  it('averages two rows of the same hour', () => {
    const text = [HEADER, row('2025-01-01 01:00:00.000', 200, 50), row('2025-01-01 01:00:00.000', 100, 10)].join('\n');
    const grid = toHourlyGrid(parseBiohpc(text));
    expect(Array.from(grid.columns.powerave)).toEqual([150]);
    expect(grid.mergedRows).toBe(1);
  });

  it('refuses a file without the expected columns', () => {
    expect(() => parseBiohpc('name\ttimestamp\tpower\nsrv\t2025-01-01 00:00:00\t1')).toThrow(/lacks columns/);
  });

  const real = biohpcAvailable('cbsugpu07') ? it : it.skip;
  if (!biohpcAvailable('cbsugpu07')) {
    console.warn(missingDataMessage('BioHPC loader test on the real file skipped', 'BioHPC/cbsugpu07_usage_stats.txt'));
  }
  real('loads a real server: every row on the grid, in time order, gaps as NaN', () => {
    const grid = loadBiohpc('cbsugpu07');
    const n = grid.timestamps.length;
    expect(n).toBeGreaterThan(15_000);
    expect(grid.offGridRows).toBe(0);
    // 15,493 rows in the export, none sharing an hour: the rest of the grid is gaps.
    expect(n - grid.missingHours).toBe(15_493);
    const offStep = grid.timestamps.filter((t, i) => i > 0 && t - grid.timestamps[i - 1] !== HOUR);
    expect(offStep.length).toBe(0);
    const power = grid.columns.powerave.filter(Number.isFinite);
    expect(Math.min(...power)).toBeGreaterThan(0);
  });
});
