/**
 * The print policy against a loopback TCP printer with scripted status: what is sent, what is not,
 * and what the caller is told.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { checkPrinter, printTicketJob } from '../../server/printing/printer.js';
import { createTransport } from '../../server/printing/transports.js';
import { encodeTicket } from '../../server/printing/encode.js';
import { renderTicket } from '../../server/printing/render.js';
import { startFakePrinter, STATES } from '../helpers/fake-printer.js';
import type { FakePrinter, FakePrinterScript } from '../helpers/fake-printer.js';
import { SAMPLE_TICKET } from '../helpers/sample-ticket.js';

let ticket: Uint8Array;
const printers: FakePrinter[] = [];

beforeAll(() => {
  ticket = encodeTicket(renderTicket(SAMPLE_TICKET, 80), 80);
});

afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

async function printer(script: FakePrinterScript = {}): Promise<FakePrinter> {
  const p = await startFakePrinter(script);
  printers.push(p);
  return p;
}

/** Lets the fake printer see the client's FIN before we count open connections. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe('printTicketJob', () => {
  it('ok: checks 1, 2, 4, sends the whole ticket, checks again, closes its one connection', async () => {
    const fake = await printer();
    const outcome = await printTicketJob(createTransport(fake.url), ticket);
    expect(outcome).toMatchObject({ printed: true, failedMidway: false, status: { state: 'ok' } });
    expect(outcome.printed && outcome.warning).toBeFalsy();
    expect(Buffer.from(fake.printed()).equals(Buffer.from(ticket))).toBe(true);
    expect(fake.queries).toEqual([1, 2, 4, 1, 2, 4]);
    await settle();
    expect(fake.connections).toEqual({ total: 1, open: 0 });
  });

  it('near end: prints and warns', async () => {
    const fake = await printer({ status: STATES.nearEnd });
    const outcome = await printTicketJob(createTransport(fake.url), ticket);
    expect(outcome).toMatchObject({
      printed: true,
      warning: 'paper near end',
      status: { state: 'near_end' },
    });
    expect(fake.printed().length).toBe(ticket.length);
  });

  it.each([
    ['paper end', STATES.paperEnd, 'paper_end'],
    ['cover open', STATES.coverOpen, 'cover_open'],
    ['offline', STATES.offline, 'offline'],
    ['cutter error', STATES.cutterError, 'error'],
  ] as const)('%s: prints nothing and says why', async (_name, status, state) => {
    const fake = await printer({ status });
    const outcome = await printTicketJob(createTransport(fake.url), ticket);
    expect(outcome).toMatchObject({
      printed: false,
      failedMidway: false,
      reason: 'not_ready',
      status: { state },
    });
    expect(fake.printed().length).toBe(0);
    await settle();
    expect(fake.connections.open).toBe(0);
  });

  it('error: asks DLE EOT 3 for the cause', async () => {
    const fake = await printer({ status: STATES.cutterError });
    const outcome = await printTicketJob(createTransport(fake.url), ticket);
    expect(outcome.status).toEqual({ state: 'error', detail: 'autocutter error' });
    expect(fake.queries).toEqual([1, 2, 4, 3]);
  });

  it('silence: no reply within the query timeout, nothing printed, no further queries', async () => {
    const fake = await printer({ silent: true });
    const started = Date.now();
    const outcome = await printTicketJob(createTransport(fake.url), ticket, { queryTimeoutMs: 300 });
    const took = Date.now() - started;
    expect(outcome).toMatchObject({ printed: false, failedMidway: false, reason: 'not_ready' });
    expect(outcome.status.state).toBe('no_reply');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
    expect(fake.printed().length).toBe(0);
    expect(fake.queries).toEqual([1]);
  });

  it('slow drain within the job budget: waits for the printer to take the ticket, then succeeds', async () => {
    const fake = await printer({ drainBytesPerSecond: 60_000 }); // ~1.1 s for the 67 KB ticket
    const outcome = await printTicketJob(createTransport(fake.url), ticket, { jobTimeoutMs: 10_000 });
    expect(outcome).toMatchObject({ printed: true, status: { state: 'ok' } });
    expect(outcome.elapsedMs).toBeGreaterThan(700);
    expect(fake.printed().length).toBe(ticket.length);
  });

  it('slow drain beyond the job budget: failed midway, so staff reprint the same number', async () => {
    const fake = await printer({ drainBytesPerSecond: 10_000 }); // ~7 s for the ticket
    const outcome = await printTicketJob(createTransport(fake.url), ticket, { jobTimeoutMs: 1200 });
    expect(outcome).toMatchObject({ printed: false, failedMidway: true, status: { state: 'no_reply' } });
    expect(outcome.elapsedMs).toBeLessThan(3000);
    expect(fake.printed().length).toBeLessThan(ticket.length);
  });

  it('paper runs out mid-ticket: failed midway with paper end', async () => {
    const fake = await printer({ changeAfterBytes: { bytes: 20_000, status: STATES.paperEnd } });
    const outcome = await printTicketJob(createTransport(fake.url), ticket);
    expect(outcome).toMatchObject({
      printed: false,
      failedMidway: true,
      reason: 'check_after_failed',
      status: { state: 'paper_end' },
    });
    // The printer did receive (part of) the ticket: that is why it must be marked for reprint.
    expect(fake.printed().length).toBeGreaterThan(20_000);
    // The next ticket is not sent at all.
    const next = await printTicketJob(createTransport(fake.url), ticket);
    expect(next).toMatchObject({ printed: false, failedMidway: false, status: { state: 'paper_end' } });
    expect(fake.printed().length).toBe(ticket.length);
  });

  it('connection refused: not printed, no reply, with the reason', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const outcome = await printTicketJob(createTransport(`tcp://127.0.0.1:${port}`), ticket);
    expect(outcome).toMatchObject({ printed: false, failedMidway: false, status: { state: 'no_reply' } });
    expect(outcome.status.detail).toMatch(/ECONNREFUSED/);
  });

  it('the printer hangs up while receiving: failed midway', async () => {
    const fake = await printer();
    const server = net.createServer((socket) => {
      // Answers the checks, then drops the connection once ticket bytes arrive.
      socket.on('data', (chunk: Buffer) => {
        if (chunk.length === 3 && chunk[0] === 0x10) socket.write(Uint8Array.of(0x12));
        else socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const outcome = await printTicketJob(createTransport(`tcp://127.0.0.1:${port}`), ticket, {
        jobTimeoutMs: 3000,
      });
      expect(outcome).toMatchObject({ printed: false, failedMidway: true });
      expect(outcome.status.state).toBe('no_reply');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    }
  });

  describe('one job at a time per printer', () => {
    it('a second job waits for the first (bounded) and both print, one connection each', async () => {
      const fake = await printer({ drainBytesPerSecond: 200_000 });
      const transport = createTransport(fake.url);
      const [a, b] = await Promise.all([
        printTicketJob(transport, ticket),
        printTicketJob(createTransport(fake.url), ticket, { busyWaitMs: 5000 }),
      ]);
      expect(a.printed).toBe(true);
      expect(b.printed).toBe(true);
      expect(fake.printed().length).toBe(2 * ticket.length);
      expect(fake.queries).toEqual([1, 2, 4, 1, 2, 4, 1, 2, 4, 1, 2, 4]);
      await settle();
      expect(fake.connections).toEqual({ total: 2, open: 0 });
    });

    it('fails fast as busy when the printer stays busy past busyWaitMs, and never prints late', async () => {
      const fake = await printer({ drainBytesPerSecond: 40_000 }); // first job takes ~1.7 s
      const first = printTicketJob(createTransport(fake.url), ticket);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await printTicketJob(createTransport(fake.url), ticket, { busyWaitMs: 200 });
      expect(second).toMatchObject({ printed: false, failedMidway: false, reason: 'busy' });
      expect((await first).printed).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fake.printed().length).toBe(ticket.length);
      expect(fake.connections.total).toBe(1);
    });
  });
});

describe('checkPrinter', () => {
  it('reports the status without printing and closes the connection', async () => {
    const fake = await printer({ status: STATES.nearEnd });
    expect(await checkPrinter(createTransport(fake.url))).toEqual({
      state: 'near_end',
      detail: 'paper near end',
    });
    fake.script({ status: STATES.coverOpen });
    expect((await checkPrinter(createTransport(fake.url))).state).toBe('cover_open');
    fake.script({ silent: true });
    expect((await checkPrinter(createTransport(fake.url), { queryTimeoutMs: 200 })).state).toBe('no_reply');
    expect(fake.printed().length).toBe(0);
    await settle();
    expect(fake.connections).toEqual({ total: 3, open: 0 });
  });
});
