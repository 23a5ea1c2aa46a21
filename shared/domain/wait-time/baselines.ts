/**
 * The yardsticks of ../shared/brief/wait-time.md: what vendors and the literature do, so the
 * benchmark can say by how much the replay beats them. Each is a pure function of one ticket's
 * context and answers minutes from `now` until the ticket is called.
 *
 * The history-based ones (ROLLAVG, LES, HOL) estimate a whole wait, from issue to call; for a ticket
 * that has waited already, the answer is that wait minus the time already spent (never below 0).
 * When a baseline has no data (no recent call, no counter open), it falls back as documented, so
 * that it always answers: a yardstick that abstains would look better than it is.
 */

export interface CalledTicket {
  issuedAt: number;
  calledAt: number;
  priority: boolean;
}

export interface BaselineContext {
  now: number;
  /** The ticket's issue time (`now` for a ticket not issued yet) and class. */
  issuedAt: number;
  priority: boolean;
  /** People ahead of it in call order in its own queue (same service; ahead.ts's `peopleAhead`). */
  ahead: number;
  /** Mean service time of its service, minutes. */
  meanServiceMinutes: number;
  /** One entry per open counter serving its service: that counter's speed (duration = service ÷ speed). */
  counterSpeeds: readonly number[];
  /** Tickets of its service called so far today, any order. */
  recentCalls: readonly CalledTicket[];
  /** Issue time of the oldest waiting ticket of its service and class (undefined: none waits). */
  oldestWaitingIssuedAt?: number;
  /** EWMA of the intervals between consecutive calls of its service, minutes (undefined: too few calls). */
  interCallEwmaMinutes?: number;
}

export type Baseline = (ctx: BaselineContext) => number;

const MINUTE = 60_000;
const ROLLAVG_MAX_CALLS = 10;
const ROLLAVG_WINDOW_MS = 60 * MINUTE;

/** What is left of a whole-wait estimate for a ticket that has waited since `issuedAt`. */
const remaining = (ctx: BaselineContext, wholeWaitMinutes: number): number =>
  Math.max(0, wholeWaitMinutes - Math.max(0, ctx.now - ctx.issuedAt) / MINUTE);

/** Calls up to `now`, newest first. */
const newestFirst = (ctx: BaselineContext): CalledTicket[] =>
  ctx.recentCalls.filter((c) => c.calledAt <= ctx.now).sort((a, b) => b.calledAt - a.calledAt);

/** NAIVE_POS: people ahead (same service, in call order) × mean service time of that service. */
export const naivePos: Baseline = (ctx) => ctx.ahead * ctx.meanServiceMinutes;

/** NAIVE_DIV: NAIVE_POS ÷ open counters serving the service (what most vendors do); no counter: ÷ 1. */
export const naiveDiv: Baseline = (ctx) => naivePos(ctx) / Math.max(1, ctx.counterSpeeds.length);

/**
 * ROLLAVG: mean wait of the last ≤ 10 same-service tickets called in the last 60 min.
 * None called in the hour: NAIVE_DIV.
 */
export const rollAvg: Baseline = (ctx) => {
  const recent = newestFirst(ctx)
    .filter((c) => c.calledAt >= ctx.now - ROLLAVG_WINDOW_MS)
    .slice(0, ROLLAVG_MAX_CALLS);
  if (recent.length === 0) return naiveDiv(ctx);
  const mean = recent.reduce((sum, c) => sum + (c.calledAt - c.issuedAt), 0) / recent.length / MINUTE;
  return remaining(ctx, mean);
};

/**
 * LES: wait of the last called same-service, same-class ticket (last-to-enter-service; Ibrahim &
 * Whitt). None called yet today: NAIVE_DIV.
 */
export const les: Baseline = (ctx) => {
  const last = newestFirst(ctx).find((c) => c.priority === ctx.priority);
  return last ? remaining(ctx, (last.calledAt - last.issuedAt) / MINUTE) : naiveDiv(ctx);
};

/**
 * HOL: elapsed wait of the oldest waiting same-service, same-class ticket (head-of-line). Nobody
 * waiting: 0 (the next counter free calls this one).
 */
export const hol: Baseline = (ctx) =>
  ctx.oldestWaitingIssuedAt === undefined
    ? 0
    : remaining(ctx, Math.max(0, ctx.now - ctx.oldestWaitingIssuedAt) / MINUTE);

/**
 * QL: (ahead + 1) ÷ Σ over open counters serving s of their service rate (queue-length; optimal in
 * the textbook case). A counter's rate is speed ÷ mean service time (speed divides the duration, as
 * in WaitModel). No counter open: as if one counter of speed 1.
 */
export const ql: Baseline = (ctx) => {
  let rate = 0;
  for (const speed of ctx.counterSpeeds) rate += speed / ctx.meanServiceMinutes;
  if (!(rate > 0)) rate = 1 / ctx.meanServiceMinutes;
  return (ctx.ahead + 1) / rate;
};

/** QL_EWMA: (ahead + 1) × EWMA of same-service inter-call intervals. No EWMA yet: QL. */
export const qlEwma: Baseline = (ctx) =>
  ctx.interCallEwmaMinutes === undefined ? ql(ctx) : (ctx.ahead + 1) * ctx.interCallEwmaMinutes;

export const BASELINES = {
  NAIVE_POS: naivePos,
  NAIVE_DIV: naiveDiv,
  ROLLAVG: rollAvg,
  LES: les,
  HOL: hol,
  QL: ql,
  QL_EWMA: qlEwma,
} as const satisfies Record<string, Baseline>;

export type BaselineId = keyof typeof BASELINES;

/**
 * The EWMA QL_EWMA reads, from a service's call times in ascending order (minutes; undefined with
 * fewer than two calls). The first interval seeds it.
 */
export function interCallEwma(callTimes: readonly number[], alpha = 0.2): number | undefined {
  let ewma: number | undefined;
  for (let i = 1; i < callTimes.length; i++) {
    const gap = ((callTimes[i] as number) - (callTimes[i - 1] as number)) / MINUTE;
    ewma = ewma === undefined ? gap : ewma + alpha * (gap - ewma);
  }
  return ewma;
}
