// `npm run lint:cycles`: fails, listing each loop, when the repo's TypeScript sources import each other in a
// cycle (type-only imports excepted). Part of `npm test`.
import path from 'path';
import { importGraph } from '../moduleGraph';
import { findCycles } from './findCycles';
import { repoSources } from './repoSources';

const root = path.resolve(__dirname, '../..');
const cycles = findCycles(importGraph(repoSources(root)));
if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle(s); cut one import in each (or make it \`import type\`):`);
  for (const loop of cycles) {
    console.error(`  ${loop.map((f) => path.relative(root, f)).join(' -> ')}`);
  }
  process.exit(1);
}
console.log('No import cycles.');
