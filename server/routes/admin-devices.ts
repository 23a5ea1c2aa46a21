/**
 * Kiosks and displays: pair (the token is answered once, only its hash is kept), list, revoke.
 * Admins manage every office's devices; supervisors those of their offices.
 */
import type { FastifyInstance } from 'fastify';
import {
  CreateDeviceBodySchema,
  CreateDeviceReplySchema,
  DeviceListQuerySchema,
  DeviceListReplySchema,
  DeviceParamsSchema,
  DeviceReplySchema,
} from '../../shared/protocol/accounts.js';
import { QueueError } from '../../shared/protocol/errors.js';
import { PrinterSettingsSchema } from '../../shared/protocol/printing.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import { can } from '../auth/access.js';
import { denied, fromBody, fromQuery } from '../auth/plugin.js';
import type { Principal } from '../auth/principal.js';
import { publicDevice } from '../auth/views.js';
import { AUTH_ERRORS, errors, guard, typed } from './common.js';

/** Admins and supervisors manage devices (of some office); nobody else manages any. */
function managesDevices(p: Principal): boolean {
  return p.kind === 'user' && (p.role === 'admin' || p.role === 'supervisor');
}

export async function adminDeviceRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const r = typed(parent);
  const { ctx } = opts;

  r.post(
    '/api/admin/devices',
    {
      ...guard('admin:devices', fromBody('officeId')),
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'Pair a kiosk or display with an office; answers its token once',
        body: CreateDeviceBodySchema,
        response: { 201: CreateDeviceReplySchema, ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND') },
      },
    },
    async (req, reply) => {
      const { kind, officeId, name } = req.body;
      if (!(await ctx.store.getOffice(officeId))) throw new QueueError('OFFICE_NOT_FOUND');
      const { device, token } = await ctx.accounts.createDevice({ kind, officeId, name });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ device: publicDevice(device), token });
    },
  );

  r.get(
    '/api/admin/devices',
    {
      ...guard('admin:devices', fromQuery('officeId')),
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'List devices (of one office with ?officeId=; all offices for admins)',
        querystring: DeviceListQuerySchema,
        response: { 200: DeviceListReplySchema, ...errors(...AUTH_ERRORS) },
      },
    },
    async (req) => ({ devices: (await ctx.accounts.listDevices(req.query.officeId)).map(publicDevice) }),
  );

  r.put(
    '/api/admin/devices/:deviceId/printer',
    {
      preValidation: async (req) => {
        if (!managesDevices(req.principal)) throw denied(req.principal);
      },
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'Set how a kiosk reaches its ticket printer',
        description:
          'mode `server`: the server prints to `url` (tcp://host:9100, usb:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=115200); ' +
          '`agent`: a print agent on the kiosk PC prints (`npm run print-agent`); `browser`: the kiosk page prints ' +
          'an 80 mm HTML ticket; `none`: screen only. See docs/printing.md.',
        params: DeviceParamsSchema,
        body: PrinterSettingsSchema,
        response: {
          200: DeviceReplySchema,
          ...errors(...AUTH_ERRORS, 'DEVICE_NOT_FOUND', 'NOT_A_KIOSK', 'INVALID_INPUT'),
        },
      },
    },
    async (req) => {
      const p = req.principal;
      const device = await ctx.accounts.getDevice(req.params.deviceId);
      if (!device) throw new QueueError('DEVICE_NOT_FOUND');
      if (!can(p, 'admin:devices', device.officeId)) throw denied(p);
      if (device.kind !== 'kiosk') throw new QueueError('NOT_A_KIOSK');
      const printer = req.body;
      if (printer.mode === 'server' && printer.url === undefined) {
        throw new QueueError('INVALID_INPUT', {
          fields: ['body.url'],
          problems: ['body.url: mode "server" needs the printer’s address, e.g. tcp://192.168.1.50:9100'],
        });
      }
      const updated = await ctx.accounts.setDevicePrinter(device.id, printer);
      if (!updated) throw new QueueError('DEVICE_NOT_FOUND');
      return { device: publicDevice(updated) };
    },
  );

  r.post(
    '/api/admin/devices/:deviceId/revoke',
    {
      // Who may manage devices somewhere learns whether the id exists; nobody else does.
      preValidation: async (req) => {
        if (!managesDevices(req.principal)) throw denied(req.principal);
      },
      schema: {
        tags: [TAGS.admin],
        security: AUTHENTICATED,
        summary: 'Revoke a device: its token stops working at once (idempotent)',
        params: DeviceParamsSchema,
        response: { 200: DeviceReplySchema, ...errors(...AUTH_ERRORS, 'DEVICE_NOT_FOUND') },
      },
    },
    async (req) => {
      const p = req.principal;
      const device = await ctx.accounts.getDevice(req.params.deviceId);
      if (!device) throw new QueueError('DEVICE_NOT_FOUND');
      if (!can(p, 'admin:devices', device.officeId)) throw denied(p);
      const revoked = await ctx.accounts.revokeDevice(device.id);
      if (!revoked) throw new QueueError('DEVICE_NOT_FOUND');
      return { device: publicDevice(revoked) };
    },
  );
}
