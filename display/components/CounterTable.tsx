/**
 * The counters of the zone, as many rows per page as fit at full size (rows are never shrunk to
 * fit more: "more screens rather than smaller type"); the pages turn on the display's ticker.
 */
import { useRef } from 'preact/hooks';
import { DISPLAY_TEXT as T } from '../../shared/i18n/display.js';
import type { Snapshot } from '../../shared/protocol/events.js';
import { useFit } from '../use-fit.js';
import { CounterRow } from './CounterRow.js';

type Counter = Snapshot['counters'][number];

/** A row's height in rem (styles.css `.row`). */
export const ROW_REM = 12.5;
/** The column heads' height in rem (styles.css `.counters-table th`). */
const HEAD_REM = 5.5;

export function CounterTable(props: {
  counters: Counter[];
  tick: number;
  serviceName: (serviceId: string) => string;
  servedNames: (counterId: string) => string;
}) {
  const body = useRef<HTMLDivElement>(null);
  const fit = useFit(body, ROW_REM, HEAD_REM);
  // As few pages as fit allows, filled evenly (16 counters, 5 fit: 4 pages of 4, not 5-5-5-1).
  const pages = fit > 0 ? Math.max(1, Math.ceil(props.counters.length / fit)) : 1;
  const perPage = fit > 0 ? Math.ceil(props.counters.length / pages) : 0;
  const page = props.tick % pages;
  const shown = perPage > 0 ? props.counters.slice(page * perPage, (page + 1) * perPage) : [];
  return (
    <section class="counters" aria-label={T.countersTitle}>
      <div class="counters-body" ref={body}>
        <table class="counters-table">
          <thead>
            <tr>
              <th scope="col" class="col-counter">
                {T.columnCounter}
              </th>
              <th scope="col" class="col-ticket">
                {T.columnNumber}
              </th>
              <th scope="col" class="col-service">
                {T.columnService}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <CounterRow
                key={c.id}
                counter={c}
                serviceName={props.serviceName}
                servedNames={props.servedNames(c.id)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <p class="pager" data-page={page + 1} data-pages={pages}>
          {T.page(page + 1, pages)}
        </p>
      )}
    </section>
  );
}
