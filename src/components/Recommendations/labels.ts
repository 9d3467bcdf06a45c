// Translated names for the values a recommendations table carries (categories, sort keys).
import { t } from '@grafana/i18n';
import type { SortKey } from './selectRecommendations';

export function categoryLabel(category: string | undefined): string {
  switch (category) {
    case 'energy':
      return t('cards.category.energy', 'Energy');
    case 'infrastructure':
      return t('cards.category.infrastructure', 'Infrastructure');
    case undefined:
    case '':
      return t('cards.category.other', 'Other');
    default:
      return category;
  }
}

export function sortLabel(sortBy: SortKey): string {
  switch (sortBy) {
    case 'kWh':
      return t('cards.sort.kwh', 'Energy saved');
    case 'kgCO2e':
      return t('cards.sort.co2e', 'CO₂e avoided');
    case 'confidence':
      return t('cards.sort.confidence', 'Confidence');
    default:
      return t('cards.sort.money', 'Money saved');
  }
}
