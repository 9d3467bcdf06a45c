// Where the series come from: the upstream data source, and (for the kinds that analyse one
// upstream query) that query, in the upstream's own editor when it has one, else as text.
import React from 'react';
import type { CoreApp, DataSourceApi, TimeRange } from '@grafana/data';
import { t } from '@grafana/i18n';
import type { DataQuery } from '@grafana/schema';
import { InlineField, InlineFieldRow, TextArea } from '@grafana/ui';
import { UpstreamDataSourcePicker } from '../../../shared/UpstreamDataSourcePicker';
import { DEFAULT_SIGNALS, SeriesQuery } from '../../types';
import { upstreamEditorQuery, withUpstreamQuery } from './editQuery';
import { editorTestIds } from './editorTestIds';

interface PickerProps {
  /** The query's upstream, or the app's default when it names none. */
  uid: string | undefined;
  invalid: boolean;
  onChange: (uid: string) => void;
}

export function UpstreamPicker({ uid, invalid, onChange }: PickerProps) {
  return (
    <InlineFieldRow>
      <InlineField
        label={t('query-editor.upstream.label', 'Upstream')}
        labelWidth={14}
        tooltip={t(
          'query-editor.upstream.tooltip',
          "The data source whose series EcoTI analyses; empty uses the app's default"
        )}
        invalid={invalid}
      >
        <UpstreamDataSourcePicker uid={uid} width={30} onChange={onChange} />
      </InlineField>
    </InlineFieldRow>
  );
}

interface QueryProps<Q extends SeriesQuery> {
  query: Q;
  upstream: DataSourceApi | undefined;
  invalid: boolean;
  onChange: (next: Q) => void;
  onRunQuery: () => void;
  range?: TimeRange;
  app?: CoreApp;
}

export function UpstreamQueryField<Q extends SeriesQuery>(props: QueryProps<Q>) {
  const { query, upstream, invalid, onChange, onRunQuery, range, app } = props;
  const UpstreamEditor = upstream?.components?.QueryEditor;
  if (UpstreamEditor && upstream) {
    return (
      <UpstreamEditor
        datasource={upstream}
        query={upstreamEditorQuery(query)}
        onChange={(uq: DataQuery) => onChange(withUpstreamQuery(query, uq))}
        onRunQuery={onRunQuery}
        range={range}
        app={app}
      />
    );
  }
  const label = t('query-editor.upstream-query.label', 'Upstream query');
  return (
    <InlineField
      label={label}
      labelWidth={14}
      grow
      invalid={invalid}
      tooltip={t(
        'query-editor.upstream-query.tooltip',
        'PromQL for Prometheus; $__interval and dashboard variables work'
      )}
    >
      <TextArea
        aria-label={label}
        data-testid={editorTestIds.expr}
        rows={2}
        className="gf-form-input"
        value={query.expr ?? ''}
        placeholder={DEFAULT_SIGNALS.power}
        onChange={(e) => onChange({ ...query, expr: e.currentTarget.value })}
        onBlur={onRunQuery}
      />
    </InlineField>
  );
}
