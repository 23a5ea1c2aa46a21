/**
 * Byte pipes to a printer, chosen by URL:
 *
 * - `tcp://host:9100` — network printers (port 9100 by default). One short connection per job:
 *   many printers accept a single client, so a kept-open socket would lock out every other PC.
 * - `usb:/dev/usb/lp0` — Linux USB printer class device (`usblp`). Opened read+write, non-blocking,
 *   so a printer that never answers status cannot pin a libuv thread in a blocking `read()`.
 *   Not every printer implements the read side: those report `no_reply`.
 * - `serial:/dev/ttyUSB0?baud=115200` (or `serial:COM3?baud=115200`) — through the `serialport`
 *   package, loaded only when a serial printer is used. 8N1; `flow=rtscts` for hardware handshake.
 *
 * A transport is a long-lived handle for one printer; it connects lazily on the first `write` or
 * `query` and `close()` ends that connection (the handle stays usable). `printTicketJob` closes
 * after every job.
 */
import { constants as fsConstants } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import net from 'node:net';
import type { SerialPort } from 'serialport';
import type * as SerialPortModule from 'serialport';

/** A connection to one printer. */
export interface PrinterTransport {
  /** Normalised printer URL: for logs, and the key of the one-job-at-a-time lock. */
  readonly target: string;
  /** Bytes per second the link can carry, when it is slow enough to matter (serial). */
  readonly bytesPerSecond?: number;
  /**
   * Sends bytes, connecting first if needed. Resolves when the operating system has accepted all of
   * them (not when they are printed). Rejects on a connection error or when `signal` aborts, in
   * which case the connection is dropped.
   */
  write(bytes: Uint8Array, signal?: AbortSignal): Promise<void>;
  /**
   * Sends a status request and resolves the first byte received after it, or `null` if none came
   * within `timeoutMs`. Bytes that arrived before the request are discarded. Rejects only when the
   * connection cannot be made.
   */
  query(request: Uint8Array, timeoutMs: number): Promise<number | null>;
  /** Ends the current connection, if any. Never rejects; the transport can be used again. */
  close(): Promise<void>;
}

/** A parsed printer URL. */
export type PrinterUrl =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'usb'; path: string }
  | { kind: 'serial'; path: string; baudRate: number; flow: 'none' | 'rtscts' };

/** Raised for a printer URL we cannot use; the message says what a good one looks like. */
export class PrinterUrlError extends Error {
  constructor(url: string, why: string) {
    super(
      `Bad printer URL "${url}": ${why}. Expected tcp://host:9100, usb:/dev/usb/lp0 or serial:/dev/ttyUSB0?baud=115200`,
    );
    this.name = 'PrinterUrlError';
  }
}

export const DEFAULT_TCP_PORT = 9100;
export const DEFAULT_BAUD_RATE = 115200;
const BAUD_RATES = [9600, 19200, 38400, 57600, 115200, 230400];

/** Parses a printer URL (see the module comment); throws {@link PrinterUrlError} with the reason. */
export function parsePrinterUrl(url: string): PrinterUrl {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new PrinterUrlError(url, 'not a URL');
  }
  switch (u.protocol) {
    case 'tcp:': {
      const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
      if (!host) throw new PrinterUrlError(url, 'missing host');
      if (u.pathname && u.pathname !== '/') throw new PrinterUrlError(url, 'a TCP printer URL has no path');
      if (u.search) throw new PrinterUrlError(url, 'a TCP printer URL has no parameters');
      const port = u.port ? Number(u.port) : DEFAULT_TCP_PORT;
      return { kind: 'tcp', host, port };
    }
    case 'usb:': {
      const path = decodeURIComponent(u.pathname);
      if (!path.startsWith('/dev/'))
        throw new PrinterUrlError(url, 'the USB path must be a device such as /dev/usb/lp0');
      if (u.search) throw new PrinterUrlError(url, 'a USB printer URL has no parameters');
      return { kind: 'usb', path };
    }
    case 'serial:': {
      const path = decodeURIComponent(u.pathname);
      if (!path || path === '/')
        throw new PrinterUrlError(url, 'missing serial device (e.g. /dev/ttyUSB0 or COM3)');
      let baudRate = DEFAULT_BAUD_RATE;
      let flow: 'none' | 'rtscts' = 'none';
      for (const [key, value] of u.searchParams) {
        if (key === 'baud') {
          baudRate = Number(value);
          if (!BAUD_RATES.includes(baudRate)) {
            throw new PrinterUrlError(url, `baud must be one of ${BAUD_RATES.join(', ')}`);
          }
        } else if (key === 'flow') {
          if (value !== 'none' && value !== 'rtscts')
            throw new PrinterUrlError(url, 'flow must be none or rtscts');
          flow = value;
        } else {
          throw new PrinterUrlError(url, `unknown parameter "${key}" (baud, flow)`);
        }
      }
      return { kind: 'serial', path, baudRate, flow };
    }
    default:
      throw new PrinterUrlError(url, `unknown scheme "${u.protocol}"`);
  }
}

