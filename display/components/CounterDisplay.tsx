/**
 * A counter's own screen (`/display/counter/<counterId>`), above or on the counter: the counter's
 * number, the number it calls or serves (as big as the screen allows), "Tạm nghỉ" with the
 * officer's reason, or closed. The same pairing and live machinery as the hall display; no voice
 * (the hall announces).
 */
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';
import type { PairedDevice } from '../../web/device-storage.js';
import { useDeviceOffice } from '../../web/use-device-office.js';
import { useLiveOffice } from '../../web/use-live-office.js';
import type { DisplayParams } from '../params.js';
import { useNow } from '../use-now.js';
import { useNewCounters } from '../use-new-counters.js';
import { useWatchdog } from '../use-watchdog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { BANNER_GRACE_MS } from './HallDisplay.js';

export function CounterDisplay({
  device,
  counterId,
  params,
  onRevoked,
}: {
  device: PairedDevice;
  counterId: string;
  params: DisplayParams;
  onRevoked: () => void;
}) {
  const { office, refresh } = useDeviceOffice(device, { refreshMs: params.refreshMs, onRevoked });
  const { view, live } = useLiveOffice(device, {
    heartbeatMs: params.heartbeatMs,
    onAuthDoubt: refresh,
    onReconnect: refresh,
  });
  useWatchdog(view, params.watchdogMs, params.heartbeatMs);
  useNewCounters(office, view.snapshot, live);
  const now = useNow(1_000);

  const snapshot = view.snapshot;
  if (!office || !snapshot) {
    return (
      <main class="counter-screen counter-loading">
        <p class="loading">{T.loading}</p>
      </main>
    );
  }
  const counter = snapshot.counters.find((c) => c.id === counterId);
  if (!counter) {
    return (
      <main class="counter-screen counter-unknown">
        <p class="counter-message">{T.counterUnknown(counterId)}</p>
      </main>
    );
  }
  const down = view.downSince !== undefined && now - view.downSince > BANNER_GRACE_MS;
  const confirmedAgo = view.confirmedAt === undefined ? undefined : now - view.confirmedAt;
  const stale = confirmedAgo !== undefined && (down || confirmedAgo > params.staleMs);
  const ticket = counter.currentTicket;
  const service = ticket && office.services.find((s) => s.id === ticket.serviceId)?.name.vi.normalize('NFC');
  const reason = counter.pauseReason?.trim();

  let body;
  if (counter.status === 'paused') {
    body = (
      <div class="counter-state">
        <p class="counter-state-word">{T.paused}</p>
        {reason && reason !== T.paused && <p class="counter-reason">{reason}</p>}
      </div>
    );
  } else if (counter.status === 'closed') {
    body = (
      <div class="counter-state">
        <p class="counter-state-word">{T.closed}</p>
      </div>
    );
  } else if (!ticket) {
    body = (
      <div class="counter-state">
        <p class="counter-state-word counter-ready">{T.counterReady}</p>
      </div>
    );
  } else {
    body = (
      <div class="counter-ticket" data-ticket-id={ticket.id}>
        <p class="counter-label">
          {ticket.status === 'called' ? T.counterCalling : T.counterServing}
          {ticket.priority && <span class="badge counter-badge">{T.priority}</span>}
        </p>
        <p class="counter-number">{ticket.number}</p>
        {service !== undefined && <p class="counter-service">{service}</p>}
      </div>
    );
  }

  return (
    <main class="counter-screen" data-status={counter.status} data-seq={snapshot.seq}>
      <ConnectionBanner down={down} agoSeconds={stale ? Math.floor((confirmedAgo ?? 0) / 1000) : undefined} />
      <h1 class="counter-heading">{T.counterHeading(counter.number)}</h1>
      {body}
    </main>
  );
}
