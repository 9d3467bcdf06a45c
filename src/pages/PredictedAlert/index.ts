export { PredictedAlertPage } from './PredictedAlertPage';
