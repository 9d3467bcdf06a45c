// The engine as its own process (engine/main.ts under tsx), as a deployment runs it: one replica or several of one
// configuration, each with its own port and state directory. The shard variables of the shell running the tests are
// cleared, so only what a test passes decides a replica's shard.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { EngineConfigInput } from '../../engine/config';
import { freePort, Proc, start, waitFor } from '../harness';

/** An engine configuration less what each replica gets of its own. */
export type SharedEngineConfig = Omit<EngineConfigInput, 'listen' | 'stateDir'>;

/** Three hours of one-minute samples fitted by the seasonal mean: a replica is ready within seconds of starting. */
export function threeHourEngineConfig(
  prometheusUrl: string
): Pick<SharedEngineConfig, 'prometheus' | 'schedule' | 'training'> {
  return {
    prometheus: { url: prometheusUrl, timeout: '20s', retries: 1 },
    schedule: { update: '1m', refit: '1h' },
    training: { window: '3h', step: '1m', method: 'seasonal-mean' },
  };
}

export interface EngineReplica {
  proc: Proc;
  url: string;
  configFile: string;
  stateDir: string;
}

/** Starts engine/main.ts on a configuration file; `env` sets ECOTI_SHARDS and the like for this replica only. */
export function startEngineProcess(configFile: string, env: Record<string, string> = {}): Proc {
  return start(process.execPath, ['--import', 'tsx', 'engine/main.ts', '--config', configFile], {
    env: { ECOTI_SHARDS: '', ECOTI_SHARD_INDEX: '', ECOTI_SHARD_FROM_HOSTNAME: '', ...env },
  });
}

/** Writes `<dir>/<name>.yaml` (the shared configuration on a free port, state in `<dir>/<name>-state`) and starts it. */
export async function startEngineReplica(
  dir: string,
  name: string,
  config: SharedEngineConfig,
  env: Record<string, string> = {}
): Promise<EngineReplica> {
  const port = await freePort();
  const configFile = join(dir, `${name}.yaml`);
  const stateDir = join(dir, `${name}-state`);
  writeFileSync(configFile, stringify({ ...config, listen: { host: '127.0.0.1', port }, stateDir }));
  return { proc: startEngineProcess(configFile, env), url: `http://127.0.0.1:${port}`, configFile, stateDir };
}

/** One replica per entry of `envs` (named engine-0, engine-1, …); resolves once every one answers /readyz with 200. */
export async function startEngineReplicas(
  dir: string,
  config: SharedEngineConfig,
  envs: Array<Record<string, string>>
): Promise<EngineReplica[]> {
  const replicas: EngineReplica[] = [];
  try {
    for (const [i, env] of envs.entries()) {
      replicas.push(await startEngineReplica(dir, `engine-${i}`, config, env));
    }
    await waitFor(
      `all ${replicas.length} replicas ready`,
      async () =>
        (await Promise.all(replicas.map((r) => fetch(`${r.url}/readyz`).then((res) => res.status)))).every(
          (s) => s === 200
        ),
      120_000,
      1000
    );
    return replicas;
  } catch (e) {
    // The caller gets no replicas to stop when this throws.
    await Promise.all(replicas.map((r) => r.proc.stop()));
    throw e;
  }
}
