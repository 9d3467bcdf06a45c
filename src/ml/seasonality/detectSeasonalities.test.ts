import { detectSeasonalities } from './detectSeasonalities';
import { seededRandom } from '../testing/seededRandom';

const HOUR = 3_600_000;

describe('detectSeasonalities', () => {
  it('finds daily and weekly cycles in hourly data', () => {
    const rnd = seededRandom(2);
    const v = Float64Array.from({ length: 24 * 28 }, (_, i) => {
      const weekday = Math.floor(i / 24) % 7 < 5;
      return 10 * Math.sin((2 * Math.PI * i) / 24) + (weekday ? 8 : -8) + rnd.normal();
    });
    expect(detectSeasonalities(v, HOUR)).toEqual([24, 168]);
  });

  it('finds the daily cycle at a 5-minute step under a strong upward drift', () => {
    const v = Float64Array.from({ length: 288 * 7 }, (_, i) => 0.05 * i + 5 * Math.sin((2 * Math.PI * i) / 288));
    expect(detectSeasonalities(v, 300_000)).toEqual([288]);
  });

  it('finds nothing in white noise', () => {
    const rnd = seededRandom(5);
    const v = Float64Array.from({ length: 24 * 20 }, () => rnd.normal());
    expect(detectSeasonalities(v, HOUR)).toEqual([]);
  });

  it('needs two full cycles before claiming a season', () => {
    const v = Float64Array.from({ length: 30 }, (_, i) => Math.sin((2 * Math.PI * i) / 24));
    expect(detectSeasonalities(v, HOUR)).toEqual([]);
  });
});
