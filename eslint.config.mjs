import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

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
    // The engine, simulator and integration tests are TypeScript outside src/, which the base config does not cover.
    files: ['engine/**/*.ts', 'simulator/**/*.ts', 'integration/**/*.ts', 'bench/**/*.ts', 'docs/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
      },
    },
  },
]);
