/**
 * The citizen's phone page, served at `/t/<ticketId>` (the address in the ticket's QR). The dev
 * server (`npm run dev:apps`) serves it at /phone/: there the id comes as `?t=<ticketId>`.
 */
import { render } from 'preact';
import { App } from './App.js';
import './phone.css';

function ticketIdFromAddress(): string {
  const fromPath = /^\/t\/([^/]+)\/?$/.exec(location.pathname)?.[1];
  try {
    return fromPath !== undefined
      ? decodeURIComponent(fromPath)
      : (new URLSearchParams(location.search).get('t') ?? '');
  } catch {
    return ''; // a malformed escape: no such ticket
  }
}

render(<App ticketId={ticketIdFromAddress()} />, document.getElementById('app') as HTMLElement);
