/**
 * The wait-time model as the server keeps it (server/estimates/learner.ts): learned from the office's
 * event log, saved in the store's office data, and — the "parameters survive a restart on
 * both engines" — the same after the store is closed and opened again, learning on from where it
 * stopped.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODEL_KEY, OfficeLearner } from '../../server/estimates/learner.js';
import type { Command, OfficeConfig, Ticket } from '../../shared/domain/types.js';
import { TestClock } from '../helpers/clock.js';
import { engines, reopenableStore, type ReopenableStore } from '../helpers/engines.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;

describe.each(engines)('$name engine: the learned wait-time model', (engine) => {
  let reopenable: ReopenableStore;
  let office: OfficeConfig;
  const clock = new TestClock('2026-11-30T09:00');

  beforeEach(async (ctx) => {
    if (!engine.available) ctx.skip();
    clock.set('2026-11-30T09:00');
    reopenable = await reopenableStore(engine, clock.fn);
    office = testOffice();
    await reopenable.store.putOffice(office);
  });
  afterEach(async () => {
    await reopenable?.dispose();
  });

  const run = (cmd: Command) => reopenable.store.execute(office.id, cmd);
  /** One civ ticket served at c1 for `minutes`. */
  async function serve(minutes: number): Promise<void> {
    const t = (await run({ type: 'issue', serviceId: 'civ', channel: 'officer' })).ticket as Ticket;
    await run({ type: 'call', counterId: 'c1', ticketId: t.id });
    await run({ type: 'startServing', counterId: 'c1' });
    clock.advance(minutes * MIN);
    await run({ type: 'complete', counterId: 'c1' });
  }

  it('learns from the log after it was opened, saves, and goes on after a restart from the seq it saved', async () => {
    await run({ type: 'openCounter', counterId: 'c1' });
    // Before the learner exists: not learned (a fresh learner starts at the log's end).
    await serve(15);
    let learner = await OfficeLearner.open(reopenable.store, office, clock.now);
    const cold = learner.state.model.services.civ;
    const start = learner.seq;
    expect(start).toBe((await reopenable.store.getState(office.id)).seq);

    for (let i = 0; i < 5; i++) await serve(16);
    expect(await learner.catchUp(reopenable.store, office)).toBe(true);
    expect(await learner.catchUp(reopenable.store, office)).toBe(false);
    const learned = learner.state.model.services.civ!;
    expect(learned.n).toBe(5);
    // 16-minute services pull the 8-minute default up.
    expect(Math.exp(learned.mu)).toBeGreaterThan(Math.exp(cold?.mu ?? Math.log(8)));
    expect(learner.seq).toBe((await reopenable.store.getState(office.id)).seq);
    await learner.save(reopenable.store);

    await reopenable.restart();
    learner = await OfficeLearner.open(reopenable.store, office, clock.now);
    expect(learner.state.model.services.civ).toEqual(learned);
    expect(learner.seq).toBe(start + 5 * 4);
    expect(await reopenable.store.loadOfficeData(office.id, MODEL_KEY)).toMatchObject({
      format: 1,
      seq: learner.seq,
    });

    // Events after the restart are learned on top, none twice.
    await serve(20);
    await learner.catchUp(reopenable.store, office);
    expect(learner.state.model.services.civ!.n).toBe(6);
  });
});
