// forecast() with other settings for `auto`, for the cross-validation that chooses them (bench/forecast/tune.ts):
// not part of the ML core's API.
export { forecastWith as forecastWithAutoSettings } from '../forecast/forecast';
export { AUTO_SETTINGS } from '../forecast/autoSettings';
export type { AutoSettings, BandSettings } from '../forecast/autoSettings';
