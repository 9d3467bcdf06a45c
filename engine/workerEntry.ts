// Where a worker thread's code is: the bundled file next to the bundled engine (the container image), else the
// TypeScript source through tsx (development, tests).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkerEntry {
  file: string;
  execArgv: string[];
}

/** The worker `name` (without extension) in `dir`, the caller's __dirname. */
export function workerEntry(dir: string, name: string): WorkerEntry {
  const bundled = join(dir, `${name}.js`);
  return existsSync(bundled)
    ? { file: bundled, execArgv: [] }
    : { file: join(dir, `${name}.ts`), execArgv: ['--import', 'tsx'] };
}
