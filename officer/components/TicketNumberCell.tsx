/** A ticket's number as the row header of a list (waiting, no-shows), with its priority mark. */
import { useText } from '../text.js';

export function TicketNumberCell({ number, priority }: { number: string; priority: boolean }) {
  const t = useText();
  return (
    <th scope="row" class="queue-number">
      {number}
      {priority && <span class="priority-mark small">{t.priorityMark}</span>}
    </th>
  );
}
