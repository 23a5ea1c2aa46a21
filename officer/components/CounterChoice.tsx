/**
 * Choose the counter to work at (remembered per browser) and sign in there. A refusal
 * (COUNTER_TAKEN, OFFICER_ELSEWHERE, …) stays on this screen, said plainly with its code.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PublicOffice } from '../../shared/protocol/http.js';
import { storeCounter, storedCounter, type CounterChoice as Choice } from '../counter-choice.js';
import { serviceName } from '../format.js';
import { loadOffice } from '../session.js';
import { useText } from '../text.js';
import { ErrorNotice } from './ErrorNotice.js';

export function CounterChoice({
  officeIds,
  initialError,
  signIn,
}: {
  officeIds: string[];
  initialError: string | null;
  /** Resolves to an error code, or null once signed in. */
  signIn: (office: PublicOffice, counterId: string) => Promise<string | null>;
}) {
  const t = useText();
  const [offices, setOffices] = useState<PublicOffice[] | undefined>(undefined);
  const [choice, setChoice] = useState<Choice | undefined>(storedCounter());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError);

  useEffect(() => {
    Promise.all(officeIds.map((id) => loadOffice(id))).then(setOffices, () => setError('NETWORK'));
  }, [officeIds]);

  if (officeIds.length === 0) return <p class="card narrow">{t.noOffices}</p>;
  if (!offices) return <p class="card narrow">{t.loading}</p>;
  // A remembered counter that no longer exists (the office was reconfigured) is no choice at all.
  const chosen =
    choice &&
    offices.some((o) => o.id === choice.officeId && o.counters.some((c) => c.id === choice.counterId))
      ? choice
      : undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    const office = offices.find((o) => o.id === chosen?.officeId);
    if (!chosen || !office || busy) return;
    storeCounter(chosen);
    setBusy(true);
    setError(null);
    const code = await signIn(office, chosen.counterId);
    setBusy(false);
    setError(code);
  };

  return (
    <section class="card choose" aria-labelledby="choose-title">
      <h1 id="choose-title">{t.chooseTitle}</h1>
      <p>{t.chooseIntro}</p>
      <form onSubmit={submit} class="form">
        {offices.map((office) => (
          <fieldset key={office.id} class="counter-choices">
            <legend>
              {t.office}: {office.name}
            </legend>
            {office.counters.length === 0 && <p>{t.noCounters}</p>}
            {office.counters.map((c) => {
              const id = `counter-${office.id}-${c.id}`;
              return (
                <div class="choice" key={c.id}>
                  <input
                    type="radio"
                    name="counter"
                    id={id}
                    value={c.id}
                    checked={choice?.officeId === office.id && choice.counterId === c.id}
                    onChange={() => setChoice({ officeId: office.id, counterId: c.id })}
                  />
                  <label for={id}>
                    <strong>{t.counterLabel(c.number, c.name)}</strong>
                    <span class="muted">
                      {t.servicesOf(c.services.map((s) => serviceName(office, s, t.lang)).join(', '))}
                    </span>
                  </label>
                </div>
              );
            })}
          </fieldset>
        ))}
        {error && <ErrorNotice code={error} />}
        <button type="submit" class="btn btn-primary" disabled={busy || !chosen}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </section>
  );
}
