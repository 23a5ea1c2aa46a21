/** Environment → typed, validated configuration. The one place for defaults. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  redisUrl?: string;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const config: ServerConfig = {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? './data',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
  if (env.REDIS_URL) {
    if (!/^rediss?:\/\//.test(env.REDIS_URL))
      throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
    config.redisUrl = env.REDIS_URL;
  }
  return config;
}
