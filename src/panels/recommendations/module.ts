import { PanelPlugin } from '@grafana/data';
import { initPluginTranslations, t } from '@grafana/i18n';
import { RecommendationsPanel } from './RecommendationsPanel';
import { DEFAULT_PANEL_OPTIONS, MAX_CARDS_LIMIT, RecommendationsPanelOptions } from './types';
import {
  categoriesOf,
  categoryLabel,
  readRecommendations,
  SORT_KEYS,
  sortLabel,
} from '../../components/Recommendations';
import pluginJson from './plugin.json';

// Grafana loads this plugin's locales (plugin.json "languages") into the namespace of its id.
await initPluginTranslations(pluginJson.id);

export const plugin = new PanelPlugin<RecommendationsPanelOptions>(RecommendationsPanel).setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'sortBy',
      name: t('panel.options.sort-by.name', 'Sort by'),
      description: t('panel.options.sort-by.description', 'Largest saving first.'),
      defaultValue: DEFAULT_PANEL_OPTIONS.sortBy,
      settings: { options: SORT_KEYS.map((value) => ({ value, label: sortLabel(value) })) },
    })
    .addMultiSelect({
      path: 'categories',
      name: t('panel.options.categories.name', 'Categories'),
      description: t('panel.options.categories.description', 'Show only these categories; empty shows all.'),
      // The builder types a multi-select's value as one option; the stored value is the array.
      defaultValue: DEFAULT_PANEL_OPTIONS.categories as unknown as string,
      settings: {
        options: categoriesOf([]).map((value) => ({ value, label: categoryLabel(value) })),
        // The categories in the panel's data, so custom tables with other categories can be filtered too.
        getOptions: async (context) => {
          const read = readRecommendations(context.data);
          return categoriesOf(read.status === 'ok' ? read.rows : []).map((value) => ({
            value,
            label: categoryLabel(value),
          }));
        },
      },
    })
    .addSliderInput({
      path: 'minConfidence',
      name: t('panel.options.min-confidence.name', 'Minimum confidence'),
      description: t(
        'panel.options.min-confidence.description',
        'Hide recommendations EcoTI is less sure of (0 = show all).'
      ),
      defaultValue: DEFAULT_PANEL_OPTIONS.minConfidence,
      settings: { min: 0, max: 1, step: 0.05 },
    })
    .addBooleanSwitch({
      path: 'showSummary',
      name: t('panel.options.show-summary.name', 'Show summary'),
      description: t(
        'panel.options.show-summary.description',
        'A line with the number of recommendations and their monthly savings.'
      ),
      defaultValue: DEFAULT_PANEL_OPTIONS.showSummary,
    })
    .addNumberInput({
      path: 'maxCards',
      name: t('panel.options.max-cards.name', 'Maximum cards'),
      description: t(
        'panel.options.max-cards.description',
        'The most cards to show, in the sort order; the summary still counts every recommendation.'
      ),
      defaultValue: DEFAULT_PANEL_OPTIONS.maxCards,
      settings: { min: 1, max: MAX_CARDS_LIMIT, integer: true },
    })
);
