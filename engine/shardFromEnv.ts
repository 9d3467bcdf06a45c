// Which shard this replica is: `--shard i/n`, or from the environment a Kubernetes StatefulSet gives each pod —
// the index from ECOTI_SHARD_INDEX (the pod-index label through the downward API) or the trailing -<n> of the pod's
// HOSTNAME, the total from ECOTI_SHARDS. Anything ambiguous or out of range is refused with what to set.
import { parseShard, Shard } from './labels';

export class ShardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardError';
  }
}

/** A non-negative integer written plainly: "007", "1.0", " 2" or "-1" are mistakes worth refusing. */
function count(name: string, text: string): number {
  if (!/^(0|[1-9][0-9]{0,5})$/.test(text)) {
    throw new ShardError(`${name} must be a whole number such as 0, 1 or 2, got "${text}"`);
  }
  return Number(text);
}

/** The ordinal a StatefulSet puts at the end of its pods' names (ecoti-engine-3 → 3). */
export function ordinalOfHostname(hostname: string | undefined): number {
  const m = /-(0|[1-9][0-9]*)$/.exec(hostname ?? '');
  if (!m) {
    throw new ShardError(
      `ECOTI_SHARD_FROM_HOSTNAME=true needs a HOSTNAME ending in -<ordinal> as a StatefulSet's pods have (ecoti-engine-0), got "${hostname ?? ''}"`
    );
  }
  return count('the ordinal in HOSTNAME', m[1]);
}

/**
 * The shard: `flag` (--shard i/n) when given, else ECOTI_SHARDS with ECOTI_SHARD_INDEX or ECOTI_SHARD_FROM_HOSTNAME,
 * else 0/1 (one replica, every series). Giving both the flag and the variables is refused: one of them would be
 * silently ignored.
 */
export function resolveShard(flag: string | undefined, env: Record<string, string | undefined>): Shard {
  const total = env.ECOTI_SHARDS;
  const index = env.ECOTI_SHARD_INDEX;
  const fromHost = env.ECOTI_SHARD_FROM_HOSTNAME;
  const anyEnv = [total, index, fromHost].some((v) => v !== undefined && v !== '');
  if (flag !== undefined) {
    if (anyEnv) {
      throw new ShardError(
        'give --shard or the ECOTI_SHARDS/ECOTI_SHARD_INDEX/ECOTI_SHARD_FROM_HOSTNAME variables, not both'
      );
    }
    try {
      return parseShard(flag);
    } catch (e) {
      throw new ShardError((e as Error).message);
    }
  }
  if (!anyEnv) {
    return { index: 0, total: 1 };
  }
  if (fromHost !== undefined && fromHost !== '' && fromHost !== 'true' && fromHost !== 'false') {
    throw new ShardError(`ECOTI_SHARD_FROM_HOSTNAME must be true or false, got "${fromHost}"`);
  }
  const useHost = fromHost === 'true';
  if (total === undefined || total === '') {
    throw new ShardError('ECOTI_SHARD_INDEX or ECOTI_SHARD_FROM_HOSTNAME needs ECOTI_SHARDS, the number of replicas');
  }
  const n = count('ECOTI_SHARDS', total);
  if (n < 1) {
    throw new ShardError('ECOTI_SHARDS must be at least 1');
  }
  const hasIndex = index !== undefined && index !== '';
  if (hasIndex && useHost) {
    throw new ShardError('give ECOTI_SHARD_INDEX or ECOTI_SHARD_FROM_HOSTNAME=true, not both');
  }
  if (!hasIndex && !useHost) {
    throw new ShardError(
      'ECOTI_SHARDS needs this replica’s index: ECOTI_SHARD_INDEX (the pod-index label) or ECOTI_SHARD_FROM_HOSTNAME=true'
    );
  }
  const i = hasIndex ? count('ECOTI_SHARD_INDEX', index) : ordinalOfHostname(env.HOSTNAME);
  if (i >= n) {
    throw new ShardError(
      `shard index ${i} is not below ECOTI_SHARDS=${n}: the StatefulSet has more replicas than ECOTI_SHARDS says (set both to the same number)`
    );
  }
  return { index: i, total: n };
}
