/**
 * A loopback "network printer" for the print-policy tests: listens on 127.0.0.1 (port 0), records
 * every byte, and answers `DLE EOT n` with scripted status bytes — wherever the sequence appears,
 * as an Epson does. It can stay silent, drain slowly, or change state after N bytes (paper runs
 * out mid-ticket).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type StatusBytes = Partial<Record<1 | 2 | 3 | 4, number>>;

/** Healthy replies: bits 1 and 4 set. */
export const HEALTHY: Readonly<Required<StatusBytes>> = { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 };
/** Epson-like replies for the usual states. */
export const STATES = {
  ok: HEALTHY,
  nearEnd: { ...HEALTHY, 4: 0x1e },
  paperEnd: { 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 },
  coverOpen: { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 },
  offline: { ...HEALTHY, 1: 0x1a },
  cutterError: { 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 },
} as const satisfies Record<string, Required<StatusBytes>>;

export interface FakePrinterScript {
  /** Status replies (default {@link HEALTHY}). */
  status?: StatusBytes;
  /** Never answer status requests. */
  silent?: boolean;
  /** Read at most this many bytes per second (the rest waits in the kernel, like a busy printer). */
  drainBytesPerSecond?: number;
  /** After this many non-query bytes, switch to `status` of the change (e.g. paper end). */
  changeAfterBytes?: { bytes: number; status: StatusBytes };
}

export interface FakePrinter {
  /** `tcp://127.0.0.1:PORT` */
  url: string;
  /** Every byte received, in order, across all connections (status requests included). */
  received(): Uint8Array;
  /** What would have been printed: the bytes received minus the `DLE EOT n` requests. */
  printed(): Uint8Array;
  /** The `n` of each status request, in order. */
  queries: number[];
  /** Connections accepted so far, and those still open. */
  connections: { total: number; open: number };
  /** Replace the script (takes effect for the next bytes). */
  script(script: FakePrinterScript): void;
  close(): Promise<void>;
}

export async function startFakePrinter(initial: FakePrinterScript = {}): Promise<FakePrinter> {
  let script = initial;
  let status: StatusBytes = { ...HEALTHY, ...initial.status };
  const received: number[] = [];
  const printed: number[] = [];
  const queries: number[] = [];
  const connections = { total: 0, open: 0 };
  const sockets = new Set<net.Socket>();

  const handle = (socket: net.Socket, chunk: Buffer): void => {
    for (const byte of chunk) {
      received.push(byte);
      const n = received.length;
      // DLE EOT n: recognised in stream order, like a real-time command.
      if (
        n >= 3 &&
        received[n - 3] === 0x10 &&
        received[n - 2] === 0x04 &&
        (byte === 1 || byte === 2 || byte === 3 || byte === 4)
      ) {
        printed.splice(printed.length - 2, 2);
        queries.push(byte);
        const reply = status[byte];
        if (!script.silent && reply !== undefined && !socket.destroyed) socket.write(Uint8Array.of(reply));
        continue;
      }
      printed.push(byte);
      const change = script.changeAfterBytes;
      if (change && printed.length === change.bytes) status = { ...status, ...change.status };
    }
  };

  const server = net.createServer((socket) => {
    connections.total++;
    connections.open++;
    sockets.add(socket);
    socket.on('close', () => {
      connections.open--;
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    // Slow drain: like a printer with a 4 KB receive buffer, take bytes at the scripted rate and
    // stop reading while the buffer is full (the rest waits in the kernel and in the sender).
    let backlog: Buffer[] = [];
    let backlogBytes = 0;
    let ticker: NodeJS.Timeout | undefined;
    const tick = (): void => {
      const rate = script.drainBytesPerSecond ?? Infinity;
      let budget = Math.max(1, Math.floor(rate / 50));
      while (budget > 0 && backlog.length > 0) {
        const head = backlog[0] as Buffer;
        const take = head.subarray(0, budget);
        handle(socket, take);
        budget -= take.length;
        backlogBytes -= take.length;
        if (take.length === head.length) backlog.shift();
        else backlog[0] = head.subarray(take.length);
      }
      if (backlogBytes < 4096) socket.resume();
      if (backlog.length === 0) {
        clearInterval(ticker);
        ticker = undefined;
      }
    };
    socket.on('data', (chunk: Buffer) => {
      if (!script.drainBytesPerSecond) return handle(socket, chunk);
      backlog.push(chunk);
      backlogBytes += chunk.length;
      if (backlogBytes >= 4096) socket.pause();
      ticker ??= setInterval(tick, 20);
    });
    socket.on('close', () => {
      clearInterval(ticker);
      backlog = [];
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `tcp://127.0.0.1:${port}`,
    received: () => Uint8Array.from(received),
    printed: () => Uint8Array.from(printed),
    queries,
    connections,
    script(next) {
      script = next;
      status = { ...HEALTHY, ...next.status };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
