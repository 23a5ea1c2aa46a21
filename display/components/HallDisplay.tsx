/**
 * The waiting-room display (`/display/`): the office's live picture on a 16:9 TV — the latest call
 * big, the counters, the recent calls, the waiting per service, the notices — and the voice that
 * announces each call. Data: the office's public configuration (re-read every minute and after a
 * reconnect: voice and notices changes take effect) and the live feed (web/live-office.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';
import type { DisplayStatusReport } from '../../shared/protocol/display.js';
import type { Snapshot } from '../../shared/protocol/events.js';
import type { PairedDevice } from '../../web/device-storage.js';
import type { CallNotice } from '../../web/live-office.js';
import { serverNow } from '../../web/server-clock.js';
import { useDeviceOffice } from '../../web/use-device-office.js';
import { useLiveOffice } from '../../web/use-live-office.js';
import { useEstimates } from '../use-estimates.js';
import { callsToAnnounce } from '../announce.js';
import { officeStatus } from '../office-status.js';
import type { DisplayParams } from '../params.js';
import { useAnnouncer } from '../use-announcer.js';
import { useNow } from '../use-now.js';
import { useTicker } from '../use-ticker.js';
import { useNewCounters } from '../use-new-counters.js';
import { useWatchdog } from '../use-watchdog.js';
import { zoneOf } from '../zone.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { CounterTable } from './CounterTable.js';
import { HallHeader } from './HallHeader.js';
import { LatestCall, type ShownCall } from './LatestCall.js';
import { NoticeTicker } from './NoticeTicker.js';
import { RecentCalls, type RecentCall } from './RecentCalls.js';
import { SoundButton } from './SoundButton.js';
import { WaitingPanel, type WaitingLine } from './WaitingPanel.js';

/** The disconnected banner waits this long: a reconnect blip should not flash it. */
export const BANNER_GRACE_MS = 2_000;
/** Calls listed under the latest one. */
const RECENT_COUNT = 4;

