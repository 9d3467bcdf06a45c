// Paths to the shared benchmark data (beside the repo, never copied into it).
import path from 'path';

export const SHARED_DATASETS = path.resolve(__dirname, '..', '..', 'shared', 'datasets');
