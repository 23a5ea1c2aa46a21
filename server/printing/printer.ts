/**
 * The print policy: check, print, check again, and never queue behind a dead printer.
 *
 * 1. One job at a time per printer (keyed by `transport.target`). A job that finds the printer busy
 *    waits at most `busyWaitMs` (default 3 s: long enough for the ticket before it to finish, short
 *    enough that a kiosk is never left waiting on a stuck printer), then gives up with `busy`. It
 *    never queues: a ticket printed minutes later, after a paper refill, is worse than none.
 * 2. Before: `DLE EOT 1, 2, 4`, each with its own timeout (500 ms). Paper end, cover open, offline,
 *    error or no reply → nothing is sent; the caller shows the ticket on screen and alerts staff.
 *    Near end → print, with a warning.
 * 3. Send the ticket.
 * 4. After: `DLE EOT` again. Real-time requests are read in stream order, so the first reply only
 *    comes once the printer has taken in the whole ticket; that query may use the rest of the job
 *    budget. A bad state or silence here → `failedMidway`: the caller marks the ticket "print
 *    failed" and staff reprint the same number.
 * 5. Close the connection (one short connection per job) — always, whatever happened.
 *
 * The whole job has a deadline (`jobTimeoutMs`); when it passes mid-send the connection is dropped.
 */
import { canPrint, DEFAULT_STATUS_QUERIES, statusFromReplies, statusRequest } from './status.js';
import type { PrinterStatus, StatusQuery, StatusReplies } from './status.js';
import type { PrinterTransport } from './transports.js';

/** Options of {@link printTicketJob} and {@link checkPrinter}. */
export interface PrintJobOptions {
  /** Timeout of each status query before printing (default 500 ms). */
  queryTimeoutMs?: number;
  /**
   * Deadline of the whole job, from the moment it holds the printer (default: 15 s, plus twice the
   * transfer time on a slow serial link — a raster ticket is ~54 KB, ~5 s at 115200 baud).
   */
  jobTimeoutMs?: number;
  /** How long a job may wait for the previous job on the same printer (default 3000 ms). */
  busyWaitMs?: number;
  /**
   * Status queries to ask (default 1, 2, 4). A printer that never answers `DLE EOT 4` (no paper
   * sensor reporting) can be configured with `[1, 2]` instead of being reported silent forever.
   */
  queries?: readonly StatusQuery[];
}

/** Why a ticket was not printed. */
export type NotPrintedReason =
  /** The check before printing found the printer unable to print; nothing was sent. */
  | 'not_ready'
  /** Another job held the printer longer than `busyWaitMs`; nothing was sent. */
  | 'busy'
  /** Sending failed or timed out part-way: part of the ticket may have come out. */
  | 'send_failed'
  /** Everything was sent, but the check after printing failed (e.g. paper ran out mid-ticket). */
  | 'check_after_failed';

/** The result of a print job. `status` is the last status known. */
export type PrintOutcome =
  | {
      printed: true;
      failedMidway: false;
      status: PrinterStatus;
      /** Set when the paper is nearly out: print went fine, but staff should change the roll. */
      warning?: string;
      elapsedMs: number;
    }
  | {
      printed: false;
      /** false: nothing was sent, show the ticket on screen. */
      failedMidway: false;
      reason: 'not_ready' | 'busy';
      status: PrinterStatus;
      elapsedMs: number;
    }
  | {
      printed: false;
      /** true: mark the ticket "print failed" so staff can reprint the same number. */
      failedMidway: true;
      reason: 'send_failed' | 'check_after_failed';
      status: PrinterStatus;
      elapsedMs: number;
    };

const DEFAULT_QUERY_TIMEOUT_MS = 500;
const DEFAULT_BUSY_WAIT_MS = 3000;
const BASE_JOB_TIMEOUT_MS = 15_000;

/** In-flight job per printer target; resolved when the job releases the printer. */
const inFlight = new Map<string, Promise<void>>();

/** The last status a job or check saw, per printer target: what a health check reports while busy. */
const lastKnown = new Map<string, PrinterStatus>();

/** Waits (at most `waitMs`) for the printer to be free, then takes it. Returns the release, or null. */
async function acquire(target: string, waitMs: number): Promise<(() => void) | null> {
  const deadline = Date.now() + waitMs;
  for (let current = inFlight.get(target); current; current = inFlight.get(target)) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return null;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([current, new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining)))]);
    clearTimeout(timer);
  }
  let release!: () => void;
  inFlight.set(
    target,
    new Promise<void>((resolve) => {
      release = resolve;
    }),
  );
  return () => {
    inFlight.delete(target);
    release();
  };
}

