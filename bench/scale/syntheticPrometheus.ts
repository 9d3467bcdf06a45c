// A stand-in for Prometheus' query API serving a synthetic fleet of power series computed on the fly from a formula,
// for the scale bench: 100,000 series × days of history in a real Prometheus would take longer to backfill and more
// memory than the engines under test. It answers the two query forms the engine sends for a target —
// `scale_power_watts{group="gN"}` and the discovery form `(…) and on(…) (label_replace(vector(1), "instance", …) or …)`
// — with query_range's JSON, streamed series by series. Anything else is a 400, so a new query form shows at once.
import { createServer, IncomingMessage, Server } from 'node:http';

export const METRIC = 'scale_power_watts';
const DAY_S = 86_400;

export interface Fleet {
  /** Series 0..count-1 exist; series i belongs to group i % groups. */
  count: number;
  groups: number;
}

function labelsOf(i: number, groups: number): string {
  return `{"__name__":"${METRIC}","group":"g${i % groups}","instance":"host-${i}:9100","rack":"r${Math.floor(i / 40)}"}`;
}

/** Host-like power: a level per host, a daily cycle with its own phase, a deterministic jitter per (host, time). */
export function watts(i: number, tSeconds: number): number {
  const level = 150 + ((i * 7919) % 300);
  const phase = ((i * 104729) % 1000) / 1000;
  const jitter = (((Math.imul(i + 1, 2654435761) ^ Math.imul(Math.floor(tSeconds), 40503)) >>> 0) % 1000) / 1000;
  return level * (1 + 0.3 * Math.sin(2 * Math.PI * (tSeconds / DAY_S + phase))) + 10 * (jitter - 0.5);
}

/** query_range's step: float seconds or a duration with a unit (the engine sends "900s"). */
function stepSeconds(text: string): number {
  const m = /^([0-9.]+)(ms|s|m|h)?$/.exec(text);
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[(m?.[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return m ? Number(m[1]) * unit : NaN;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) {
    chunks.push(c as Buffer);
  }
  const url = new URL(req.url ?? '/', 'http://x');
  const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  for (const [k, v] of url.searchParams) {
    body.set(k, v);
  }
  return body;
}

/** The series a query selects: its group, and for the discovery form only the instances it names. */
export function selectSeries(query: string, fleet: Fleet): number[] | undefined {
  const group = /scale_power_watts\{group="g(\d+)"\}/.exec(query);
  if (!group) {
    return undefined;
  }
  const g = Number(group[1]);
  if (g >= fleet.groups) {
    return [];
  }
  if (query.includes(' and on(')) {
    const wanted = [...query.matchAll(/"instance", "host-(\d+):9100"/g)].map((m) => Number(m[1]));
    return wanted.filter((i) => i < fleet.count && i % fleet.groups === g);
  }
  const out: number[] = [];
  for (let i = g; i < fleet.count; i += fleet.groups) {
    out.push(i);
  }
  return out;
}

export interface SyntheticPrometheus {
  url: string;
  fleet: Fleet;
  /** Range queries answered and points served, per client: the engines' fetch load. */
  stats: { rangeQueries: number; points: number };
  close(): Promise<void>;
}

export async function startSyntheticPrometheus(fleet: Fleet): Promise<SyntheticPrometheus> {
  const stats = { rangeQueries: 0, points: 0 };
  const server: Server = createServer(async (req, res) => {
    const params = await form(req);
    // The bench's controls: grow the fleet (a new host appears) and read the load served so far.
    if (req.url?.startsWith('/bench/fleet')) {
      fleet.count = Number(params.get('count') ?? fleet.count);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ fleet, stats }));
      return;
    }
    const query = params.get('query') ?? '';
    const selected = selectSeries(query, fleet);
    if (selected === undefined) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `bench: unsupported query ${query}` }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (req.url?.startsWith('/api/v1/query_range')) {
      stats.rangeQueries++;
      const start = Number(params.get('start'));
      const end = Number(params.get('end'));
      const step = stepSeconds(params.get('step') ?? '');
      if (!(step > 0) || !(end >= start)) {
        res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'bench: bad start, end or step' }));
        return;
      }
      res.write('{"status":"success","data":{"resultType":"matrix","result":[');
      for (let n = 0; n < selected.length; n++) {
        const i = selected[n];
        const values: string[] = [];
        for (let t = start; t <= end + 1e-9; t += step) {
          values.push(`[${t},"${watts(i, t).toFixed(2)}"]`);
        }
        stats.points += values.length;
        // Backpressure: several engines fetch at once; each waits for its own socket, not for the others' bodies.
        if (!res.write(`${n ? ',' : ''}{"metric":${labelsOf(i, fleet.groups)},"values":[${values.join(',')}]}`)) {
          await new Promise((r) => res.once('drain', r));
        }
      }
      res.end(']}}');
      return;
    }
    const t = Number(params.get('time') ?? Date.now() / 1000);
    const result = selected.map(
      (i) => `{"metric":${labelsOf(i, fleet.groups)},"value":[${t},"${watts(i, t).toFixed(2)}"]}`
    );
    res.end(`{"status":"success","data":{"resultType":"vector","result":[${result.join(',')}]}}`);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    fleet,
    stats,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** `node --import tsx bench/scale/syntheticPrometheus.ts <series> <groups>`: serves in its own process, prints its URL. */
if (require.main === module) {
  const [count, groups] = process.argv.slice(2).map(Number);
  startSyntheticPrometheus({ count, groups }).then((p) => process.stdout.write(`${p.url}\n`));
}
