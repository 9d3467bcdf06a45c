// The EcoTI data source as the tests build it: real code, with Grafana's runtime services (which cannot run
// here) replaced by the doubles of fakeUpstream.ts, work run inline, and the app settings the test gives.
import type { DataSourceApi, DataSourceInstanceSettings } from '@grafana/data';
import { EcotiDataSource, EcotiDependencies } from '../datasource';
import type { EcotiDataSourceOptions } from '../types';
import { runInline } from '../analysis/taskRunner';
import { fakeDataSourceSrv, FakeVariable, fakeTemplateSrv } from './fakeUpstream';
import pluginJson from '../plugin.json';

export interface TestDataSourceOptions extends Partial<
  Pick<EcotiDependencies, 'runner' | 'now' | 'loadAppSettings' | 'templateSrv'>
> {
  /** The upstream data sources the lookup finds (by uid or name). */
  upstreams: DataSourceApi[];
  /** The app's settings page (jsonData), when loadAppSettings is not given. */
  appSettings?: unknown;
  /** Dashboard variables the template service fills in (when templateSrv is not given). */
  variables?: Record<string, string | FakeVariable>;
  uid?: string;
  /** The data source's own jsonData (its settings, which override the app's when switched on). */
  jsonData?: EcotiDataSourceOptions;
}

export function testDataSource(options: TestDataSourceOptions): EcotiDataSource {
  const settings = {
    uid: options.uid ?? 'ecoti',
    name: 'EcoTI AI',
    type: pluginJson.id,
    jsonData: options.jsonData ?? {},
  } as unknown as DataSourceInstanceSettings<EcotiDataSourceOptions>;
  return new EcotiDataSource(settings, {
    dataSourceSrv: fakeDataSourceSrv(options.upstreams),
    templateSrv: options.templateSrv ?? fakeTemplateSrv(options.variables),
    loadAppSettings: options.loadAppSettings ?? (async () => options.appSettings ?? {}),
    runner: options.runner ?? runInline,
    ...(options.now ? { now: options.now } : {}),
  });
}
