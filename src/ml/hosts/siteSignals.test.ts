import { recommendationInput, NamedSeries, SiteSignals } from './siteSignals';
import { sumSeries } from './sitePower';
import { utilisationFraction } from './utilisation';
import { fleetSite } from '../testing/fleet';

const series = (labels: Record<string, string>, values: number[], t0 = 0): NamedSeries => ({
  labels,
  name: JSON.stringify(labels),
  timestamps: values.map((_, i) => t0 + i * 60_000),
  values,
});
const none: SiteSignals = { cpu: [], power: [], inletTemperature: [], facilityPower: [], itPower: [] };

describe('site signals', () => {
  it('puts a machine’s CPU and power on one host, whatever port each exporter listens on', () => {
    const input = recommendationInput(
      {
        ...none,
        cpu: [series({ instance: 'srv-01:9100' }, [0.1, 0.2]), series({ instance: 'srv-02:9100' }, [0.3, 0.3])],
        power: [series({ instance: 'srv-01:9290' }, [200, 210])],
      },
      fleetSite()
    );
    expect(input.hosts.map((h) => h.id)).toEqual(['srv-01', 'srv-02']);
    expect(Array.from(input.hosts[0].powerW!.values)).toEqual([200, 210]);
    expect(input.hosts[1].powerW).toBeUndefined();
    expect(input.site).toEqual(fleetSite());
  });

  it('reads CPU in percent as a fraction, even for an idle host, and leaves a fraction alone', () => {
    expect(Array.from(utilisationFraction({ timestamps: [0, 1], values: [1, 2.5] }).values)).toEqual([0.01, 0.025]);
    const fraction = { timestamps: [0, 1], values: [0.2, 1.02] };
    expect(utilisationFraction(fraction)).toBe(fraction);
  });

  it('sums the site meters on the times all of them reported', () => {
    const feedA = series({ feed: 'a' }, [100, 110, 120]);
    const feedB = series({ feed: 'b' }, [50, 55], 60_000);
    const total = sumSeries([feedA, feedB])!;
    expect(Array.from(total.timestamps)).toEqual([60_000, 120_000]);
    expect(Array.from(total.values)).toEqual([160, 175]);
    const input = recommendationInput({ ...none, facilityPower: [feedA, feedB] }, fleetSite());
    expect(Array.from(input.facilityPowerW!.values)).toEqual([160, 175]);
    expect(input.itPowerW).toBeUndefined();
  });

  it('names hosts without a host label by their series name, and sensors by rack', () => {
    const input = recommendationInput(
      {
        ...none,
        power: [series({ rack: 'rack-a' }, [900])],
        inletTemperature: [series({ rack: 'rack-a', instance: 'srv-01:9290' }, [16])],
      },
      fleetSite()
    );
    expect(input.hosts[0].id).toBe('{"rack":"rack-a"}');
    expect(input.inletTemperatures![0].id).toBe('rack-a');
  });

  it('uses only the host labels it is given', () => {
    const s = series({ instance: '10.1.1.1:10250', node: 'k8s-3' }, [0.5]);
    expect(recommendationInput({ ...none, cpu: [s] }, fleetSite()).hosts[0].id).toBe('10.1.1.1');
    expect(recommendationInput({ ...none, cpu: [s] }, fleetSite(), ['node']).hosts[0].id).toBe('k8s-3');
  });
});
