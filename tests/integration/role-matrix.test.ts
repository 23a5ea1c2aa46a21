/**
 * The whole permission matrix: every API route × every kind of caller, against a table written
 * out below (not derived from access.ts, so a change of the rules must change this table too).
 *
 * "allow" means the caller gets the route's success answer (each cell runs on a fresh office whose
 * state is prepared so the request can succeed); "deny" means 401 for anonymous callers and 403
 * for everyone else — never a hint about the input or the office.
 *
 * Columns: anonymous, a kiosk of the office, a display of the office, an officer of the office
 * (signed in at the counter a counter route names), an officer of another office, a supervisor of
 * the office, an admin — and an officer of the office signed in at a different counter, the one
 * case where live state decides.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, OfficeConfig } from '../../shared/domain/types.js';
import { ADMIN_PASSWORD, ANONYMOUS_CALLER, startApi, type ApiRig, type Caller } from '../helpers/api.js';
import { engines } from '../helpers/engines.js';
import { testOffice, uniqueOfficeId } from '../helpers/office.js';

const COLUMNS = [
  'anonymous',
  'kiosk',
  'display',
  'officer',
  'officer of another office',
  'supervisor',
  'admin',
  'officer at another counter',
] as const;
type Column = (typeof COLUMNS)[number];

/**
 * allow (2xx) · deny (401 anonymous / 403) · past the permission check but refused by the queue
 * (409: an officer signed in at one counter cannot sign in at another).
 */
const Y = 'allow';
const N = 'deny';
const Q = 'queue refuses';
type Cell = typeof Y | typeof N | typeof Q;