export function HallDisplay({
  device,
  params,
  onRevoked,
}: {
  device: PairedDevice;
  params: DisplayParams;
  onRevoked: () => void;
}) {
  const { office, refresh } = useDeviceOffice(device, { refreshMs: params.refreshMs, onRevoked });
  const zone = useMemo(() => (office ? zoneOf(office, params) : undefined), [office, params]);
  const zoneRef = useRef(zone);
  zoneRef.current = zone;
  const [pulseKey, setPulseKey] = useState<string | undefined>(undefined);

  // Sound state → staff. Kept until the live connection exists, then sent after every reconnect.
  const lastReport = useRef<DisplayStatusReport | undefined>(undefined);
  const liveRef = useRef<ReturnType<typeof useLiveOffice>['live']>(undefined);
  const report = useCallback((status: DisplayStatusReport) => {
    lastReport.current = status;
    liveRef.current?.report('display:status', status);
  }, []);
  const { announcer, state: audio } = useAnnouncer({
    voice: office?.voice,
    maxAgeMs: params.callMaxAgeMs,
    report,
  });
  const announcerRef = useRef(announcer);
  announcerRef.current = announcer;

  const onCalls = useCallback(
    (calls: CallNotice[], state: Snapshot) => {
      const z = zoneRef.current;
      const inZone = (counterId: string): boolean =>
        z
          ? z.has(counterId)
          : params.services === undefined && (params.counters?.includes(counterId) ?? true);
      const toSay = callsToAnnounce(calls, state, {
        now: serverNow(),
        maxAgeMs: params.callMaxAgeMs,
        inZone,
      });
      for (const call of toSay) announcerRef.current?.enqueue(call);
      const last = toSay[toSay.length - 1];
      if (last) setPulseKey(`${last.ticketId}@${last.at}`);
    },
    [params],
  );
  const { view, live } = useLiveOffice(device, {
    heartbeatMs: params.heartbeatMs,
    onCalls,
    onAuthDoubt: refresh,
    onReconnect: refresh,
  });
  liveRef.current = live;
  useEffect(() => {
    if (live && lastReport.current) live.report('display:status', lastReport.current);
  }, [live]);

  useWatchdog(view, params.watchdogMs, params.heartbeatMs);
  useNewCounters(office, view.snapshot, live);
  const estimates = useEstimates(live, device.officeId);
  const now = useNow(1_000);
  const tick = useTicker(params.pageMs, true);

  // A remote's OK or any tap also lets sound play: whoever is near the TV.
  const blocked = audio?.audio === 'blocked';
  useEffect(() => {
    if (!blocked || !announcer) return;
    const unlock = () => void announcer.unlock();
    document.addEventListener('keydown', unlock);
    document.addEventListener('pointerdown', unlock);
    return () => {
      document.removeEventListener('keydown', unlock);
      document.removeEventListener('pointerdown', unlock);
    };
  }, [blocked, announcer]);

  const snapshot = view.snapshot;
  if (!office || !snapshot || !zone) {
    return (
      <main class="hall hall-loading">
        <p class="loading">{T.loading}</p>
      </main>
    );
  }

  const serviceNames = new Map(office.services.map((s) => [s.id, s.name.vi.normalize('NFC')]));
  const serviceName = (id: string) => serviceNames.get(id) ?? id;
  const counterById = new Map(snapshot.counters.map((c) => [c.id, c]));
  const publicCounter = new Map(office.counters.map((c) => [c.id, c]));
  const counters = zone.counterIds.flatMap((id) => counterById.get(id) ?? []);
  const servedNames = (id: string) => (publicCounter.get(id)?.services ?? []).map(serviceName).join(', ');

  const zoneCalls = snapshot.recentCalls.filter((c) => zone.has(c.counterId));
  const latest = zoneCalls[0];
  const heroTicket = latest ? counterById.get(latest.counterId)?.currentTicket : undefined;
  const hero: ShownCall | undefined = latest && {
    ticketId: latest.ticketId,
    number: latest.number,
    counterNumber: counterById.get(latest.counterId)?.number,
    at: latest.at,
    priority: heroTicket?.id === latest.ticketId && heroTicket.priority,
  };
  const seen = new Set(latest ? [latest.ticketId] : []);
  const recent: RecentCall[] = [];
  for (const c of zoneCalls) {
    if (recent.length >= RECENT_COUNT || seen.has(c.ticketId)) continue;
    seen.add(c.ticketId);
    recent.push({
      ticketId: c.ticketId,
      number: c.number,
      counterNumber: counterById.get(c.counterId)?.number,
      recalled: c.kind === 'recalled',
      at: c.at,
    });
  }
  const waiting: WaitingLine[] = zone.serviceIds.map((id) => ({
    serviceId: id,
    name: serviceName(id),
    waiting: snapshot.waiting[id] ?? 0,
    estimate: estimates.find((e) => e.serviceId === id)?.estimate.text.vi,
  }));

  const down = view.downSince !== undefined && now - view.downSince > BANNER_GRACE_MS;
  const confirmedAgo = view.confirmedAt === undefined ? undefined : now - view.confirmedAt;
  const stale = confirmedAgo !== undefined && (down || confirmedAgo > params.staleMs);
  const notices = office.notices.filter((n) => n.trim() !== '');

  return (
    <main class={notices.length > 0 ? 'hall hall-with-ticker' : 'hall'} data-seq={snapshot.seq}>
      <HallHeader
        officeName={office.name.normalize('NFC')}
        status={officeStatus(office)}
        now={serverNow()}
        timeZone={office.timeZone}
      />
      <ConnectionBanner down={down} agoSeconds={stale ? Math.floor((confirmedAgo ?? 0) / 1000) : undefined} />
      <div class="hall-calls">
        <LatestCall call={hero} pulse={hero !== undefined && pulseKey === `${hero.ticketId}@${hero.at}`} />
        <RecentCalls calls={recent} />
      </div>
      <CounterTable counters={counters} tick={tick} serviceName={serviceName} servedNames={servedNames} />
      <WaitingPanel lines={waiting} tick={tick} />
      {notices.length > 0 && <NoticeTicker notices={notices} tick={tick} />}
      {blocked && announcer && <SoundButton onPress={() => void announcer.unlock()} />}
    </main>
  );
}
