/**
 * The wait-time model of one office, learned from the office's event log (the store's, not this
 * process's bus: with several server processes on Redis each one sees every event, whoever ran
 * the command) and kept across restarts in the store's office data (`wait-model`): the learner's
 * state with the seq it has learned up to. A restart resumes after that seq; events trimmed from
 * the log meanwhile are skipped (the model keeps what it had learned).
 */
import { initialLearnerState, learn, type LearnerState } from '../../shared/domain/wait-time/index.js';
import type { OfficeConfig, OfficeEvent } from '../../shared/domain/types.js';
import { isQueueError } from '../../shared/protocol/errors.js';
import type { TicketStore } from '../store/types.js';

/** The office data key the model is saved under. */
export const MODEL_KEY = 'wait-model';
/** Events read per page while catching up. */
const PAGE = 1000;

interface SavedModel {
  format: 1;
  /** The last event learned. */
  seq: number;
  state: LearnerState;
}

function isSaved(v: unknown): v is SavedModel {
  const s = v as Partial<SavedModel> | undefined;
  return typeof s === 'object' && s !== null && s.format === 1 && typeof s.seq === 'number' && !!s.state;
}

export class OfficeLearner {
  private dirty = false;

  private constructor(
    private readonly officeId: string,
    public state: LearnerState,
    /** The last event learned. */
    public seq: number,
  ) {}

  /** The saved learner of the office, or a fresh one starting at the log's current end. */
  static async open(store: TicketStore, office: OfficeConfig, now: number): Promise<OfficeLearner> {
    const saved = await store.loadOfficeData(office.id, MODEL_KEY);
    if (isSaved(saved)) return new OfficeLearner(office.id, saved.state, saved.seq);
    // A fresh learner learns from here on: the log's past may be partial, and a cold start is
    // what the office's configuration says until the first days are seen.
    const { seq } = await store.eventsSince(office.id, Number.MAX_SAFE_INTEGER, 1);
    const learner = new OfficeLearner(office.id, initialLearnerState(office, now), seq);
    learner.dirty = true;
    return learner;
  }

  /**
   * Learns every event after `seq`. Answers whether anything was learned. `observe`, if given, sees
   * each of those events too, in seq order, after it was learned (the accuracy tally reads the
   * same log without a second pass over it).
   */
  async catchUp(
    store: TicketStore,
    office: OfficeConfig,
    observe?: (event: OfficeEvent) => void,
  ): Promise<boolean> {
    let learned = false;
    for (;;) {
      let page;
      try {
        page = await store.eventsSince(this.officeId, this.seq, PAGE);
      } catch (err) {
        if (!isQueueError(err) || err.code !== 'EVENTS_TRIMMED') throw err;
        // Gone from the log while nobody learned (a long stop): start again from its end.
        this.seq = (await store.eventsSince(this.officeId, Number.MAX_SAFE_INTEGER, 1)).seq;
        this.dirty = true;
        continue;
      }
      for (const e of page.events) {
        this.state = learn(this.state, office, e);
        this.seq = e.seq;
        observe?.(e);
        learned = true;
      }
      if (page.events.length < PAGE) break;
    }
    if (learned) this.dirty = true;
    return learned;
  }

  /** Saves the learner if it changed since the last save. */
  async save(store: TicketStore): Promise<void> {
    if (!this.dirty) return;
    const saved: SavedModel = { format: 1, seq: this.seq, state: this.state };
    this.dirty = false;
    try {
      await store.saveOfficeData(this.officeId, MODEL_KEY, saved);
    } catch (err) {
      this.dirty = true;
      throw err;
    }
  }
}
