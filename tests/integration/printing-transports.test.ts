/**
 * The usb: (device file) and serial: (serialport) transports against a fake printer behind a
 * pseudo-terminal (tests/helpers/pty-printer.py): bytes arrive intact, status replies are read,
 * and a printer without a read side is reported as no reply.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { printTicketJob } from '../../server/printing/printer.js';
import { createTransport } from '../../server/printing/transports.js';
import { requireTool } from '../helpers/tools.js';

const python = requireTool('python3', 'python3', 'apt-get install python3');
const script = fileURLToPath(new URL('../helpers/pty-printer.py', import.meta.url));

interface PtyPrinter {
  path: string;
  received(): Promise<Uint8Array>;
  stop(): void;
}

const running: PtyPrinter[] = [];
afterEach(() => running.splice(0).forEach((p) => p.stop()));

/** Starts the pty printer with status bytes for n = 1..4 ("-" = silent). */
async function ptyPrinter(...status: string[]): Promise<PtyPrinter> {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(
    python ?? 'python3',
    [script, ...status],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw new Error('pty printer exited');
    return String(line.value);
  };
  const printer: PtyPrinter = {
    path: await next(),
    received: async () => {
      child.stdin.write('dump\n');
      return Uint8Array.from(Buffer.from(await next(), 'hex'));
    },
    stop: () => child.stdin.end(),
  };
  running.push(printer);
  return printer;
}

const payload = Uint8Array.from({ length: 20_000 }, (_, i) => 0x20 + (i % 90));
const query = (n: number): number[] => [0x10, 0x04, n];

describe.skipIf(!python)('device-file and serial transports (pty)', () => {
  for (const kind of ['usb', 'serial'] as const) {
    const url = (path: string): string => (kind === 'usb' ? `usb:${path}` : `serial:${path}?baud=115200`);

    it(`${kind}: checks, sends every byte in order, checks again`, async () => {
      const printer = await ptyPrinter('12', '12', '12', '12');
      const outcome = await printTicketJob(createTransport(url(printer.path)), payload);
      expect(outcome).toMatchObject({ printed: true, status: { state: 'ok' } });
      const expected = [
        ...query(1),
        ...query(2),
        ...query(4),
        ...payload,
        ...query(1),
        ...query(2),
        ...query(4),
      ];
      expect(Buffer.from(await printer.received()).equals(Buffer.from(expected))).toBe(true);
    });

    it(`${kind}: paper end stops the job before any ticket byte`, async () => {
      const printer = await ptyPrinter('1a', '32', '12', '72');
      const outcome = await printTicketJob(createTransport(url(printer.path)), payload);
      expect(outcome).toMatchObject({ printed: false, failedMidway: false, status: { state: 'paper_end' } });
      expect([...(await printer.received())]).toEqual([...query(1), ...query(2), ...query(4)]);
    });

    it(`${kind}: a printer that never answers is no reply, and nothing is sent`, async () => {
      const printer = await ptyPrinter('-', '-', '-', '-');
      const outcome = await printTicketJob(createTransport(url(printer.path)), payload, {
        queryTimeoutMs: 200,
      });
      expect(outcome).toMatchObject({ printed: false, status: { state: 'no_reply' } });
      expect([...(await printer.received())]).toEqual(query(1));
    });
  }
});
