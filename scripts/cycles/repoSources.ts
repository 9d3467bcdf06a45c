// The TypeScript sources the cycle check reads: every .ts/.tsx file of the repo's code folders.
import fs from 'fs';
import path from 'path';

export const SOURCE_FOLDERS = ['src', 'engine', 'simulator', 'bench', 'integration', 'scripts', 'docs', 'tests'];
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);

export function repoSources(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.')) {
          walk(full);
        }
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        found.push(full);
      }
    }
  };
  for (const folder of SOURCE_FOLDERS) {
    if (fs.existsSync(path.join(root, folder))) {
      walk(path.join(root, folder));
    }
  }
  return found.sort();
}
