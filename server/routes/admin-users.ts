/**
 * User accounts (admins only): create, list, change role / offices / display name, disable, reset
 * the password. A reset ends the user's sessions and lifts a login lock-out; a disabled user's
 * sessions stop working at once. The last active admin cannot be disabled or demoted.
 */
import type { FastifyInstance } from 'fastify';
import {
  CreateUserBodySchema,
  UpdateUserBodySchema,
  UserListReplySchema,
  UserParamsSchema,
  UserReplySchema,
} from '../../shared/protocol/accounts.js';
import { QueueError } from '../../shared/protocol/errors.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import type { AccountStore, User } from '../auth/account-store.js';
import { usernameAttemptKey } from '../auth/login.js';
import { hashPassword, type ScryptParams } from '../auth/passwords.js';
import { publicUser } from '../auth/views.js';
import { AUTH_ERRORS, errors, guard, typed } from './common.js';
import type { TicketStore } from '../store/types.js';

export interface AdminUserRoutesOptions {
  ctx: AppContext;
  /** Tests may lower the hashing cost; production uses the default. */
  scrypt?: ScryptParams;
}

/** Every office id must name an office: a typo would silently give an officer no office at all. */
async function checkOffices(store: TicketStore, officeIds: string[]): Promise<void> {
  if (officeIds.length === 0) return;
  const known = new Set(await store.listOffices());
  const problems = officeIds.filter((id) => !known.has(id)).map((id) => `officeIds: unknown office "${id}"`);
  if (problems.length > 0) throw new QueueError('INVALID_INPUT', { problems });
}

const activeAdmin = (u: User): boolean => u.role === 'admin' && !u.disabled;

async function keepsAnAdmin(accounts: AccountStore, before: User, after: User): Promise<boolean> {
  if (!activeAdmin(before) || activeAdmin(after)) return true;
  return (await accounts.listUsers()).some((u) => u.id !== before.id && activeAdmin(u));
}

export async function adminUserRoutes(parent: FastifyInstance, opts: AdminUserRoutesOptions): Promise<void> {
  const r = typed(parent);
  const { ctx } = opts;
  const adminsOnly = guard('admin:users', () => undefined);

  r.post(
    '/api/admin/users',
    {
      ...adminsOnly,
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'Create a user account',
        body: CreateUserBodySchema,
        response: { 201: UserReplySchema, ...errors(...AUTH_ERRORS, 'USERNAME_TAKEN') },
      },
    },
    async (req, reply) => {
      const { username, password, role, officeIds, displayName } = req.body;
      await checkOffices(ctx.store, officeIds);
      const user: User = {
        id: username,
        displayName: displayName ?? username,
        role,
        officeIds,
        disabled: false,
        passwordHash: await hashPassword(password, opts.scrypt),
        createdAt: ctx.clock(),
      };
      if (!(await ctx.accounts.createUser(user))) throw new QueueError('USERNAME_TAKEN');
      return reply.code(201).send({ user: publicUser(user) });
    },
  );

  r.get(
    '/api/admin/users',
    {
      ...adminsOnly,
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'List user accounts',
        response: { 200: UserListReplySchema, ...errors(...AUTH_ERRORS) },
      },
    },
    async () => ({ users: (await ctx.accounts.listUsers()).map(publicUser) }),
  );

  r.patch(
    '/api/admin/users/:userId',
    {
      ...adminsOnly,
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'Change a user: role, offices, display name, disabled, or a new password',
        params: UserParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserReplySchema, ...errors(...AUTH_ERRORS, 'USER_NOT_FOUND', 'LAST_ADMIN') },
      },
    },
    async (req) => {
      const before = await ctx.accounts.getUser(req.params.userId);
      if (!before) throw new QueueError('USER_NOT_FOUND');
      const { role, officeIds, disabled, displayName, password } = req.body;
      if (officeIds !== undefined) await checkOffices(ctx.store, officeIds);
      const after: User = { ...before };
      if (role !== undefined) after.role = role;
      if (officeIds !== undefined) after.officeIds = officeIds;
      if (disabled !== undefined) after.disabled = disabled;
      if (displayName !== undefined) after.displayName = displayName;
      if (password !== undefined) {
        after.passwordHash = await hashPassword(password, opts.scrypt);
        after.sessionEpoch = (before.sessionEpoch ?? 0) + 1;
      }
      if (!(await keepsAnAdmin(ctx.accounts, before, after))) throw new QueueError('LAST_ADMIN');
      await ctx.accounts.putUser(after);
      if (password !== undefined) await ctx.accounts.settleLoginAttempt(usernameAttemptKey(after.id), true);
      return { user: publicUser(after) };
    },
  );
}
