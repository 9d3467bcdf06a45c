// `npm run engine -- --config engine/config.example.yaml [--shard i/n] [--port n]`: starts the EcoTI engine (the
// shard may come from ECOTI_SHARDS with ECOTI_SHARD_INDEX or ECOTI_SHARD_FROM_HOSTNAME instead).
import { parseArgs } from 'node:util';
import { requiredCredentials } from './auth';
import { ConfigError, loadConfigFile } from './config';
import { Engine } from './engine';
import { registerSeriesMetrics } from './exported';
import { resolveShard } from './shardFromEnv';
import { Logger, LogLevel } from './log';
import { startEngineServer } from './server';
import { GrafanaRulePoller } from './grafanaRules';
import { EngineMetrics } from './metrics';
import { splitPrometheusUrl } from './prometheusUrl';
import { remoteWriterFor } from './remoteWrite/remoteWriter';

const USAGE =
  'usage: engine --config <file.yaml> [--shard i/n] [--host 0.0.0.0] [--port 9464] [--state-dir dir] [--log-level info]';

async function main(): Promise<void> {
  let values;
  try {
    values = parseArgs({
      options: {
        config: { type: 'string' },
        shard: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'state-dir': { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
      },
    }).values;
  } catch (e) {
    throw new ConfigError(`${(e as Error).message}\n${USAGE}`);
  }
  if (!values.config) {
    throw new ConfigError(`--config is required\n${USAGE}`);
  }
  const config = loadConfigFile(values.config);
  if (values.port !== undefined) {
    config.listen.port = Number(values.port);
  }
  if (values.host !== undefined) {
    config.listen.host = values.host;
  }
  if (values['state-dir']) {
    config.stateDir = values['state-dir'];
  }
  let shard;
  try {
    // --shard i/n, or a StatefulSet's ordinal from the environment (engine/shardFromEnv.ts).
    shard = resolveShard(values.shard, process.env);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const log = new Logger((values['log-level'] as LogLevel) ?? 'info');
  // Secret files are read here, once: a missing one stops the engine with exit 2 like any configuration error.
  const credentials = requiredCredentials(config.listen.auth);
  // Targets from Grafana's managed alert rules, when configured (engine/ruleTargets.ts).
  const metrics = new EngineMetrics();
  const rules = config.grafana
    ? new GrafanaRulePoller({ grafana: config.grafana, context: config, metrics, log })
    : undefined;
  const engine = new Engine({ config, shard, log, metrics, ruleTargets: rules });
  registerSeriesMetrics(engine);
  engine.loadState();
  const server = await startEngineServer(engine, {
    host: config.listen.host,
    port: config.listen.port,
    credentials,
    log,
  });
  // Pushes what /metrics renders, when remoteWrite is configured (engine/remoteWrite).
  const remoteWriter = remoteWriterFor(config, metrics.registry, server.port, log);
  engine.start();
  rules?.start();
  remoteWriter?.start();
  log.info('engine started', {
    port: server.port,
    host: config.listen.host,
    targets: config.targets.map((t) => t.name),
    grafanaRules: config.grafana ? splitPrometheusUrl(config.grafana.url).url : 'off',
    remoteWrite: remoteWriter?.target ?? 'off',
    shard: `${shard.index}/${shard.total}`,
    stateDir: config.stateDir,
    prometheus: splitPrometheusUrl(config.prometheus.url).url,
    auth: credentials?.scheme ?? 'none',
  });
  if (!credentials && !isLoopback(config.listen.host)) {
    log.warn(
      'listening beyond loopback without listen.auth: anyone who can reach this port reads /metrics and the API',
      {
        host: config.listen.host,
        port: server.port,
      }
    );
  }
  // An unexpected error in a callback is logged; the loop itself never throws, so the process keeps serving.
  process.on('unhandledRejection', (e) => log.error('unhandled rejection', { error: String(e) }));
  const stop = async () => {
    log.info('stopping: persisting state');
    rules?.stop();
    await remoteWriter?.stop();
    await engine.stop();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

main().catch((e: Error) => {
  process.stderr.write(`ecoti-engine: ${e.message}\n`);
  process.exit(e instanceof ConfigError ? 2 : 1);
});
