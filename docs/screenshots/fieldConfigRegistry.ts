// The field config options Grafana core registers at start-up (standard options, and the custom options a panel
// plugin declares), which applyFieldOverrides copies from a panel's defaults and overrides: without them it copies
// nothing. Values pass through as the dashboard JSON stores them, except thresholds, whose base step Grafana
// stores as null and reads as -Infinity.
import {
  FieldConfigOptionsRegistry,
  FieldConfigPropertyItem,
  FieldConfigSource,
  ThresholdsConfig,
} from '@grafana/data';

const STANDARD = [
  'unit',
  'min',
  'max',
  'decimals',
  'displayName',
  'noValue',
  'color',
  'mappings',
  'links',
  'filterable',
];

function thresholds(value?: ThresholdsConfig): ThresholdsConfig | undefined {
  return value && { ...value, steps: value.steps.map((s) => ({ ...s, value: s.value ?? -Infinity })) };
}

function item(id: string, isCustom = false): FieldConfigPropertyItem {
  return {
    id,
    path: isCustom ? id.slice('custom.'.length) : id,
    name: id,
    isCustom,
    process: id === 'thresholds' ? thresholds : (v: unknown) => v,
    shouldApply: () => true,
    override: () => null,
    editor: () => null,
  } as unknown as FieldConfigPropertyItem;
}

/** The registry for one panel: the standard options and every custom option its JSON sets. */
export function fieldConfigRegistry(fieldConfig: FieldConfigSource): FieldConfigOptionsRegistry {
  const custom = new Set(Object.keys(fieldConfig.defaults.custom ?? {}).map((k) => `custom.${k}`));
  for (const o of fieldConfig.overrides) {
    o.properties.filter((p) => p.id.startsWith('custom.')).forEach((p) => custom.add(p.id));
  }
  return new FieldConfigOptionsRegistry(() => [
    ...STANDARD.map((id) => item(id)),
    item('thresholds'),
    ...[...custom].map((id) => item(id, true)),
  ]);
}
