// The signal queries the recommendation rules read, each defaulting to what common collectors export.
import React from 'react';
import { InlineField, Input } from '@grafana/ui';
import { DEFAULT_SIGNALS, RecommendingQuery, SignalQueries } from '../../types';
import { signalLabels } from './editorOptions';

interface Props {
  query: RecommendingQuery;
  onChange: (next: RecommendingQuery) => void;
  onRunQuery: () => void;
}

const SIGNAL_KEYS = Object.keys(DEFAULT_SIGNALS) as Array<keyof SignalQueries>;

export function SignalFields({ query, onChange, onRunQuery }: Props) {
  const labels = signalLabels();
  return (
    <>
      {SIGNAL_KEYS.map((key) => (
        <InlineField key={key} label={labels[key]} labelWidth={32} grow>
          <Input
            aria-label={labels[key]}
            value={query.signals?.[key] ?? ''}
            placeholder={DEFAULT_SIGNALS[key]}
            onChange={(e) => onChange({ ...query, signals: { ...query.signals, [key]: e.currentTarget.value } })}
            onBlur={onRunQuery}
          />
        </InlineField>
      ))}
    </>
  );
}
