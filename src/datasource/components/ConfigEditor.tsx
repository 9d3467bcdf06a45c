import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Alert } from '@grafana/ui';
import { EcotiDataSourceOptions } from '../types';

type Props = DataSourcePluginOptionsEditorProps<EcotiDataSourceOptions>;

export function ConfigEditor(_props: Props) {
  return (
    <Alert severity="info" title="EcoTI AI">
      This data source uses the site settings of the EcoTI AI app (PUE, carbon intensity, tariffs).
    </Alert>
  );
}
