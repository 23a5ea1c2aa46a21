/**
 * The predictors the benchmark scores, behind one interface. A predictor group sees two things
 * only, both of which the server has at that moment: the event log as it happens (`observe`), and
 * the live picture (`ReplayInput`, read from the engine's runtime; the baselines also ask the
 * runtime for a ticket's queue position, as the kiosk route does). Never the future, never the
 * simulator's hidden parameters — except the oracle, which is built from them on purpose.
 */
import type { OfficeRuntime } from '../../../server/store/memory/office-runtime.js';
import { peopleAhead } from '../../../shared/domain/ahead.js';
import { businessDate } from '../../../shared/domain/calendar.js';
import type { OfficeConfig, OfficeEvent, Ticket } from '../../../shared/domain/types.js';
import {
  BASELINES,
  interCallEwma,
  type BaselineContext,
  type BaselineId,
  type CalledTicket,
} from '../../../shared/domain/wait-time/baselines.js';
import { lognormalMean } from '../../../shared/domain/wait-time/distributions.js';
import {
  initialLearnerState,
  learn,
  serviceDistribution,
  type LearnerState,
} from '../../../shared/domain/wait-time/model.js';
import { estimateWaits } from '../../../shared/domain/wait-time/replay.js';
import type { ReplayInput, WaitModel } from '../../../shared/domain/wait-time/types.js';

/** One answer, minutes from the moment asked. */
export interface Prediction {
  /** The point prediction; null: "not today". */
  expected: number | null;
  p10?: number | null;
  p90?: number | null;
  pNotToday?: number;
}

export interface PredictRequest {
  input: ReplayInput;
  /** The tickets whose answers are wanted (waiting tickets of `input`). */
  ticketIds: readonly string[];
  /** Monte Carlo passes for the replay predictors (0: the deterministic pass only). */
  passes: number;
  seed: number;
}

export interface PredictorGroup {
  readonly ids: readonly string[];
  /** Every event of the office's log, in order, as it is applied. */
  observe(e: OfficeEvent): void;
  /** Per predictor id, one answer per requested ticket (same order). */
  predict(req: PredictRequest): Record<string, Prediction[]>;
}

export const SHIPPED = 'REPLAY';
export const ORACLE = 'ORACLE';
/** The same replays scored on their Monte Carlo median instead of the deterministic pass. */
export const SHIPPED_MEDIAN = 'REPLAY_MED';
/** Display only: the shipped figure as a display shows it, after smoothDisplay's hysteresis. */
export const SHIPPED_SHOWN = 'REPLAY_SHOWN';
export const ORACLE_MEDIAN = 'ORACLE_MED';
export const BASELINE_IDS = Object.keys(BASELINES) as BaselineId[];

/**
 * The replay's answers twice: the deterministic pass (`expected`, the shipped point) and the Monte
 * Carlo median (without passes, the median row repeats the deterministic pass).
 */
function replayAnswers(req: PredictRequest, model: WaitModel): [Prediction[], Prediction[]] {
  const etas = estimateWaits(req.input, model, { passes: req.passes, seed: req.seed });
  const byId = new Map(etas.map((e) => [e.id, e]));
  const point: Prediction[] = [];
  const median: Prediction[] = [];
  for (const id of req.ticketIds) {
    const e = byId.get(id);
    if (!e) throw new Error(`replay: no answer for ${id}`);
    const p: Prediction = { expected: e.expected, pNotToday: e.pNotToday };
    if (req.passes > 0) {
      p.p10 = e.p10;
      p.p90 = e.p90;
    }
    point.push(p);
    median.push(req.passes > 0 ? { ...p, expected: e.pNotToday > 0.5 ? null : e.median } : p);
  }
  return [point, median];
}

/** The shipped estimator: the replay with the model `learn()` builds online from the event log. */
export class ShippedPredictor implements PredictorGroup {
  readonly ids = [SHIPPED, SHIPPED_MEDIAN];
  private state: LearnerState;

  constructor(
    private readonly office: OfficeConfig,
    startAt: number,
  ) {
    this.state = initialLearnerState(office, startAt);
  }

  get model(): WaitModel {
    return this.state.model;
  }

  observe(e: OfficeEvent): void {
    this.state = learn(this.state, this.office, e);
  }

  predict(req: PredictRequest): Record<string, Prediction[]> {
    const [point, median] = replayAnswers(req, this.state.model);
    return { [SHIPPED]: point, [SHIPPED_MEDIAN]: median };
  }
}

/** The same replay given the simulator's true parameters (see oracle.ts). */
export class OraclePredictor implements PredictorGroup {
  readonly ids = [ORACLE, ORACLE_MEDIAN];

  constructor(private readonly model: () => WaitModel) {}

  observe(): void {}

  predict(req: PredictRequest): Record<string, Prediction[]> {
    const [point, median] = replayAnswers(req, this.model());
    return { [ORACLE]: point, [ORACLE_MEDIAN]: median };
  }
}

/** Observed durations are averaged per service; the EWMA floor keeps ≈ the last 1 000. */
const SERVICE_MEAN_FLOOR = 0.001;
/** A counter's speed is a ratio of sums over its last ≈ 1 000 services (older ones decay). */
const SPEED_DECAY = 0.999;

/**
 * The seven baselines of baselines.ts, their contexts computed from the live state and the event
 * log: `ahead` is the kiosk's own figure (peopleAhead of the runtime's queuePosition); the mean
 * service time is the plain mean of the observed durations of the service (called/serving →
 * completed; what a vendor computes, and unbiased whatever the distribution); QL's counter speed is
 * a ratio of sums over the counter's recent services, Σ mean(service) ÷ Σ duration (1 until it has
 * served; likewise unbiased — the shipped learner's log-scale speeds are not, on exponential
 * services); calls and their inter-call EWMA are today's.
 */
