// What the Overview page asks the EcoTI data source: this month's energy, emissions and cost (so
// far and forecast to month end), the last 7 days' anomalies, the 30-day trend of IT power, and
// the open recommendations, and what drives site power (CPU utilisation, inlet temperature, the calendar). Month boundaries are the site's (settings time zone), as on its bills.
import { DataQueryRequest, dateTimeForTimeZone } from '@grafana/data';
import type { DataSourceRef } from '@grafana/schema';
import {
  DEFAULT_DRIVERS,
  DEFAULT_SIGNALS,
  DriversQuery,
  EcotiQuery,
  PredictQuery,
  PredictTarget,
} from '../../datasource/types';
import { buildEcotiRequest } from '../shared/buildEcotiRequest';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MonthWindow {
  now: number;
  /** Start of the site's current month, epoch ms. */
  monthStart: number;
  /** Start of the next month, epoch ms (exclusive end). */
  monthEnd: number;
}

export function monthWindow(now: number, timeZone: string): MonthWindow {
  // Grafana's DateTime mutates in place (it is moment): one instance per boundary.
  const monthStart = dateTimeForTimeZone(timeZone, now).startOf('month').valueOf();
  const monthEnd = dateTimeForTimeZone(timeZone, now).startOf('month').add(1, 'month').valueOf();
  return { now, monthStart, monthEnd };
}

export type OverviewSection = 'month' | 'anomalies' | 'trend' | 'savings' | 'drivers';

/** refIds of the month request, one per quantity. */
export const MONTH_QUERIES = { energy: 'energy', emissions: 'emissions', cost: 'cost' } as const;
export type MonthQuantity = keyof typeof MONTH_QUERIES;

/**
 * Site IT power, summed; the data source multiplies by the PUE for facility energy. These are the
 * data source's default signal queries, so the page needs no setup beyond the data source.
 */
export const OVERVIEW_QUERIES = { sitePower: DEFAULT_SIGNALS.itPower, hostPower: DEFAULT_SIGNALS.power };

export const ANOMALY_DAYS = 7;
export const TREND_DAYS = 30;
export const SAVINGS_DAYS = 7;
export const DRIVER_DAYS = 7;

/**
 * Site power explained by the site's mean CPU utilisation and inlet temperature: one series each, so the data
 * source models the whole site, not host by host.
 */
export const OVERVIEW_DRIVERS: DriversQuery['drivers'] = [
  { name: 'CPU utilisation', expr: 'avg(1 - rate(node_cpu_seconds_total{mode="idle"}[5m]))', utilisation: true },
  { ...DEFAULT_DRIVERS[1] },
];

export function overviewRequests(
  win: MonthWindow,
  datasource: DataSourceRef,
  timezone?: string
): Record<OverviewSection, DataQueryRequest<EcotiQuery>> {
  const { now } = win;
  // The forecast starts after the last sample, up to a step before now; one hour more covers that.
  const horizonHours = Math.max(1, Math.ceil((win.monthEnd - now) / HOUR) + 1);
  const predict = (refId: string, target: PredictTarget): PredictQuery => ({
    refId,
    queryType: 'predict',
    target,
    expr: OVERVIEW_QUERIES.sitePower,
    seriesKind: 'power_w',
    horizon: `${horizonHours}h`,
    level: 0.95,
    method: 'auto',
    includeHistory: true,
    period: 'step',
  });
  const common = { datasource, timezone, startTime: now };
  return {
    month: buildEcotiRequest({
      ...common,
      requestId: 'ecoti-overview-month',
      from: win.monthStart,
      to: now,
      targets: [
        predict(MONTH_QUERIES.energy, 'consumption'),
        predict(MONTH_QUERIES.emissions, 'emissions'),
        predict(MONTH_QUERIES.cost, 'costs'),
      ],
    }),
    anomalies: buildEcotiRequest({
      ...common,
      requestId: 'ecoti-overview-anomalies',
      from: now - ANOMALY_DAYS * DAY,
      to: now,
      targets: [
        {
          refId: 'anomalies',
          queryType: 'insights',
          target: 'anomalies',
          expr: OVERVIEW_QUERIES.hostPower,
          sensitivity: 0.5,
          // The page lists regions only; scores would be computed and drawn nowhere.
          anomalyOutput: 'regions',
        },
      ],
    }),
    trend: buildEcotiRequest({
      ...common,
      requestId: 'ecoti-overview-trend',
      from: now - TREND_DAYS * DAY,
      to: now,
      targets: [
        {
          refId: 'trend',
          queryType: 'insights',
          target: 'trends',
          expr: OVERVIEW_QUERIES.sitePower,
        },
      ],
    }),
    drivers: buildEcotiRequest({
      ...common,
      requestId: 'ecoti-overview-drivers',
      from: now - DRIVER_DAYS * DAY,
      to: now,
      targets: [
        {
          refId: 'drivers',
          queryType: 'insights',
          target: 'drivers',
          expr: OVERVIEW_QUERIES.sitePower,
          drivers: OVERVIEW_DRIVERS,
        },
      ],
    }),
    savings: buildEcotiRequest({
      ...common,
      requestId: 'ecoti-overview-savings',
      from: now - SAVINGS_DAYS * DAY,
      to: now,
      targets: [{ refId: 'savings', queryType: 'insights', target: 'optimization' }],
    }),
  };
}
