/** The top band: the office's name, what the office is doing now (lunch break, closed), the clock. */
import { Clock } from './Clock.js';

export function HallHeader(props: {
  officeName: string;
  status: string | undefined;
  now: number;
  timeZone: string;
}) {
  return (
    <header class="hall-header">
      <h1 class="office-name">{props.officeName}</h1>
      {props.status !== undefined && <p class="office-status">{props.status}</p>}
      <Clock now={props.now} timeZone={props.timeZone} />
    </header>
  );
}
