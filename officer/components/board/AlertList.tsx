/** The supervisor's alerts, in words, with how long each situation has lasted. */
import type { BoardAlert } from '../../../shared/domain/board-alerts.js';
import type { PublicOffice } from '../../../shared/protocol/http.js';
import { serviceName } from '../../format.js';
import { useBoardText, useText } from '../../text.js';

export function AlertList({
  office,
  alerts,
  now,
}: {
  office: PublicOffice;
  alerts: BoardAlert[];
  now: number;
}) {
  const t = useText();
  const b = useBoardText();
  const counter = (id: string | undefined) => office.counters.find((c) => c.id === id)?.number ?? 0;
  const text = (a: BoardAlert): string => {
    const ms = now - a.since;
    switch (a.kind) {
      case 'long-wait':
        return b.alertLongWait(serviceName(office, a.serviceId ?? '', t.lang), ms, a.limitMinutes);
      case 'idle-counter':
        return b.alertIdle(counter(a.counterId), ms, a.limitMinutes);
      case 'long-service':
        return b.alertLongService(counter(a.counterId), a.number ?? '', ms, a.limitMinutes);
    }
  };
  return (
    <section class="panel alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title" class="section-title">
        {b.alertsTitle}
        {alerts.length > 0 && <span class="badge">{alerts.length}</span>}
      </h2>
      {/* Polite: a new alert is read out once, without interrupting the supervisor. */}
      <ul class="alert-list" data-testid="alerts" aria-live="polite">
        {alerts.length === 0 && <li class="muted">{b.noAlerts}</li>}
        {alerts.map((a) => (
          <li
            key={`${a.kind}:${a.counterId ?? ''}:${a.serviceId ?? ''}`}
            class={`alert alert-${a.kind}`}
            data-kind={a.kind}
          >
            {text(a)}
          </li>
        ))}
      </ul>
    </section>
  );
}
