/**
 * The pairing screen of a device: sign in (supervisor or admin) → choose the office and a name →
 * pair. Plain form controls, so a keyboard or a TV remote's arrows and OK work as well as a mouse
 * or a finger. Each app gives its wording; the display takes the `pairing-*` look below, the kiosk
 * passes its own class names and lays the screen out in its own frame.
 */
import type { ComponentChildren, VNode } from 'preact';
import { useState } from 'preact/hooks';
import {
  pairDevice,
  pairingFailure,
  endSession,
  signInToPair,
  type DeviceKind,
  type PairingStrings,
  type StaffSession,
} from '../pairing.js';
import type { PairedDevice } from '../device-storage.js';

/** The class names of the screen's parts. */
export interface PairingClasses {
  title: string;
  intro: string;
  notice: string;
  error: string;
  form: string;
  field: string;
  /** The label above the offices. */
  label: string;
  offices: string;
  /** A secondary button (cancel). */
  button: string;
  /** The submit buttons. */
  primary: string;
  /** An office's button (`aria-pressed` when chosen). */
  choice: string;
  actions: string;
}

export const PAIRING_CLASSES: PairingClasses = {
  title: 'pairing-title',
  intro: 'pairing-intro',
  notice: 'pairing-notice',
  error: 'pairing-error',
  form: 'pairing-form',
  field: 'pairing-field',
  label: 'pairing-label',
  offices: 'pairing-offices',
  button: 'pairing-button',
  primary: 'pairing-button pairing-primary',
  choice: 'pairing-button pairing-choice',
  actions: 'pairing-actions',
};

/** Signing in, or (signed in) choosing the office and the name. */
export type PairingStep = 'sign-in' | 'office';

export type PairingOffice = StaffSession['offices'][number];

/** Lays out the screen: `head` (title, intro, notice) and `body` (error, form). */
export type PairingFrame = (step: PairingStep, head: ComponentChildren, body: ComponentChildren) => VNode;

const pairingFrame: PairingFrame = (step, head, body) => (
  <main class="pairing" data-screen={step === 'office' ? 'pairing-office' : 'pairing'}>
    {head}
    {body}
  </main>
);

const officeWithId = (o: PairingOffice) => (
  <>
    {o.name.normalize('NFC')} <span class="pairing-office-id">({o.id})</span>
  </>
);

export interface PairingScreenProps {
  t: PairingStrings;
  kind: DeviceKind;
  /** The name the device gets unless staff type another. */
  defaultName: string;
  /** Why the device is here again (its token was revoked), if it was paired before. */
  notice?: string | undefined;
  onPaired: (device: PairedDevice) => void;
  /** Default: `PAIRING_CLASSES`. */
  classes?: PairingClasses;
  /** Default: `<main class="pairing" data-screen="pairing | pairing-office">`. */
  frame?: PairingFrame;
  /** What an office's button says (default: "Name (id)"). */
  officeLabel?: (office: PairingOffice) => ComponentChildren;
}

export function PairingScreen({
  t,
  kind,
  defaultName,
  notice,
  onPaired,
  classes: c = PAIRING_CLASSES,
  frame = pairingFrame,
  officeLabel = officeWithId,
}: PairingScreenProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [session, setSession] = useState<StaffSession | undefined>(undefined);
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [name, setName] = useState(defaultName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const signIn = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const s = await signInToPair(username, password);
      setPassword('');
      setSession(s);
      setOfficeId(s.offices.length === 1 ? s.offices[0]?.id : undefined);
    } catch (err) {
      setError(t.failures[pairingFailure(err)]);
    } finally {
      setBusy(false);
    }
  };

  const pair = async (e: Event) => {
    e.preventDefault();
    if (busy || !session || officeId === undefined || name.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      onPaired(await pairDevice(session, kind, officeId, name));
    } catch (err) {
      setError(t.failures[pairingFailure(err)]);
      setBusy(false);
    }
  };

  const cancel = () => {
    if (session) void endSession(session.token);
    setSession(undefined);
    setOfficeId(undefined);
    setError(undefined);
  };

  const head = (
    <>
      <h1 class={c.title}>{t.title}</h1>
      <p class={c.intro}>{t.intro}</p>
      {notice !== undefined && (
        <p class={c.notice} role="alert">
          {notice}
        </p>
      )}
    </>
  );

  const body = (
    <>
      {error !== undefined && (
        <p class={c.error} role="alert">
          {error}
        </p>
      )}
      {!session ? (
        <form class={c.form} onSubmit={(e) => void signIn(e)}>
          <label class={c.field}>
            <span>{t.username}</span>
            <input
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              required
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </label>
          <label class={c.field}>
            <span>{t.password}</span>
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class={c.primary} disabled={busy}>
            {busy ? t.signingIn : t.signIn}
          </button>
        </form>
      ) : (
        <form class={c.form} onSubmit={(e) => void pair(e)}>
          <p class={c.label} id="pairing-office">
            {t.office}
          </p>
          <div class={c.offices} role="group" aria-labelledby="pairing-office">
            {session.offices.map((o) => (
              <button
                key={o.id}
                type="button"
                class={c.choice}
                aria-pressed={o.id === officeId}
                data-office={o.id}
                onClick={() => setOfficeId(o.id)}
              >
                {officeLabel(o)}
              </button>
            ))}
          </div>
          <label class={c.field}>
            <span>{t.deviceName}</span>
            <input
              name="deviceName"
              required
              maxLength={100}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <div class={c.actions}>
            <button type="button" class={c.button} onClick={cancel}>
              {t.cancel}
            </button>
            <button type="submit" class={c.primary} disabled={busy || officeId === undefined}>
              {busy ? t.pairing : t.pair}
            </button>
          </div>
        </form>
      )}
    </>
  );

  return frame(session ? 'office' : 'sign-in', head, body);
}
