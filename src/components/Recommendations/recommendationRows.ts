// Reads recommendation tables (the EcoTI data source's frame, or any table with the same field
// names) into rows for the cards, and says why there are none when there are none.
import { DataFrame, DataQueryError, Field } from '@grafana/data';
import { currencyUnit } from '../../shared/currencyUnit';
// Type-only: the frame builder's module pulls the ML code, which the panel's bundle must not carry.
import type { RECOMMENDATION_FIELDS } from '../../datasource/frames/recommendationFrame';

type RecommendationField = (typeof RECOMMENDATION_FIELDS)[number];

/** A saving with the unit and decimals of the field it came from. */
export interface Figure {
  value: number | null;
  unit?: string;
  decimals?: number;
}

export interface RecommendationRow {
  /** Unique among the rows shown: the recommendation's id, or frame and row index without one. */
  key: string;
  id?: string;
  title: string;
  category?: string;
  rule?: string;
  target?: string;
  evidence?: string;
  kWhPerMonth: Figure;
  kgCO2ePerMonth: Figure;
  moneyPerMonth: Figure;
  currency?: string;
  /** 0..1, null when the table has none. */
  confidence: number | null;
  action?: string;
  assumptions?: string;
  evidenceQuery?: string;
  upstreamUid?: string;
}

/** Without a title there is nothing to put on a card; every other field is optional. */
export const REQUIRED_FIELDS = ['title'] as const;
/** The fields a table is checked for when it cannot be read, in the order they are reported. */
const CORE_FIELDS = ['title', 'kWhPerMonth', 'kgCO2ePerMonth', 'moneyPerMonth'];

export type RecommendationsRead =
  | { status: 'ok'; rows: RecommendationRow[] }
  /** No frames, or frames without rows, and no error. */
  | { status: 'no-data' }
  /** The query failed; the message is the data source's. */
  | { status: 'query-error'; message: string }
  /** Recommendation tables came back with no rows: nothing to recommend in this range. */
  | { status: 'none-found' }
  /** Rows came back, but not in a recommendations table. */
  | { status: 'missing-fields'; missing: string[]; found: string[] };

export function readRecommendations(frames: DataFrame[] | undefined, errors?: DataQueryError[]): RecommendationsRead {
  const all = frames ?? [];
  const tables = all.filter((f) => REQUIRED_FIELDS.every((name) => findField(f, name)));
  const rows: RecommendationRow[] = [];
  const seen = new Set<string>();
  tables.forEach((frame, frameIndex) => {
    for (const row of readFrame(frame, frameIndex)) {
      // The same recommendation from two queries (e.g. energy and an overlapping optimisation query) is shown once.
      if (!seen.has(row.key)) {
        seen.add(row.key);
        rows.push(row);
      }
    }
  });
  if (rows.length) {
    return { status: 'ok', rows };
  }
  const message = errors?.map((e) => e.message ?? e.data?.message).find((m): m is string => Boolean(m));
  if (message) {
    return { status: 'query-error', message };
  }
  if (tables.length) {
    return { status: 'none-found' };
  }
  const withRows = all.find((f) => frameLength(f) > 0);
  if (!withRows) {
    return { status: 'no-data' };
  }
  return {
    status: 'missing-fields',
    missing: CORE_FIELDS.filter((name) => !findField(withRows, name)),
    found: withRows.fields.map((f) => f.name),
  };
}

function readFrame(frame: DataFrame, frameIndex: number): RecommendationRow[] {
  const get = (name: RecommendationField) => findField(frame, name);
  const text = (field: Field | undefined, i: number) => {
    const v = field?.values[i];
    return v === null || v === undefined || v === '' ? undefined : String(v);
  };
  const fields = {
    id: get('id'),
    title: get('title')!,
    category: get('category'),
    rule: get('rule'),
    target: get('target'),
    evidence: get('evidence'),
    kWh: get('kWhPerMonth'),
    kg: get('kgCO2ePerMonth'),
    money: get('moneyPerMonth'),
    currency: get('currency'),
    confidence: get('confidence'),
    action: get('action'),
    assumptions: get('assumptions'),
    evidenceQuery: get('evidenceQuery'),
    upstreamUid: get('upstreamUid'),
  };
  const figure = (field: Field | undefined, i: number, fallbackUnit?: string): Figure => ({
    value: number(field?.values[i]),
    unit: field?.config.unit ?? fallbackUnit,
    decimals: field?.config.decimals ?? undefined,
  });
  const n = frameLength(frame);
  const rows: RecommendationRow[] = [];
  for (let i = 0; i < n; i++) {
    const title = text(fields.title, i);
    if (!title) {
      continue;
    }
    const id = text(fields.id, i);
    const currency = text(fields.currency, i);
    rows.push({
      key: id ?? `${frameIndex}:${i}`,
      id,
      title,
      category: text(fields.category, i),
      rule: text(fields.rule, i),
      target: text(fields.target, i),
      evidence: text(fields.evidence, i),
      kWhPerMonth: figure(fields.kWh, i, 'kwatth'),
      kgCO2ePerMonth: figure(fields.kg, i, 'masskg'),
      // The field's unit carries the currency; a bare table may only have the ISO code column.
      moneyPerMonth: figure(fields.money, i, currency ? currencyUnitOf(currency) : undefined),
      currency,
      confidence: confidence(fields.confidence?.values[i]),
      action: text(fields.action, i),
      assumptions: text(fields.assumptions, i),
      evidenceQuery: text(fields.evidenceQuery, i),
      upstreamUid: text(fields.upstreamUid, i),
    });
  }
  return rows;
}

/** By exact name first, then ignoring case, so hand-made tables (CSV, SQL) still match. */
function findField(frame: DataFrame, name: string): Field | undefined {
  const lower = name.toLowerCase();
  return frame.fields.find((f) => f.name === name) ?? frame.fields.find((f) => f.name.toLowerCase() === lower);
}

/** Grafana's currency unit for an ISO code where it has one, else the code as a suffix. */
export const currencyUnitOf = currencyUnit;

function frameLength(frame: DataFrame): number {
  return frame.length ?? frame.fields[0]?.values.length ?? 0;
}

function number(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** 0..1; a table that gives percentages (e.g. 85) is read as such. */
function confidence(v: unknown): number | null {
  const n = number(v);
  if (n === null || n < 0) {
    return null;
  }
  return n > 1 ? Math.min(n / 100, 1) : n;
}
