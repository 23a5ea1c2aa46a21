/**
 * The officer console's screens: log in → choose the counter (remembered per browser) and sign in
 * there → the console. The session is the server's cookie; GET /api/auth/me on load decides where
 * to start. A remembered counter is signed in at once; a refusal lands on the choice screen, said.
 */
import { useEffect, useState } from 'preact/hooks';
import { BOARD_TEXT } from '../shared/i18n/board.js';
import { OFFICER_TEXT, type OfficerLang } from '../shared/i18n/officer.js';
import type { PublicOffice } from '../shared/protocol/http.js';
import { sendCounterCommand } from './commands.js';
import { CounterChoice } from './components/CounterChoice.js';
import { Console } from './components/Console.js';
import { Board } from './components/board/Board.js';
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
  | { kind: 'console'; user: PublicUser; office: PublicOffice; counterId: string }
  | { kind: 'board'; user: PublicUser; officeIds: string[]; office: PublicOffice };

/** Supervisors and admins see the whole room; officers work at a counter. */
const watchesTheRoom = (user: PublicUser) => user.role !== 'officer';

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
  /** Something the officer should read on the next screen (moved by a supervisor, …). */
  const [notice, setNotice] = useState<string | null>(null);
  const t = OFFICER_TEXT[lang];
  const b = BOARD_TEXT[lang];

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang, t]);

  const showBoard = async (user: PublicUser, officeIds: string[], officeId: string | undefined) => {
    if (officeId === undefined) {
      setScreen({ kind: 'choose', user, officeIds, error: null });
      return;
    }
    try {
      setScreen({ kind: 'board', user, officeIds, office: await loadOffice(officeId) });
    } catch {
      setScreen({ kind: 'choose', user, officeIds, error: 'NETWORK' });
    }
  };

  const choose = async (user: PublicUser, tryRemembered: boolean) => {
    let officeIds: string[];
    try {
      officeIds = await userOffices(user);
    } catch {
      setScreen({ kind: 'choose', user, officeIds: [], error: 'NETWORK' });
      return;
    }
    if (tryRemembered && watchesTheRoom(user)) {
      await showBoard(user, officeIds, officeIds[0]);
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

  const user =
    screen.kind === 'choose' || screen.kind === 'console' || screen.kind === 'board'
      ? screen.user
      : undefined;

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

  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), 15_000);
    return () => clearTimeout(timer);
  }, [notice]);

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
          {screen.kind === 'board' && screen.officeIds.length > 1 && (
            <label class="office-select">
              {b.officeSelect}{' '}
              <select
                value={screen.office.id}
                onChange={(e) => void showBoard(screen.user, screen.officeIds, e.currentTarget.value)}
              >
                {screen.officeIds.map((id) => (
                  <option key={id} value={id}>
                    {id === screen.office.id ? screen.office.name : id}
                  </option>
                ))}
              </select>
            </label>
          )}
          {screen.kind === 'board' && (
            <button type="button" class="btn btn-quiet" onClick={() => void choose(screen.user, false)}>
              {b.toCounter}
            </button>
          )}
          {screen.kind === 'choose' && watchesTheRoom(screen.user) && (
            <button
              type="button"
              class="btn btn-quiet"
              onClick={() => void showBoard(screen.user, screen.officeIds, screen.officeIds[0])}
            >
              {b.toBoard}
            </button>
          )}
          {user && (
            <button type="button" class="btn btn-quiet" onClick={() => void logout()}>
              {t.logOut}
            </button>
          )}
        </header>
        <main class="content">
          {notice && (
            <p class="notice" role="status" data-testid="app-notice">
              {notice}
            </p>
          )}
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
              key={screen.counterId}
              office={screen.office}
              counterId={screen.counterId}
              user={screen.user}
              onLeave={() => void choose(screen.user, false)}
              onSessionEnded={() => setScreen({ kind: 'login' })}
              onMoved={(counterId) => {
                const to = counterId && screen.office.counters.find((c) => c.id === counterId);
                if (to) {
                  setNotice(b.movedHere(to.number));
                  setScreen({ ...screen, counterId: to.id });
                } else {
                  setNotice(b.signedOutBySupervisor);
                  void choose(screen.user, false);
                }
              }}
            />
          )}
          {screen.kind === 'board' && <Board key={screen.office.id} office={screen.office} />}
        </main>
      </div>
    </TextContext.Provider>
  );
}
