/** Waiting per service with the longest wait: the board's table, and the console's view of the office. */
import type { BoardService } from '../../shared/protocol/board.js';
import type { PublicOffice } from '../../shared/protocol/http.js';
import { serviceName } from '../format.js';
import { useBoardText, useText } from '../text.js';

export function ServicesWaiting({
  office,
  services,
  now,
  highlight = [],
}: {
  office: PublicOffice;
  services: BoardService[];
  now: number;
  /** Service ids to mark (the console's own services). */
  highlight?: string[];
}) {
  const t = useText();
  const b = useBoardText();
  return (
    <section class="panel" aria-labelledby="services-waiting-title">
      <h2 id="services-waiting-title" class="section-title">
        {b.servicesTitle}
      </h2>
      <table class="data-table" data-testid="services-waiting">
        <thead>
          <tr>
            <th scope="col">{t.colService}</th>
            <th scope="col" class="num">
              {b.colWaiting}
            </th>
            <th scope="col" class="num">
              {b.colLongest}
            </th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr
              key={s.serviceId}
              data-service={s.serviceId}
              class={highlight.includes(s.serviceId) ? 'mine' : undefined}
            >
              <th scope="row">{serviceName(office, s.serviceId, t.lang)}</th>
              <td class="num" data-testid="waiting">
                {b.count(s.waiting)}
              </td>
              <td class="num">{s.oldestIssuedAt === null ? '—' : b.minutes(now - s.oldestIssuedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
