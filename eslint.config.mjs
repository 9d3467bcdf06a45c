import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';
import grafanaI18nPlugin from '@grafana/i18n/eslint-plugin';

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
  {
    // One direction of dependence (STYLE.md): ml <- datasource <- components <- pages. Grafana's base keeps moment out.
    files: ['src/components/**/*.{ts,tsx}', 'src/datasource/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['moment'],
          patterns: [
            {
              group: ['**/pages', '**/pages/**'],
              message: 'Pages depend on components and the data source, never the reverse: move the shared piece down.',
            },
          ],
        },
      ],
    },
  },
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
