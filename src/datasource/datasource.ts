import { DataQueryRequest, DataQueryResponse, DataSourceApi, DataSourceInstanceSettings } from '@grafana/data';
import { DEFAULT_QUERY, EcotiDataSourceOptions, EcotiQuery } from './types';
import { resolveSettings, EcotiSettings } from '../shared/settings';

/** Runs an upstream data source's query through Grafana and applies the ML core to each series. */
export class EcotiDataSource extends DataSourceApi<EcotiQuery, EcotiDataSourceOptions> {
  readonly settings: EcotiSettings;

  constructor(instanceSettings: DataSourceInstanceSettings<EcotiDataSourceOptions>) {
    super(instanceSettings);
    this.settings = resolveSettings(instanceSettings.jsonData);
  }

  getDefaultQuery(): Partial<EcotiQuery> {
    return DEFAULT_QUERY;
  }

  async query(request: DataQueryRequest<EcotiQuery>): Promise<DataQueryResponse> {
    const targets = request.targets.filter((t) => !t.hide);
    return {
      data: [],
      errors: targets.map((t) => ({ refId: t.refId, message: 'EcoTI AI: query execution is not implemented in this release yet.' })),
    };
  }

  async testDatasource() {
    return { status: 'success', message: 'EcoTI AI settings are valid.' };
  }
}
