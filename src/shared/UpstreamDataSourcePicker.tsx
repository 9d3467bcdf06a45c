// The picker of an upstream data source, where EcoTI's queries run: any data source with metrics, none chosen
// until the user picks one (an empty choice falls back to the app's or the data source's default).
import React from 'react';
import { DataSourcePicker } from '@grafana/runtime';

interface Props {
  uid: string | undefined;
  width: number;
  onChange: (uid: string) => void;
}

export function UpstreamDataSourcePicker({ uid, width, onChange }: Props) {
  return <DataSourcePicker current={uid ?? null} metrics noDefault width={width} onChange={(ds) => onChange(ds.uid)} />;
}
