/**
 * The HTTP load generator, in a process of its own (forked by the HTTP bench, kept for the whole
 * bench so its JIT is warm): runs autocannon when asked and answers with the result, its own CPU
 * time during the run, and how many requests went to each target.
 *
 * Requests rotate over the targets in order (request i goes to target i mod n), so each office
 * gets its share and the bench knows exactly how many tickets each office should have.
 */
import autocannon from 'autocannon';

export interface LoadTarget {
  path: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string;
}

export interface LoadRequest {
  kind: 'run';
  url: string;
  method: 'GET' | 'POST';
  /** JSON body (sent with content-type application/json), the same for every request. */
  body?: string;
  targets: LoadTarget[];
  connections: number;
  /** Exactly this many requests. */
  amount: number;
  /** Rate-limited: requests per second over all connections (autocannon -R; corrects coordinated omission). */
  rate?: number;
  timeoutSeconds: number;
}

export interface LoadReply {
  kind: 'result';
  requests: number;
  /** Responses by status class. */
  status: { '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  /** Non-2xx status codes seen, with counts. */
  codes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Requests sent to each target (same order as `targets`). */
  perTarget: number[];
  /** From the first request to the last response. */
  seconds: number;
  /** Mean over the run: 2xx responses per second. */
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** This process's CPU (user + system) during the run, µs. */
  cpuUs: number;
}

export type LoadError = { kind: 'error'; message: string };

async function run(req: LoadRequest): Promise<LoadReply> {
  const perTarget = req.targets.map(() => 0);
  const n = req.targets.length;
  let next = 0;
  // autocannon notices the end of a counted run only at its next sample tick: time the run from
  // the first request to the last response ourselves.
  let firstAt = 0;
  let lastAt = 0;
  const headers: Record<string, string> = {};
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const built = req.targets.map((t) => ({
    method: req.method,
    path: t.path,
    headers: t.token === undefined ? headers : { ...headers, authorization: `Bearer ${t.token}` },
    ...(req.body !== undefined && { body: req.body }),
  }));
  const options: autocannon.Options = {
    url: req.url,
    connections: req.connections,
    pipelining: 1,
    timeout: req.timeoutSeconds,
    // Every request counts: a run that loses one has failed.
    bailout: 1_000_000,
    requests: [
      {
        setupRequest: (r) => {
          if (next === 0) firstAt = performance.now();
          const i = next++ % n;
          perTarget[i] = (perTarget[i] ?? 0) + 1;
          return { ...r, ...built[i] } as typeof r;
        },
        onResponse: () => {
          lastAt = performance.now();
        },
      },
    ],
    sampleInt: 100,
  };
  // Always a count, also when rate-limited: a run stopped by a duration drops the answers still in
  // flight, and the tickets they created could not be matched with 2xx answers.
  options.amount = req.amount;
  if (req.rate !== undefined) options.overallRate = req.rate;
  const cpu0 = process.cpuUsage();
  const result = await autocannon(options);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (lastAt - firstAt) / 1000;
  const codes: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) {
    if (!code.startsWith('2')) codes[code] = (v as { count: number }).count;
  }
  return {
    kind: 'result',
    requests: result.requests.total,
    status: {
      '1xx': result['1xx'],
      '2xx': result['2xx'],
      '3xx': result['3xx'],
      '4xx': result['4xx'],
      '5xx': result['5xx'],
    },
    codes,
    errors: result.errors,
    timeouts: result.timeouts,
    perTarget,
    seconds,
    rps: result['2xx'] / seconds,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
    cpuUs: cpu.user + cpu.system,
  };
}

process.on('message', (msg: LoadRequest | { kind: 'exit' }) => {
  if (msg.kind === 'exit') {
    process.disconnect();
    return;
  }
  run(msg).then(
    (reply) => process.send?.(reply),
    (err: unknown) => process.send?.({ kind: 'error', message: String(err) } satisfies LoadError),
  );
});
process.send?.({ kind: 'ready' });
