/**
 * What the page helpers of the browser apps share (kiosk-page.ts, display-page.ts, voice-page.ts):
 * a pairing put in localStorage before the page loads, evaluating in a page WITHOUT a user gesture,
 * polling, and dropping a device's live connection.
 *
 * USER GESTURES: Playwright's `page.evaluate`, `waitForFunction` and locator reads run with a user
 * gesture, which gives the page sticky user activation and so lifts Chromium's autoplay block.
 * `gesturelessEval` evaluates through the DevTools protocol with `userGesture: false` instead, so
 * reading a page never turns its sound on behind the test's back.
 *
 * Strings evaluated in the page are plain JavaScript: the tests are type-checked without the DOM.
 */
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';

/** Evaluates an expression in the page; awaits a promise; returns by value. */
export type PageEval = <T>(expression: string) => Promise<T>;

/**
 * Stores a device's pairing under `key` in the context's localStorage before any of its pages load,
 * as pairing at the screen would have.
 */
export async function storeDevice(
  context: BrowserContext,
  key: string,
  device: { token: string; officeId: string },
): Promise<void> {
  const value = JSON.stringify(device);
  await context.addInitScript({
    content: `localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)});`,
  });
}

/** An evaluator for `page` that runs without a user gesture (see above). */
export async function gesturelessEval(context: BrowserContext, page: Page): Promise<PageEval> {
  const cdp = await context.newCDPSession(page);
  return async <T>(expression: string): Promise<T> => {
    const reply = await cdp.send('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
      userGesture: false,
    });
    if (reply.exceptionDetails) {
      throw new Error(
        `in the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`,
      );
    }
    return reply.result.value as T;
  };
}

/**
 * Reads `read()` every `everyMs` until `done` holds and returns that value; after `timeoutMs`,
 * throws with `failure(last value)`.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  opts: { timeoutMs: number; everyMs: number; failure: (last: T) => string | Promise<string> },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(await opts.failure(value));
    await new Promise((resolve) => setTimeout(resolve, opts.everyMs));
  }
}

/**
 * Drops the live connections that authenticated with `token`, as a network failure would (the
 * transport closes; socket.io-client then reconnects by itself). Other devices keep theirs.
 * Returns how many.
 */
export function dropSockets(app: FastifyInstance, token: string): number {
  let dropped = 0;
  for (const socket of app.realtime.io.sockets.sockets.values()) {
    if ((socket.handshake.auth as { token?: unknown }).token === token) {
      socket.conn.close();
      dropped++;
    }
  }
  return dropped;
}
