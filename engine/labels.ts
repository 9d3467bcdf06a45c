// Series identity and sharding: canonical label keys, a stable label hash, `--shard i/n` parsing, and the
// label set the engine exports for a series (reserved names kept free).

export type Labels = Record<string, string>;

/** Labels the engine sets itself; a series label of the same name is exported as `exported_<name>`. */
export const RESERVED_LABELS = new Set(['target', 'horizon', 'bound', 'period', 'unit', 'kind', 'rule', 'category']);

/** Canonical identity of a label set: sorted name="value" pairs (independent of key order). */
export function seriesKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}

/** 32-bit FNV-1a: stable across processes and versions, unlike any runtime hash. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of the labels named in `shardKey` (all labels when undefined); missing labels hash as empty. */
export function shardHash(labels: Labels, shardKey?: string[]): number {
  if (!shardKey) {
    return fnv1a(seriesKey(labels));
  }
  return fnv1a(shardKey.map((k) => `${k}=${JSON.stringify(labels[k] ?? '')}`).join(','));
}

export interface Shard {
  index: number;
  total: number;
}

/** Parses "i/n" with 0 ≤ i < n (e.g. "0/3", "2/3"). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || index >= total) {
    throw new Error(`--shard must be i/n with 0 <= i < n (for example 0/3), got "${text}"`);
  }
  return { index, total };
}

/** Whether a series belongs to this replica. Every series belongs to exactly one of the n shards. */
export function inShard(labels: Labels, shard: Shard, shardKey?: string[]): boolean {
  return shard.total === 1 || shardHash(labels, shardKey) % shard.total === shard.index;
}

/** A series' labels as the engine exports them: `__name__` dropped, reserved names moved to `exported_…`. */
export function exportedLabels(metric: Labels): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(metric)) {
    if (k === '__name__') {
      continue;
    }
    out[RESERVED_LABELS.has(k) ? `exported_${k}` : k] = v;
  }
  return out;
}
