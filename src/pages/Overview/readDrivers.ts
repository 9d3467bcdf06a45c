// What drives the site's power, read from the data source's 'Drivers of consumption' table: the features of
// each series, most important first, and how well the model explains the power on hours it did not train on.
import type { DataFrame, Field } from '@grafana/data';
import type { DriverImportanceField } from '../../datasource/frames/driverFrame';

export interface DriverShare {
  /** The driver's name, or a calendar feature named in the viewer's language. */
  feature: string;
  kind: 'driver' | 'calendar';
  /** 0–1 of the series' summed importance. */
  share: number;
}

export interface DriverSummary {
  series: string;
  features: DriverShare[];
  /** Held-out R² (0–1) and typical error in `unit`. */
  r2: number;
  mae: number;
  unit?: string;
}

export function readDrivers(frames: DataFrame[]): DriverSummary[] {
  const bySeries = new Map<string, DriverSummary>();
  for (const frame of frames) {
    const get = (name: DriverImportanceField): Field | undefined => frame.fields.find((f) => f.name === name);
    const [series, feature, kind, share, r2, mae] = (
      ['series', 'feature', 'kind', 'share', 'heldOutR2', 'heldOutMae'] as const
    ).map(get);
    if (!feature || !share) {
      continue;
    }
    for (let i = 0; i < share.values.length; i++) {
      const name = String(series?.values[i] ?? '');
      const summary = bySeries.get(name) ?? {
        series: name,
        features: [],
        r2: Number(r2?.values[i] ?? NaN),
        mae: Number(mae?.values[i] ?? NaN),
        unit: mae?.config.unit ?? undefined,
      };
      bySeries.set(name, summary);
      summary.features.push({
        feature: String(feature.values[i]),
        kind: kind?.values[i] === 'calendar' ? 'calendar' : 'driver',
        share: Number(share.values[i]) || 0,
      });
    }
  }
  const out = [...bySeries.values()];
  out.forEach((s) => s.features.sort((a, b) => b.share - a.share));
  return out;
}
