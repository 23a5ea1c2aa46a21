import { expect } from 'vitest';
import { QueueError, type ErrorCode } from '../../shared/protocol/errors.js';

/** Awaits a rejection and checks it is the engine's QueueError with `code`; returns it for more checks. */
export async function expectQueueError(promise: Promise<unknown>, code: ErrorCode): Promise<QueueError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(QueueError);
  expect((err as QueueError).code).toBe(code);
  return err as QueueError;
}
