import { test, expect } from './fixtures';
import { testIds } from '../src/components/testIds';

test('settings can be saved', async ({ appConfigPage, page }) => {
  await page.getByLabel(/^PUE/).fill('1.45');
  const saveResponse = appConfigPage.waitForSettingsResponse();
  await page.getByTestId(testIds.appConfig.submit).click();
  await expect(saveResponse).toBeOK();
});
