/** Process entry: configuration, store, demo office on first run, listen, graceful shutdown. */
import { pino } from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_OFFICE } from './demo-office.js';
import { openStore } from './store/open-store.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const store = await openStore(config, log);
  if ((await store.listOffices()).length === 0) {
    await store.putOffice(DEMO_OFFICE);
    log.info({ officeId: DEMO_OFFICE.id }, 'seeded the demo office');
  }
  const app = buildApp(store, { loggerInstance: log });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  log.info(
    { engine: store.kind, dataDir: store.kind === 'memory' ? config.dataDir : undefined },
    `Lượt is running: ${base}/api/offices/${DEMO_OFFICE.id} · health ${base}/healthz`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
