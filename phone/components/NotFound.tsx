import type { PhoneStrings } from '../../shared/i18n/phone.js';

/** An unknown or expired id: say so kindly, and what to do. */
export function NotFound(props: { t: PhoneStrings }) {
  return (
    <section class="not-found" aria-labelledby="nf-title">
      <h1 id="nf-title">{props.t.notFoundTitle}</h1>
      <p>{props.t.notFoundText}</p>
    </section>
  );
}
