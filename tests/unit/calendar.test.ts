import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessDate,
  issueWindow,
  localTime,
  nextOpening,
  zonedTimeToEpoch,
} from '../../shared/domain/calendar.js';
import { TestClock } from '../helpers/clock.js';
import { testOffice } from '../helpers/office.js';

const vn = TestClock.vn;

describe('business calendar', () => {
  it('takes the business date from the office zone, not from UTC or the host', () => {
    // 23:30 UTC on the 29th is 06:30 on the 30th in Hà Nội.
    expect(businessDate(Date.parse('2026-11-29T23:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-11-30');
    expect(businessDate(Date.parse('2026-11-29T23:30:00Z'), 'America/New_York')).toBe('2026-11-29');
    expect(localTime(vn('2026-11-30T08:05'), 'Asia/Ho_Chi_Minh')).toEqual({
      date: '2026-11-30',
      weekday: 'mon',
      minutes: 485,
    });
  });

  it('changes the business date exactly at local midnight, whatever was asked before', () => {
    const midnight = vn('2026-12-01T00:00');
    expect(businessDate(midnight - 1, 'Asia/Ho_Chi_Minh')).toBe('2026-11-30');
    expect(businessDate(midnight, 'Asia/Ho_Chi_Minh')).toBe('2026-12-01');
    expect(businessDate(midnight - 1, 'Asia/Ho_Chi_Minh')).toBe('2026-11-30');
    expect(businessDate(midnight + 86_400_000 - 1, 'Asia/Ho_Chi_Minh')).toBe('2026-12-01');
  });

  it('turns a local time back into an instant, also across a DST change', () => {
    expect(zonedTimeToEpoch('2026-11-30', 450, 'Asia/Ho_Chi_Minh')).toBe(vn('2026-11-30T07:30'));
    // Europe/Berlin switches to summer time on 2026-03-29; 12:00 local is then UTC+2.
    expect(zonedTimeToEpoch('2026-03-29', 720, 'Europe/Berlin')).toBe(Date.parse('2026-03-29T10:00:00Z'));
    expect(zonedTimeToEpoch('2026-03-28', 720, 'Europe/Berlin')).toBe(Date.parse('2026-03-28T11:00:00Z'));
  });

  it('opens from a session’s opening until its cut-off', () => {
    const office = testOffice();
    expect(issueWindow(office, vn('2026-11-30T07:29'))).toMatchObject({
      open: false,
      reason: 'OFFICE_CLOSED',
    });
    expect(issueWindow(office, vn('2026-11-30T07:30'))).toMatchObject({ open: true });
    expect(issueWindow(office, vn('2026-11-30T10:59'))).toMatchObject({ open: true });
    expect(issueWindow(office, vn('2026-11-30T11:00'))).toMatchObject({
      open: false,
      reason: 'PAST_CUTOFF',
      nextOpening: vn('2026-11-30T13:30'),
    });
    expect(issueWindow(office, vn('2026-11-30T11:30'))).toMatchObject({
      open: false,
      reason: 'OFFICE_CLOSED',
    });
  });

  it('finds the next opening across weekends and holidays', () => {
    const office = testOffice({ holidays: ['2026-12-07', '2026-12-08'] });
    // Saturday 12:00 → Sunday closed, Monday and Tuesday holidays → Wednesday 07:30.
    expect(nextOpening(office, vn('2026-12-05T12:00'))).toBe(vn('2026-12-09T07:30'));
    expect(issueWindow(office, vn('2026-12-07T09:00'))).toEqual({
      open: false,
      reason: 'HOLIDAY',
      nextOpening: vn('2026-12-09T07:30'),
    });
  });

  it('has no next opening for an office with no sessions', () => {
    expect(nextOpening(testOffice({ sessions: {} }), vn('2026-11-30T09:00'))).toBeUndefined();
  });

  it('computes local time from its day cache exactly as the zone database does, DST days included', () => {
    const zones = ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'];
    const viaIntl = (ms: number, timeZone: string) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .formatToParts(ms)
          .map((p) => [p.type, p.value]),
      );
      return {
        date: `${parts.year}-${parts.month}-${parts.day}`,
        minutes: Number(parts.hour) * 60 + Number(parts.minute),
      };
    };
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-12-31') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const t = localTime(ms, zone);
          expect({ date: t.date, minutes: t.minutes }).toEqual(viaIntl(ms, zone));
        },
      ),
      { numRuns: 2000 },
    );
    // Around Berlin's spring-forward hour, minute by minute.
    const jump = Date.parse('2026-03-29T00:30:00Z');
    for (let ms = jump; ms < jump + 3 * 3_600_000; ms += 60_000) {
      expect(localTime(ms, 'Europe/Berlin').minutes).toBe(viaIntl(ms, 'Europe/Berlin').minutes);
    }
  });
});
