/**
 * The policy-aware forward replay (../shared/brief/wait-time.md): re-run the office's own calling
 * policy forward in time from the live state. Each counter becomes free at its expected (or
 * sampled) time; the counter free first takes what the real `pickNext` gives it from the heads of
 * its lists, after the arrivals expected until then have joined them (a priority ticket or a
 * preferred service overtakes, as it would live). One deterministic pass gives `expected` for every
 * ticket at once; Monte Carlo passes give median, p10–p90 and P(not today).
 *
 * Modelling choices where the brief is silent:
 * - A closed counter takes no part today (it may open later, but nothing says when); a paused one
 *   comes back after a pause of the learned mean length (pauses are taken as exponential, so the
 *   time left does not depend on how long it has lasted; Monte Carlo: a draw).
 * - Counters call only inside today's sessions, from `open` until `close`; arrivals come only while
 *   the kiosk issues (`open` until `cutoff`). A call after the last session's close is "not today"
 *   (officers often serve past closing, but a call so late is not a promise to print).
 * - The deterministic pass spreads the expected arrivals evenly: the k-th of a stream comes when
 *   its cumulative expected count reaches k − ½ (so by any time, the rounded expectation has come).
 * - Random pauses: the deterministic pass stretches every service by the expected share of paused
 *   time (rate × mean length); Monte Carlo pauses a counter when it is free past a sampled moment.
 * - Hypothetical tickets are "ghosts": they enter at `now`, take part in `pickNext` like any other,
 *   but when called they take no counter time and do not move the interleave counter, so each one's
 *   answer is exactly that of a ticket issued alone now, and real tickets' answers do not change.
 * - Waiting tickets of another business day (they can no longer be called) are answered "not today".
 * - Counters missing from `input.counters`, or unknown to the office, count as closed.
 */
import { localTime } from '../calendar.js';
import {
  candidateLists,
  classHeadStartMs,
  issueSortKey,
  listIdOf,
  nextNormalsSincePriority,
  pickNext,
  serviceListId,
  type CandidateList,
  type QueueHead,
  type QueueView,
} from '../policy.js';
import type { CallingPolicy } from '../types.js';
import { lognormalMean, residualMean, sampleResidual } from './distributions.js';
import { SLOT_MINUTES, sessionWindows, type SessionWindow } from './day.js';
import { arrivalKey, serviceDistribution, waitBin } from './model.js';
import { nextPoissonTime, Rng } from './random.js';
import type { EstimateOptions, ReplayInput, TicketEta, WaitModel } from './types.js';

const MINUTE = 60_000;
const LN_MINUTE = Math.log(MINUTE);
const INF = Number.POSITIVE_INFINITY;

/** Answers in minutes, rounded to 0.01 (0.6 s): finer means nothing, and tests pin exact values. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** An arrival stream: one service and class, a piecewise-constant rate over the kiosk's hours. */
interface Stream {
  list: number;
  /** Rate per ms per segment (today's factor applied). */
  rate: Float64Array;
  /** The class head start of its tickets (ageing): sortKey = issuedAt − headStartMs, as issueSortKey. */
  headStartMs: number;
}

interface PlanCounter {
  lists: CandidateList[];
  /** The plan's index of each of `lists`. */
  listIdx: Int32Array;
  status: 'open' | 'paused' | 'closed';
  normalsSincePriority: number;
  /** The ticket under way: its service index and elapsed ms at `now`. */
  busyService: number;
  busyElapsed: number;
  /** Per service index: ln(duration in ms) at this counter's speed, and its mean (deterministic pass). */
  mu: Float64Array;
  sigma: Float64Array;
  meanMs: Float64Array;
  /** Streams that may bring this counter work. */
  streams: number[];
}

