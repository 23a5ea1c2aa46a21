/**
 * The display's announcement queue (display/voice/announcement-queue.ts): FIFO by call, one at a
 * time, duplicates and stale calls dropped, recalls announced again, the latest counter wins.
 */
import { describe, expect, it } from 'vitest';
import {
  callKey,
  createAnnouncementQueue,
  type AnnouncementQueueOptions,
  type DropReason,
  type QueueableCall,
} from '../../display/voice/announcement-queue.js';

interface Call extends QueueableCall {
  counter: number;
}

const T0 = Date.UTC(2026, 10, 30, 1, 5); // 08:05 in Hà Nội

function rig(opts: Omit<AnnouncementQueueOptions<Call>, 'now' | 'onDrop'> = {}) {
  let now = T0;
  const dropped: string[] = [];
  const queue = createAnnouncementQueue<Call>({
    now: () => now,
    onDrop: (call: Call, reason: DropReason) => dropped.push(`${callKey(call)}@${call.counter} ${reason}`),
    ...opts,
  });
  /** Announces everything waiting, as the player would: next(), then done(). */
  const drain = (): string[] => {
    const said: string[] = [];
    for (let call = queue.next(); call; call = queue.next()) {
      said.push(`${callKey(call)}@${call.counter}`);
      queue.done();
    }
    return said;
  };
  return {
    queue,
    dropped,
    drain,
    advance: (ms: number) => void (now += ms),
  };
}

const call = (ticketId: string, recalls = 0, counter = 1, at = T0): Call => ({
  ticketId,
  recalls,
  counter,
  at,
});

