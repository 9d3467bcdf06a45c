export { OverviewPage } from './OverviewPage';
export type { OverviewPageProps } from './OverviewPage';
