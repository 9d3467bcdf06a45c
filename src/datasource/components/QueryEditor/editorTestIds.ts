// data-testids of the query editor, shared by jest and Playwright.
export const editorTestIds = {
  type: 'data-testid ecoti-query-type',
  expr: 'data-testid ecoti-query-expr',
  problems: 'data-testid ecoti-query-problems',
};
