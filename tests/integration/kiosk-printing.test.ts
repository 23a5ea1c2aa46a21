/**
 * Printing through the server: a kiosk's printer settings, the print job of a kiosk's issue (server
 * mode, against a loopback fake printer speaking DLE EOT), what the kiosk is told, reprints, health,
 * and the browser-printing HTML ticket. The print policy itself is tested in printing-*.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApi, type ApiRig, type Caller } from '../helpers/api.js';
import { memoryEngine } from '../helpers/engines.js';
import { startFakePrinter, STATES, type FakePrinter } from '../helpers/fake-printer.js';
import { testOffice } from '../helpers/office.js';
import { client, request, type LiveClient } from '../helpers/realtime.js';
import { PrintAgent } from '../../server/printing/agent.js';
import { createTransport } from '../../server/printing/transports.js';
import type { PrinterHealthEvent, PrintFailedEvent } from '../../shared/protocol/print-agent.js';

const ESC_AT = [0x1b, 0x40];

describe('kiosk printing through the API', () => {
  let rig: ApiRig;
  let printer: FakePrinter;
  let kiosk: Caller & { deviceId: string };
  const office = testOffice();

  beforeEach(async () => {
    rig = await startApi(memoryEngine, [office]);
    printer = await startFakePrinter();
    kiosk = await rig.device('kiosk', office.id);
  });
  afterEach(async () => {
    await rig.close();
    await printer.close();
  });

  const setPrinter = (deviceId: string, body: object) =>
    rig.call(rig.admin, { method: 'PUT', url: `/api/admin/devices/${deviceId}/printer`, payload: body });
  const issue = (payload: object = { serviceId: 'civ' }) =>
    rig.call(kiosk, { method: 'POST', url: `/api/offices/${office.id}/tickets`, payload });
  const deviceView = async (deviceId: string) => {
    const res = await rig.call(rig.admin, { method: 'GET', url: `/api/admin/devices?officeId=${office.id}` });
    return (
      res.json() as { devices: { id: string; printer?: object; printerHealth?: { state: string } }[] }
    ).devices.find((d) => d.id === deviceId);
  };

  it('validates printer settings: kiosks only, an address for server mode, known URL forms', async () => {
    const display = await rig.device('display', office.id);
    expect((await setPrinter(display.deviceId, { mode: 'browser', paper: 80 })).json().error.code).toBe(
      'NOT_A_KIOSK',
    );
    const noUrl = await setPrinter(kiosk.deviceId, { mode: 'server', paper: 80 });
    expect(noUrl.statusCode).toBe(400);
    expect(noUrl.json().error.details.fields).toEqual(['body.url']);
    expect((await setPrinter(kiosk.deviceId, { mode: 'server', url: 'ftp://x', paper: 80 })).statusCode).toBe(
      400,
    );
    expect(
      (await setPrinter(kiosk.deviceId, { mode: 'server', url: printer.url, paper: 57 })).statusCode,
    ).toBe(400);
    expect((await setPrinter('no-such-device', { mode: 'browser', paper: 80 })).json().error.code).toBe(
      'DEVICE_NOT_FOUND',
    );
    const ok = await setPrinter(kiosk.deviceId, { mode: 'server', url: printer.url, paper: 58 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().device.printer).toEqual({ mode: 'server', url: printer.url, paper: 58 });
    // The kiosk reads its own settings.
    expect(
      (await rig.call(kiosk, { method: 'GET', url: '/api/auth/me' })).json().device.printer,
    ).toMatchObject({
      mode: 'server',
    });
  });

  it('prints a kiosk ticket before answering, and says it came out; health recorded', async () => {
    await setPrinter(kiosk.deviceId, { mode: 'server', url: printer.url, paper: 80 });
    const res = await issue();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().print).toEqual({ status: 'printed', state: 'ok' });
    const printed = printer.printed();
    expect([...printed.slice(0, 2)]).toEqual(ESC_AT);
    expect(printed.length).toBeGreaterThan(10_000); // a raster ticket, not a line of text
    expect((await deviceView(kiosk.deviceId))?.printerHealth?.state).toBe('ok');
  });

  it('sends nothing to a printer out of paper, tells the kiosk, and the ticket still stands', async () => {
    await setPrinter(kiosk.deviceId, { mode: 'server', url: printer.url, paper: 80 });
    printer.script({ status: STATES.paperEnd });
    const res = await issue();
    expect(res.statusCode).toBe(201);
    expect(res.json().print).toEqual({ status: 'not_printed', state: 'paper_end' });
    expect(printer.printed().length).toBe(0);
    expect(
      (await rig.call(kiosk, { method: 'GET', url: `/api/tickets/${res.json().id}` })).json().status,
    ).toBe('waiting');
    expect((await deviceView(kiosk.deviceId))?.printerHealth?.state).toBe('paper_end');
  });

  it('prints on near end with a warning, and a silent printer is not_printed (no reply)', async () => {
    await setPrinter(kiosk.deviceId, { mode: 'server', url: printer.url, paper: 80 });
    printer.script({ status: STATES.nearEnd });
    expect((await issue()).json().print).toEqual({ status: 'printed', state: 'near_end', warning: true });
    printer.script({ silent: true });
    expect((await issue()).json().print).toEqual({ status: 'not_printed', state: 'no_reply' });
  });

  it('prints a ticket once even when the kiosk retries the same request', async () => {
    await setPrinter(kiosk.deviceId, { mode: 'server', url: printer.url, paper: 80 });
    const first = await issue({ serviceId: 'civ', requestId: 'kiosk-tap-1' });
    const bytes = printer.printed().length;
    const again = await issue({ serviceId: 'civ', requestId: 'kiosk-tap-1' });
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().print).toEqual(first.json().print);
    expect(printer.printed().length).toBe(bytes);
  });

  it('lets staff reprint the same number on a kiosk printer, and refuses kiosks without one', async () => {
    await setPrinter(kiosk.deviceId, { mode: 'server', url: printer.url, paper: 80 });
    printer.script({ status: STATES.coverOpen });
    const ticket = (await issue()).json() as { id: string; print: { status: string } };
    expect(ticket.print.status).toBe('not_printed');
    printer.script({ status: STATES.ok });
    const officer = await rig.user('officer', [office.id]);
    const reprint = (deviceId: string, caller: Caller = officer) =>
      rig.call(caller, {
        method: 'POST',
        url: `/api/offices/${office.id}/tickets/${ticket.id}/print`,
        payload: { deviceId },
      });
    const res = await reprint(kiosk.deviceId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'printed', state: 'ok' });
    expect(printer.printed().length).toBeGreaterThan(10_000);
    const bare = await rig.device('kiosk', office.id);
    expect((await reprint(bare.deviceId)).json().error.code).toBe('NO_PRINTER');
    const elsewhere = testOffice();
    await rig.store.putOffice(elsewhere);
    const foreign = await rig.device('kiosk', elsewhere.id);
    expect((await reprint(foreign.deviceId)).json().error.code).toBe('DEVICE_NOT_FOUND');
    expect((await reprint(kiosk.deviceId, kiosk)).statusCode).toBe(403);
  });

  it('does not print for a kiosk in browser or agent-less modes beyond saying so', async () => {
    await setPrinter(kiosk.deviceId, { mode: 'browser', paper: 80 });
    expect((await issue()).json().print).toBeUndefined();
    await setPrinter(kiosk.deviceId, { mode: 'agent', paper: 80 });
    // No print agent connected for this kiosk: nothing came out, and the kiosk is told at once.
    expect((await issue()).json().print).toEqual({ status: 'not_printed', state: 'offline' });
    expect(printer.connections.total).toBe(0);
  });

  it('serves an 80 mm HTML ticket for browser printing, framable by our own pages only', async () => {
    const { id, number } = (await issue()).json() as { id: string; number: string };
    const res = await rig.call({ headers: {} }, { method: 'GET', url: `/t/${id}/print` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.body).toContain(`<p class="number">${number}</p>`);
    expect(res.body).toContain('SỐ THỨ TỰ');
    expect(res.body).toContain('Hộ tịch');
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('@page { size: 80mm auto');
    expect(
      (await rig.call({ headers: {} }, { method: 'GET', url: '/t/AAAAAAAAAAAAAAAAAAAAAA/print' })).statusCode,
    ).toBe(404);
  });
});

describe('the print agent, end to end through the server', () => {
  let rig: ApiRig;
  let printer: FakePrinter;
  let kiosk: Caller & { deviceId: string; token: string };
  const agents: PrintAgent[] = [];
  const sockets: LiveClient[] = [];
  const office = testOffice();

  beforeEach(async () => {
    rig = await startApi(memoryEngine, [office], { listen: true });
    printer = await startFakePrinter();
    kiosk = await rig.device('kiosk', office.id);
    await rig.call(rig.admin, {
      method: 'PUT',
      url: `/api/admin/devices/${kiosk.deviceId}/printer`,
      payload: { mode: 'agent', paper: 58 },
    });
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.close()));
    for (const s of sockets.splice(0)) s.close();
    await rig.close();
    await printer.close();
  });

  const startAgent = async (token = kiosk.token): Promise<PrintAgent> => {
    const agent = new PrintAgent({
      serverUrl: rig.url,
      token,
      transport: createTransport(printer.url),
      healthEveryMs: 60_000,
      log: () => undefined,
    });
    agents.push(agent);
    await agent.connected();
    return agent;
  };
  const health = async () => {
    const res = await rig.call(rig.admin, { method: 'GET', url: `/api/admin/devices?officeId=${office.id}` });
    const devices = (
      res.json() as { devices: { id: string; printerHealth?: { state: string; detail?: string } }[] }
    ).devices;
    return devices.find((d) => d.id === kiosk.deviceId)?.printerHealth;
  };
  const issue = () =>
    rig.call(kiosk, {
      method: 'POST',
      url: `/api/offices/${office.id}/tickets`,
      payload: { serviceId: 'civ' },
    });
  const staffStream = async () => {
    const officer = await rig.user('officer', [office.id]);
    const socket = await client(rig.url, { token: officer.token });
    sockets.push(socket);
    const ack = await request(socket, 'office:subscribe', { officeId: office.id });
    expect(ack.ok).toBe(true);
    const seen: { health: PrinterHealthEvent[]; failed: PrintFailedEvent[] } = { health: [], failed: [] };
    socket.on('printer:health', (e) => seen.health.push(e));
    socket.on('ticket:print-failed', (e) => seen.failed.push(e));
    return seen;
  };

  it('reports health on connecting, prints the kiosk’s tickets on its own printer, and alerts staff when it cannot', async () => {
    const seen = await staffStream();
    await startAgent();
    await expect.poll(health).toMatchObject({ state: 'ok' });
    await expect.poll(() => seen.health.length).toBeGreaterThan(0);
    expect(seen.health[0]).toMatchObject({ officeId: office.id, deviceId: kiosk.deviceId, state: 'ok' });

    const printed = await issue();
    expect(printed.json().print).toEqual({ status: 'printed', state: 'ok' });
    const bytes = printer.printed();
    expect([...bytes.slice(0, 2)]).toEqual(ESC_AT);
    // 58 mm paper: raster rows of 48 bytes (GS v 0, m, xL=48, xH=0).
    const gsv0 = bytes.findIndex((b, i) => b === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30);
    expect(bytes[gsv0 + 4]).toBe(48);

    printer.script({ status: STATES.paperEnd });
    const stuck = await issue();
    expect(stuck.json().print).toEqual({ status: 'not_printed', state: 'paper_end' });
    await expect.poll(() => seen.failed.length).toBe(1);
    expect(seen.failed[0]).toMatchObject({
      officeId: office.id,
      deviceId: kiosk.deviceId,
      ticketId: stuck.json().id,
      number: stuck.json().number,
      result: { status: 'not_printed', state: 'paper_end' },
    });
    expect(await health()).toMatchObject({ state: 'paper_end' });
  });

  it('keeps one agent per kiosk: a second one replaces the first, and a ticket prints once', async () => {
    const first = await startAgent();
    await startAgent();
    await expect.poll(() => first.isConnected).toBe(false);
    const before = printer.connections.total;
    expect((await issue()).json().print.status).toBe('printed');
    // One job = one connection to the printer (check, print, check).
    expect(printer.connections.total - before).toBe(1);
  });

  it('marks the printer offline when the agent goes away, and refuses a display token as an agent', async () => {
    const agent = await startAgent();
    await expect.poll(health).toMatchObject({ state: 'ok' });
    await agent.close();
    await expect.poll(health).toMatchObject({ state: 'offline', detail: 'print agent disconnected' });
    expect((await issue()).json().print).toEqual({ status: 'not_printed', state: 'offline' });

    const display = await rig.device('display', office.id);
    const impostor = new PrintAgent({
      serverUrl: rig.url,
      token: display.token,
      transport: createTransport(printer.url),
      log: () => undefined,
    });
    agents.push(impostor);
    await impostor.connected();
    await expect.poll(() => impostor.isConnected).toBe(false);
  });
});
