// The table the recommendation cards panel renders (and any table panel can show). Column headers and the rules'
// texts are in the viewer's language; readers (the cards panel, dashboard transformations) go by field name,
// never by header, and by id or rule, never by text.
import type { DataFrame } from '@grafana/data';
import { t } from '@grafana/i18n';
import type { Recommendation } from '../../ml';
import { currencyUnit } from '../../shared/currencyUnit';
import { textsInLanguage } from './recommendationTexts';
import { viewerLanguage } from '../../shared/viewerLanguage';
import { buildTableFrame, hiddenColumn, numberColumn, textColumn } from './tableFrame';

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
  const inLanguage = textsInLanguage(language);
  const rows = recs.map((r) => ({ r, text: inLanguage(r) }));
  return buildTableFrame({ refId, name: 'Recommendations', kind: 'ecoti-recommendations' }, rows, [
    hiddenColumn('id', ({ r }) => r.id),
    textColumn('title', t('frames.recommendation.title', 'Recommendation'), ({ text }) => text.title),
    textColumn('category', t('frames.recommendation.category', 'Category'), ({ r }) => r.category),
    textColumn('rule', t('frames.recommendation.rule', 'Rule'), ({ r }) => r.rule),
    textColumn('target', t('frames.recommendation.target', 'Target'), ({ text }) => text.target),
    textColumn('evidence', t('frames.recommendation.evidence', 'Evidence'), ({ text }) => text.evidence),
    numberColumn('kWhPerMonth', t('frames.recommendation.kwh', 'Energy saved / month'), ({ r }) => r.kWhPerMonth, {
      unit: 'kwatth',
      decimals: 0,
    }),
    numberColumn(
      'kgCO2ePerMonth',
      t('frames.recommendation.co2e', 'kgCO2e avoided / month'),
      ({ r }) => r.kgCO2ePerMonth,
      { unit: 'masskg', decimals: 1 }
    ),
    numberColumn('moneyPerMonth', t('frames.recommendation.money', 'Saved / month'), ({ r }) => r.moneyPerMonth, {
      unit: currencyUnit(currency),
      decimals: 0,
    }),
    hiddenColumn('currency', ({ r }) => r.currency),
    numberColumn(
      'shareOfSiteEnergy',
      t('frames.recommendation.share', 'Share of site energy'),
      ({ r }) => (siteKWhPerMonth ? r.kWhPerMonth / siteKWhPerMonth : null),
      { unit: 'percentunit', decimals: 1 }
    ),
    numberColumn('confidence', t('frames.recommendation.confidence', 'Confidence'), ({ r }) => r.confidence, {
      unit: 'percentunit',
      min: 0,
      max: 1,
    }),
    textColumn('action', t('frames.recommendation.action', 'Action'), ({ text }) => text.action),
    textColumn('assumptions', t('frames.recommendation.assumptions', 'Assumptions'), ({ text }) => text.assumptions),
    hiddenColumn('evidenceQuery', () => evidence.query),
    hiddenColumn('upstreamUid', () => evidence.upstreamUid),
  ]);
}