/** Asks each query once (timeout each) and folds the replies; adds `DLE EOT 3` detail on error. */
async function askStatus(
  transport: PrinterTransport,
  queries: readonly StatusQuery[],
  timeoutFor: (index: number) => number,
): Promise<PrinterStatus> {
  const replies: StatusReplies = {};
  try {
    for (const [index, n] of queries.entries()) {
      const reply = await transport.query(statusRequest(n), timeoutFor(index));
      replies[n] = reply;
      // A silent printer stays silent: do not spend another timeout per remaining query.
      if (reply === null) return statusFromReplies(replies);
    }
    const status = statusFromReplies(replies);
    if (status.state === 'error' && !queries.includes(3) && replies[2] !== undefined) {
      const cause = await transport.query(statusRequest(3), timeoutFor(queries.length));
      if (cause !== null) {
        const detailed = statusFromReplies({ ...replies, 3: cause });
        if (detailed.state === 'error') return detailed;
      }
    }
    return status;
  } catch (err) {
    // Could not even connect: as far as the kiosk is concerned, the printer does not answer.
    return { state: 'no_reply', detail: errorMessage(err) };
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function defaultJobTimeout(transport: PrinterTransport, bytes: number): number {
  const rate = transport.bytesPerSecond;
  return BASE_JOB_TIMEOUT_MS + (rate ? Math.ceil((2 * bytes * 1000) / rate) : 0);
}

/**
 * Prints one ticket (`bytes` from `encodeTicket`) with the policy of the module comment. Never
 * throws for printer trouble: every outcome is a {@link PrintOutcome}. The connection is closed
 * when it returns.
 */
export async function printTicketJob(
  transport: PrinterTransport,
  bytes: Uint8Array,
  opts: PrintJobOptions = {},
): Promise<PrintOutcome> {
  return remember(transport.target, await runJob(transport, bytes, opts));
}

async function runJob(
  transport: PrinterTransport,
  bytes: Uint8Array,
  opts: PrintJobOptions,
): Promise<PrintOutcome> {
  const started = Date.now();
  const elapsed = (): number => Date.now() - started;
  const queryTimeout = opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const queries = opts.queries ?? DEFAULT_STATUS_QUERIES;

  const release = await acquire(transport.target, opts.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS);
  if (!release) {
    return {
      printed: false,
      failedMidway: false,
      reason: 'busy',
      status: { state: 'no_reply', detail: `printer still busy with the previous job after ${elapsed()} ms` },
      elapsedMs: elapsed(),
    };
  }
  const deadline = Date.now() + (opts.jobTimeoutMs ?? defaultJobTimeout(transport, bytes.length));
  const left = (): number => Math.max(1, deadline - Date.now());
  try {
    const before = await askStatus(transport, queries, () => Math.min(queryTimeout, left()));
    if (!canPrint(before)) {
      return {
        printed: false,
        failedMidway: false,
        reason: 'not_ready',
        status: before,
        elapsedMs: elapsed(),
      };
    }

    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`print job timed out after ${elapsed()} ms while sending`)),
      left(),
    );
    try {
      await transport.write(bytes, controller.signal);
    } catch (err) {
      return {
        printed: false,
        failedMidway: true,
        reason: 'send_failed',
        status: { state: 'no_reply', detail: errorMessage(err) },
        elapsedMs: elapsed(),
      };
    } finally {
      clearTimeout(timer);
    }

    // The first query waits for the printer to take in the whole ticket (see step 4).
    const after = await askStatus(transport, queries, (i) =>
      i === 0 ? left() : Math.min(queryTimeout, left()),
    );
    if (!canPrint(after)) {
      const status =
        after.state === 'no_reply'
          ? { state: after.state, detail: `no status after sending the ticket (${after.detail ?? 'silent'})` }
          : after;
      return {
        printed: false,
        failedMidway: true,
        reason: 'check_after_failed',
        status,
        elapsedMs: elapsed(),
      };
    }
    const nearEnd = before.state === 'near_end' || after.state === 'near_end';
    return nearEnd
      ? { printed: true, failedMidway: false, status: after, warning: 'paper near end', elapsedMs: elapsed() }
      : { printed: true, failedMidway: false, status: after, elapsedMs: elapsed() };
  } finally {
    // A custom transport whose close() rejects must not keep the printer locked forever.
    await transport.close().catch(() => undefined);
    release();
  }
}

/** Records the status an outcome carries for {@link checkPrinter}, unless the job never ran. */
function remember(target: string, outcome: PrintOutcome): PrintOutcome {
  if (outcome.printed || outcome.reason !== 'busy') lastKnown.set(target, outcome.status);
  return outcome;
}

/**
 * One health check for the periodic printer report: the same queries as a job, no printing, and
 * the connection closed afterwards. Waits for a running job like a job does; if the printer stays
 * busy (a long serial job), it reports the last status seen rather than interleaving its queries
 * with the job's replies.
 */
export async function checkPrinter(
  transport: PrinterTransport,
  opts: PrintJobOptions = {},
): Promise<PrinterStatus> {
  const release = await acquire(transport.target, opts.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS);
  if (!release) {
    const last = lastKnown.get(transport.target);
    return last
      ? { ...last, detail: `${last.detail ?? last.state} (last seen; a print job is running)` }
      : { state: 'no_reply', detail: 'busy with a print job, no status seen yet' };
  }
  try {
    const timeout = opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    const status = await askStatus(transport, opts.queries ?? DEFAULT_STATUS_QUERIES, () => timeout);
    lastKnown.set(transport.target, status);
    return status;
  } finally {
    // A custom transport whose close() rejects must not keep the printer locked forever.
    await transport.close().catch(() => undefined);
    release();
  }
}
