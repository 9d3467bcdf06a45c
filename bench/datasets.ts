// Paths to the shared benchmark data (beside the repo, never copied into it), and how to say it is missing.
import fs from 'fs';
import path from 'path';

export const SHARED_DATASETS = path.resolve(__dirname, '..', '..', 'shared', 'datasets');

/** Where a clone without the data learns how to get it. */
export function missingDataMessage(what: string, file: string): string {
  return (
    `${what}: ${file} not found. The benchmark data (ETTh1, a NAB subset, BioHPC) is not in this repository; ` +
    `put the team's shared datasets folder beside the clone (../shared/datasets, see its README for sources and ` +
    `licences) to run this.`
  );
}

/** True when `relative` exists under the shared datasets. */
export function sharedDataAvailable(relative: string): boolean {
  return fs.existsSync(path.join(SHARED_DATASETS, relative));
}
