/**
 * Real-time printer status, ESC/POS `DLE EOT n` (0x10 0x04 n): request bytes and a pure decoder.
 *
 * Every reply byte has fixed bits: bit 1 and bit 4 set, bits 0 and 7 clear (a healthy printer
 * answers 0x12 to every n). A byte without that pattern is not a status reply (noise, an
 * automatic-status-back packet, another command's answer) and is reported as `error`, never as ok.
 *
 * | n | meaning       | bits used                                                      |
 * |---|---------------|----------------------------------------------------------------|
 * | 1 | printer       | b3 offline                                                     |
 * | 2 | offline cause | b2 cover open, b5 stopped by paper end, b6 error               |
 * | 3 | error cause   | b3 autocutter, b5 unrecoverable, b6 auto-recoverable           |
 * | 4 | paper sensor  | b2+b3 near end, b5+b6 paper end                                |
 */
import type { PrinterState as SharedPrinterState } from '../../shared/protocol/printing.js';

/** The `n` of `DLE EOT n`. */
export type StatusQuery = 1 | 2 | 3 | 4;

/**
 * What the kiosk, the supervisor and the print policy need to know about a printer: the protocol's
 * states (shared/protocol/printing.ts) that a status reply can give.
 */
export type PrinterState = Exclude<SharedPrinterState, 'unknown'>;

/** A printer's state with a human-readable detail (English, for logs and the supervisor). */
export interface PrinterStatus {
  state: PrinterState;
  detail?: string;
}

/** The queries a print job asks before and after printing (3 only when 2 reports an error). */
export const DEFAULT_STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 4];

/** `DLE EOT n`. */
export function statusRequest(n: StatusQuery): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

const bit = (byte: number, b: number): boolean => (byte & (1 << b)) !== 0;

/** True when `byte` has the fixed bits of a `DLE EOT` reply (x0x1xx10 in binary, bit 7 first). */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** The flags one reply byte carries, by query. */
export interface StatusFlags {
  offline?: boolean;
  coverOpen?: boolean;
  paperEndStop?: boolean;
  error?: boolean;
  autocutterError?: boolean;
  unrecoverableError?: boolean;
  autoRecoverableError?: boolean;
  nearEnd?: boolean;
  paperEnd?: boolean;
}

/**
 * Decodes one reply byte of query `n`. Either bit of a pair (near end b2/b3, paper end b5/b6)
 * counts: Epson sets both, some clones only one.
 * Throws on a byte that is not a status reply (check {@link isStatusByte} first).
 */
export function decodeStatusByte(n: StatusQuery, byte: number): StatusFlags {
  if (!isStatusByte(byte)) throw new RangeError(`0x${hex(byte)} is not a DLE EOT reply`);
  switch (n) {
    case 1:
      return { offline: bit(byte, 3) };
    case 2:
      return { coverOpen: bit(byte, 2), paperEndStop: bit(byte, 5), error: bit(byte, 6) };
    case 3:
      return {
        autocutterError: bit(byte, 3),
        unrecoverableError: bit(byte, 5),
        autoRecoverableError: bit(byte, 6),
      };
    case 4:
      return { nearEnd: bit(byte, 2) || bit(byte, 3), paperEnd: bit(byte, 5) || bit(byte, 6) };
  }
}

/** Replies by query: a byte, or `null` when the printer did not answer in time. Absent = not asked. */
export type StatusReplies = Partial<Record<StatusQuery, number | null>>;

/**
 * Folds the replies of one check into a single status, the most serious first:
 * no reply > invalid reply > cover open > paper end > error > offline > near end > ok.
 * "No reply" comes first because with a silent printer nothing else is known.
 */
export function statusFromReplies(replies: StatusReplies): PrinterStatus {
  const asked = (Object.keys(replies) as `${StatusQuery}`[]).map((k) => Number(k) as StatusQuery).sort();
  if (asked.length === 0) return { state: 'no_reply', detail: 'no status query was sent' };
  const silent = asked.filter((n) => replies[n] === null || replies[n] === undefined);
  if (silent.length > 0) {
    return { state: 'no_reply', detail: `no answer to DLE EOT ${silent.join(', ')}` };
  }
  const flags: StatusFlags = {};
  for (const n of asked) {
    const byte = replies[n] ?? 0;
    if (!isStatusByte(byte)) {
      return { state: 'error', detail: `unexpected reply 0x${hex(byte)} to DLE EOT ${n}` };
    }
    Object.assign(flags, decodeStatusByte(n, byte));
  }
  if (flags.coverOpen) return { state: 'cover_open', detail: 'cover open' };
  if (flags.paperEnd || flags.paperEndStop) {
    return { state: 'paper_end', detail: flags.paperEnd ? 'paper roll empty' : 'stopped by paper end' };
  }
  const causes = [
    flags.autocutterError ? 'autocutter error' : '',
    flags.unrecoverableError ? 'unrecoverable error' : '',
    flags.autoRecoverableError ? 'auto-recoverable error (e.g. head too hot)' : '',
  ].filter((s) => s);
  if (flags.error || causes.length > 0) {
    return { state: 'error', detail: causes.length > 0 ? causes.join(', ') : 'error' };
  }
  if (flags.offline) return { state: 'offline', detail: 'offline' };
  if (flags.nearEnd) return { state: 'near_end', detail: 'paper near end' };
  return { state: 'ok' };
}

/** True for the states in which a ticket may be printed (near end prints, with a warning). */
export function canPrint(status: PrinterStatus): boolean {
  return status.state === 'ok' || status.state === 'near_end';
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
