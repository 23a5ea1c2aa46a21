/**
 * The officer's session and the reads the console needs, over the same-origin API with the session
 * cookie (POST /api/auth/login sets it; the console never handles the token).
 */
import { api } from '../web/api.js';
import type { LoginReply, MeReply, PublicUser } from '../shared/protocol/accounts.js';
import type { CounterQueue, OfficeList, PublicOffice, TicketView } from '../shared/protocol/http.js';

export type { PublicUser };

/** The signed-in user, or undefined when the cookie is missing or ended (401). */
export async function currentUser(): Promise<PublicUser | undefined> {
  try {
    const me = await api<MeReply>('/api/auth/me');
    return me.kind === 'user' ? me.user : undefined;
  } catch (err) {
    if ((err as { status?: number }).status === 401) return undefined;
    throw err;
  }
}

export async function logIn(username: string, password: string): Promise<PublicUser> {
  const reply = await api<LoginReply>('/api/auth/login', { method: 'POST', body: { username, password } });
  return reply.user;
}

export async function logOut(): Promise<void> {
  await api<unknown>('/api/auth/logout', { method: 'POST', body: {} });
}

/** The offices the user works in (an admin: every office). */
export async function userOffices(user: PublicUser): Promise<string[]> {
  if (user.officeIds.length > 0) return user.officeIds;
  const list = await api<OfficeList>('/api/offices');
  return list.offices.map((o) => o.id);
}

export function loadOffice(officeId: string): Promise<PublicOffice> {
  return api<PublicOffice>(`/api/offices/${encodeURIComponent(officeId)}`);
}

export function loadQueue(officeId: string, counterId: string, limit = 50): Promise<CounterQueue> {
  return api<CounterQueue>(
    `/api/offices/${encodeURIComponent(officeId)}/counters/${encodeURIComponent(counterId)}/queue?limit=${limit}`,
  );
}

/** A ticket with every field (waiting since, recalls): the snapshot after a reload has only its number. */
export function loadTicket(officeId: string, ticketId: string): Promise<TicketView> {
  return api<TicketView>(
    `/api/offices/${encodeURIComponent(officeId)}/tickets/${encodeURIComponent(ticketId)}`,
  );
}
