import { fill, type PhoneStrings } from '../../shared/i18n/phone.js';
import type { Connection } from '../ticket-feed.js';

function clock(epochMs: number): string {
  // The phone's own time: it is the citizen's clock that "updated at" is read against.
  const d = new Date(epochMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** How fresh the page is, in words (not colour alone): live, reconnecting (polling), offline. */
export function ConnectionStatus(props: {
  connection: Connection;
  updatedAt: number | undefined;
  t: PhoneStrings;
}) {
  const { connection, t } = props;
  const text =
    connection === 'live'
      ? t.live
      : connection === 'connecting'
        ? t.connecting
        : connection === 'offline'
          ? t.offline
          : t.reconnecting;
  return (
    <p class={`conn ${connection}`} role="status">
      <span class="dot" aria-hidden="true" />
      {text}
      {props.updatedAt !== undefined && connection !== 'live' && (
        <span class="updated"> · {fill(t.updatedAt, { time: clock(props.updatedAt) })}</span>
      )}
    </p>
  );
}
