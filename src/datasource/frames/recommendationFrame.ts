// The table the recommendation cards panel renders (and any table panel can show). Column headers and the rules'
// texts are in the viewer's language; readers (the cards panel, dashboard transformations) go by field name,
// never by header, and by id or rule, never by text.
import { createDataFrame, DataFrame, FieldType } from '@grafana/data';
import { t } from '@grafana/i18n';
import type { Recommendation } from '../../ml';
import { currencyUnit } from '../../shared/currencyUnit';
import { textsInLanguage, viewerLanguage } from './recommendationTexts';

/** Field names of the recommendations table: the contract with the cards panel. */
export const RECOMMENDATION_FIELDS = [
  'id',
  'title',
  'category',
  'rule',
  'target',
  'evidence',
  'kWhPerMonth',
  'kgCO2ePerMonth',
  'moneyPerMonth',
  'currency',
  'shareOfSiteEnergy',
  'confidence',
  'action',
  'assumptions',
  'evidenceQuery',
  'upstreamUid',
] as const;

export function buildRecommendationFrame(
  refId: string,
  recs: Recommendation[],
  evidence: { query: string; upstreamUid: string },
  currency: string,
  /** The site's measured facility kWh per month, when known: each row's saving as a share of it. */
  siteKWhPerMonth?: number,
  /** The viewer's language, for the rules' texts and their numbers. */
  language = viewerLanguage()
): DataFrame {
  const col = <T>(f: (r: Recommendation) => T) => recs.map(f);
  const texts = recs.map(textsInLanguage(language));
  const text = (f: (r: (typeof texts)[number]) => string) => texts.map(f);
  return createDataFrame({
    refId,
    name: 'Recommendations',
    meta: { preferredVisualisationType: 'table', custom: { kind: 'ecoti-recommendations' } },
    fields: [
      { name: 'id', type: FieldType.string, values: col((r) => r.id), config: { custom: { hidden: true } } },
      {
        name: 'title',
        type: FieldType.string,
        values: text((r) => r.title),
        config: { displayName: t('frames.recommendation.title', 'Recommendation') },
      },
      {
        name: 'category',
        type: FieldType.string,
        values: col((r) => r.category),
        config: { displayName: t('frames.recommendation.category', 'Category') },
      },
      {
        name: 'rule',
        type: FieldType.string,
        values: col((r) => r.rule),
        config: { displayName: t('frames.recommendation.rule', 'Rule') },
      },
      {
        name: 'target',
        type: FieldType.string,
        values: text((r) => r.target),
        config: { displayName: t('frames.recommendation.target', 'Target') },
      },
      {
        name: 'evidence',
        type: FieldType.string,
        values: text((r) => r.evidence),
        config: { displayName: t('frames.recommendation.evidence', 'Evidence') },
      },
      {
        name: 'kWhPerMonth',
        type: FieldType.number,
        values: col((r) => r.kWhPerMonth),
        config: { displayName: t('frames.recommendation.kwh', 'Energy saved / month'), unit: 'kwatth', decimals: 0 },
      },
      {
        name: 'kgCO2ePerMonth',
        type: FieldType.number,
        values: col((r) => r.kgCO2ePerMonth),
        config: { displayName: t('frames.recommendation.co2e', 'kgCO2e avoided / month'), unit: 'masskg', decimals: 1 },
      },
      {
        name: 'moneyPerMonth',
        type: FieldType.number,
        values: col((r) => r.moneyPerMonth),
        config: {
          displayName: t('frames.recommendation.money', 'Saved / month'),
          unit: currencyUnit(currency),
          decimals: 0,
        },
      },
      {
        name: 'currency',
        type: FieldType.string,
        values: col((r) => r.currency),
        config: { custom: { hidden: true } },
      },
      {
        name: 'shareOfSiteEnergy',
        type: FieldType.number,
        values: col((r) => (siteKWhPerMonth ? r.kWhPerMonth / siteKWhPerMonth : null)),
        config: {
          displayName: t('frames.recommendation.share', 'Share of site energy'),
          unit: 'percentunit',
          decimals: 1,
        },
      },
      {
        name: 'confidence',
        type: FieldType.number,
        values: col((r) => r.confidence),
        config: {
          displayName: t('frames.recommendation.confidence', 'Confidence'),
          unit: 'percentunit',
          min: 0,
          max: 1,
        },
      },
      {
        name: 'action',
        type: FieldType.string,
        values: text((r) => r.action),
        config: { displayName: t('frames.recommendation.action', 'Action') },
      },
      {
        name: 'assumptions',
        type: FieldType.string,
        values: text((r) => r.assumptions),
        config: { displayName: t('frames.recommendation.assumptions', 'Assumptions') },
      },
      {
        name: 'evidenceQuery',
        type: FieldType.string,
        values: col(() => evidence.query),
        config: { custom: { hidden: true } },
      },
      {
        name: 'upstreamUid',
        type: FieldType.string,
        values: col(() => evidence.upstreamUid),
        config: { custom: { hidden: true } },
      },
    ],
  });
}
