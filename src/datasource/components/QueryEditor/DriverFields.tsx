// Drivers settings: the driver queries (name, PromQL, whether it is a utilisation) and the planned utilisation
// of the "what if". The power series are the upstream query above.
import React from 'react';
import { t } from '@grafana/i18n';
import { Button, Checkbox, InlineField, InlineFieldRow, Input, Stack } from '@grafana/ui';
import type { DriverSeriesQuery, DriversQuery } from '../../types';
import type { KindFieldProps } from './kindFieldProps';

type Props = KindFieldProps<DriversQuery>;

export function DriverFields({ query, invalid, onChange, onRunQuery }: Props) {
  const nameLabel = t('query-editor.drivers.name', 'Driver');
  const exprLabel = t('query-editor.drivers.expr', 'Query');
  const plannedLabel = t('query-editor.drivers.planned', 'Planned utilisation %');
  const setDriver = (i: number, change: Partial<DriverSeriesQuery>, run = false) =>
    onChange({ ...query, drivers: query.drivers.map((d, k) => (k === i ? { ...d, ...change } : d)) }, run);
  return (
    <Stack direction="column" gap={0.5}>
      {query.drivers.map((d, i) => (
        <InlineFieldRow key={i}>
          <InlineField label={nameLabel} labelWidth={14} invalid={invalid('drivers')}>
            <Input
              aria-label={t('query-editor.drivers.name-n', 'Driver {{n}} name', { n: i + 1 })}
              width={22}
              value={d.name}
              onChange={(e) => setDriver(i, { name: e.currentTarget.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label={exprLabel} labelWidth={8} grow>
            <Input
              aria-label={t('query-editor.drivers.expr-n', 'Driver {{n}} query', { n: i + 1 })}
              value={d.expr}
              onChange={(e) => setDriver(i, { expr: e.currentTarget.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <Checkbox
            label={t('query-editor.drivers.utilisation', 'Utilisation')}
            value={d.utilisation}
            onChange={(e) => setDriver(i, { utilisation: e.currentTarget.checked }, true)}
          />
          <Button
            variant="secondary"
            icon="trash-alt"
            aria-label={t('query-editor.drivers.remove', 'Remove driver')}
            onClick={() => onChange({ ...query, drivers: query.drivers.filter((_, k) => k !== i) }, true)}
          />
        </InlineFieldRow>
      ))}
      <InlineFieldRow>
        <Button
          variant="secondary"
          icon="plus"
          onClick={() =>
            onChange({
              ...query,
              drivers: [...query.drivers, { name: `Driver ${query.drivers.length + 1}`, expr: '', utilisation: false }],
            })
          }
        >
          {t('query-editor.drivers.add', 'Add driver')}
        </Button>
        <InlineField
          label={plannedLabel}
          labelWidth={24}
          invalid={invalid('plannedUtilisation')}
          tooltip={t(
            'query-editor.drivers.planned-tooltip',
            'What if: the power expected with every utilisation driver at this percentage. Empty for none.'
          )}
        >
          <Input
            aria-label={plannedLabel}
            type="number"
            width={10}
            value={query.plannedUtilisation ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              const { plannedUtilisation, ...rest } = query;
              onChange(v === '' ? rest : { ...rest, plannedUtilisation: Number(v) });
            }}
            onBlur={onRunQuery}
          />
        </InlineField>
      </InlineFieldRow>
    </Stack>
  );
}
