import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';
import grafanaI18nPlugin from '@grafana/i18n/eslint-plugin';
import { builtinModules } from 'node:module';
import { readdirSync } from 'node:fs';

// Layers (STYLE.md, one direction of dependence): src/ml (pure numbers) <- src/datasource <- components <- pages;
// the engine reaches the ML core only through engine/ml.ts and never the plugin UI. ESLint keeps one setting of a
// rule per file (the last matching block wins), so each block below carries every import restriction for its
// files (Grafana's base refusal of moment included) and the blocks' files do not overlap.
const MOMENT = { name: 'moment', message: 'Grafana refuses moment: use dateTime from @grafana/data or Date.' };
const PURE_MESSAGE =
  'The ML core (and the src/shared files the engine imports) is pure TypeScript: no Grafana, React, RxJS or Node.';
/** What pure code may not import: Grafana, React, RxJS and Node (builtins by exact name: `cluster` is also ours). */
const NOT_PURE = {
  paths: ['react', 'react-dom', 'react-router-dom', 'rxjs', ...builtinModules].map((name) => ({
    name,
    message: PURE_MESSAGE,
  })),
  patterns: [{ regex: '^(node:|@grafana/|@emotion/|(react|react-dom|rxjs)/)', message: PURE_MESSAGE }],
};
/** src/ entries other than ml, which tsconfig's baseUrl (src) would let a bare specifier reach. */
const SRC_ENTRIES = [
  ...new Set(readdirSync(new URL('./src/', import.meta.url)).map((name) => name.split('.')[0])),
].filter((name) => name !== 'ml');
const BARE_SRC = `^(${SRC_ENTRIES.join('|')})(/|$)`;
const DEEP_ML_MESSAGE =
  'Import the ML core from its index (src/ml), which is its public contract: export what you need there. ' +
  'Test fixtures come from src/ml/testing.';
/** Deep imports of src/ml from elsewhere in src ("../../ml/forecast/method"), bare ones included. */
const DEEP_ML_IN_SRC = { regex: '^(\\./|(\\.\\./)+)?ml/(?!testing$)', message: DEEP_ML_MESSAGE };
/** The same from outside src ("../src/ml/types"). */
const DEEP_ML_OUTSIDE_SRC = { regex: '^(\\.\\./)+src/ml/(?!testing$)', message: DEEP_ML_MESSAGE };
const PAGES = {
  group: ['**/pages', '**/pages/**'],
  message: 'Pages depend on components and the data source, never the reverse: move the shared piece down.',
};
const restrict = (files, options, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': ['error', { paths: [MOMENT, ...(options.paths ?? [])], patterns: options.patterns }],
  },
});

/** src/ml at each folder depth: `../` repeated one more time than its depth leaves the core. */
const mlLayer = [0, 1, 2, 3, 4, 5].map((depth) =>
  restrict([`src/ml/${'*/'.repeat(depth)}*.{ts,tsx}`], {
    paths: NOT_PURE.paths,
    patterns: [
      ...NOT_PURE.patterns,
      {
        regex: `^(\\./)?(\\.\\./){${depth + 1}}|${BARE_SRC}`,
        message:
          'The ML core imports nothing from outside src/ml: the plugin and the engine depend on it, not the reverse.',
      },
    ],
  })
);

const ENGINE_ML = {
  regex: '^(\\.\\./)+src/ml(/|$)',
  message: 'The engine reaches the ML core only through its one seam, engine/ml.ts: re-export what you need there.',
};
/** The pure files of src/shared the engine imports: settings defaults and the predicted-alert rule contract. */
const ENGINE_SHARED = ['src/shared/settings.ts', 'src/shared/predictedAlertContract.ts'];
const ENGINE_UI = {
  regex: `^(\\.\\./)+src/(?!ml(/|$)|(${ENGINE_SHARED.map((f) => f.slice('src/'.length, -'.ts'.length)).join('|')})$)`,
  message:
    'The engine never imports the plugin UI (src/datasource, pages, components, panels); of the rest of src it ' +
    `shares only the pure files ${ENGINE_SHARED.join(' and ')}.`,
};
const ENGINE_NO_UI_PACKAGES = {
  regex: '^(@grafana/|@emotion/|react(-dom)?(/|$))',
  message: 'The engine is a Node service: no Grafana or React packages.',
};

const importLayers = [
  ...mlLayer,
  restrict(['src/components/**/*.{ts,tsx}', 'src/datasource/**/*.{ts,tsx}'], {
    patterns: [PAGES, DEEP_ML_IN_SRC],
  }),
  // The engine imports these files of the plugin: they must stay as pure as the ML core.
  restrict(ENGINE_SHARED, { paths: NOT_PURE.paths, patterns: [...NOT_PURE.patterns, DEEP_ML_IN_SRC] }),
  restrict(['src/**/*.{ts,tsx}'], { patterns: [DEEP_ML_IN_SRC] }, [
    'src/ml/**',
    'src/components/**',
    'src/datasource/**',
    ...ENGINE_SHARED,
  ]),
  restrict(['engine/**/*.ts'], { patterns: [ENGINE_ML, ENGINE_UI, ENGINE_NO_UI_PACKAGES] }, ['engine/ml.ts']),
  // The seam itself: the ML core's index, and nothing else of src.
  restrict(['engine/ml.ts'], {
    patterns: [
      DEEP_ML_OUTSIDE_SRC,
      { regex: '^(\\.\\./)+src/(?!ml(/|$))', message: 'engine/ml.ts re-exports the ML core and nothing else of src.' },
    ],
  }),
  restrict(
    [
      'simulator/**/*.ts',
      'integration/**/*.ts',
      'bench/**/*.ts',
      'docs/**/*.{ts,tsx}',
      'scripts/**/*.ts',
      'tests/**/*.{ts,tsx}',
    ],
    { patterns: [DEEP_ML_OUTSIDE_SRC] }
  ),
];

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
      '.scratch/',
    ],
  },
  ...baseConfig,
  ...importLayers,
  {
    // Grafana's translation rules, for the code that renders in Grafana (the ML core and tests render nothing).
    name: 'grafana/i18n-rules',
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/ml/**', 'src/**/*.test.{ts,tsx}', 'src/**/testing/**'],
    plugins: { '@grafana/i18n': grafanaI18nPlugin },
    rules: {
      '@grafana/i18n/no-untranslated-strings': ['error', { calleesToIgnore: ['^css$', 'use[A-Z].*'] }],
      '@grafana/i18n/no-translation-top-level': 'error',
    },
  },
  {
    // The engine, simulator, integration tests and build scripts are TypeScript outside src/, which the base config does not cover.
    files: [
      'engine/**/*.ts',
      'simulator/**/*.ts',
      'integration/**/*.ts',
      'bench/**/*.ts',
      'docs/**/*.{ts,tsx}',
      'scripts/**/*.ts',
    ],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
      },
    },
  },
]);
