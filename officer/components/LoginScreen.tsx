/** Log in with username and password; the server sets the session cookie. */
import { useState } from 'preact/hooks';
import { logIn, type PublicUser } from '../session.js';
import { useText } from '../text.js';
import { errorCode } from '../use-counter-actions.js';
import { ErrorNotice } from './ErrorNotice.js';

export function LoginScreen({ onLoggedIn }: { onLoggedIn: (user: PublicUser) => void }) {
  const t = useText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await logIn(username.trim(), password));
    } catch (err) {
      setError(errorCode(err));
      setBusy(false);
    }
  };

  return (
    <section class="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t.loginTitle}</h1>
      <form onSubmit={submit} class="form">
        <label for="login-username">{t.username}</label>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="login-password">{t.password}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && <ErrorNotice code={error} />}
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t.loggingIn : t.logIn}
        </button>
      </form>
    </section>
  );
}
