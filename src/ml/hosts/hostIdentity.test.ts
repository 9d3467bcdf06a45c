import { hostName, sensorName, withoutPort } from './hostIdentity';

describe('host identity', () => {
  it('names node_exporter and IPMI series of one machine alike: instance without its port', () => {
    expect(hostName({ instance: 'srv-01:9100', job: 'node' })).toBe('srv-01');
    expect(hostName({ instance: 'srv-01:9290', job: 'ipmi' })).toBe('srv-01');
    expect(hostName({ instance: '10.0.0.7:9100' })).toBe('10.0.0.7');
  });

  it('keeps an IPv6 address whole and strips the port of a bracketed one', () => {
    expect(withoutPort('fe80::1')).toBe('fe80::1');
    expect(withoutPort('[fe80::1]:9100')).toBe('[fe80::1]');
    expect(withoutPort('srv-01')).toBe('srv-01');
  });

  it('takes the first host label present, in the configured order', () => {
    expect(hostName({ nodename: 'b', host: 'a' })).toBe('a');
    expect(hostName({ node: 'k8s-3', instance: '10.1.1.1:10250' }, ['node', 'instance'])).toBe('k8s-3');
    expect(hostName({ rack: 'rack-a' })).toBeUndefined();
    expect(hostName({ instance: '', host: 'srv-02' })).toBe('srv-02');
  });

  it('names a sensor by rack, then sensor, then host and IPMI name, then the fallback', () => {
    expect(sensorName({ rack: 'rack-A', instance: 'srv-01:9290' }, 'x')).toBe('rack-A');
    expect(sensorName({ sensor: 'cold-aisle-3' }, 'x')).toBe('cold-aisle-3');
    expect(sensorName({ instance: 'srv-01:9290', name: 'Inlet Temp' }, 'x')).toBe('srv-01 Inlet Temp');
    expect(sensorName({ instance: 'srv-01:9290' }, 'x')).toBe('srv-01');
    expect(sensorName({ zone: 'z' }, '{zone="z"}')).toBe('{zone="z"}');
  });
});
