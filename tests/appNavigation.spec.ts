import { test, expect } from './fixtures';
import { ROUTES } from '../src/constants';
import { testIds } from '../src/components/testIds';

test.describe('EcoTI AI app pages', () => {
  test('overview renders', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Overview}`);
    await expect(page.getByTestId(testIds.overview.container)).toBeVisible();
  });

  test('recommendations page renders', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Recommendations}`);
    await expect(page.getByTestId(testIds.recommendations.container)).toBeVisible();
  });
});
