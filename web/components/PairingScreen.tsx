/**
 * The pairing screen of a device: sign in (supervisor or admin) → choose the office and a name →
 * pair. Plain form controls, so a keyboard or a TV remote's arrows and OK work as well as a mouse.
 */
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

export interface PairingScreenProps {
  t: PairingStrings;
  kind: DeviceKind;
  /** The name the device gets unless staff type another. */
  defaultName: string;
  /** Why the device is here again (its token was revoked), if it was paired before. */
  notice?: string | undefined;
  onPaired: (device: PairedDevice) => void;
}

export function PairingScreen({ t, kind, defaultName, notice, onPaired }: PairingScreenProps) {
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

  return (
    <main class="pairing" data-screen={session ? 'pairing-office' : 'pairing'}>
      <h1 class="pairing-title">{t.title}</h1>
      <p class="pairing-intro">{t.intro}</p>
      {notice !== undefined && (
        <p class="pairing-notice" role="alert">
          {notice}
        </p>
      )}
      {error !== undefined && (
        <p class="pairing-error" role="alert">
          {error}
        </p>
      )}
      {!session ? (
        <form class="pairing-form" onSubmit={(e) => void signIn(e)}>
          <label class="pairing-field">
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
          <label class="pairing-field">
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
          <button type="submit" class="pairing-button pairing-primary" disabled={busy}>
            {busy ? t.signingIn : t.signIn}
          </button>
        </form>
      ) : (
        <form class="pairing-form" onSubmit={(e) => void pair(e)}>
          <p class="pairing-label" id="pairing-office">
            {t.office}
          </p>
          <div class="pairing-offices" role="group" aria-labelledby="pairing-office">
            {session.offices.map((o) => (
              <button
                key={o.id}
                type="button"
                class="pairing-button pairing-choice"
                aria-pressed={o.id === officeId}
                data-office={o.id}
                onClick={() => setOfficeId(o.id)}
              >
                {o.name.normalize('NFC')} <span class="pairing-office-id">({o.id})</span>
              </button>
            ))}
          </div>
          <label class="pairing-field">
            <span>{t.deviceName}</span>
            <input
              name="deviceName"
              required
              maxLength={100}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <div class="pairing-actions">
            <button type="button" class="pairing-button" onClick={cancel}>
              {t.cancel}
            </button>
            <button
              type="submit"
              class="pairing-button pairing-primary"
              disabled={busy || officeId === undefined}
            >
              {busy ? t.pairing : t.pair}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
