// Every data-testid in one place, shared by jest and Playwright.
export const testIds = {
  appConfig: {
    form: 'data-testid ecoti-settings-form',
    submit: 'data-testid ecoti-settings-submit',
  },
  overview: {
    container: 'data-testid ecoti-overview',
    noDataSource: 'data-testid ecoti-overview-no-datasource',
    monthFigure: 'data-testid ecoti-overview-month-figure',
    savings: 'data-testid ecoti-overview-savings',
    chart: 'data-testid ecoti-overview-chart',
    anomalies: 'data-testid ecoti-overview-anomalies',
    anomaly: 'data-testid ecoti-overview-anomaly',
    trend: 'data-testid ecoti-overview-trend',
    drivers: 'data-testid ecoti-overview-drivers',
    driver: 'data-testid ecoti-overview-driver',
    sectionError: 'data-testid ecoti-overview-section-error',
  },
  recommendations: {
    container: 'data-testid ecoti-recommendations-page',
    noDataSource: 'data-testid ecoti-recommendations-no-datasource',
    group: 'data-testid ecoti-recommendations-group',
    error: 'data-testid ecoti-recommendations-error',
  },
  panel: {
    container: 'data-testid ecoti-recommendations-panel',
    card: 'data-testid ecoti-recommendation-card',
    empty: 'data-testid ecoti-recommendations-empty',
    summary: 'data-testid ecoti-recommendations-summary',
    grid: 'data-testid ecoti-recommendations-grid',
    exploreLink: 'data-testid ecoti-recommendation-explore',
  },
};
