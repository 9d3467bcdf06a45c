import fs from 'fs';
import os from 'os';
import path from 'path';
import { reachableSources } from './moduleGraph';

describe('reachableSources', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-graph-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows static, re-exported and lazy imports, but not type-only ones or packages', () => {
    write(
      'module.ts',
      [
        "import { a } from './a';",
        "import type { B } from './b';",
        "export { c } from './c';",
        "export type { D } from './d';",
        "import React from 'react';",
        "import plugin from './plugin.json';",
        "const Page = React.lazy(() => import('./pages'));",
      ].join('\n')
    );
    write('a.ts', "import { shared } from './shared';\nexport const a = shared;");
    write('b.ts', 'export interface B {}');
    write('c.tsx', 'export const c = 1;');
    write('d.ts', 'export type D = 1;');
    write('pages/index.tsx', "import { shared } from '../shared';\nexport default shared;");
    write('shared.ts', 'export const shared = 1;');
    write('plugin.json', '{}');
    const found = reachableSources(path.join(dir, 'module.ts')).map((f) => path.relative(dir, f));
    expect(found).toEqual(['a.ts', 'c.tsx', 'module.ts', 'pages/index.tsx', 'shared.ts']);
  });
});
