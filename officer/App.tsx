/**
 * The officer console's screens: log in → choose the counter (remembered per browser) and sign in
 * there → the console. The session is the server's cookie; GET /api/auth/me on load decides where
 * to start. A remembered counter is signed in at once; a refusal lands on the choice screen, said.
 */
import { useEffect, useState } from 'preact/hooks';
import { OFFICER_TEXT, type OfficerLang } from '../shared/i18n/officer.js';
import type { PublicOffice } from '../shared/protocol/http.js';
import { sendCounterCommand } from './commands.js';
import { CounterChoice } from './components/CounterChoice.js';
import { Console } from './components/Console.js';
import { LoginScreen } from './components/LoginScreen.js';
import { storedCounter } from './counter-choice.js';
import { newRequestId } from './request-id.js';
import { currentUser, loadOffice, logOut, userOffices, type PublicUser } from './session.js';
import { storedLang, storeLang, TextContext } from './text.js';
import { errorCode } from './use-counter-actions.js';

type Screen =
  | { kind: 'loading' }
  | { kind: 'login' }
  | { kind: 'choose'; user: PublicUser; officeIds: string[]; error: string | null }
  | { kind: 'console'; user: PublicUser; office: PublicOffice; counterId: string };

/** Signs in at the counter; null when signed in (already being signed in there counts). */
async function signInAt(office: PublicOffice, counterId: string): Promise<string | null> {
  try {
    await sendCounterCommand(office.id, counterId, {
      action: 'sign-in',
      body: {},
      requestId: newRequestId(),
    });
    return null;
  } catch (err) {
    const code = errorCode(err);
    // INVALID_TRANSITION: this officer is signed in here already (a reload, a second tab).
    return code === 'INVALID_TRANSITION' ? null : code;
  }
}

export function App() {
  const [lang, setLang] = useState<OfficerLang>(storedLang());
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const t = OFFICER_TEXT[lang];

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang, t]);

  const choose = async (user: PublicUser, tryRemembered: boolean) => {
    let officeIds: string[];
    try {
      officeIds = await userOffices(user);
    } catch {
      setScreen({ kind: 'choose', user, officeIds: [], error: 'NETWORK' });
      return;
    }
    const remembered = storedCounter();
    if (tryRemembered && remembered && officeIds.includes(remembered.officeId)) {
      try {
        const office = await loadOffice(remembered.officeId);
        if (office.counters.some((c) => c.id === remembered.counterId)) {
          const error = await signInAt(office, remembered.counterId);
          if (error === null) {
            setScreen({ kind: 'console', user, office, counterId: remembered.counterId });
            return;
          }
          setScreen({ kind: 'choose', user, officeIds, error });
          return;
        }
      } catch {
        // Chosen by hand below.
      }
    }
    setScreen({ kind: 'choose', user, officeIds, error: null });
  };

  useEffect(() => {
    currentUser().then(
      (user) => (user ? void choose(user, true) : setScreen({ kind: 'login' })),
      () => setScreen({ kind: 'login' }),
    );
  }, []);

  const user = screen.kind === 'choose' || screen.kind === 'console' ? screen.user : undefined;

  const logout = async () => {
    if (screen.kind === 'console') {
      try {
        await sendCounterCommand(screen.office.id, screen.counterId, {
          action: 'sign-out',
          body: {},
          requestId: newRequestId(),
        });
      } catch {
        // Signed out at the counter or not, the session ends; a supervisor can free the counter.
      }
    }
    try {
      await logOut();
    } finally {
      setScreen({ kind: 'login' });
    }
  };

  const toggleLang = () => {
    const next = lang === 'vi' ? 'en' : 'vi';
    storeLang(next);
    document.documentElement.lang = next;
    setLang(next);
  };

  return (
    <TextContext.Provider value={t}>
      <div class="frame">
        <header class="topbar">
          <span class="brand">Lượt</span>
          <span class="spacer" />
          <button
            type="button"
            class="btn btn-quiet"
            lang={lang === 'vi' ? 'en' : 'vi'}
            aria-label={t.otherLanguageLabel}
            onClick={toggleLang}
          >
            {t.otherLanguage}
          </button>
          {user && (
            <button type="button" class="btn btn-quiet" onClick={() => void logout()}>
              {t.logOut}
            </button>
          )}
        </header>
        <main class="content">
          {screen.kind === 'loading' && <p class="card narrow">{t.loading}</p>}
          {screen.kind === 'login' && <LoginScreen onLoggedIn={(u) => void choose(u, true)} />}
          {screen.kind === 'choose' && (
            <CounterChoice
              officeIds={screen.officeIds}
              initialError={screen.error}
              signIn={async (office, counterId) => {
                const error = await signInAt(office, counterId);
                if (error === null) setScreen({ kind: 'console', user: screen.user, office, counterId });
                return error;
              }}
            />
          )}
          {screen.kind === 'console' && (
            <Console
              office={screen.office}
              counterId={screen.counterId}
              user={screen.user}
              onLeave={() => void choose(screen.user, false)}
              onSessionEnded={() => setScreen({ kind: 'login' })}
            />
          )}
        </main>
      </div>
    </TextContext.Provider>
  );
}
