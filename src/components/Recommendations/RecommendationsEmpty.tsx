// Why a recommendations view shows no cards, in words that say what to change.
import React from 'react';
import { t } from '@grafana/i18n';
import { EmptyState } from '@grafana/ui';
import type { EmptyReason } from './recommendationsView';
import { formatConfidence } from './formatFigure';
import { categoryLabel } from './labels';
import { testIds } from '../testIds';

export function RecommendationsEmpty({ reason }: { reason: EmptyReason }) {
  const { message, detail, variant } = describe(reason);
  return (
    <div data-testid={testIds.panel.empty}>
      <EmptyState variant={variant} message={message} role={reason.status === 'query-error' ? 'alert' : undefined}>
        {detail}
      </EmptyState>
    </div>
  );
}

function describe(reason: EmptyReason): {
  message: string;
  detail: string;
  variant: 'not-found' | 'completed' | 'call-to-action';
} {
  // Values below are plain text rendered by React, so i18next must not HTML-escape them too.
  const raw = { escapeValue: false };
  switch (reason.status) {
    case 'no-data':
      return {
        variant: 'call-to-action',
        message: t('cards.empty.no-data.title', 'No data'),
        detail: t(
          'cards.empty.no-data.detail',
          'The query returned nothing. Use an EcoTI AI query of type Recommendations (or Insights → Optimization).'
        ),
      };
    case 'query-error':
      return {
        variant: 'not-found',
        message: t('cards.empty.query-error.title', 'The query failed'),
        detail: reason.message,
      };
    case 'none-found':
      return {
        variant: 'completed',
        message: t('cards.empty.none-found.title', 'Nothing to recommend'),
        detail: t(
          'cards.empty.none-found.detail',
          'EcoTI analysed the signals in this time range and found no savings worth acting on.'
        ),
      };
    case 'missing-fields':
      return {
        variant: 'not-found',
        message: t('cards.empty.missing-fields.title', 'This is not a recommendations table'),
        detail: t(
          'cards.empty.missing-fields.detail',
          'The data lacks the field(s) {{missing}}; it has {{found}}. Use an EcoTI AI recommendations query, or rename the fields of your table.',
          {
            missing: reason.missing.join(', '),
            found: reason.found.join(', ') || '—',
            interpolation: raw,
          }
        ),
      };
    case 'filtered': {
      const parts: string[] = [];
      if (reason.hiddenByCategory > 0) {
        parts.push(
          t('cards.empty.filtered.category', 'the category filter ({{categories}}) hides {{hidden}}', {
            hidden: reason.hiddenByCategory,
            categories: reason.categories.map(categoryLabel).join(', '),
            interpolation: raw,
          })
        );
      }
      if (reason.hiddenByConfidence > 0) {
        parts.push(
          t('cards.empty.filtered.confidence', 'the minimum confidence of {{min}} hides {{hidden}}', {
            hidden: reason.hiddenByConfidence,
            min: formatConfidence(reason.minConfidence),
          })
        );
      }
      return {
        variant: 'not-found',
        message: t('cards.empty.filtered.title', 'The panel options hide every recommendation'),
        detail: t(
          'cards.empty.filtered.detail',
          'EcoTI found {{total}}, but {{reasons}}. Change the options to see them.',
          {
            total: reason.total,
            reasons: parts.join('; '),
            interpolation: raw,
          }
        ),
      };
    }
  }
}