/** Everything a pass needs, built once per estimate and shared by all passes. */
interface Plan {
  now: number;
  policy: CallingPolicy;
  windows: SessionWindow[];
  endOfDay: number;
  /** Tickets: real ones (input order), then the hypothetical ones. */
  ids: string[];
  ghost: Uint8Array;
  priority: Uint8Array;
  service: Int32Array;
  issuedAt: Float64Array;
  sortKey: Float64Array;
  ordinal: Float64Array;
  /** How many tickets a pass tries to call (those in a list some counter calls from). */
  callable: number;
  listIndex: Map<string, number>;
  /** Per list: its tickets in list order, its class and service (−1: a counter's own list). */
  listTickets: Int32Array[];
  listPriority: Uint8Array;
  listService: Int32Array;
  counters: PlanCounter[];
  segStart: Float64Array;
  segEnd: Float64Array;
  streams: Stream[];
  firstArrivalOrdinal: number;
  pAbsent: number[];
  skipMs: number;
  pauseMeanMs: number;
  pausePerHour: number;
  /** The deterministic pass's stretch of each service for the expected paused time. */
  pauseStretch: number;
}

/** Per-pass state, allocated once per estimate and reset before each pass. */
interface PassState {
  realPos: Int32Array;
  arrKey: number[][];
  arrOrdinal: number[][];
  arrIssuedAt: number[][];
  arrLen: Int32Array;
  arrPos: Int32Array;
  /** Which of a list's two sequences its current head came from: 1 real, 2 arrival. */
  headFrom: Int8Array;
  heads: QueueHead[];
  freeAt: Float64Array;
  normals: Float64Array;
  nextPause: Float64Array;
  streamNext: Float64Array;
  /** The earliest of streamNext: most calls have no arrival before them and skip the streams. */
  firstArrival: number;
  streamCursor: Int32Array;
  nextOrdinal: number;
  callAt: Float64Array;
}

/**
 * The ETA of every waiting ticket of `input` (input order), then of each hypothetical ticket.
 *
 * @example
 *   estimateWaits({ office, now, counters, waiting, hypothetical: [{ key: 'civ', serviceId: 'civ', priority: false }] },
 *     learner.model, { passes: 100, seed: 42 });
 */
export function estimateWaits(input: ReplayInput, model: WaitModel, opts: EstimateOptions): TicketEta[] {
  const plan = buildPlan(input, model);
  const n = plan.ids.length;
  const state = newPassState(plan);
  runPass(plan, state, null);
  const expected = Float64Array.from(state.callAt);
  const passes = Math.max(0, Math.floor(opts.passes));
  const samples = new Float64Array(n * passes);
  if (passes > 0) {
    const rng = new Rng(opts.seed);
    for (let p = 0; p < passes; p++) {
      runPass(plan, state, rng);
      for (let i = 0; i < n; i++) samples[i * passes + p] = state.callAt[i] as number;
    }
  }
  const out: TicketEta[] = [];
  for (let i = 0; i < n; i++) {
    const e = expected[i] as number;
    const eta: TicketEta = {
      id: plan.ids[i] as string,
      expected: e < INF ? round2((e - plan.now) / MINUTE) : null,
      median: null,
      p10: null,
      p90: null,
      pNotToday: e < INF ? 0 : 1,
    };
    if (passes > 0) summarise(eta, samples.subarray(i * passes, (i + 1) * passes), plan.now);
    out.push(eta);
  }
  return out;
}