/** Options shared by the transports. */
export interface TransportOptions {
  /** Give up connecting after this long (default 2000 ms): an unplugged network printer otherwise hangs ~2 min. */
  connectTimeoutMs?: number;
}

/** Creates the transport for a printer URL. Does not connect. */
export function createTransport(url: string, opts: TransportOptions = {}): PrinterTransport {
  const parsed = parsePrinterUrl(url);
  const connectTimeoutMs = opts.connectTimeoutMs ?? 2000;
  switch (parsed.kind) {
    case 'tcp':
      return new TcpTransport(parsed.host, parsed.port, connectTimeoutMs);
    case 'usb':
      return new DeviceFileTransport(parsed.path);
    case 'serial':
      return new SerialTransport(parsed.path, parsed.baudRate, parsed.flow);
  }
}

/** Collects received bytes and hands the first one after a request to the waiting query. */
class ReplyWaiter {
  private buffered: number[] = [];
  private waiting: { resolve: (byte: number | null) => void; timer: NodeJS.Timeout } | undefined;

  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (this.waiting) this.settle(byte);
      else this.buffered.push(byte);
    }
  }

  /** Drops stale bytes (a late answer to a timed-out query must not answer the next one). */
  clear(): void {
    this.buffered = [];
  }

  /** The next byte, or `null` after `timeoutMs` or when {@link cancel} is called. */
  next(timeoutMs: number): Promise<number | null> {
    const first = this.buffered.shift();
    if (first !== undefined) return Promise.resolve(first);
    this.settle(null);
    return new Promise((resolve) => {
      this.waiting = { resolve, timer: setTimeout(() => this.settle(null), timeoutMs) };
    });
  }

  /** Ends a pending `next()` with `null`: the connection went away. */
  cancel(): void {
    this.settle(null);
  }

  private settle(byte: number | null): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!waiting) return;
    clearTimeout(waiting.timer);
    waiting.resolve(byte);
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/** `tcp://host:port`: node:net, one connection per job. */
class TcpTransport implements PrinterTransport {
  readonly target: string;
  private socket: net.Socket | undefined;
  private readonly replies = new ReplyWaiter();

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs: number,
  ) {
    this.target = `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  private connect(): Promise<net.Socket> {
    const existing = this.socket;
    if (existing && !existing.destroyed) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${this.target} timed out after ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => this.replies.push(chunk));
      socket.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        this.replies.cancel();
      });
    });
  }

  async write(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortError(signal);
    const socket = await this.connect();
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        socket.destroy();
        reject(abortError(signal as AbortSignal));
      };
      const onClose = (): void => reject(new Error(`connection to ${this.target} closed while sending`));
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('close', onClose);
      socket.write(bytes, (err) => {
        signal?.removeEventListener('abort', onAbort);
        socket.off('close', onClose);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  async query(request: Uint8Array, timeoutMs: number): Promise<number | null> {
    const socket = await this.connect();
    this.replies.clear();
    socket.write(request);
    return this.replies.next(timeoutMs);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      // end() lets queued bytes go out first; a printer that stopped reading (the job failed) would
      // hold the connection half-open, so destroy it after a short grace period.
      const timer = setTimeout(() => socket.destroy(), 300);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

/** `usb:/dev/usb/lp0`: a character device opened O_RDWR | O_NONBLOCK and polled. */
class DeviceFileTransport implements PrinterTransport {
  readonly target: string;
  private handle: FileHandle | undefined;

  constructor(private readonly path: string) {
    this.target = `usb:${path}`;
  }

  private async openDevice(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    const nonBlock = fsConstants.O_NONBLOCK;
    if (nonBlock === undefined) {
      throw new Error(
        'usb: printer URLs are Linux device files; on Windows print through the spooler or a TCP share',
      );
    }
    try {
      this.handle = await openFile(this.path, fsConstants.O_RDWR | nonBlock | (fsConstants.O_NOCTTY ?? 0));
    } catch (err) {
      const code = errnoCode(err);
      const hint =
        code === 'EACCES'
          ? ' (add the service user to the "lp" group)'
          : code === 'EBUSY'
            ? ' (another program has the printer open)'
            : '';
      throw new Error(`cannot open ${this.path}: ${code ?? String(err)}${hint}`, { cause: err });
    }
    return this.handle;
  }

  async write(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    const fh = await this.openDevice();
    let offset = 0;
    while (offset < bytes.length) {
      if (signal?.aborted) {
        await this.close();
        throw abortError(signal);
      }
      try {
        const { bytesWritten } = await fh.write(bytes, offset, Math.min(4096, bytes.length - offset));
        offset += bytesWritten;
        if (bytesWritten === 0) await sleep(5);
      } catch (err) {
        // The printer's buffer is full (the previous USB transfer has not completed): wait.
        if (errnoCode(err) === 'EAGAIN') await sleep(5);
        else throw err;
      }
    }
  }

  async query(request: Uint8Array, timeoutMs: number): Promise<number | null> {
    const fh = await this.openDevice();
    const buf = new Uint8Array(64);
    // Discard whatever is already waiting (bounded: a chatty device must not stall us), then ask.
    for (let i = 0; i < 16; i++) {
      if ((await this.readSome(fh, buf)) === 0) break;
    }
    await this.write(request);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const n = await this.readSome(fh, buf);
      if (n > 0) return buf[0] ?? null;
      await sleep(10);
    }
    return null;
  }

  /** One non-blocking read; 0 when nothing is there or the printer has no read side (EIO etc.). */
  private async readSome(fh: FileHandle, buf: Uint8Array): Promise<number> {
    try {
      return (await fh.read(buf, 0, buf.length, null)).bytesRead;
    } catch {
      return 0;
    }
  }

  async close(): Promise<void> {
    const fh = this.handle;
    this.handle = undefined;
    await fh?.close().catch(() => undefined);
  }
}

/** `serial:PATH?baud=N`: the `serialport` package, imported on first use. */
class SerialTransport implements PrinterTransport {
  readonly target: string;
  readonly bytesPerSecond: number;
  private port: SerialPort | undefined;
  private readonly replies = new ReplyWaiter();

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    private readonly flow: 'none' | 'rtscts',
  ) {
    this.target = `serial:${path}?baud=${baudRate}${flow === 'none' ? '' : `&flow=${flow}`}`;
    // 8N1: ten bits on the wire per byte.
    this.bytesPerSecond = baudRate / 10;
  }

  private async openPort(): Promise<SerialPort> {
    if (this.port?.isOpen) return this.port;
    let mod: typeof SerialPortModule;
    try {
      mod = await import('serialport');
    } catch (err) {
      throw new Error(
        'Serial printers need the "serialport" package: run `npm install serialport` (it ships prebuilt binaries)',
        { cause: err },
      );
    }
    const port = new mod.SerialPort({
      path: this.path,
      baudRate: this.baudRate,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      rtscts: this.flow === 'rtscts',
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('data', (chunk: Buffer) => this.replies.push(chunk));
    port.on('close', () => {
      if (this.port === port) this.port = undefined;
      this.replies.cancel();
    });
    port.on('error', () => undefined);
    this.port = port;
    return port;
  }

  async write(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortError(signal);
    const port = await this.openPort();
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        void this.close();
        reject(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      // drain() waits until the UART has sent everything (tcdrain), the only honest "sent" on serial.
      port.drain((err) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  async query(request: Uint8Array, timeoutMs: number): Promise<number | null> {
    const port = await this.openPort();
    this.replies.clear();
    port.write(Buffer.from(request.buffer, request.byteOffset, request.byteLength));
    return this.replies.next(timeoutMs);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
