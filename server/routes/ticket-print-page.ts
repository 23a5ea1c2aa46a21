/**
 * `GET /t/:ticketId/print`: the 80 mm HTML ticket a kiosk in browser-printing mode loads in a hidden
 * frame and prints. Public like the phone page (the id is the key); framable by our own pages only.
 */
import type { FastifyInstance } from 'fastify';
import { TicketParamsSchema } from '../../shared/protocol/http.js';
import type { AppContext } from '../app.js';
import { currentTicket } from '../operations/public-ticket.js';
import { printableTicket } from '../printing/dispatch.js';
import { ticketHtml } from '../printing/html-ticket.js';
import { aheadOf, phoneUrlOf, typed } from './common.js';

const NOT_FOUND_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Không tìm thấy</title></head>
<body><p>Không tìm thấy số thứ tự này / Ticket not found</p></body></html>`;

export async function ticketPrintPageRoutes(
  parent: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const app = typed(parent);
  const { store, clock, config } = opts.ctx;
  app.get(
    '/t/:ticketId/print',
    { schema: { hide: true, params: TicketParamsSchema } },
    async (req, reply) => {
      // The kiosk page frames this one; helmet's defaults forbid any framing.
      reply
        .header('x-frame-options', 'SAMEORIGIN')
        .header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
        )
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8');
      const ticket = await currentTicket(store, req.params.ticketId);
      const office = ticket && (await store.officeConfig(ticket.officeId));
      if (!ticket || !office) return reply.code(404).send(NOT_FOUND_PAGE);
      return ticketHtml(
        printableTicket({
          office,
          ticket,
          ahead: await aheadOf(store, office, ticket, clock),
          phoneUrl: phoneUrlOf(req, config.publicUrl, ticket.id),
        }),
      );
    },
  );
}
