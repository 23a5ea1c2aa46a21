/**
 * Waiting per service: how many people wait and how long they will probably wait ("Đang cập nhật"
 * until the wait-time estimator lands). As many services per page as fit; pages turn with the
 * counters'.
 */
import { useRef } from 'preact/hooks';
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';
import { useFit } from '../use-fit.js';

export interface WaitingLine {
  serviceId: string;
  name: string;
  waiting: number;
  /** The estimator's words, once there is one. */
  estimate: string | undefined;
}

/** An item's height in rem (styles.css `.waiting-item`). */
const ITEM_REM = 21;
const TITLE_REM = 7;

export function WaitingPanel({ lines, tick }: { lines: WaitingLine[]; tick: number }) {
  const box = useRef<HTMLElement>(null);
  const fit = useFit(box, ITEM_REM, TITLE_REM);
  const pages = fit > 0 ? Math.max(1, Math.ceil(lines.length / fit)) : 1;
  const perPage = fit > 0 ? Math.ceil(lines.length / pages) : 0;
  const page = tick % pages;
  const shown = perPage > 0 ? lines.slice(page * perPage, (page + 1) * perPage) : [];
  return (
    <section class="waiting" ref={box} aria-labelledby="waiting-title">
      <h2 class="panel-title" id="waiting-title">
        {T.waitingTitle}
        {pages > 1 && (
          <span class="panel-page" data-page={page + 1} data-pages={pages}>
            {' '}
            · {page + 1}/{pages}
          </span>
        )}
      </h2>
      <ul class="waiting-list">
        {shown.map((l) => (
          <li class="waiting-item" key={l.serviceId} data-service={l.serviceId}>
            <span class="waiting-name clamp">{l.name}</span>
            <span class="waiting-count">{T.waitingCount(l.waiting)}</span>
            <span class="waiting-estimate">
              {T.estimateLabel}: <span class="nowrap">{l.estimate ?? T.estimatePending}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
