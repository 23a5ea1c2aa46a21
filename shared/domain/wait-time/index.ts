/**
 * The wait-time estimator (../shared/brief/wait-time.md): learn from the office's events, replay
 * its calling policy forward from the live state, word the answer for citizens. Isomorphic: the
 * server, the benchmark's simulator and the tests use the same code.
 */
export type {
  EstimateOptions,
  LogNormal,
  ReplayCounter,
  ReplayInput,
  TicketEta,
  WaitModel,
} from './types.js';
export {
  arrivalKey,
  coldStartModel,
  initialLearnerState,
  learn,
  MODEL_VERSION,
  priorFor,
  serviceDistribution,
  type DayTally,
  type LearnerState,
} from './model.js';
export { estimateWaits } from './replay.js';
export {
  BASELINES,
  hol,
  interCallEwma,
  les,
  naiveDiv,
  naivePos,
  ql,
  qlEwma,
  rollAvg,
  type Baseline,
  type BaselineContext,
  type BaselineId,
  type CalledTicket,
} from './baselines.js';
export { describeWait, smoothDisplay, type WaitDisplay } from './wording.js';
export { Rng } from './random.js';