export class BaselineSuite implements PredictorGroup {
  readonly ids = BASELINE_IDS;
  private readonly meanService = new Map<string, { mean: number; n: number }>();
  /** Per counter: decayed sums of its services' means and of its durations (speed = ratio). */
  private readonly speedSums = new Map<string, { means: number; durations: number }>();
  /** Today's calls per service, in call order; and each service's call times. */
  private calls = new Map<string, CalledTicket[]>();
  private callTimes = new Map<string, number[]>();
  private ewma = new Map<string, number | undefined>();
  private day = '';

  constructor(private readonly rt: OfficeRuntime) {
    for (const s of rt.config.services) this.meanService.set(s.id, { mean: s.serviceMinutes, n: 0 });
  }

  private roll(at: number): void {
    const date = businessDate(at, this.rt.config.timeZone);
    if (date === this.day) return;
    this.day = date;
    this.calls = new Map();
    this.callTimes = new Map();
    this.ewma = new Map();
  }

  observe(e: OfficeEvent): void {
    this.roll(e.at);
    const t = e.ticket;
    if (!t) return;
    if (e.type === 'called' && t.calledAt !== undefined) {
      const list = this.calls.get(t.serviceId) ?? [];
      list.push({ issuedAt: t.issuedAt, calledAt: t.calledAt, priority: t.priority });
      this.calls.set(t.serviceId, list);
      const times = this.callTimes.get(t.serviceId) ?? [];
      times.push(t.calledAt);
      this.callTimes.set(t.serviceId, times);
      this.ewma.set(t.serviceId, interCallEwma(times));
    }
    if (e.type === 'completed' && t.finishedAt !== undefined) {
      const start = t.servingAt ?? t.calledAt;
      if (start === undefined) return;
      const minutes = (t.finishedAt - start) / 60_000;
      const m = this.meanService.get(t.serviceId) ?? { mean: minutes, n: 0 };
      const w = Math.max(1 / (m.n + 1), SERVICE_MEAN_FLOOR);
      const mean = m.mean + w * (minutes - m.mean);
      this.meanService.set(t.serviceId, { mean, n: m.n + 1 });
      if (t.counterId !== undefined) {
        const sums = this.speedSums.get(t.counterId) ?? { means: 0, durations: 0 };
        this.speedSums.set(t.counterId, {
          means: sums.means * SPEED_DECAY + mean,
          durations: sums.durations * SPEED_DECAY + minutes,
        });
      }
    }
  }

  /** Enough of today's calls for ROLLAVG (the last 10) and LES (the last of each class). */
  private recentCalls(serviceId: string): CalledTicket[] {
    const all = this.calls.get(serviceId) ?? [];
    const out = all.slice(-10);
    for (const priority of [true, false]) {
      for (let i = all.length - 1; i >= 0; i--) {
        const c = all[i] as CalledTicket;
        if (c.priority !== priority) continue;
        if (!out.includes(c)) out.push(c);
        break;
      }
    }
    return out;
  }

  predict(req: PredictRequest): Record<string, Prediction[]> {
    const { input } = req;
    this.roll(input.now);
    const office = this.rt.config;
    const speed = (counterId: string): number => {
      const sums = this.speedSums.get(counterId);
      return sums && sums.durations > 0 ? sums.means / sums.durations : 1;
    };
    const open = new Map(input.counters.map((c) => [c.id, c.status === 'open']));
    const oldest = new Map<string, number>();
    const byId = new Map<string, Ticket>();
    for (const t of input.waiting) {
      byId.set(t.id, t);
      const key = `${t.serviceId}|${t.priority}`;
      const o = oldest.get(key);
      if (o === undefined || t.issuedAt < o) oldest.set(key, t.issuedAt);
    }
    const out: Record<string, Prediction[]> = {};
    for (const id of BASELINE_IDS) out[id] = [];
    for (const ticketId of req.ticketIds) {
      const t = byId.get(ticketId);
      if (!t) throw new Error(`baselines: ${ticketId} is not waiting`);
      const pos = this.rt.queuePosition(t);
      const counterSpeeds = office.counters
        .filter((c) => open.get(c.id) === true && c.services.some((s) => s.serviceId === t.serviceId))
        .map((c) => speed(c.id));
      const ctx: BaselineContext = {
        now: input.now,
        issuedAt: t.issuedAt,
        priority: t.priority,
        ahead: pos ? peopleAhead(office.policy, t, pos) : 0,
        meanServiceMinutes: this.meanService.get(t.serviceId)?.mean ?? 10,
        counterSpeeds,
        recentCalls: this.recentCalls(t.serviceId),
      };
      const o = oldest.get(`${t.serviceId}|${t.priority}`);
      if (o !== undefined) ctx.oldestWaitingIssuedAt = o;
      const ewma = this.ewma.get(t.serviceId);
      if (ewma !== undefined) ctx.interCallEwmaMinutes = ewma;
      for (const id of BASELINE_IDS) (out[id] as Prediction[]).push({ expected: BASELINES[id](ctx) });
    }
    return out;
  }
}

/** The learned mean service time (minutes, speed 1) of a service, for reports. */
export function learnedMeanMinutes(model: WaitModel, office: OfficeConfig, serviceId: string): number {
  const d = serviceDistribution(model, office, serviceId);
  return lognormalMean(d.mu, d.sigma);
}
