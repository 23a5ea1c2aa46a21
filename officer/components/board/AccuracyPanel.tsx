/**
 * The supervisor board's accuracy of the estimated waits (GET …/estimates/accuracy): per service,
 * today and over the last 30 days, the tickets called, the mean error in minutes, the share within
 * ±5 minutes, the share whose wait fell in the range told (p10–p90) and the share that waited more
 * than 10 minutes longer than told. Read on mount and every minute (it moves with calls, slowly).
 */
import type { AccuracyFigures, AccuracyReport } from '../../../shared/protocol/estimates.js';
import type { PublicOffice } from '../../../shared/protocol/http.js';
import { loadAccuracy } from '../../board-api.js';
import { serviceName } from '../../format.js';
import { useBoardText, useText } from '../../text.js';
import { useRefreshed } from '../../use-refreshed.js';

/** How often the figures are read again. */
export const ACCURACY_REFRESH_MS = 60_000;

function FiguresTable({
  office,
  id,
  caption,
  span,
}: {
  office: PublicOffice;
  id: string;
  caption: string;
  span: AccuracyReport['today'] | AccuracyReport['last30'];
}) {
  const t = useText();
  const b = useBoardText();
  const row = (key: string, name: string, f: AccuracyFigures, total = false) => (
    <tr key={key} data-service={key} class={total ? 'mine' : undefined}>
      <th scope="row">{name}</th>
      <td class="num">{b.count(f.n)}</td>
      <td class="num">{b.decimalMinutes(f.mae)}</td>
      <td class="num">{b.percent(f.within5)}</td>
      <td class="num">{b.percent(f.coverage)}</td>
      <td class="num">{b.percent(f.under10)}</td>
    </tr>
  );
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid={id}>
        <caption class="section-title" style={{ textAlign: 'left', marginTop: '0.75rem' }}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.colService}</th>
            <th scope="col" class="num">
              {b.colCalled}
            </th>
            <th scope="col" class="num">
              {b.colMae}
            </th>
            <th scope="col" class="num">
              {b.colWithin5}
            </th>
            <th scope="col" class="num">
              {b.colCoverage}
            </th>
            <th scope="col" class="num">
              {b.colUnder10}
            </th>
          </tr>
        </thead>
        <tbody>
          {span.services.map((s) => row(s.serviceId, serviceName(office, s.serviceId, t.lang), s))}
          {row('all', b.accuracyAll, span.all, true)}
        </tbody>
      </table>
    </div>
  );
}

export function AccuracyPanel({ office }: { office: PublicOffice }) {
  const b = useBoardText();
  const { value: report } = useRefreshed(
    () => loadAccuracy(office.id),
    office.id,
    undefined,
    ACCURACY_REFRESH_MS,
  );
  return (
    <section class="panel" aria-labelledby="accuracy-title" data-testid="accuracy">
      <h2 id="accuracy-title" class="section-title">
        {b.accuracyTitle}
      </h2>
      <p class="muted small">{b.accuracyNote}</p>
      {!report ? (
        <p>…</p>
      ) : (
        <>
          <FiguresTable office={office} id="accuracy-today" caption={b.accuracyToday} span={report.today} />
          <FiguresTable
            office={office}
            id="accuracy-last30"
            caption={b.accuracyLast30}
            span={report.last30}
          />
        </>
      )}
    </section>
  );
}
