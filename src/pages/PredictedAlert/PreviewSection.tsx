// The preview: the forecast of each series against the threshold, and when each one's mean forecast crosses it.
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import type { PredictedDirection, PredictedKind } from '../../alerting/predictedAlertRule';
import { testIds } from '../../components/testIds';
import { stackedColumn, stackedList } from '../shared/pageStyles';
import { TimeSeriesChart } from '../shared/TimeSeriesChart';
import { crossingText } from './formatCrossing';
import { viewerLanguage } from '../../shared/viewerLanguage';
import { previewFrames } from './previewFrames';
import type { PreviewResult } from './runPreview';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | {
      status: 'shown';
      result: PreviewResult;
      kind: PredictedKind;
      threshold: number;
      direction: PredictedDirection;
      leadMs: number;
    };

const HEIGHT = 300;

export function PreviewSection({ state }: { state: PreviewState }) {
  const styles = useStyles2(getStyles);
  if (state.status === 'idle') {
    return null;
  }
  if (state.status === 'loading') {
    return <LoadingPlaceholder text={t('predicted.preview.loading', 'Forecasting the series…')} />;
  }
  const { result } = state;
  if (result.status === 'error') {
    return (
      <Alert
        data-testid={testIds.predictedAlert.previewError}
        severity="error"
        title={t('predicted.preview.error', 'The query could not be previewed')}
      >
        {result.message}
      </Alert>
    );
  }
  if (result.series.length === 0) {
    return (
      <Alert
        data-testid={testIds.predictedAlert.previewError}
        severity="warning"
        title={t('predicted.preview.empty', 'The query returned no series to forecast')}
      >
        {result.failed.map((f) => `${f.name}: ${f.message}`).join(' ') ||
          t('predicted.preview.empty-detail', 'Check the query in Explore over the last days.')}
      </Alert>
    );
  }
  return (
    <div className={styles.preview} data-testid={testIds.predictedAlert.preview}>
      <PreviewChart state={state} result={result} />
      <ul className={styles.list}>
        {result.series.map((s) => (
          <li key={s.key} data-testid={testIds.predictedAlert.crossing}>
            <strong>{s.name}</strong>{' '}
            {crossingText(s.crossing.mean, state.threshold, state.kind, state.direction, viewerLanguage())}
          </li>
        ))}
      </ul>
      {(result.skipped > 0 || result.failed.length > 0) && (
        <Alert severity="info" title={t('predicted.preview.partial', 'Not every series is previewed')}>
          {result.skipped > 0 &&
            t(
              'predicted.preview.skipped',
              '{{count}} more series are left out of the preview; the engine forecasts them all.',
              {
                count: result.skipped,
              }
            )}{' '}
          {result.failed.map((f) => `${f.name}: ${f.message}`).join(' ')}
        </Alert>
      )}
    </div>
  );
}

function PreviewChart({
  state,
  result,
}: {
  state: Extract<PreviewState, { status: 'shown' }>;
  result: Extract<PreviewResult, { status: 'done' }>;
}) {
  const frames = useMemo(
    () => previewFrames(result, state.kind, state.threshold, state.leadMs),
    [result, state.kind, state.threshold, state.leadMs]
  );
  const times = frames.flatMap((f) => (f.fields[0].values as number[]).filter(Number.isFinite));
  return (
    <TimeSeriesChart
      title={t('predicted.chart.title', 'Forecast against the threshold')}
      frames={frames}
      from={Math.min(...times)}
      to={Math.max(...times)}
      height={HEIGHT}
      testId={testIds.predictedAlert.chart}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  preview: css(stackedColumn(theme, 1)),
  list: css(stackedList(theme, 0.5)),
});
