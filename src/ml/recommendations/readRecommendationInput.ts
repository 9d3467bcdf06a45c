// Shape checks of what `recommend` is given, so that a malformed host or site ends in an EcotiMlError
// naming it, not in a TypeError deep inside a rule; series come out as Float64Arrays the rules can
// do arithmetic on (null, strings and bigints among the values read as missing).
import { EcotiMlError, Series } from '../types';
import { asFloat64, checkSeries, kindOf } from '../hygiene/checkInput';
import { checkIntensity, checkPue } from '../energy/emissions';
import { checkTariff } from '../energy/tariff';
import { assertTimeZone } from '../energy/localTime';
import type { RecommendationCategory, RecommendationInput } from './types';

const CATEGORIES: RecommendationCategory[] = ['energy', 'infrastructure'];

export function readRecommendationInput(
  input: RecommendationInput,
  category: RecommendationCategory | undefined
): RecommendationInput {
  if (input === null || typeof input !== 'object') {
    throw new EcotiMlError(
      'BAD_INPUT',
      `The recommendation input must be an object with hosts and site, got ${kindOf(input)}.`
    );
  }
  if (category !== undefined && !CATEGORIES.includes(category)) {
    throw new EcotiMlError('BAD_OPTION', `Unknown category "${String(category)}": use ${CATEGORIES.join(' or ')}.`);
  }
  if (!Array.isArray(input.hosts)) {
    throw new EcotiMlError('BAD_INPUT', `hosts must be an array, got ${kindOf(input.hosts)}.`);
  }
  input.hosts.forEach((host, i) => {
    if (host === null || typeof host !== 'object' || typeof host.id !== 'string') {
      throw new EcotiMlError('BAD_INPUT', `Host ${i} must be an object with a string id, got ${kindOf(host)}.`);
    }
  });
  const hosts = input.hosts.map((host) => ({
    ...host,
    cpu: optionalSeries(host.cpu, `Host ${host.id}'s CPU series`),
    powerW: optionalSeries(host.powerW, `Host ${host.id}'s power series`),
  }));
  const sensors = input.inletTemperatures;
  if (sensors !== undefined && !Array.isArray(sensors)) {
    throw new EcotiMlError('BAD_INPUT', `inletTemperatures must be an array, got ${kindOf(sensors)}.`);
  }
  sensors?.forEach((sensor, i) => {
    if (sensor === null || typeof sensor !== 'object' || typeof sensor.id !== 'string') {
      throw new EcotiMlError(
        'BAD_INPUT',
        `Inlet sensor ${i} must be an object with a string id, got ${kindOf(sensor)}.`
      );
    }
  });
  const inletTemperatures = sensors?.map((sensor) => ({
    ...sensor,
    series: readSeries(sensor.series, `Inlet sensor ${sensor.id}'s series`),
  }));
  const facilityPowerW = optionalSeries(input.facilityPowerW, 'The facility power series');
  const itPowerW = optionalSeries(input.itPowerW, 'The IT power series');
  const site = input.site;
  if (site === null || typeof site !== 'object') {
    throw new EcotiMlError(
      'BAD_INPUT',
      `site must be an object with PUE, carbon intensity and tariff, got ${kindOf(site)}.`
    );
  }
  checkPue(site.pue);
  checkIntensity(site.carbonIntensity);
  if (typeof site.currency !== 'string' || typeof site.timeZone !== 'string') {
    throw new EcotiMlError(
      'BAD_INPUT',
      'site.currency and site.timeZone must be strings (e.g. "BRL", "America/Sao_Paulo").'
    );
  }
  assertTimeZone(site.timeZone);
  checkTariff(site.tariff);
  return { hosts, inletTemperatures, facilityPowerW, itPowerW, site };
}

function readSeries(series: Series, what: string): Series {
  checkSeries(series, what);
  return { timestamps: asFloat64(series.timestamps), values: asFloat64(series.values) };
}

function optionalSeries(series: Series | undefined, what: string): Series | undefined {
  return series === undefined ? undefined : readSeries(series, what);
}
