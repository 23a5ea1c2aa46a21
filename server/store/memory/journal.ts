/**
 * Append-only journal with group commit. Each record is one JSON line. A record is acknowledged
 * only after the fdatasync that covers it; records arriving while a flush is in progress are
 * written together and share the next fdatasync, so throughput is not capped at one fsync per
 * command (see docs/architecture.md, "Embedded engine").
 */
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

export class Journal {
  private handle: FileHandle | undefined;
  private buffer: string[] = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  /** Bytes known to be on disk (after the last successful fdatasync). */
  durableBytes: number;

  constructor(
    readonly path: string,
    startBytes: number,
  ) {
    this.durableBytes = startBytes;
  }

  get bytes(): number {
    return this.durableBytes + this.buffer.reduce((n, s) => n + Buffer.byteLength(s), 0);
  }

  /** Resolves once the record is durable; rejects if the disk refused it. */
  append(record: unknown): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.buffer.push(JSON.stringify(record) + '\n');
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) this.flushing = this.flushLoop();
    return done;
  }

  /** Resolves when everything appended so far is durable. */
  async sync(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failure) throw this.failure;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.buffer.length > 0) {
        const batch = Buffer.from(this.buffer.join(''));
        const waiters = this.waiters;
        this.buffer = [];
        this.waiters = [];
        try {
          await this.writeDurably(batch);
          for (const w of waiters) w.resolve();
        } catch (err) {
          this.failure = err instanceof Error ? err : new Error(String(err));
          for (const w of [...waiters, ...this.waiters]) w.reject(this.failure);
          this.buffer = [];
          this.waiters = [];
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeDurably(batch: Buffer): Promise<void> {
    if (!this.handle) {
      this.handle = await open(this.path, 'a');
      // A new file's directory entry must be durable too, or a crash could lose the whole file.
      await fsyncDir(dirname(this.path));
    }
    let offset = 0;
    while (offset < batch.length) {
      const { bytesWritten } = await this.handle.write(batch, offset, batch.length - offset, null);
      offset += bytesWritten;
    }
    await this.handle.datasync();
    this.durableBytes += batch.length;
  }

  /** Nothing buffered and no flush running. */
  get idle(): boolean {
    return this.buffer.length === 0 && !this.flushing;
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  async close(): Promise<void> {
    await this.sync().catch(() => undefined);
    await this.handle?.close();
    this.handle = undefined;
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
