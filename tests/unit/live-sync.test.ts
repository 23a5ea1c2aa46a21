/** The client's resync rule on its own: order, duplicates, gaps, failures while catching up. */
import { describe, expect, it } from 'vitest';
import type { LiveEvent, ReplayResult, Snapshot } from '../../shared/protocol/events.js';
import { classifySeq, LiveFeed } from '../../shared/protocol/live-sync.js';

const ev = (seq: number): LiveEvent => ({ officeId: 'o', seq, at: seq, type: 'counter-updated' });
const snap = (seq: number): Snapshot => ({
  officeId: 'o',
  seq,
  businessDate: '2026-11-30',
  counters: [],
  waiting: {},
  recentCalls: [],
});

function rig(replies: {
  subscribe: (since?: number) => Promise<ReplayResult>;
  replay?: (since: number) => Promise<ReplayResult>;
}) {
  const applied: number[] = [];
  const snapshots: number[] = [];
  const errors: unknown[] = [];
  const calls: string[] = [];
  const feed = new LiveFeed(
    {
      subscribe: (since) => {
        calls.push(`subscribe ${since}`);
        return replies.subscribe(since);
      },
      replay: (since) => {
        calls.push(`replay ${since}`);
        return replies.replay ? replies.replay(since) : Promise.reject(new Error('no replay'));
      },
    },
    {
      snapshot: (s) => snapshots.push(s.seq),
      event: (e) => applied.push(e.seq),
      error: (err) => errors.push(err),
    },
  );
  return { feed, applied, snapshots, errors, calls };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('the live feed', () => {
  it('classifies by the last applied seq', () => {
    expect([classifySeq(5, 4), classifySeq(5, 5), classifySeq(5, 6), classifySeq(5, 8)]).toEqual([
      'duplicate',
      'duplicate',
      'apply',
      'gap',
    ]);
  });

  it('holds events that arrive before the snapshot and applies only the newer ones', async () => {
    let answer: (r: ReplayResult) => void = () => {};
    const { feed, applied, snapshots } = rig({ subscribe: () => new Promise((r) => (answer = r)) });
    const joined = feed.join();
    feed.push(ev(11));
    feed.push(ev(10));
    feed.push(ev(12));
    answer({ kind: 'snapshot', snapshot: snap(10) });
    await joined;
    expect(snapshots).toEqual([10]);
    expect(applied).toEqual([11, 12]);
  });

  it('fills a gap by replay, buffering what arrives meanwhile, and ignores repeats', async () => {
    const { feed, applied, calls } = rig({
      subscribe: async () => ({ kind: 'snapshot', snapshot: snap(0) }),
      replay: async (since) => ({
        kind: 'events',
        events: [ev(since + 1), ev(since + 2), ev(since + 3)],
        seq: since + 3,
      }),
    });
    await feed.join();
    feed.push(ev(1));
    feed.push(ev(1));
    feed.push(ev(4));
    feed.push(ev(5));
    feed.push(ev(3));
    await settle();
    expect(calls).toEqual(['subscribe undefined', 'replay 1']);
    expect(applied).toEqual([1, 2, 3, 4, 5]);
    expect(feed.seq).toBe(5);
  });

  it('keeps what is pending when a catch-up fails and tries again with the next event', async () => {
    let fail = true;
    const { feed, applied, errors, calls } = rig({
      subscribe: async () => ({ kind: 'snapshot', snapshot: snap(0) }),
      replay: async () => {
        if (fail) throw new Error('disconnected');
        return { kind: 'snapshot', snapshot: snap(6) };
      },
    });
    await feed.join();
    feed.push(ev(3));
    await settle();
    expect(errors).toHaveLength(1);
    expect(applied).toEqual([]);
    fail = false;
    feed.push(ev(7));
    await settle();
    expect(calls).toEqual(['subscribe undefined', 'replay 0', 'replay 0']);
    expect(applied).toEqual([7]);
    expect(feed.seq).toBe(7);
  });

  it('asks for what it missed when it joins again', async () => {
    const { feed, calls } = rig({
      subscribe: async (since) =>
        since === undefined
          ? { kind: 'snapshot', snapshot: snap(4) }
          : { kind: 'events', events: [ev(5)], seq: 5 },
    });
    await feed.join();
    await feed.join();
    expect(calls).toEqual(['subscribe undefined', 'subscribe 4']);
    expect(feed.seq).toBe(5);
  });
});
