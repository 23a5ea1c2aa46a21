/**
 * `npm run print-agent -- --server https://luot.example.vn --token luot_d_… --printer tcp://192.168.1.50:9100`
 *
 * The print agent command for a kiosk PC (see server/printing/agent.ts and docs/printing.md). The
 * token is the kiosk's device token; `--printer` is the local printer: tcp://host:9100,
 * usb:/dev/usb/lp0 or serial:/dev/ttyUSB0?baud=115200. LUOT_SERVER, LUOT_TOKEN and LUOT_PRINTER
 * may be used instead of the flags (keeps the token out of the process list).
 */
import { parseArgs } from 'node:util';
import { PrintAgent } from './printing/agent.js';
import { createTransport, PrinterUrlError } from './printing/transports.js';

const USAGE = `Usage: npm run print-agent -- --server URL --token luot_d_… --printer tcp://host:9100
  --server   the Lượt server (LUOT_SERVER)
  --token    this kiosk's device token (LUOT_TOKEN)
  --printer  tcp://host:9100 | usb:/dev/usb/lp0 | serial:/dev/ttyUSB0?baud=115200 (LUOT_PRINTER)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    server: { type: 'string' },
    token: { type: 'string' },
    printer: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
}).valueOf() as { values: { server?: string; token?: string; printer?: string; help?: boolean } };

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const server = values.server ?? process.env.LUOT_SERVER;
const token = values.token ?? process.env.LUOT_TOKEN;
const printer = values.printer ?? process.env.LUOT_PRINTER;
if (!server || !/^https?:\/\//.test(server)) fail('--server must be the server address, http(s)://…');
if (!token || !token.startsWith('luot_d_')) fail('--token must be a kiosk device token (luot_d_…)');
if (!printer) fail('--printer is required');

let transport;
try {
  transport = createTransport(printer);
} catch (err) {
  fail(err instanceof PrinterUrlError ? err.message : String(err));
}
const agent = new PrintAgent({ serverUrl: server, token, transport });
console.log(`Lượt print agent: printer ${transport.target}, server ${server}`);
const stop = (): void => {
  void agent.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
