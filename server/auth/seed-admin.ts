/**
 * First start: when no user exists at all, create the admin account — `ADMIN_USERNAME` with
 * `ADMIN_PASSWORD`, or with a generated password printed once on the console (not into the
 * structured log, which may be shipped elsewhere, and regardless of LOG_LEVEL).
 */
import type { ServerConfig } from '../config.js';
import type { Clock } from '../store/types.js';
import type { AccountStore } from './account-store.js';
import { generatePassword, hashPassword, type ScryptParams } from './passwords.js';

export interface SeedLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface EnsureAdminOptions {
  /** Where the generated password goes (default: console.log). */
  print?: (text: string) => void;
  clock?: Clock;
  scrypt?: ScryptParams;
}

export type EnsureAdminResult =
  { created: false } | { created: true; username: string; generatedPassword?: string };

export async function ensureAdmin(
  accounts: AccountStore,
  config: Pick<ServerConfig, 'adminUsername' | 'adminPassword'>,
  log: SeedLogger,
  opts: EnsureAdminOptions = {},
): Promise<EnsureAdminResult> {
  if ((await accounts.listUsers()).length > 0) return { created: false };
  const username = config.adminUsername;
  const password = config.adminPassword ?? generatePassword();
  const created = await accounts.createUser({
    id: username,
    displayName: 'Administrator',
    role: 'admin',
    officeIds: [],
    disabled: false,
    passwordHash: await hashPassword(password, opts.scrypt),
    createdAt: (opts.clock ?? Date.now)(),
  });
  // Another process (same Redis) created it first: its password stands, ours was never valid.
  if (!created) return { created: false };
  if (config.adminPassword !== undefined) {
    log.info({ username }, 'created the admin account with ADMIN_PASSWORD');
    return { created: true, username };
  }
  log.warn({ username }, 'created the admin account with a generated password, printed once on the console');
  (opts.print ?? console.log)(
    [
      '',
      '  ┌──────────────────────────────────────────────────────────────',
      `  │ Lượt admin account: ${username}`,
      `  │ Generated password: ${password}`,
      '  │ Shown only this once. Sign in and change it (or set ADMIN_PASSWORD before the first start).',
      '  └──────────────────────────────────────────────────────────────',
      '',
    ].join('\n'),
  );
  return { created: true, username, generatedPassword: password };
}
