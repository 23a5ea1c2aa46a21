/**
 * The citizen's page for one ticket (the id is in the address: /t/<id>).
 *
 * A class component on purpose: Preact's core has classes, hooks are another 1.4 KB gzipped, and
 * this page's JavaScript budget is 25 KB in all (socket.io's client is half of it). No class
 * fields either (`declare` only): the build target would add a helper for them.
 */
import { Component } from 'preact';
import { fill, PHONE_STRINGS, type PhoneLang } from '../shared/i18n/phone.js';
import { createAlerter, type Alerter } from './alert.js';
import { CallRegion } from './components/CallRegion.js';
import { ConnectionStatus } from './components/ConnectionStatus.js';
import { EndedStatus } from './components/EndedStatus.js';
import { Header } from './components/Header.js';
import { Loading } from './components/Loading.js';
import { NotFound } from './components/NotFound.js';
import { ServingStatus } from './components/ServingStatus.js';
import { SoundButton } from './components/SoundButton.js';
import { TicketHeading } from './components/TicketHeading.js';
import { WaitingStatus } from './components/WaitingStatus.js';
import { followTicket, INITIAL, type FeedState, type TicketView } from './ticket-feed.js';

const LANG_KEY = 'luot.lang';

function initialLang(): PhoneLang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked (private mode): Vietnamese, the default
  }
}

/** One key per call: a recall calls again, so it alerts again. */
function callKey(ticket: TicketView | undefined): string | undefined {
  if (ticket?.status !== 'called') return undefined;
  return `${ticket.id}:${ticket.calledAt ?? ''}:${ticket.recalls ?? 0}`;
}

interface Props {
  ticketId: string;
}

interface State {
  lang: PhoneLang;
  soundOn: boolean;
  feed: FeedState;
}

export class App extends Component<Props, State> {
  declare private alerter: Alerter;
  declare private stopFeed: (() => void) | undefined;
  /** The call last seen (null: nothing seen yet — a page opened on a call does not alert). */
  declare private lastCall: string | undefined | null;

  constructor(props: Props) {
    super(props);
    this.state = { lang: initialLang(), soundOn: false, feed: INITIAL };
    this.alerter = createAlerter();
    this.lastCall = null;
  }

  override componentDidMount(): void {
    this.stopFeed = followTicket(this.props.ticketId, (feed) => this.setState({ feed }));
    this.sync();
  }

  override componentWillUnmount(): void {
    this.stopFeed?.();
  }

  override componentDidUpdate(): void {
    this.sync();
  }

  /** The document around the page: its language, its title, the alert on a new call. */
  private sync(): void {
    const { lang, feed } = this.state;
    const t = PHONE_STRINGS[lang];
    const { ticket } = feed;
    if (document.documentElement.lang !== lang) {
      document.documentElement.lang = lang;
      try {
        localStorage.setItem(LANG_KEY, lang);
      } catch {
        // not remembered: fine
      }
    }
    // A tab in the background still shows the call in its title.
    document.title =
      ticket?.status === 'called' && ticket.counter
        ? `${fill(t.titleCalled, { counter: ticket.counter.number })} · ${t.brand}`
        : `${ticket ? ticket.number : t.pageTitle} · ${t.brand}`;
    if (feed.phase !== 'found') return;
    const key = callKey(ticket);
    const before = this.lastCall;
    this.lastCall = key;
    if (before !== null && key !== undefined && key !== before) this.alerter.alert();
  }

  private toggleSound(): void {
    if (this.state.soundOn) {
      this.alerter.disableSound();
      this.setState({ soundOn: false });
      return;
    }
    void this.alerter.enableSound().then((soundOn) => this.setState({ soundOn }));
  }

  override render() {
    const { lang, soundOn, feed } = this.state;
    const { ticket } = feed;
    const t = PHONE_STRINGS[lang];
    const status = ticket?.status;
    const expired = ticket?.expired === true;
    const ended = expired || status === 'done' || status === 'cancelled' || status === 'no_show';
    // Done and cancelled are final (the feed has stopped); a no-show may still be put back.
    const final = status === 'done' || status === 'cancelled';
    const active = !expired && (status === 'waiting' || status === 'called');
    const connection = feed.phase === 'found' && !final && (
      <ConnectionStatus connection={feed.connection} updatedAt={feed.updatedAt} t={t} />
    );
    // A problem is said at the top, where it is seen; "live" sits quietly at the bottom.
    const trouble = feed.connection === 'polling' || feed.connection === 'offline';
    return (
      <div class={`page is-${status ?? feed.phase}`}>
        <Header lang={lang} t={t} onLang={(l) => this.setState({ lang: l })} />
        {connection && trouble && <div class="banner">{connection}</div>}
        <main>
          {feed.phase === 'loading' && <Loading t={t} />}
          {feed.phase === 'not-found' && <NotFound t={t} />}
          {feed.phase === 'found' && ticket && (
            <>
              <TicketHeading ticket={ticket} lang={lang} t={t} />
              <CallRegion ticket={ticket} t={t} />
              {(feed.transferring || status === 'transferred') && <p class="notice">{t.transferring}</p>}
              {!expired && status === 'waiting' && (
                <WaitingStatus
                  ticket={ticket}
                  lang={lang}
                  t={t}
                  movedFrom={ticket.id !== this.props.ticketId}
                />
              )}
              {!expired && status === 'serving' && <ServingStatus ticket={ticket} t={t} />}
              {ended && <EndedStatus ticket={ticket} t={t} />}
              {active && this.alerter.soundSupported && (
                <SoundButton on={soundOn} t={t} onToggle={() => this.toggleSound()} />
              )}
            </>
          )}
        </main>
        {connection && !trouble && <footer>{connection}</footer>}
      </div>
    );
  }
}
