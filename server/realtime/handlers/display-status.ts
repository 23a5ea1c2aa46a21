/**
 * `display:status` from a display device (its sound works, or is blocked by the browser) → the
 * office's staff, live, so that a silent TV does not go unnoticed.
 */
import {
  DISPLAY_STATUS_EVENT,
  DisplayStatusReportSchema,
  type DisplayStatusReport,
} from '../../../shared/protocol/display.js';
import { officeRoom } from '../rooms.js';
import {
  currentPrincipal,
  denied,
  onRequest,
  parse,
  type HandlerContext,
  type LiveServer,
  type LiveSocket,
} from './common.js';

export function registerDisplayStatusHandlers(io: LiveServer, socket: LiveSocket, ctx: HandlerContext): void {
  onRequest(socket, ctx, DISPLAY_STATUS_EVENT, async (input) => {
    const report = parse<DisplayStatusReport>(DisplayStatusReportSchema, input);
    const p = await currentPrincipal(socket, ctx);
    if (p.kind !== 'device' || p.deviceKind !== 'display') throw denied(p);
    io.to(officeRoom(p.officeId, 'staff')).emit(DISPLAY_STATUS_EVENT, {
      ...report,
      officeId: p.officeId,
      deviceId: p.deviceId,
      at: ctx.clock(),
    });
    return {};
  });
}