/** Median, p10, p90 (linear interpolation) of the passes that called it; the share that did not. */
function summarise(eta: TicketEta, calls: Float64Array, now: number): void {
  const sorted = calls.slice().sort();
  let called = 0;
  while (called < sorted.length && (sorted[called] as number) < INF) called++;
  eta.pNotToday = round2((sorted.length - called) / sorted.length);
  if (called === 0) return;
  const q = (p: number): number => {
    const x = p * (called - 1);
    const lo = Math.floor(x);
    const hi = Math.min(called - 1, lo + 1);
    const v = (sorted[lo] as number) + (x - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
    return round2((v - now) / MINUTE);
  };
  eta.median = q(0.5);
  eta.p10 = q(0.1);
  eta.p90 = q(0.9);
}

function buildPlan(input: ReplayInput, model: WaitModel): Plan {
  const { office, now } = input;
  const policy = office.policy;
  const today = localTime(now, office.timeZone);
  const windows = sessionWindows(office, today.date).filter((w) => w.close > now);
  const endOfDay = windows.length > 0 ? (windows[windows.length - 1] as SessionWindow).close : now;

  // Services: the office's, then any other a ticket or a busy counter names.
  const serviceIds = office.services.map((s) => s.id);
  const serviceIndex = new Map(serviceIds.map((id, i) => [id, i]));
  const serviceOf = (id: string): number => {
    let i = serviceIndex.get(id);
    if (i === undefined) {
      i = serviceIds.length;
      serviceIds.push(id);
      serviceIndex.set(id, i);
    }
    return i;
  };

  // Lists: every counter's candidate lists, then those of tickets nobody calls from.
  const listIndex = new Map<string, number>();
  const listPriority: number[] = [];
  const listService: number[] = [];
  const listOf = (listId: string, priority: boolean, service: number): number => {
    let l = listIndex.get(listId);
    if (l === undefined) {
      l = listPriority.length;
      listIndex.set(listId, l);
      listPriority.push(priority ? 1 : 0);
      listService.push(service);
    }
    return l;
  };
  const configs = new Map(office.counters.map((c) => [c.id, c]));
  const live = input.counters.filter((c) => configs.has(c.id));
  const counterLists = live.map((c) => {
    const config = configs.get(c.id)!;
    const serviceOfList = new Map<string, string>();
    for (const s of config.services) {
      for (const prio of [true, false]) serviceOfList.set(serviceListId(s.serviceId, prio), s.serviceId);
    }
    const lists = candidateLists(config, policy);
    for (const l of lists) {
      const svc = serviceOfList.get(l.listId);
      listOf(l.listId, l.priority, svc === undefined ? -1 : serviceOf(svc));
    }
    return lists;
  });
  const callableLists = listPriority.length;

  // Tickets: real ones, then the ghosts.
  const hypothetical = input.hypothetical ?? [];
  const n = input.waiting.length + hypothetical.length;
  const ids: string[] = [];
  const ghost = new Uint8Array(n);
  const priority = new Uint8Array(n);
  const service = new Int32Array(n);
  const issuedAt = new Float64Array(n);
  const sortKey = new Float64Array(n);
  const ordinal = new Float64Array(n);
  const members: number[][] = [];
  let maxOrdinal = 0;
  let callable = 0;
  const place = (i: number, listId: string): void => {
    const l = listOf(listId, priority[i] === 1, service[i] as number);
    if (l < callableLists) callable++;
    (members[l] ??= []).push(i);
  };
  input.waiting.forEach((t, i) => {
    ids.push(t.id);
    priority[i] = t.priority ? 1 : 0;
    service[i] = serviceOf(t.serviceId);
    issuedAt[i] = t.issuedAt;
    sortKey[i] = t.sortKey;
    ordinal[i] = t.ordinal;
    maxOrdinal = Math.max(maxOrdinal, t.ordinal);
    if (t.businessDate === today.date && t.status === 'waiting') place(i, listIdOf(t));
  });
  hypothetical.forEach((h, j) => {
    const i = input.waiting.length + j;
    ids.push(h.key);
    ghost[i] = 1;
    priority[i] = h.priority ? 1 : 0;
    service[i] = serviceOf(h.serviceId);
    issuedAt[i] = now;
    sortKey[i] = issueSortKey(policy, h.priority, now);
    ordinal[i] = maxOrdinal + 1 + j;
    place(i, serviceListId(h.serviceId, h.priority));
  });
  const listTickets = listPriority.map((_, l) =>
    Int32Array.from(
      (members[l] ?? []).sort(
        (a, b) =>
          (sortKey[a] as number) - (sortKey[b] as number) || (ordinal[a] as number) - (ordinal[b] as number),
      ),
    ),
  );

  // Durations per counter and service, at the counter's speed, in ms (every service named is known by now).
  const busyService = live.map((c) => (c.busy ? serviceOf(c.busy.serviceId) : -1));
  const dists = serviceIds.map((id) => serviceDistribution(model, office, id));
  const pauseStretch = 1 + (model.pausePerHour * model.pauseMeanMs) / 3_600_000;
  const counters: PlanCounter[] = live.map((c, k) => {
    const lnSpeed = Math.log(model.counterSpeed[c.id] ?? 1);
    const mu = Float64Array.from(dists, (d) => d.mu + LN_MINUTE - lnSpeed);
    const sigma = Float64Array.from(dists, (d) => d.sigma);
    const meanMs = Float64Array.from(mu, (m, s) => lognormalMean(m, sigma[s] as number));
    const lists = counterLists[k] as CandidateList[];
    return {
      lists,
      listIdx: Int32Array.from(lists, (l) => listIndex.get(l.listId) as number),
      status: c.status,
      normalsSincePriority: c.normalsSincePriority,
      busyService: busyService[k] as number,
      busyElapsed: c.busy ? Math.max(0, now - c.busy.since) : 0,
      mu,
      sigma,
      meanMs,
      streams: [],
    };
  });

  // Arrivals: 15-minute segments of the kiosk's hours from now on, one stream per service and class.
  const segStart: number[] = [];
  const segEnd: number[] = [];
  const segSlot: number[] = [];
  for (const w of windows) {
    const step = SLOT_MINUTES * MINUTE;
    const slot0 = Math.floor(w.openMinutes / SLOT_MINUTES);
    const base = w.open - (w.openMinutes - slot0 * SLOT_MINUTES) * MINUTE;
    for (let k = 0; base + k * step < w.cutoff; k++) {
      const s = Math.max(now, w.open, base + k * step);
      const e = Math.min(w.cutoff, base + (k + 1) * step);
      if (e <= s) continue;
      segStart.push(s);
      segEnd.push(e);
      segSlot.push(slot0 + k);
    }
  }
  const factor = model.today.date === today.date ? model.today.factor : 1;
  const streams: Stream[] = [];
  for (let s = 0; s < office.services.length; s++) {
    for (const prio of [true, false]) {
      const l = listIndex.get(serviceListId(serviceIds[s] as string, prio));
      if (l === undefined || l >= callableLists) continue;
      const rate = Float64Array.from(
        segSlot,
        (slot) =>
          ((model.arrivals[arrivalKey(serviceIds[s] as string, prio, today.weekday, slot)] ?? 0) * factor) /
          3_600_000,
      );
      if (!rate.some((r) => r > 0)) continue;
      const k = streams.length;
      const listId = serviceListId(serviceIds[s] as string, prio);
      // The counters that may call from this list wake up on its arrivals.
      for (const c of counters) if (c.lists.some((cl) => cl.listId === listId)) c.streams.push(k);
      streams.push({ list: l, rate, headStartMs: classHeadStartMs(policy, prio) });
    }
  }

  return {
    now,
    policy,
    windows,
    endOfDay,
    ids,
    ghost,
    priority,
    service,
    issuedAt,
    sortKey,
    ordinal,
    callable,
    listIndex,
    listTickets,
    listPriority: Uint8Array.from(listPriority),
    listService: Int32Array.from(listService),
    counters,
    segStart: Float64Array.from(segStart),
    segEnd: Float64Array.from(segEnd),
    streams,
    firstArrivalOrdinal: maxOrdinal + 1 + hypothetical.length,
    pAbsent: model.pAbsent.length > 0 ? model.pAbsent : [0],
    skipMs: model.skipMs,
    pauseMeanMs: model.pauseMeanMs,
    pausePerHour: model.pausePerHour,
    pauseStretch,
  };
}

function newPassState(plan: Plan): PassState {
  const lists = plan.listTickets.length;
  const counters = plan.counters.length;
  return {
    realPos: new Int32Array(lists),
    arrKey: Array.from({ length: lists }, () => []),
    arrOrdinal: Array.from({ length: lists }, () => []),
    arrIssuedAt: Array.from({ length: lists }, () => []),
    arrLen: new Int32Array(lists),
    arrPos: new Int32Array(lists),
    headFrom: new Int8Array(lists),
    heads: Array.from({ length: lists }, () => ({ ticketId: '', sortKey: 0, ordinal: 0 })),
    freeAt: new Float64Array(counters),
    normals: new Float64Array(counters),
    nextPause: new Float64Array(counters),
    streamNext: new Float64Array(plan.streams.length),
    firstArrival: INF,
    streamCursor: new Int32Array(plan.streams.length),
    nextOrdinal: 0,
    callAt: new Float64Array(plan.ids.length),
  };
}

/**
 * The queue as pickNext sees it: each list's head is the smaller of its real and arrived sequences.
 * `expect(counter)` before each pickNext: pickNext asks for the counter's lists in order, so the
 * list id is first compared (by identity, nearly free) with the one expected next; any other
 * order still works, through the map.
 */
interface ReplayView extends QueueView {
  expect(counter: PlanCounter): void;
}

function queueView(plan: Plan, st: PassState): ReplayView {
  let lists: CandidateList[] = [];
  let listIdx: Int32Array = new Int32Array(0);
  let next = 0;
  return {
    expect(counter) {
      lists = counter.lists;
      listIdx = counter.listIdx;
      next = 0;
    },
    head(listId) {
      let l: number;
      if (next < lists.length && (lists[next] as CandidateList).listId === listId) {
        l = listIdx[next] as number;
        next++;
      } else {
        const found = plan.listIndex.get(listId);
        if (found === undefined) return undefined;
        l = found;
      }
      const real = plan.listTickets[l] as Int32Array;
      const rp = st.realPos[l] as number;
      const ap = st.arrPos[l] as number;
      const hasReal = rp < real.length;
      const hasArr = ap < (st.arrLen[l] as number);
      if (!hasReal && !hasArr) return undefined;
      const h = st.heads[l] as QueueHead;
      let fromReal = hasReal;
      if (hasReal && hasArr) {
        const i = real[rp] as number;
        const rk = plan.sortKey[i] as number;
        const ak = (st.arrKey[l] as number[])[ap] as number;
        fromReal =
          rk < ak ||
          (rk === ak && (plan.ordinal[i] as number) < ((st.arrOrdinal[l] as number[])[ap] as number));
      }
      if (fromReal) {
        const i = real[rp] as number;
        h.ticketId = plan.ids[i] as string;
        h.sortKey = plan.sortKey[i] as number;
        h.ordinal = plan.ordinal[i] as number;
        st.headFrom[l] = 1;
      } else {
        h.ticketId = '';
        h.sortKey = (st.arrKey[l] as number[])[ap] as number;
        h.ordinal = (st.arrOrdinal[l] as number[])[ap] as number;
        st.headFrom[l] = 2;
      }
      return h;
    },
  };
}

/** The first instant ≥ t at which counters may call, or Infinity after today's last session. */
function gate(windows: readonly SessionWindow[], t: number): number {
  for (const w of windows) {
    if (t < w.close) return t >= w.open ? t : w.open;
  }
  return INF;
}

/** One pass: deterministic when `rng` is null. Leaves each ticket's call time in `st.callAt` (Infinity: not today). */
function runPass(plan: Plan, st: PassState, rng: Rng | null): void {
  const { now, counters, streams } = plan;
  st.realPos.fill(0);
  st.arrLen.fill(0);
  st.arrPos.fill(0);
  st.callAt.fill(INF);
  st.nextOrdinal = plan.firstArrivalOrdinal;
  const pauseGapMs = plan.pausePerHour > 0 ? 3_600_000 / plan.pausePerHour : INF;

  for (let c = 0; c < counters.length; c++) {
    const pc = counters[c] as PlanCounter;
    st.normals[c] = pc.normalsSincePriority;
    st.nextPause[c] = rng && pauseGapMs < INF ? now + rng.exponential(pauseGapMs) : INF;
    if (pc.status === 'closed') st.freeAt[c] = INF;
    else if (pc.status === 'paused')
      st.freeAt[c] = now + (rng ? rng.exponential(plan.pauseMeanMs) : plan.pauseMeanMs);
    else if (pc.busyService < 0) st.freeAt[c] = now;
    else {
      const s = pc.busyService;
      const mu = pc.mu[s] as number;
      const sigma = pc.sigma[s] as number;
      const left = rng
        ? sampleResidual(rng, mu, sigma, pc.busyElapsed)
        : residualMean(mu, sigma, pc.busyElapsed);
      st.freeAt[c] = now + left;
    }
  }
  for (let k = 0; k < streams.length; k++) {
    st.streamCursor[k] = 0;
    st.streamNext[k] = drawArrival(plan, st, k, now, rng ? rng.exponential(1) : 0.5);
  }
  st.firstArrival = Math.min(INF, ...st.streamNext);

  const view = queueView(plan, st);
  let remaining = plan.callable;
  while (remaining > 0) {
    // The counter free first (ties: input order); ≤ 50 counters, a scan beats a heap.
    let c = -1;
    let t = INF;
    for (let k = 0; k < counters.length; k++) {
      const f = st.freeAt[k] as number;
      if (f < t) {
        t = f;
        c = k;
      }
    }
    if (c < 0 || t >= plan.endOfDay) break;
    const g = gate(plan.windows, t);
    if (g !== t) {
      // Outside the sessions: wait for the next one; the random-pause clock stops meanwhile.
      st.freeAt[c] = g;
      st.nextPause[c] = (st.nextPause[c] as number) + (g - t);
      continue;
    }
    if (t >= (st.nextPause[c] as number)) {
      // Monte Carlo only (nextPause is Infinity otherwise): a random pause before the next call.
      const until = t + (rng as Rng).exponential(plan.pauseMeanMs);
      st.freeAt[c] = until;
      st.nextPause[c] = until + (rng as Rng).exponential(pauseGapMs);
      continue;
    }
    addArrivals(plan, st, t, rng);
    const pc = counters[c] as PlanCounter;
    view.expect(pc);
    const choice = pickNext(pc.lists, view, plan.policy, st.normals[c] as number);
    if (!choice) {
      // Nothing for it now: sleep until an arrival it could call (none: done for today).
      let wake = INF;
      for (const k of pc.streams) wake = Math.min(wake, st.streamNext[k] as number);
      st.freeAt[c] = wake;
      continue;
    }
    const l = plan.listIndex.get(choice.list.listId) as number;
    let waitMs: number;
    let svc: number;
    let prio: boolean;
    if (st.headFrom[l] === 1) {
      const i = (plan.listTickets[l] as Int32Array)[st.realPos[l] as number] as number;
      st.realPos[l] = (st.realPos[l] as number) + 1;
      st.callAt[i] = t;
      remaining--;
      if (plan.ghost[i] === 1) continue; // a ghost takes no time: the counter calls again at t
      waitMs = t - (plan.issuedAt[i] as number);
      svc = plan.service[i] as number;
      prio = plan.priority[i] === 1;
    } else {
      const ap = st.arrPos[l] as number;
      st.arrPos[l] = ap + 1;
      waitMs = t - ((st.arrIssuedAt[l] as number[])[ap] as number);
      svc = plan.listService[l] as number;
      prio = plan.listPriority[l] === 1;
    }
    st.normals[c] = nextNormalsSincePriority(st.normals[c] as number, prio);
    const pAbsent = plan.pAbsent[waitBin(waitMs, plan.pAbsent.length)] as number;
    let busyMs: number;
    if (rng) {
      busyMs =
        rng.uniform() < pAbsent ? plan.skipMs : rng.lognormal(pc.mu[svc] as number, pc.sigma[svc] as number);
    } else {
      busyMs = ((1 - pAbsent) * (pc.meanMs[svc] as number) + pAbsent * plan.skipMs) * plan.pauseStretch;
    }
    st.freeAt[c] = t + busyMs;
  }
}

/** The next arrival of stream k after `from` that needs `need` units of expected count. */
function drawArrival(plan: Plan, st: PassState, k: number, from: number, need: number): number {
  const s = plan.streams[k] as Stream;
  return nextPoissonTime(from, need, plan.segStart, plan.segEnd, s.rate, st.streamCursor, k);
}

/** Every arrival issued up to t joins its list (in time order, so each list's arrivals stay sorted). */
function addArrivals(plan: Plan, st: PassState, t: number, rng: Rng | null): void {
  if (st.firstArrival > t) return;
  let first = INF;
  for (let k = 0; k < plan.streams.length; k++) {
    let a = st.streamNext[k] as number;
    if (a > t) {
      first = Math.min(first, a);
      continue;
    }
    const s = plan.streams[k] as Stream;
    const l = s.list;
    while (a <= t) {
      const len = st.arrLen[l] as number;
      (st.arrKey[l] as number[])[len] = a - s.headStartMs;
      (st.arrOrdinal[l] as number[])[len] = st.nextOrdinal++;
      (st.arrIssuedAt[l] as number[])[len] = a;
      st.arrLen[l] = len + 1;
      // Deterministic: one arrival per unit of expected count; Monte Carlo: Exp(1) units apart.
      a = drawArrival(plan, st, k, a, rng ? rng.exponential(1) : 1);
    }
    st.streamNext[k] = a;
    first = Math.min(first, a);
  }
  st.firstArrival = first;
}
