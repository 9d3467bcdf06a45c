import type { DataSourceApi, DataSourceInstanceSettings } from '@grafana/data';
import { ECOTI_DATASOURCE_TYPE, findEcotiDataSource } from './ecotiDataSource';

function srv(list: Array<Partial<DataSourceInstanceSettings>>) {
  const get = jest.fn(async (ref: { uid: string }) => ({ uid: ref.uid }) as DataSourceApi);
  const getList = jest.fn(() => list as DataSourceInstanceSettings[]);
  return { get, getList } as never as { get: typeof get; getList: typeof getList };
}

describe('findEcotiDataSource', () => {
  it('asks Grafana for data sources of the EcoTI type and takes the default one', async () => {
    const s = srv([
      { uid: 'a', type: ECOTI_DATASOURCE_TYPE, isDefault: false },
      { uid: 'b', type: ECOTI_DATASOURCE_TYPE, isDefault: true },
    ]);
    const ds = await findEcotiDataSource(s as never);
    expect(s.getList).toHaveBeenCalledWith({ type: 'renault-ecoti-datasource' });
    expect(s.get).toHaveBeenCalledWith({ uid: 'b', type: 'renault-ecoti-datasource' });
    expect(ds?.uid).toBe('b');
  });

  it('takes the first when none is the default, and gives null when there is none', async () => {
    expect(
      (
        await findEcotiDataSource(
          srv([
            { uid: 'a', type: ECOTI_DATASOURCE_TYPE },
            { uid: 'c', type: ECOTI_DATASOURCE_TYPE },
          ]) as never
        )
      )?.uid
    ).toBe('a');
    expect(await findEcotiDataSource(srv([]) as never)).toBeNull();
  });
});