describe('announcement queue', () => {
  it('announces calls first in, first out, one at a time', () => {
    const { queue, drain } = rig();
    queue.push(call('t1', 0, 3));
    queue.push(call('t2', 0, 1));
    queue.push(call('t3', 0, 2));
    expect(queue.size).toBe(3);
    const first = queue.next();
    expect(first?.ticketId).toBe('t1');
    expect(queue.current).toBe(first);
    // Still announcing t1: nothing else comes out, so announcements never overlap.
    expect(queue.next()).toBeUndefined();
    expect(queue.size).toBe(2);
    queue.done();
    expect(queue.current).toBeUndefined();
    expect(drain()).toEqual(['t2:0@1', 't3:0@2']);
    expect(queue.next()).toBeUndefined();
  });

  it('drops the same call delivered twice, whether still queued, being announced or announced', () => {
    const { queue, drain, dropped } = rig();
    expect(queue.push(call('t1'))).toBe(true);
    expect(queue.push(call('t1'))).toBe(false); // queued
    expect(queue.next()?.ticketId).toBe('t1');
    expect(queue.push(call('t1'))).toBe(false); // being announced
    queue.done();
    expect(queue.push(call('t1'))).toBe(false); // announced
    expect(drain()).toEqual([]);
    expect(dropped).toEqual(['t1:0@1 duplicate', 't1:0@1 duplicate', 't1:0@1 duplicate']);
  });

  it('announces a recall again, after the call it repeats', () => {
    const { queue, drain, advance } = rig();
    queue.push(call('t1', 0, 3));
    queue.push(call('t2', 0, 1));
    expect(drain()).toEqual(['t1:0@3', 't2:0@1']);
    advance(20_000);
    expect(queue.push(call('t1', 1, 3, T0 + 20_000))).toBe(true);
    expect(drain()).toEqual(['t1:1@3']);
    // A recall while the first call is being said is announced after it.
    queue.push(call('t5', 0, 2, T0 + 20_000));
    expect(queue.next()?.ticketId).toBe('t5');
    queue.push(call('t5', 1, 2, T0 + 21_000));
    queue.done();
    expect(drain()).toEqual(['t5:1@2']);
  });

  it('drops a call older than the last one announced for its ticket (events out of order, a resync)', () => {
    const { queue, drain } = rig();
    queue.push(call('t1', 2, 3));
    expect(drain()).toEqual(['t1:2@3']);
    expect(queue.push(call('t1', 1, 3))).toBe(false);
    expect(queue.push(call('t1', 0, 3))).toBe(false);
    expect(drain()).toEqual([]);
  });

  it('a newer call of a queued ticket replaces it in place: the latest counter wins', () => {
    const { queue, drain, dropped } = rig();
    queue.push(call('t1', 0, 3));
    queue.push(call('t2', 0, 1, T0 + 1));
    queue.push(call('t3', 0, 2, T0 + 2));
    expect(queue.push(call('t2', 1, 4, T0 + 3))).toBe(true);
    // An older call arriving late does not undo the replacement.
    expect(queue.push(call('t2', 0, 1, T0 + 1))).toBe(false);
    expect(queue.size).toBe(3);
    expect(drain()).toEqual(['t1:0@3', 't2:1@4', 't3:0@2']);
    expect(dropped).toEqual(['t2:0@1 replaced', 't2:0@1 duplicate']);
  });

  it('announces a ticket called again after a requeue (same recalls, a later event)', () => {
    const { queue, drain } = rig();
    queue.push(call('t1', 0, 3, T0));
    expect(drain()).toEqual(['t1:0@3']);
    expect(queue.push(call('t1', 0, 5, T0 + 30_000))).toBe(true);
    expect(drain()).toEqual(['t1:0@5']);
  });

  it('drops a call that is stale when its turn comes (injected clock)', () => {
    const { queue, drain, advance, dropped } = rig({ maxAgeMs: 60_000 });
    queue.push(call('t1', 0, 1, T0));
    queue.push(call('t2', 0, 2, T0 + 30_000));
    advance(60_001);
    expect(drain()).toEqual(['t2:0@2']);
    expect(dropped).toEqual(['t1:0@1 stale']);
    // Exactly maxAgeMs old is still said.
    queue.push(call('t3', 0, 1, T0 + 1));
    expect(drain()).toEqual(['t3:0@1']);
  });

  it('does not replay old calls when a reconnecting display is fed them again', () => {
    const { queue, drain, advance } = rig();
    const calls = [call('t1', 0, 1, T0), call('t2', 0, 2, T0 + 5_000), call('t2', 1, 2, T0 + 9_000)];
    for (const c of calls) queue.push(c);
    expect(drain()).toEqual(['t1:0@1', 't2:1@2']);
    advance(10_000);
    for (const c of calls) queue.push(c);
    expect(drain()).toEqual([]);
  });

  it('holds at most maxLength calls, dropping the oldest waiting one', () => {
    const { queue, drain, dropped } = rig({ maxLength: 20 });
    for (let i = 1; i <= 23; i++) queue.push(call(`t${i}`));
    expect(queue.size).toBe(20);
    expect(dropped).toEqual(['t1:0@1 overflow', 't2:0@1 overflow', 't3:0@1 overflow']);
    const said = drain();
    expect(said).toHaveLength(20);
    expect(said[0]).toBe('t4:0@1');
    expect(said[19]).toBe('t23:0@1');
  });

  it('remembers a bounded number of announced tickets, forgetting the oldest', () => {
    const { queue, drain } = rig({ memory: 200 });
    for (let i = 0; i < 250; i++) {
      queue.push(call(`t${i}`));
      drain();
    }
    expect(queue.remembered).toBe(200);
    // The 50 oldest are forgotten (a duplicate of them would be said again); the rest are not.
    expect(queue.push(call('t49'))).toBe(true);
    expect(queue.push(call('t50'))).toBe(false);
    expect(queue.push(call('t249'))).toBe(false);
    expect(drain()).toEqual(['t49:0@1']);
  });

  it('keys a call by ticket and recalls', () => {
    expect(callKey({ ticketId: 'abc', recalls: 2 })).toBe('abc:2');
  });
});
