/**
 * "Thiết lập kiosk": pairing, done once by a supervisor or admin. Sign in → choose the office and a
 * name → POST /api/admin/devices (kind kiosk) → keep the device token → log the session out. From
 * then on the kiosk uses only its device token, across reboots, until an admin revokes it.
 */
import { useState } from 'preact/hooks';
import type { KioskStrings } from '../../shared/i18n/kiosk.js';
import { nfc } from '../../shared/i18n/text.js';
import type { LoginReply } from '../../shared/protocol/accounts.js';
import type { OfficeList } from '../../shared/protocol/http.js';
import { api, ApiError } from '../api.js';
import type { PairedDevice } from '../device-storage.js';
import { Screen } from './Screen.js';

export interface SetupScreenProps {
  t: KioskStrings;
  /** Why the kiosk is back here (revoked), if it was paired before. */
  notice: string | undefined;
  onPaired: (device: PairedDevice) => void;
}

interface Session {
  token: string;
  offices: OfficeList['offices'];
}

async function logout(token: string): Promise<void> {
  try {
    await api<void>('/api/auth/logout', { method: 'POST', token });
  } catch {
    // The session expires by itself; pairing does not depend on this.
  }
}

export function SetupScreen({ t, notice, onPaired }: SetupScreenProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [officeId, setOfficeId] = useState<string | undefined>(undefined);
  const [name, setName] = useState(t.deviceNameDefault);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const failure = (err: unknown): string => {
    if (!(err instanceof ApiError)) return t.setupUnreachable;
    if (err.code === 'INVALID_CREDENTIALS') return t.wrongCredentials;
    if (err.code === 'RATE_LIMITED') return t.tooManyAttempts;
    if (err.code === 'FORBIDDEN') return t.notAllowed;
    if (err.status >= 500) return t.setupUnreachable;
    return t.setupFailed;
  };

  const signIn = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const reply = await api<LoginReply>('/api/auth/login', {
        method: 'POST',
        body: { username, password },
      });
      if (reply.user.role === 'officer') {
        await logout(reply.token);
        setError(t.notAllowed);
        return;
      }
      const list = await api<OfficeList>('/api/offices', { token: reply.token });
      const mine =
        reply.user.role === 'admin'
          ? list.offices
          : list.offices.filter((o) => reply.user.officeIds.includes(o.id));
      if (mine.length === 0) {
        await logout(reply.token);
        setError(t.noOffices);
        return;
      }
      setPassword('');
      setSession({ token: reply.token, offices: mine });
      setOfficeId(mine.length === 1 ? mine[0]?.id : undefined);
    } catch (err) {
      setError(failure(err));
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
      const reply = await api<{ token: string }>('/api/admin/devices', {
        method: 'POST',
        token: session.token,
        body: { kind: 'kiosk', officeId, name: nfc(name.trim()).slice(0, 100) },
      });
      await logout(session.token);
      onPaired({ token: reply.token, officeId });
    } catch (err) {
      setError(failure(err));
      setBusy(false);
    }
  };

  const cancel = () => {
    if (session) void logout(session.token);
    setSession(undefined);
    setOfficeId(undefined);
    setError(undefined);
  };

  return (
    <Screen
      name={session ? 'setup-office' : 'setup'}
      head={
        <>
          <h1 class="title">{t.setupTitle}</h1>
          <p class="hint">{t.setupIntro}</p>
          {notice !== undefined && (
            <p class="notice" role="alert">
              {notice}
            </p>
          )}
        </>
      }
    >
      {error !== undefined && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!session ? (
        <form class="form" onSubmit={(e) => void signIn(e)}>
          <label class="field">
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
          <label class="field">
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
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t.signingIn : t.signIn}
          </button>
        </form>
      ) : (
        <form class="form" onSubmit={(e) => void pair(e)}>
          <p class="group-label" id="setup-office">
            {t.office}
          </p>
          <div class="choices office-choices" role="group" aria-labelledby="setup-office">
            {session.offices.map((o) => (
              <button
                key={o.id}
                type="button"
                class="btn btn-choice"
                aria-pressed={o.id === officeId}
                data-office={o.id}
                onClick={() => setOfficeId(o.id)}
              >
                <span class="office-choice-name">{nfc(o.name)}</span>
                <span class="office-choice-id">{o.id}</span>
              </button>
            ))}
          </div>
          <label class="field">
            <span>{t.deviceName}</span>
            <input
              name="deviceName"
              required
              maxLength={100}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <div class="actions">
            <button type="button" class="btn" onClick={cancel}>
              {t.cancel}
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy || officeId === undefined}>
              {busy ? t.pairing : t.pair}
            </button>
          </div>
        </form>
      )}
    </Screen>
  );
}