// prettier-ignore
const MATRIX: Record<string, Cell[]> = {
  //                                                        anon kiosk disp offcr other super admin elsewhere
  'GET /api/offices':                                       [Y,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
  'GET /api/offices/:officeId':                             [Y,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
  'GET /api/offices/:officeId/snapshot':                    [N,  Y,    Y,   Y,    N,    Y,    Y,    Y],
  'POST /api/offices/:officeId/tickets':                    [N,  Y,    N,   Y,    N,    Y,    Y,    Y],
  'GET /api/tickets/:ticketId':                             [Y,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
  'GET /api/offices/:officeId/tickets/:ticketId':           [N,  N,    N,   Y,    N,    Y,    Y,    Y],
  'POST /api/offices/:officeId/tickets/:ticketId/cancel':   [N,  N,    N,   Y,    N,    Y,    Y,    Y],
  'POST /api/offices/:officeId/tickets/:ticketId/requeue':  [N,  N,    N,   Y,    N,    Y,    Y,    Y],
  'POST /api/offices/:officeId/tickets/:ticketId/print':    [N,  N,    N,   Y,    N,    Y,    Y,    Y],
  'POST /api/offices/:officeId/tickets/:ticketId/transfer': [N,  N,    N,   N,    N,    Y,    Y,    N],
  'GET /api/offices/:officeId/board':                       [N,  N,    N,   Y,    N,    Y,    Y,    Y],
  'GET /api/offices/:officeId/estimates/accuracy':          [N,  N,    N,   N,    N,    Y,    Y,    N],
  'POST /api/offices/:officeId/officers/:officerId/move':   [N,  N,    N,   N,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/sign-in':                     [N,  N,    N,   Y,    N,    Y,    Y,    Q],
  'POST …/counters/:counterId/sign-out':                    [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/open':                        [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/pause':                       [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/close':                       [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/call-next':                   [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/call':                        [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/recall':                      [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/start':                       [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/complete':                    [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/no-show':                     [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'POST …/counters/:counterId/transfer':                    [N,  N,    N,   Y,    N,    Y,    Y,    N],
  'GET …/counters/:counterId/queue':                        [N,  N,    N,   Y,    N,    Y,    Y,    Y],
  'POST /api/admin/offices':                                [N,  N,    N,   N,    N,    N,    Y,    N],
  'PUT /api/admin/offices/:officeId':                       [N,  N,    N,   N,    N,    N,    Y,    N],
  'POST /api/auth/login':                                   [Y,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
  'POST /api/auth/logout':                                  [Y,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
  'GET /api/auth/me':                                       [N,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
  'POST /api/admin/users':                                  [N,  N,    N,   N,    N,    N,    Y,    N],
  'GET /api/admin/users':                                   [N,  N,    N,   N,    N,    N,    Y,    N],
  'PATCH /api/admin/users/:userId':                         [N,  N,    N,   N,    N,    N,    Y,    N],
  'POST /api/admin/devices':                                [N,  N,    N,   N,    N,    Y,    Y,    N],
  'GET /api/admin/devices':                                 [N,  N,    N,   N,    N,    Y,    Y,    N],
  'POST /api/admin/devices/:deviceId/revoke':               [N,  N,    N,   N,    N,    Y,    Y,    N],
  'PUT /api/admin/devices/:deviceId/printer':               [N,  N,    N,   N,    N,    Y,    Y,    N],
  'GET /api/admin/voice-packs':                             [N,  N,    N,   N,    N,    N,    Y,    N],
  'PUT /api/admin/voice-packs/:packId/:file':               [N,  N,    N,   N,    N,    N,    Y,    N],
  'GET /healthz':                                           [Y,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
  'GET /readyz':                                            [Y,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
  'GET /metrics (from another host)':                       [N,  N,    N,   N,    N,    N,    Y,    N],
  'GET /docs/json':                                         [Y,  Y,    Y,   Y,    Y,    Y,    Y,    Y],
};

const PASSWORD = 'password-123';

/** What a cell needs: its office, its caller, and the rig to prepare state with. */
interface CellContext {
  rig: ApiRig;
  office: OfficeConfig;
  column: Column;
  caller: Caller;
  /** The user id of the officer signed in at c1 for counter routes (the caller, if an officer of the office). */
  atCounter: string;
  exec(cmd: Command): Promise<string | undefined>;
  users: Users;
}

interface Users {
  officer: Caller & { userId: string };
  /** Signed in at c1 when the caller is not the officer of the office. */
  resident: Caller & { userId: string };
  elsewhere: Caller & { userId: string };
  otherOffice: Caller & { userId: string };
  supervisor: Caller & { userId: string };
}

type Prepare = (c: CellContext) => Promise<InjectOptions>;

const counterUrl = (c: CellContext, action: string) => `/api/offices/${c.office.id}/counters/c1/${action}`;

/** c1 staffed and open (by the caller if they are the office's officer), optionally holding a called ticket. */
async function staffC1(
  c: CellContext,
  state: 'closed' | 'open' | 'waiting' | 'called',
): Promise<string | undefined> {
  await c.exec({ type: 'signIn', counterId: 'c1', officerId: c.atCounter });
  if (c.column === 'officer at another counter') {
    await c.exec({ type: 'signIn', counterId: 'c2', officerId: c.users.elsewhere.userId });
  }
  if (state === 'closed') return undefined;
  await c.exec({ type: 'openCounter', counterId: 'c1' });
  if (state === 'open') return undefined;
  const id = await c.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
  if (state === 'waiting') return id;
  await c.exec({ type: 'callNext', counterId: 'c1' });
  return id;
}

const counterRoute =
  (
    action: string,
    state: 'closed' | 'open' | 'waiting' | 'called',
    payload?: (ticketId?: string) => object,
  ): Prepare =>
  async (c) => {
    const ticketId = await staffC1(c, state);
    return { method: 'POST', url: counterUrl(c, action), ...(payload ? { payload: payload(ticketId) } : {}) };
  };

const definition = (id: string) => ({
  id,
  name: 'Phường Ma Trận',
  services: [{ id: 'civ', name: { vi: 'Hộ tịch' } }],
  counters: [{ id: 'q1', number: 1, services: ['civ'] }],
});

let serial = 0;

const REQUESTS: Record<string, Prepare> = {
  'GET /api/offices': async () => ({ method: 'GET', url: '/api/offices' }),
  'GET /api/offices/:officeId': async (c) => ({ method: 'GET', url: `/api/offices/${c.office.id}` }),
  'GET /api/offices/:officeId/snapshot': async (c) => ({
    method: 'GET',
    url: `/api/offices/${c.office.id}/snapshot`,
  }),
  'POST /api/offices/:officeId/tickets': async (c) => ({
    method: 'POST',
    url: `/api/offices/${c.office.id}/tickets`,
    payload: { serviceId: 'civ' },
  }),
  'GET /api/tickets/:ticketId': async (c) => {
    const id = await c.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    return { method: 'GET', url: `/api/tickets/${String(id)}` };
  },
  'POST /api/offices/:officeId/tickets/:ticketId/cancel': async (c) => {
    const id = await c.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    return { method: 'POST', url: `/api/offices/${c.office.id}/tickets/${String(id)}/cancel` };
  },
  'GET /api/offices/:officeId/tickets/:ticketId': async (c) => {
    const id = await c.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    return { method: 'GET', url: `/api/offices/${c.office.id}/tickets/${String(id)}` };
  },
  'POST /api/offices/:officeId/tickets/:ticketId/requeue': async (c) => {
    const id = await c.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    await c.exec({ type: 'openCounter', counterId: 'c3' });
    await c.exec({ type: 'callNext', counterId: 'c3' });
    await c.exec({ type: 'noShow', counterId: 'c3' });
    return { method: 'POST', url: `/api/offices/${c.office.id}/tickets/${String(id)}/requeue` };
  },
  'POST /api/offices/:officeId/tickets/:ticketId/print': async (c) => {
    const id = await c.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    const { deviceId } = await c.rig.device('kiosk', c.office.id);
    // An agent-mode kiosk with no agent connected: the reprint answers at once (not printed).
    await c.rig.call(c.rig.admin, {
      method: 'PUT',
      url: `/api/admin/devices/${deviceId}/printer`,
      payload: { mode: 'agent', paper: 80 },
    });
    return {
      method: 'POST',
      url: `/api/offices/${c.office.id}/tickets/${String(id)}/print`,
      payload: { deviceId },
    };
  },
  'POST /api/offices/:officeId/tickets/:ticketId/transfer': async (c) => {
    const id = await c.exec({ type: 'issue', serviceId: 'civ', channel: 'kiosk' });
    return {
      method: 'POST',
      url: `/api/offices/${c.office.id}/tickets/${String(id)}/transfer`,
      payload: { serviceId: 'cert' },
    };
  },
  'GET /api/offices/:officeId/board': async (c) => {
    await staffC1(c, 'called');
    return { method: 'GET', url: `/api/offices/${c.office.id}/board` };
  },
  'GET /api/offices/:officeId/estimates/accuracy': async (c) => ({
    method: 'GET',
    url: `/api/offices/${c.office.id}/estimates/accuracy`,
  }),
  'POST /api/offices/:officeId/officers/:officerId/move': async (c) => {
    await c.exec({ type: 'signIn', counterId: 'c3', officerId: c.users.resident.userId });
    return {
      method: 'POST',
      url: `/api/offices/${c.office.id}/officers/${c.users.resident.userId}/move`,
      payload: { counterId: 'c4' },
    };
  },
  'POST …/counters/:counterId/sign-in': async (c) => {
    if (c.column === 'officer at another counter') {
      await c.exec({ type: 'signIn', counterId: 'c2', officerId: c.users.elsewhere.userId });
    }
    return { method: 'POST', url: counterUrl(c, 'sign-in') };
  },
  'POST …/counters/:counterId/sign-out': counterRoute('sign-out', 'open'),
  'POST …/counters/:counterId/open': counterRoute('open', 'closed'),
  'POST …/counters/:counterId/pause': counterRoute('pause', 'open', () => ({ reason: 'Nghỉ trưa' })),
  'POST …/counters/:counterId/close': counterRoute('close', 'open'),
  'POST …/counters/:counterId/call-next': counterRoute('call-next', 'waiting'),
  'POST …/counters/:counterId/call': counterRoute('call', 'waiting', (ticketId) => ({ ticketId })),
  'POST …/counters/:counterId/recall': counterRoute('recall', 'called'),
  'POST …/counters/:counterId/start': counterRoute('start', 'called'),
  'POST …/counters/:counterId/complete': counterRoute('complete', 'called', (ticketId) => ({ ticketId })),
  'POST …/counters/:counterId/no-show': counterRoute('no-show', 'called'),
  'POST …/counters/:counterId/transfer': counterRoute('transfer', 'called', () => ({ serviceId: 'cert' })),
  // A read: any staff of the office may look at any counter's queue (the officer signed in at c2 too).
  'GET …/counters/:counterId/queue': async (c) => {
    await staffC1(c, 'waiting');
    return { method: 'GET', url: counterUrl(c, 'queue') };
  },
  'POST /api/admin/offices': async () => ({
    method: 'POST',
    url: '/api/admin/offices',
    payload: definition(uniqueOfficeId('matrix')),
  }),
  'PUT /api/admin/offices/:officeId': async (c) => ({
    method: 'PUT',
    url: `/api/admin/offices/${c.office.id}`,
    payload: { ...c.office, name: 'Đổi tên' },
  }),
  'POST /api/auth/login': async (c) => ({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: c.users.supervisor.userId, password: PASSWORD },
  }),
  'POST /api/auth/logout': async () => ({ method: 'POST', url: '/api/auth/logout' }),
  'GET /api/auth/me': async () => ({ method: 'GET', url: '/api/auth/me' }),
  'POST /api/admin/users': async (c) => ({
    method: 'POST',
    url: '/api/admin/users',
    payload: {
      username: `matrix-${++serial}`,
      password: PASSWORD,
      role: 'officer',
      officeIds: [c.office.id],
    },
  }),
  'GET /api/admin/users': async () => ({ method: 'GET', url: '/api/admin/users' }),
  'PATCH /api/admin/users/:userId': async (c) => ({
    method: 'PATCH',
    url: `/api/admin/users/${c.users.resident.userId}`,
    payload: { displayName: `Cán bộ ${++serial}` },
  }),
  'POST /api/admin/devices': async (c) => ({
    method: 'POST',
    url: '/api/admin/devices',
    payload: { kind: 'display', officeId: c.office.id, name: 'TV sảnh' },
  }),
  'GET /api/admin/devices': async (c) => ({
    method: 'GET',
    url: `/api/admin/devices?officeId=${c.office.id}`,
  }),
  'POST /api/admin/devices/:deviceId/revoke': async (c) => {
    const { deviceId } = await c.rig.device('display', c.office.id);
    return { method: 'POST', url: `/api/admin/devices/${deviceId}/revoke` };
  },
  'PUT /api/admin/devices/:deviceId/printer': async (c) => {
    const { deviceId } = await c.rig.device('kiosk', c.office.id);
    return {
      method: 'PUT',
      url: `/api/admin/devices/${deviceId}/printer`,
      payload: { mode: 'browser', paper: 80 },
    };
  },
  'GET /api/admin/voice-packs': async () => ({ method: 'GET', url: '/api/admin/voice-packs' }),
  'PUT /api/admin/voice-packs/:packId/:file': async () => ({
    method: 'PUT',
    url: '/api/admin/voice-packs/matrix-pack/chime.ogg',
    headers: { 'content-type': 'audio/ogg' },
    payload: Buffer.from('OggS'),
  }),
  'GET /healthz': async () => ({ method: 'GET', url: '/healthz' }),
  'GET /readyz': async () => ({ method: 'GET', url: '/readyz' }),
  'GET /metrics (from another host)': async () => ({
    method: 'GET',
    url: '/metrics',
    headers: { 'x-forwarded-for': '203.0.113.7' },
  }),
  'GET /docs/json': async () => ({ method: 'GET', url: '/docs/json' }),
};

const ROWS = Object.keys(MATRIX);
const CELLS = ROWS.length * COLUMNS.length;

describe.each(engines)('role matrix on the $name engine', (engine) => {
  let rig: ApiRig;
  let users: Users;
  const pool = Array.from({ length: CELLS }, () => uniqueOfficeId('rm'));
  const other = testOffice({ id: uniqueOfficeId('rm-other') });
  let next = 0;

  beforeAll(async () => {
    if (!engine.available) return;
    rig = await startApi(engine, [other, ...pool.map((id) => testOffice({ id }))]);
    users = {
      officer: await rig.user('officer', pool),
      resident: await rig.user('officer', pool),
      elsewhere: await rig.user('officer', pool),
      otherOffice: await rig.user('officer', [other.id]),
      supervisor: await rig.user('supervisor', pool),
    };
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('has a request for every row and a cell for every column', () => {
    expect(Object.keys(REQUESTS).sort()).toEqual([...ROWS].sort());
    for (const row of ROWS) expect(MATRIX[row], row).toHaveLength(COLUMNS.length);
  });

  it('covers every API route the app serves', () => {
    if (!engine.available) return;
    const tree = rig.app.printRoutes({ commonPrefix: false });
    const served: string[] = [];
    const stack: string[] = [];
    for (const line of tree.split('\n')) {
      const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!m) continue;
      stack.length = m[1]!.length / 4;
      stack.push(m[2]!);
      for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) {
        const path = stack.join('');
        if (path.startsWith('/api/'))
          served.push(`${method} ${path.replace('/api/offices/:officeId/counters', '…/counters')}`);
      }
    }
    expect(served.length).toBeGreaterThan(25);
    for (const route of served) expect(ROWS, route).toContain(route);
  });

  for (const row of ROWS) {
    it(row, async (ctx) => {
      if (!engine.available) ctx.skip();
      const failures: string[] = [];
      for (const [i, column] of COLUMNS.entries()) {
        const expected = MATRIX[row]![i]!;
        const id = pool[next++];
        if (!id) throw new Error('office pool exhausted');
        const office = (await rig.store.getOffice(id))!;
        rig.clock.set('2026-11-30T09:00');
        const caller = await callerFor(rig, users, column, office, row);
        const cell: CellContext = {
          rig,
          office,
          column,
          caller,
          users,
          atCounter: column === 'officer' ? users.officer.userId : users.resident.userId,
          exec: async (cmd) => (await rig.store.execute(office.id, cmd)).ticket?.id,
        };
        const request = await REQUESTS[row]!(cell);
        const res = await rig.call(caller, request);
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        const deniedAs = column === 'anonymous' ? 401 : 403;
        if (expected === Y && !ok)
          failures.push(`${column}: expected allow, got ${res.statusCode} ${res.body}`);
        if (expected === N && res.statusCode !== deniedAs) {
          failures.push(`${column}: expected ${deniedAs}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        if (expected === N) {
          const code = (res.json() as { error?: { code?: string } }).error?.code;
          if (code !== (deniedAs === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN'))
            failures.push(`${column}: code ${code}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

/** The caller of a column, for one cell's office. Logout gets a session of its own (it ends it). */
async function callerFor(
  rig: ApiRig,
  users: Users,
  column: Column,
  office: OfficeConfig,
  row: string,
): Promise<Caller> {
  const fresh = async (user: { userId: string }, password = PASSWORD): Promise<Caller> => {
    const res = await rig.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.userId, password },
    });
    return { headers: { authorization: `Bearer ${(res.json() as { token: string }).token}` } };
  };
  const user = (u: Caller & { userId: string }) => (row === 'POST /api/auth/logout' ? fresh(u) : u);
  switch (column) {
    case 'anonymous':
      return ANONYMOUS_CALLER;
    case 'kiosk':
      return rig.device('kiosk', office.id);
    case 'display':
      return rig.device('display', office.id);
    case 'officer':
      return user(users.officer);
    case 'officer of another office':
      return user(users.otherOffice);
    case 'supervisor':
      return user(users.supervisor);
    case 'admin':
      return row === 'POST /api/auth/logout' ? fresh({ userId: 'admin' }, ADMIN_PASSWORD) : rig.admin;
    case 'officer at another counter':
      return user(users.elsewhere);
  }
}
