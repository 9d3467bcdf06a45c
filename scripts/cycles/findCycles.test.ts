import fs from 'fs';
import os from 'os';
import path from 'path';
import { importGraph } from '../moduleGraph';
import { findCycles } from './findCycles';
import { repoSources } from './repoSources';

describe('findCycles', () => {
  it('reports one shortest loop per cycle, a self-import included, and nothing for the acyclic part', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'x']],
      ['c', ['a', 'b']],
      ['s', ['s']],
      ['x', ['y']],
      ['y', []],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['s', 's'],
    ]);
  });

  it('counts value imports as edges and type-only imports as none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
    try {
      const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
      write('engine.ts', "import { ingest } from './ingest';\nexport interface Runtime {}\nexport const run = ingest;");
      write('ingest.ts', "import { type Runtime } from './engine';\nexport const ingest = (r: Runtime) => r;");
      write('types.ts', "import type { Runtime } from './engine';\nexport type { Runtime };");
      const files = ['engine.ts', 'ingest.ts', 'types.ts'].map((f) => path.join(dir, f));
      expect(findCycles(importGraph(files))).toEqual([]);
      write('ingest.ts', "import { Runtime } from './engine';\nexport const ingest = (r: Runtime) => r;");
      const loops = findCycles(importGraph(files)).map((loop) => loop.map((f) => path.basename(f)));
      expect(loops).toEqual([['engine.ts', 'ingest.ts', 'engine.ts']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds no import cycle in this repository', () => {
    const root = path.resolve(__dirname, '../..');
    const sources = repoSources(root);
    expect(sources).toContain(path.join(root, 'engine/engine.ts'));
    const loops = findCycles(importGraph(sources)).map((loop) => loop.map((f) => path.relative(root, f)).join(' -> '));
    expect(loops).toEqual([]);
  });
});
