import { test, expect } from './fixtures';
import { testIds } from '../src/components/testIds';

// Runs against `docker compose up` (Grafana + Prometheus + simulator + engine, provisioned).
test.describe('EcoTI — Board', () => {
  test('draws every monthly forecast panel without an error', async ({ gotoDashboardPage }) => {
    const dashboard = await gotoDashboardPage({ uid: 'ecoti-board' });
    for (const title of [
      'Consumo por mês · Consumption per month (kWh)',
      'Custo por mês · Cost per month (R$)',
      'Emissões por mês · Emissions per month (tCO2e)',
    ]) {
      const panel = dashboard.getPanelByTitle(title);
      await expect(panel.getErrorIcon()).toHaveCount(0);
      await expect(panel.fieldNames).toContainText(['forecast']);
    }
  });

  test('shows the recommendation cards, or says why there are none', async ({ gotoDashboardPage, page }) => {
    const dashboard = await gotoDashboardPage({ uid: 'ecoti-board' });
    const panel = dashboard.getPanelByTitle('Recomendações automáticas · Automatic recommendations');
    await expect(panel.getErrorIcon()).toHaveCount(0);
    const cards = page.getByTestId(testIds.panel.card);
    const empty = page.getByTestId(testIds.panel.empty);
    await expect(cards.first().or(empty)).toBeVisible();
  });
});

test.describe('EcoTI — SRE forecasts', () => {
  test('rack power forecast and anomaly tables load', async ({ gotoDashboardPage }) => {
    const dashboard = await gotoDashboardPage({ uid: 'ecoti-sre-forecasts' });
    await expect(
      dashboard.getPanelByTitle('Potência por rack e previsão · Rack power and forecast').getErrorIcon()
    ).toHaveCount(0);
    await expect(
      dashboard.getPanelByTitle('Anomalias (o que era esperado) · Anomalies (what was expected)').getErrorIcon()
    ).toHaveCount(0);
  });
});
