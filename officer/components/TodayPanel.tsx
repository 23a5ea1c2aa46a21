/** The console's "today at this counter": tickets served, the average service time, no-shows. */
import { averageServiceMs } from '../../shared/i18n/board.js';
import type { CounterToday } from '../../shared/protocol/board.js';
import { useBoardText } from '../text.js';

export function TodayPanel({ today }: { today: CounterToday | undefined }) {
  const b = useBoardText();
  return (
    <section class="panel" aria-labelledby="today-title">
      <h2 id="today-title" class="section-title">
        {b.todayTitle}
      </h2>
      <dl class="figures" data-testid="today">
        <div>
          <dt>{b.served}</dt>
          <dd data-testid="today-served">{today ? b.count(today.served) : '…'}</dd>
        </div>
        <div>
          <dt>{b.avgService}</dt>
          <dd data-testid="today-avg">{today ? b.avg(averageServiceMs(today)) : '…'}</dd>
        </div>
        <div>
          <dt>{b.noShows}</dt>
          <dd data-testid="today-no-shows">{today ? b.count(today.noShows) : '…'}</dd>
        </div>
      </dl>
    </section>
  );
}
