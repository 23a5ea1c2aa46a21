/**
 * The browser apps: each is a folder with an index.html that Vite builds (vite.config.ts) and the
 * server serves at `/<app>/` (server/apps.ts). The phone page is served at `/t/<ticketId>` instead.
 */
export const APPS = ['kiosk', 'display', 'phone', 'officer'] as const;
export type AppName = (typeof APPS)[number];

/** The citizen's page for a ticket: the address in the ticket's QR. */
export function phonePagePath(ticketId: string): string {
  return `/t/${encodeURIComponent(ticketId)}`;
}
