import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { WaitEstimateSchema, type WaitEstimate } from '../../shared/protocol/http.js';
import type { TicketEta } from '../../shared/domain/wait-time/types.js';
import { describeWait, smoothDisplay } from '../../shared/domain/wait-time/wording.js';
import { testOffice } from '../helpers/office.js';

const MIN = 60_000;
/** Monday 30/11/2026: 07:30–11:30 and 13:30–17:00. */
const at = (hhmm: string): number => Date.parse(`2026-11-30T${hhmm}:00+07:00`);
const NINE = at('09:00');
const office = testOffice();

const eta = (parts: Partial<TicketEta>): TicketEta => ({
  id: 't',
  expected: null,
  median: null,
  p10: null,
  p90: null,
  pNotToday: 0,
  ...parts,
});
const mc = (median: number, p10: number, p90: number, pNotToday = 0): TicketEta =>
  eta({ expected: median, median, p10, p90, pNotToday });

describe('describeWait', () => {
  it('a range: p10–p90 rounded to 5 minutes, the median rounded inside it', () => {
    expect(describeWait(mc(19, 13, 27), office, NINE)).toEqual({
      minutes: 20,
      low: 15,
      high: 25,
      text: { vi: 'khoảng 15–25 phút', en: 'about 15–25 min' },
      notToday: false,
    });
  });

  it('a range is at least 5 minutes wide (widened upward: being told too little hurts more)', () => {
    const d = describeWait(mc(15, 14, 16), office, NINE);
    expect([d.minutes, d.low, d.high, d.text.vi]).toEqual([15, 15, 20, 'khoảng 15–20 phút']);
  });

  it('the low end is at least 5 (never "0–15")', () => {
    const d = describeWait(mc(8, 1, 14), office, NINE);
    expect([d.minutes, d.low, d.high, d.text.en]).toEqual([10, 5, 15, 'about 5–15 min']);
    const e = describeWait(mc(2, 0, 7), office, NINE);
    expect([e.minutes, e.low, e.high, e.text.vi]).toEqual([5, 5, 10, 'khoảng 5–10 phút']);
  });

  it('under 5 minutes: "dưới 5 phút", and never 0', () => {
    for (const e of [mc(2, 0.5, 4), mc(0, 0, 0), eta({ expected: 3 }), eta({ expected: 0 })]) {
      expect(describeWait(e, office, NINE)).toEqual({
        minutes: 5,
        text: { vi: 'dưới 5 phút', en: 'under 5 min' },
        notToday: false,
      });
    }
  });

  it('without Monte Carlo passes: the deterministic figure, rounded, no range', () => {
    expect(describeWait(eta({ expected: 12 }), office, NINE)).toEqual({
      minutes: 10,
      text: { vi: 'khoảng 10 phút', en: 'about 10 min' },
      notToday: false,
    });
    expect(describeWait(eta({ expected: 12.5 }), office, NINE).minutes).toBe(15);
  });

  it('P(not today) > 0.5: "có thể không kịp trong hôm nay"', () => {
    const d = describeWait(mc(100, 80, 200, 0.6), office, at('15:30'));
    expect(d).toEqual({
      minutes: 100,
      text: { vi: 'có thể không kịp trong hôm nay', en: 'may not be served today' },
      notToday: true,
    });
    expect(describeWait(mc(100, 80, 200, 0.5), office, at('15:30')).notToday).toBe(false);
  });

  it('never called: not today, at least until today’s last close', () => {
    const none = eta({ pNotToday: 1 });
    expect(describeWait(none, office, NINE)).toMatchObject({ minutes: 480, notToday: true });
    expect(describeWait(none, office, at('16:58'))).toMatchObject({ minutes: 5, notToday: true });
    expect(describeWait(none, office, at('17:30'))).toMatchObject({ minutes: 5, notToday: true });
  });

  it('an ETA across lunch: "dự kiến sau 13:30"', () => {
    const d = describeWait(mc(160, 140, 185), office, at('11:00'));
    expect(d).toEqual({
      minutes: 160,
      low: 140,
      high: 185,
      text: { vi: 'dự kiến sau 13:30', en: 'expected after 13:30' },
      notToday: false,
      afterLunch: '13:30',
    });
    // At lunch itself, too; and before opening, the first session.
    expect(describeWait(mc(100, 95, 110), office, at('12:00')).afterLunch).toBe('13:30');
    expect(describeWait(eta({ expected: 40 }), office, at('07:00')).text.vi).toBe('dự kiến sau 07:30');
    // Not across: the usual range.
    expect(describeWait(mc(25, 20, 40), office, at('11:00')).afterLunch).toBeUndefined();
    expect(describeWait(mc(30, 20, 40), office, at('14:00')).text.vi).toBe('khoảng 20–40 phút');
  });

  it('is a superset of the API’s WaitEstimate', () => {
    const check = Compile(WaitEstimateSchema);
    for (const e of [mc(19, 13, 27), eta({ expected: 3 }), eta({ pNotToday: 1 }), mc(160, 140, 185)]) {
      const d = describeWait(e, office, at('11:00'));
      const estimate: WaitEstimate = d;
      expect(check.Check(estimate)).toBe(true);
    }
  });
});

describe('smoothDisplay', () => {
  it('shows the first estimate as is', () => {
    expect(smoothDisplay(undefined, 17, 0)).toBe(17);
  });

  it('raises at once', () => {
    expect(smoothDisplay(10, 25, 0)).toBe(25);
    expect(smoothDisplay(10, 12, 30_000)).toBe(12);
  });

  it('lowers by at most 2 minutes per minute elapsed', () => {
    expect(smoothDisplay(30, 10, 3 * MIN)).toBe(24);
    expect(smoothDisplay(30, 10, 30 * MIN)).toBe(10);
    expect(smoothDisplay(30, 27, 5 * MIN)).toBe(27);
  });

  it('ignores changes under 2 minutes either way', () => {
    expect(smoothDisplay(20, 21.5, MIN)).toBe(20);
    expect(smoothDisplay(20, 18.5, 10 * MIN)).toBe(20);
    // A big fall seen too soon after the last change: less than 2 minutes allowed yet, so nothing.
    expect(smoothDisplay(20, 5, 30_000)).toBe(20);
    expect(smoothDisplay(20, 5, MIN)).toBe(18);
  });

  it('does not flicker: alternating estimates leave the shown figure still', () => {
    let shown: number | undefined;
    let changedAt = 0;
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const now = i * 30_000;
      const next = smoothDisplay(shown, i % 2 ? 15.8 : 14.5, now - changedAt);
      if (next !== shown) changedAt = now;
      shown = next;
      seen.add(shown);
    }
    expect([...seen]).toEqual([14.5]);
  });
});
