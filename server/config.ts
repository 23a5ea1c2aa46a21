/** Environment → typed, validated configuration. The one place for defaults. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  redisUrl?: string;
  /** Prefix of Redis keys and socket.io channels (REDIS_NAMESPACE): deployments sharing a Redis. */
  redisNamespace?: string;
  logLevel: string;
  /** The first admin account, created on first start when no user exists. */
  adminUsername: string;
  /** Unset: a random password is generated and printed once. */
  adminPassword?: string;
  /** YAML or JSON file of office definitions seeded (created or updated) at start. */
  officesFile?: string;
  /** Origins allowed by CORS; empty = CORS closed (same-origin apps only). */
  corsOrigins: string[];
  /** How long a login session lasts. */
  sessionTtlMs: number;
  /** Behind a reverse proxy: trust X-Forwarded-* (for client IPs in rate limits and logs). */
  trustProxy: boolean;
  /** METRICS_PUBLIC=true: anyone may read /metrics (default: loopback without proxy headers, or an admin). */
  metricsPublic?: boolean;
  /**
   * The address citizens' phones use to reach this server (PUBLIC_URL), printed in the ticket's QR
   * (`<publicUrl>/t/<ticketId>`). Unset: main.ts uses this machine's LAN address and PORT.
   */
  publicUrl?: string;
  /** Where the built apps are (APPS_DIR, default dist/apps of the package). */
  appsDir?: string;
}

export class ConfigError extends Error {}

const HOUR = 3_600_000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const sessionHours = Number(env.SESSION_TTL_HOURS ?? 12);
  if (!(sessionHours > 0 && sessionHours <= 24 * 30))
    throw new ConfigError('SESSION_TTL_HOURS must be a number of hours, 1–720');
  const adminUsername = env.ADMIN_USERNAME ?? 'admin';
  if (!/^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/.test(adminUsername)) {
    throw new ConfigError('ADMIN_USERNAME must be lower-case letters, digits, - or _');
  }
  const config: ServerConfig = {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? './data',
    logLevel: env.LOG_LEVEL ?? 'info',
    redisNamespace: env.REDIS_NAMESPACE ?? 'luot',
    adminUsername,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    sessionTtlMs: sessionHours * HOUR,
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
  };
  if (env.ADMIN_PASSWORD) {
    if (env.ADMIN_PASSWORD.length < 8)
      throw new ConfigError('ADMIN_PASSWORD must have at least 8 characters');
    config.adminPassword = env.ADMIN_PASSWORD;
  }
  if (env.OFFICES_FILE) config.officesFile = env.OFFICES_FILE;
  if (env.METRICS_PUBLIC === 'true' || env.METRICS_PUBLIC === '1') config.metricsPublic = true;
  if (env.PUBLIC_URL) {
    let url: URL;
    try {
      url = new URL(env.PUBLIC_URL);
    } catch {
      throw new ConfigError(
        `PUBLIC_URL must be an http(s) address such as http://192.168.1.10:8080, got "${env.PUBLIC_URL}"`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ConfigError('PUBLIC_URL must start with http:// or https://');
    config.publicUrl = url.origin + url.pathname.replace(/\/+$/, '');
  }
  if (env.APPS_DIR) config.appsDir = env.APPS_DIR;
  if (env.REDIS_URL) {
    if (!/^rediss?:\/\//.test(env.REDIS_URL))
      throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
    config.redisUrl = env.REDIS_URL;
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(config.redisNamespace ?? '')) {
    throw new ConfigError('REDIS_NAMESPACE must be 1–64 letters, digits, - or _');
  }
  return config;
}
