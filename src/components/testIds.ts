// Every data-testid in one place, shared by jest and Playwright.
export const testIds = {
  appConfig: {
    form: 'data-testid ecoti-settings-form',
    submit: 'data-testid ecoti-settings-submit',
  },
  overview: {
    container: 'data-testid ecoti-overview',
  },
  recommendations: {
    container: 'data-testid ecoti-recommendations-page',
  },
  panel: {
    container: 'data-testid ecoti-recommendations-panel',
    card: 'data-testid ecoti-recommendation-card',
    empty: 'data-testid ecoti-recommendations-empty',
  },
};
