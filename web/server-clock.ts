/**
 * The server's clock as seen from a browser. Event times (`at`) are the server's epoch ms, and TV
 * boxes and kiosk PCs keep bad time (no RTC battery, no NTP on a closed LAN): ages such as "this
 * call is 40 s old" must be measured on the server's clock, not the device's.
 *
 * Two sources, best first: a live event, whose `at` is the server's time a few milliseconds ago;
 * else the `Date` header of the last HTTP answer (one-second resolution).
 */

let offsetMs = 0;
let fromEvents = false;

/** An HTTP answer's `Date` header (epoch ms), read when the answer arrived. */
export function noteServerDate(serverMs: number): void {
  if (!fromEvents && Number.isFinite(serverMs)) offsetMs = serverMs - Date.now();
}

/** A live event's `at`, read when it arrived over the socket (not from a replay: those are old). */
export function noteLiveEventTime(at: number): void {
  if (!Number.isFinite(at)) return;
  fromEvents = true;
  offsetMs = at - Date.now();
}

/** Now, by the server's clock (epoch ms). */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
