import { describe, expect, it } from 'vitest';
import {
  canPrint,
  decodeStatusByte,
  isStatusByte,
  statusFromReplies,
  statusRequest,
} from '../../server/printing/status.js';

const OK = 0x12; // fixed bits 1 and 4
const set = (...bits: number[]): number => bits.reduce((byte, b) => byte | (1 << b), OK);
const healthy = { 1: OK, 2: OK, 4: OK } as const;

describe('DLE EOT request', () => {
  it('is 0x10 0x04 n', () => {
    for (const n of [1, 2, 3, 4] as const) expect([...statusRequest(n)]).toEqual([0x10, 0x04, n]);
  });
});

describe('reply validity (fixed bits)', () => {
  it('accepts bytes with bits 1 and 4 set and bits 0 and 7 clear', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true); // every variable bit set
  });
  it.each([0x00, 0xff, 0x10, 0x02, 0x13, 0x92, 0x41])('rejects 0x%s', (byte) => {
    expect(isStatusByte(byte)).toBe(false);
    expect(() => decodeStatusByte(1, byte)).toThrow(RangeError);
    expect(statusFromReplies({ ...healthy, 1: byte }).state).toBe('error');
  });
});

describe('decodeStatusByte, bit by bit', () => {
  it('n=1: bit 3 is offline; the other variable bits do not matter', () => {
    expect(decodeStatusByte(1, OK)).toEqual({ offline: false });
    expect(decodeStatusByte(1, set(3))).toEqual({ offline: true });
    for (const b of [2, 5, 6]) expect(decodeStatusByte(1, set(b))).toEqual({ offline: false });
  });
  it('n=2: bit 2 cover open, bit 5 stopped by paper end, bit 6 error; bit 3 (feed button) ignored', () => {
    expect(decodeStatusByte(2, OK)).toEqual({ coverOpen: false, paperEndStop: false, error: false });
    expect(decodeStatusByte(2, set(2))).toMatchObject({ coverOpen: true, paperEndStop: false, error: false });
    expect(decodeStatusByte(2, set(5))).toMatchObject({ coverOpen: false, paperEndStop: true, error: false });
    expect(decodeStatusByte(2, set(6))).toMatchObject({ coverOpen: false, paperEndStop: false, error: true });
    expect(decodeStatusByte(2, set(3))).toEqual({ coverOpen: false, paperEndStop: false, error: false });
  });
  it('n=3: bit 3 autocutter, bit 5 unrecoverable, bit 6 auto-recoverable', () => {
    expect(decodeStatusByte(3, OK)).toEqual({
      autocutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
    expect(decodeStatusByte(3, set(3))).toMatchObject({ autocutterError: true });
    expect(decodeStatusByte(3, set(5))).toMatchObject({ unrecoverableError: true, autocutterError: false });
    expect(decodeStatusByte(3, set(6))).toMatchObject({
      autoRecoverableError: true,
      unrecoverableError: false,
    });
  });
  it('n=4: bits 2/3 near end and bits 5/6 paper end, either bit of a pair counts', () => {
    expect(decodeStatusByte(4, OK)).toEqual({ nearEnd: false, paperEnd: false });
    expect(decodeStatusByte(4, set(2, 3))).toEqual({ nearEnd: true, paperEnd: false }); // 0x1E, Epson
    expect(decodeStatusByte(4, set(2))).toEqual({ nearEnd: true, paperEnd: false });
    expect(decodeStatusByte(4, set(3))).toEqual({ nearEnd: true, paperEnd: false });
    expect(decodeStatusByte(4, set(5, 6))).toEqual({ nearEnd: false, paperEnd: true }); // 0x72
    expect(decodeStatusByte(4, set(5))).toEqual({ nearEnd: false, paperEnd: true });
    expect(decodeStatusByte(4, set(6))).toEqual({ nearEnd: false, paperEnd: true });
  });
});

describe('statusFromReplies', () => {
  it('ok when every reply is 0x12', () => {
    expect(statusFromReplies(healthy)).toEqual({ state: 'ok' });
    expect(canPrint({ state: 'ok' })).toBe(true);
  });
  it('near end prints; every other bad state does not', () => {
    const near = statusFromReplies({ ...healthy, 4: 0x1e });
    expect(near.state).toBe('near_end');
    expect(canPrint(near)).toBe(true);
    for (const state of ['paper_end', 'cover_open', 'offline', 'error', 'no_reply'] as const) {
      expect(canPrint({ state })).toBe(false);
    }
  });
  it('paper end from the sensor (n=4) or from the offline cause (n=2)', () => {
    expect(statusFromReplies({ ...healthy, 4: 0x72 }).state).toBe('paper_end');
    expect(statusFromReplies({ ...healthy, 2: set(5) }).state).toBe('paper_end');
    // A real Epson out of paper: offline, stopped by paper end, sensor empty.
    expect(statusFromReplies({ 1: set(3), 2: set(5), 4: 0x72 })).toMatchObject({ state: 'paper_end' });
  });
  it('cover open wins over the offline it causes', () => {
    expect(statusFromReplies({ 1: set(3), 2: set(2), 4: OK }).state).toBe('cover_open');
  });
  it('offline with no known cause is offline', () => {
    expect(statusFromReplies({ 1: set(3), 2: OK, 4: OK }).state).toBe('offline');
  });
  it('error, with the cause from n=3 when asked', () => {
    expect(statusFromReplies({ ...healthy, 2: set(6) })).toEqual({ state: 'error', detail: 'error' });
    expect(statusFromReplies({ ...healthy, 2: set(6), 3: set(3) })).toEqual({
      state: 'error',
      detail: 'autocutter error',
    });
    expect(statusFromReplies({ ...healthy, 3: set(5) }).detail).toBe('unrecoverable error');
    expect(statusFromReplies({ ...healthy, 3: set(6) }).detail).toMatch(/auto-recoverable/);
  });
  it('paper end outranks near end, error outranks offline and near end', () => {
    expect(statusFromReplies({ ...healthy, 4: set(2, 3, 5, 6) }).state).toBe('paper_end');
    expect(statusFromReplies({ 1: set(3), 2: set(6), 4: 0x1e }).state).toBe('error');
  });
  it('no reply to any query is no_reply, whatever the others said', () => {
    expect(statusFromReplies({ 1: OK, 2: null, 4: OK })).toEqual({
      state: 'no_reply',
      detail: 'no answer to DLE EOT 2',
    });
    expect(statusFromReplies({ 1: null }).state).toBe('no_reply');
    expect(statusFromReplies({}).state).toBe('no_reply');
  });
});
