import { PanelPlugin } from '@grafana/data';
import { RecommendationsPanel } from './RecommendationsPanel';
import { RecommendationsPanelOptions } from './types';

export const plugin = new PanelPlugin<RecommendationsPanelOptions>(RecommendationsPanel).setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'sortBy',
      name: 'Sort by',
      defaultValue: 'savings',
      settings: {
        options: [
          { value: 'savings', label: 'Savings' },
          { value: 'confidence', label: 'Confidence' },
          { value: 'category', label: 'Category' },
        ],
      },
    })
    .addSliderInput({ path: 'minConfidence', name: 'Minimum confidence', defaultValue: 0, settings: { min: 0, max: 1, step: 0.05 } })
);
