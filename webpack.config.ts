// Extends create-plugin's webpack config (never edit .config/): nested plugins' logos must be
// copied by a rule of our own, because the base copy step only knows the root plugin's logos; and
// the data source's analysis Web Worker is its own entry, emitted beside the data source's module
// (a nested plugin cannot load lazy chunks from the app's folder) as a plain script, not AMD.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  return merge(baseConfig, {
    entry: {
      'datasource/analysis.worker': {
        import: './datasource/analysis/analysis.worker.ts',
        library: { type: 'var', name: 'ecotiAnalysisWorker' },
      },
    },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: 'datasource/img', to: 'datasource/img' },
          { from: 'panels/*/img/**', to: '[path][name][ext]' },
        ],
      }),
    ],
  });
};

export default config;
