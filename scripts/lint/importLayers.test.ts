// The layer rules of eslint.config.mjs, run by ESLint itself on snippets placed in the real tree: each must
// refuse a wrong import and accept the right one, so removing or loosening a rule fails here.
import { execFileSync } from 'child_process';
import path from 'path';

interface Snippet {
  filePath: string;
  code: string;
}

/** For each snippet, the imports ESLint's no-restricted-imports refuses, as `specifier: message`. */
function refusedImports(snippets: Snippet[]): string[][] {
  const script = path.join(__dirname, 'lintSnippets.mjs');
  const out = execFileSync(process.execPath, [script], {
    input: JSON.stringify(snippets),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const results: Array<Array<{ ruleId: string | null; message: string }>> = JSON.parse(out.trim().split('\n').pop()!);
  return results.map((messages) =>
    messages.map((m) => (m.ruleId === 'no-restricted-imports' ? m.message : `unexpected ${m.ruleId}: ${m.message}`))
  );
}

const importing = (filePath: string, specifier: string): Snippet => ({
  filePath,
  code: `import * as imported from '${specifier}';\nexport const used = imported;\n`,
});

// [file, import, what the refusal says, or undefined when the import is allowed]
const CASES: Array<[string, string, RegExp | undefined]> = [
  // (a) the ML core is pure and self-contained
  ['src/ml/forecast/snippet.ts', '@grafana/data', /pure TypeScript/],
  ['src/ml/forecast/snippet.ts', 'react', /pure TypeScript/],
  ['src/ml/forecast/snippet.ts', 'rxjs', /pure TypeScript/],
  ['src/ml/forecast/snippet.ts', 'node:fs', /pure TypeScript/],
  ['src/ml/forecast/snippet.ts', 'path', /pure TypeScript/],
  ['src/ml/snippet.ts', '../shared/settings', /imports nothing from outside src\/ml/],
  ['src/ml/forecast/models/snippet.ts', '../../../datasource/types', /imports nothing from outside src\/ml/],
  ['src/ml/forecast/snippet.ts', 'datasource/types', /imports nothing from outside src\/ml/],
  ['src/ml/forecast/snippet.ts', '../types', undefined],
  ['src/ml/forecast/models/snippet.ts', '../../cluster/usageProfiles', undefined],
  ['src/ml/forecast/snippet.ts', 'ml-regression', undefined],
  // (b) everyone else goes through the index
  ['src/datasource/analysis/snippet.ts', '../../ml/hygiene/regularize', /from its index/],
  ['src/pages/snippet.ts', '../ml/types', /from its index/],
  ['bench/snippet.ts', '../src/ml/forecast/forecast', /from its index/],
  ['docs/screenshots/snippet.ts', '../../src/ml/testing/seededRandom', /from its index/],
  ['src/datasource/analysis/snippet.ts', '../../ml', undefined],
  ['src/components/snippet.ts', '../ml/testing', undefined],
  ['bench/snippet.ts', '../src/ml', undefined],
  // (c) the engine: the ML core only through engine/ml.ts, never the plugin UI
  ['engine/snippet.ts', '../src/ml', /only through its one seam/],
  ['engine/testing/snippet.ts', '../../src/ml/types', /only through its one seam/],
  ['engine/snippet.ts', '../src/datasource/frames/toSeries', /never imports the plugin UI/],
  ['engine/snippet.ts', '../src/pages/App/App', /never imports the plugin UI/],
  ['engine/snippet.ts', '@grafana/data', /Node service/],
  ['engine/snippet.ts', './ml', undefined],
  ['engine/snippet.ts', '../src/shared/settings', undefined],
  ['engine/remoteWrite/snippet.ts', '../../src/shared/predictedAlertContract', undefined],
  ['engine/snippet.ts', '../src/shared/currencyUnit', /never imports the plugin UI/],
  ['engine/snippet.ts', '../src/shared/predictedAlertContract.test', /never imports the plugin UI/],
  ['engine/snippet.ts', '../src/alerting/predictedAlertRule', /never imports the plugin UI/],
  ['engine/ml.ts', '../src/ml/forecast/method', /from its index/],
  ['engine/ml.ts', '../src/ml', undefined],
  // the src/shared files the engine imports stay pure
  ['src/shared/settings.ts', '@grafana/data', /pure TypeScript/],
  ['src/shared/predictedAlertContract.ts', '@grafana/i18n', /pure TypeScript/],
  ['src/shared/predictedAlertContract.ts', 'node:path', /pure TypeScript/],
  ['src/shared/predictedAlertContract.ts', '../ml/forecast/method', /from its index/],
  // the existing rule: nothing below pages imports them
  ['src/components/snippet.ts', '../pages/App/App', /Pages depend on components/],
];

describe('import layers (eslint.config.mjs)', () => {
  const results = refusedImports(CASES.map(([file, specifier]) => importing(file, specifier)));

  it.each(CASES.map((c, i) => [...c, i] as const))('%s importing %s', (_file, _specifier, expected, i) => {
    if (expected) {
      expect(results[i]).toEqual([expect.stringMatching(expected)]);
    } else {
      expect(results[i]).toEqual([]);
    }
  });
});
