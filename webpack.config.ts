// Extends create-plugin's webpack config (never edit .config/): nested plugins' logos must be
// copied by a rule of our own, because the base copy step only knows the root plugin's logos.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  return merge(baseConfig, {
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
