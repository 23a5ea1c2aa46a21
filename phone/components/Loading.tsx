import type { PhoneStrings } from '../../shared/i18n/phone.js';

export function Loading(props: { t: PhoneStrings }) {
  return (
    <section class="loading">
      <h1 class="label">{props.t.yourNumber}</h1>
      <p role="status">{props.t.loading}</p>
    </section>
  );
}
