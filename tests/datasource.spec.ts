import { test, expect } from './fixtures';

test('a new EcoTI AI data source saves and tests against the default upstream', async ({
  createDataSourceConfigPage,
  page,
}) => {
  const configPage = await createDataSourceConfigPage({ type: 'renault-ecoti-datasource' });
  await expect(page.getByText("Override the app's site settings")).toBeVisible();
  await expect(configPage.saveAndTest()).toBeOK();
});
