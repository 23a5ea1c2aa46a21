/** Process entry: configuration, store, demo office on first run, listen, graceful shutdown. */
import { mkdir } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { buildApp } from './app.js';
import { openAccounts } from './auth/open-accounts.js';
import { ensureAdmin } from './auth/seed-admin.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_OFFICE } from './demo-office.js';
import { loadOfficesFile, seedOffices } from './offices-file.js';
import { openStore } from './store/open-store.js';

/** This machine's first LAN IPv4 address: what phones on the office Wi-Fi can reach. */
function lanAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

async function main(): Promise<void> {
  const config = loadConfig();
  // The ticket's QR must open on a citizen's phone: never "localhost" when a LAN address exists.
  config.publicUrl ??= `http://${lanAddress() ?? 'localhost'}:${config.port}`;
  const log = pino({ level: config.logLevel });
  // A bad OFFICES_FILE stops start-up before the store opens (OfficesFileError is a ConfigError: exit 2).
  const officesFile = config.officesFile ? await loadOfficesFile(config.officesFile) : undefined;
  const store = await openStore(config, log);
  if (officesFile) {
    await seedOffices(store, officesFile, log);
  } else if ((await store.listOffices()).length === 0) {
    await store.putOffice(DEMO_OFFICE);
    log.info({ officeId: DEMO_OFFICE.id }, 'seeded the demo office');
  }
  const accounts = await openAccounts(config, {
    log,
    ...(config.redisNamespace && { namespace: config.redisNamespace }),
  });
  await ensureAdmin(accounts, config, log);
  // Where an office's own recorded voice packs go (served before the bundled ones).
  await mkdir(resolve(config.dataDir, 'voice-packs'), { recursive: true });
  const app = await buildApp({ store, accounts, config }, { loggerInstance: log });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await accounts.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  const offices = await store.listOffices();
  // Printed plainly (not only as a log line): this is what a newcomer reads after `npm start`.
  console.log(
    [
      `Lượt is running on the ${store.kind === 'memory' ? `embedded engine (data in ${config.dataDir})` : 'Redis engine'}`,
      `  kiosk         ${base}/kiosk/   (pair it once: sign in as admin or supervisor on its setup screen)`,
      `  hall display  ${base}/display/   (paired the same way; a counter's screen: ${base}/display/counter/<counter id>)`,
      `  officers      ${base}/officer/`,
      `  phone pages   ${config.publicUrl}/t/<ticket id>   (the QR on each ticket; set PUBLIC_URL if phones reach this server by another address)`,
      `  API docs      ${base}/docs`,
      ...offices.map((id) => `  office        ${base}/api/offices/${id}`),
      `  health        ${base}/healthz`,
    ].join('\n'),
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
