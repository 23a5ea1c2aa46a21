/**
 * `GET /metrics`: Prometheus text exposition, one prom-client Registry per app (tests build several
 * apps in one process) plus one process-wide registry for what belongs to the process (CPU, memory,
 * heap, GC, handles, event-loop delay).
 *
 * - luot_tickets_issued_total / _called_total / _completed_total {office, service}: from the event
 *   bus, i.e. every successful command of this process. A repeated requestId republishes its first
 *   event; it is not counted twice (seqs of events carrying a requestId are remembered per office).
 *   With several processes on one Redis, each counts the commands it ran: sum over instances.
 * - luot_http_request_duration_seconds {method, route, status}: every request answered by Fastify;
 *   `route` is the route pattern (`/api/offices/:officeId/tickets`), never the raw URL, and
 *   `unmatched` for 404s, so the label set stays bounded whatever clients send.
 * - luot_sockets_connected {kind}: read at scrape time from `app.realtime.connectedByKind()`
 *   (server/realtime/socket-server.ts) when realtime is registered; another source can be set with
 *   `app.metrics.setSocketSource(() => ({display: 3, kiosk: 1, …}))`.
 * - nodejs_eventloop_lag_{min,max,mean,stddev,p50,p90,p99}_seconds: perf_hooks.monitorEventLoopDelay
 *   (10 ms resolution), reset at each scrape; and prom-client's other default process metrics
 *   (process_cpu_seconds_total, process_resident_memory_bytes, nodejs_heap_size_used_bytes, GC …).
 *
 * Who may read it: everyone when METRICS_PUBLIC=true; otherwise a request made over loopback
 * without proxy headers (a Prometheus agent on the same host), or an admin session/token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OfficeEvent } from '../shared/domain/types.js';
import type { AppContext } from './app.js';
import { denied } from './auth/plugin.js';
import type {} from './realtime/socket-server.js'; // the `app.realtime` decoration's type

/** Connected sockets per kind (display, kiosk, officer, …) at this moment. */
export type SocketSource = () => Record<string, number>;

export interface MetricsHandle {
  /** The app's own registry (tickets, HTTP, sockets); process metrics live in a shared one. */
  readonly registry: Registry;
  /** Overrides the socket counts' source (default: app.realtime.connectedByKind(), if registered). */
  setSocketSource(source: SocketSource): void;
  /** The whole exposition text, as `GET /metrics` serves it. */
  render(): Promise<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: MetricsHandle;
  }
}

export const METRICS_PATH = '/metrics';

// Seconds: from a fast read (≈ 0.5 ms) to a slow store answer (5 s).
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Remembered requestId-carrying seqs per office, to skip replays of a repeated requestId. */
const REMEMBERED_PER_OFFICE = 1024;

let processRegistry: Registry | undefined;

/** Process metrics are per process, whatever the number of apps: registered once. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 10 });
  }
  return processRegistry;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A request from this host, not relayed: the TCP peer is loopback and no proxy header is present.
 * (A reverse proxy on the same host connects over loopback too; its forwarded requests carry
 * X-Forwarded-For or Forwarded and do not count as local.)
 */
export function isLocalRequest(req: FastifyRequest): boolean {
  const peer = req.raw.socket.remoteAddress ?? '';
  if (!LOOPBACK.test(peer)) return false;
  return req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

export function mayReadMetrics(req: FastifyRequest, ctx: Pick<AppContext, 'config'>): boolean {
  if (ctx.config.metricsPublic === true) return true;
  if (isLocalRequest(req)) return true;
  const p = req.principal;
  return p.kind === 'user' && p.role === 'admin';
}

export function registerMetrics(app: FastifyInstance, ctx: AppContext): MetricsHandle {
  const registry = new Registry();
  const labelNames = ['office', 'service'] as const;
  const issued = new Counter({
    name: 'luot_tickets_issued_total',
    help: 'Tickets issued by this process, per office and service.',
    labelNames,
    registers: [registry],
  });
  const called = new Counter({
    name: 'luot_tickets_called_total',
    help: 'Tickets called to a counter by this process (recalls not included), per office and service.',
    labelNames,
    registers: [registry],
  });
  const completed = new Counter({
    name: 'luot_tickets_completed_total',
    help: 'Tickets completed by this process, per office and service.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'luot_http_request_duration_seconds',
    help: 'HTTP request duration from arrival to response sent, per method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  let socketSource: SocketSource | undefined;
  new Gauge({
    name: 'luot_sockets_connected',
    help: 'Connected socket.io clients of this process, per kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      this.reset();
      // Realtime registers after metrics: look for it at scrape time.
      const source =
        socketSource ?? (app.hasDecorator('realtime') ? () => app.realtime.connectedByKind() : undefined);
      if (!source) return;
      for (const [kind, n] of Object.entries(source())) this.set({ kind }, n);
    },
  });
  const processRegistry = processMetrics();

  // ── tickets, from the bus ────────────────────────────────────────────────
  const counters: Partial<Record<OfficeEvent['type'], Counter<'office' | 'service'>>> = {
    issued,
    called,
    completed,
  };
  const replayable = new Map<string, { set: Set<number>; order: number[] }>();
  /** True the first time this process sees an event carrying a requestId, false for its replays. */
  const firstSighting = (event: OfficeEvent): boolean => {
    let seen = replayable.get(event.officeId);
    if (!seen) replayable.set(event.officeId, (seen = { set: new Set(), order: [] }));
    if (seen.set.has(event.seq)) return false;
    seen.set.add(event.seq);
    seen.order.push(event.seq);
    if (seen.order.length > REMEMBERED_PER_OFFICE) seen.set.delete(seen.order.shift() as number);
    return true;
  };
  const unsubscribe = ctx.bus.subscribe((event) => {
    const counter = counters[event.type];
    if (!counter || !event.ticket) return;
    if (event.requestId !== undefined && !firstSighting(event)) return;
    counter.inc({ office: event.officeId, service: event.ticket.serviceId });
  });

  // ── HTTP latency ─────────────────────────────────────────────────────────
  // One child per (method, route, status): label hashing once, not on every request.
  const children = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();
  app.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = duration.labels({ method: req.method, route, status: String(reply.statusCode) });
      children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });

  const handle: MetricsHandle = {
    registry,
    setSocketSource(source) {
      socketSource = source;
    },
    async render() {
      const [own, proc] = await Promise.all([registry.metrics(), processRegistry.metrics()]);
      return `${own}\n${proc}`;
    },
  };
  app.decorate('metrics', handle);

  app.get(METRICS_PATH, async (req, reply) => {
    // 401 anonymous, 403 other principals, in the app's error envelope.
    if (!mayReadMetrics(req, ctx)) throw denied(req.principal);
    return reply.type(registry.contentType).send(await handle.render());
  });

  app.addHook('onClose', async () => {
    unsubscribe();
    registry.clear();
  });
  return handle;
}
