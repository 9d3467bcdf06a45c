// The predicted-alert form: its fields, the values it opens with (the app's settings, or a panel's query
// passed in the URL by the panel menu's "Create predicted alert"), and what is wrong with it, in the viewer's words.
import { t } from '@grafana/i18n';
import {
  durationSeconds,
  MAX_QUERY_LENGTH,
  PREDICTED_KINDS,
  type PredictedDirection,
  type PredictedKind,
} from '../../alerting/predictedAlertRule';
import { MAX_PREVIEW_STEPS } from './previewForecast';

export interface PredictedAlertForm {
  /** The Prometheus the series come from. */
  upstreamUid: string;
  query: string;
  kind: PredictedKind;
  /** As typed: parsed when checked, so that a half-typed number is not replaced under the cursor. */
  threshold: string;
  direction: PredictedDirection;
  /** "Alert when the forecast crosses within …". */
  lead: string;
  step: string;
  title: string;
  /** The Prometheus that scrapes the engine: where the rule reads ecoti_time_to_threshold_seconds. */
  engineUid: string;
  /** The panel the form was opened from, linked from the rule's notifications. */
  panel?: { dashboardUid: string; panelId: number; title?: string };
}

export type FormField = keyof Omit<PredictedAlertForm, 'panel'>;
export type FormProblems = Partial<Record<FormField, string>>;

/** The URL parameters the panel menu link fills in. */
export const PREFILL_PARAMS = {
  upstream: 'upstream',
  query: 'expr',
  dashboard: 'dashboard',
  panel: 'panel',
  title: 'title',
} as const;

export const DEFAULT_LEAD = '24h';
/** The engine's default training step (engine config training.step). */
export const DEFAULT_STEP = '5m';

/** The form's opening values: the URL's panel query when there is one, else the app's default upstream. */
export function initialForm(params: URLSearchParams, defaultUpstreamUid: string | undefined): PredictedAlertForm {
  const query = standaloneQuery((params.get(PREFILL_PARAMS.query) ?? '').trim(), DEFAULT_STEP);
  const upstreamUid = params.get(PREFILL_PARAMS.upstream) ?? defaultUpstreamUid ?? '';
  const dashboardUid = params.get(PREFILL_PARAMS.dashboard);
  const panelId = Number(params.get(PREFILL_PARAMS.panel));
  const panelTitle = params.get(PREFILL_PARAMS.title) ?? undefined;
  return {
    upstreamUid,
    query,
    kind: guessKind(query),
    threshold: '',
    direction: 'above',
    lead: DEFAULT_LEAD,
    step: DEFAULT_STEP,
    title: panelTitle
      ? t('predicted.form.default-title', '{{panel}}: predicted threshold', {
          panel: panelTitle,
          interpolation: { escapeValue: false },
        })
      : '',
    // In the shipped stack one Prometheus holds both the metrics and the engine's forecasts.
    engineUid: defaultUpstreamUid ?? upstreamUid,
    panel:
      dashboardUid && Number.isInteger(panelId) && panelId > 0
        ? { dashboardUid, panelId, title: panelTitle }
        : undefined,
  };
}

/**
 * A panel's query made runnable without Grafana: the engine cannot fill $__rate_interval or $__interval, so the
 * forecast step stands in (the engine samples the query once a step: a rate over one step loses nothing).
 */
export function standaloneQuery(expr: string, step: string): string {
  return expr.replace(/\$\{?__rate_interval\}?|\$\{?__interval\}?(?!_)/g, step);
}

/** The kind a query most likely measures, from collectors' metric names; power when nothing says otherwise. */
export function guessKind(query: string): PredictedKind {
  const q = query.toLowerCase();
  // rate() of a joules counter is already watts: the function decides, not the name.
  if (/joule/.test(q)) {
    return /\b(i?rate|deriv)\s*\(/.test(q) ? 'power' : 'energy_counter_joules';
  }
  if (/kwh|kilowatt_?hours?/.test(q)) {
    return /\b(i?rate|deriv)\s*\(/.test(q) ? 'power' : 'energy_counter_kwh';
  }
  if (/celsius|temp/.test(q)) {
    return 'temperature';
  }
  if (/utili[sz]ation|_ratio\b|cpu_usage/.test(q)) {
    return 'utilisation';
  }
  return 'power';
}

/** The threshold as a number: one decimal separator, "." or "," (pt-BR writes 0,85), no thousands separators. */
export function parseThreshold(text: string): number {
  const s = text.trim().replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(s)) {
    return NaN;
  }
  return Number(s.replace(',', '.'));
}

export function formProblems(form: PredictedAlertForm): FormProblems {
  const problems: FormProblems = {};
  if (!form.upstreamUid) {
    problems.upstreamUid = t('predicted.problem.upstream', 'Choose the Prometheus data source the series come from.');
  }
  const query = form.query.trim();
  if (!query) {
    problems.query = t('predicted.problem.query-empty', 'Enter the PromQL query of the series to forecast.');
  } else if (query.length > MAX_QUERY_LENGTH) {
    problems.query = t(
      'predicted.problem.query-long',
      'The query is longer than {{max}} characters, the most the engine accepts.',
      {
        max: MAX_QUERY_LENGTH,
      }
    );
  } else if (/\$(\{)?[A-Za-z_]/.test(query)) {
    // The engine runs the query on its own, with no dashboard to fill variables in.
    problems.query = t(
      'predicted.problem.query-variable',
      'The query still holds a dashboard variable ($…): replace it with its value.'
    );
  }
  if (!(PREDICTED_KINDS as readonly string[]).includes(form.kind)) {
    problems.kind = t('predicted.problem.kind', 'Choose what the series measures.');
  }
  const threshold = parseThreshold(form.threshold);
  if (!Number.isFinite(threshold)) {
    problems.threshold = t('predicted.problem.threshold', 'Enter the threshold as a number, for example 6000.');
  } else if (form.kind === 'utilisation' && (threshold < 0 || threshold > 1)) {
    problems.threshold = t(
      'predicted.problem.threshold-ratio',
      'Utilisation is a ratio: enter a value from 0 to 1 (0.85 for 85%).'
    );
  }
  const lead = durationSeconds(form.lead);
  const step = durationSeconds(form.step);
  if (!(lead > 0)) {
    problems.lead = t('predicted.problem.duration', 'Enter a duration such as 30m, 24h or 7d.');
  }
  if (!(step > 0)) {
    problems.step = t('predicted.problem.duration', 'Enter a duration such as 30m, 24h or 7d.');
  } else if (lead > 0 && lead / step > MAX_PREVIEW_STEPS) {
    problems.lead = t(
      'predicted.problem.lead-steps',
      'The lead time spans more than {{max}} steps: choose a longer step.',
      {
        max: MAX_PREVIEW_STEPS,
      }
    );
  } else if (lead > 0 && step > lead) {
    problems.step = t('predicted.problem.step-lead', 'The step must be shorter than the lead time.');
  }
  if (!form.title.trim()) {
    problems.title = t('predicted.problem.title', 'Give the alert rule a name.');
  } else if (form.title.trim().length > 190) {
    problems.title = t('predicted.problem.title-long', 'Grafana accepts rule names of up to 190 characters.');
  }
  if (!form.engineUid) {
    problems.engineUid = t(
      'predicted.problem.engine',
      'Choose the Prometheus that scrapes the EcoTI engine: the rule reads its forecasts there.'
    );
  }
  return problems;
}

/** The fields the preview needs; the rule's own fields (title, engine) do not block it. */
export const PREVIEW_FIELDS: FormField[] = ['upstreamUid', 'query', 'kind', 'threshold', 'lead', 'step'];
