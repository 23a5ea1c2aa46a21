/**
 * Offices, read side: the public list and configuration (kiosks, displays, the phone page — no
 * personal data, no login), and the live snapshot (members of the office: staff and its devices).
 */
import type { FastifyInstance } from 'fastify';
import { businessDate, issueWindow, sessionAt } from '../../shared/domain/calendar.js';
import type { OfficeConfig, OfficeState } from '../../shared/domain/types.js';
import { withVoiceDefaults } from '../../shared/i18n/announcement.js';
import { defaultVoicePack } from '../../shared/i18n/voice-pack.js';
import { QueueError } from '../../shared/protocol/errors.js';
import {
  OfficeListSchema,
  OfficeParamsSchema,
  PublicOfficeSchema,
  SnapshotSchema,
  type PublicOffice,
  type Snapshot,
} from '../../shared/protocol/http.js';
import type { AppContext } from '../app.js';
import { AUTHENTICATED, TAGS } from '../openapi.js';
import type { TicketStore } from '../store/types.js';
import { AUTH_ERRORS, errors, guard, typed } from './common.js';

export async function getOfficeOr404(store: TicketStore, officeId: string): Promise<OfficeConfig> {
  const office = await store.getOffice(officeId);
  if (!office) throw new QueueError('OFFICE_NOT_FOUND');
  return office;
}

/** The office's announcement settings with the defaults filled in and its clip pack chosen. */
export function officeVoice(office: OfficeConfig): PublicOffice['voice'] {
  const { packId, ...settings } = office.voice ?? {};
  const voice = withVoiceDefaults(settings);
  return { ...voice, packId: packId ?? defaultVoicePack(voice.dialect) };
}

/**
 * The public face of an office configuration at `now`. Built field by field: what is not named here
 * (the supervisor's `alerts` thresholds, counter weights) stays out of the public office.
 */
export function publicOffice(office: OfficeConfig, now: number): PublicOffice {
  const window = issueWindow(office, now);
  const openNow = sessionAt(office, now) !== undefined;
  const out: PublicOffice = {
    id: office.id,
    name: office.name,
    timeZone: office.timeZone,
    businessDate: businessDate(now, office.timeZone),
    sessions: office.sessions,
    holidays: office.holidays,
    // As configured, each with its `outcomes` when it has some (the officer console offers them).
    services: office.services,
    priorityAtKiosk: office.priorityAtKiosk ?? true,
    voice: officeVoice(office),
    notices: office.notices ?? [],
    counters: office.counters.map((c) => ({
      id: c.id,
      number: c.number,
      name: c.name,
      services: c.services.map((s) => s.serviceId),
    })),
    now,
    openNow,
    issuingNow: window.open,
  };
  if (office.serviceGroups) out.serviceGroups = office.serviceGroups;
  if (!window.open) {
    out.closedReason = window.reason;
    if (window.nextOpening !== undefined) out.nextOpening = window.nextOpening;
  }
  return out;
}

/** The snapshot: state plus, for each counter, its name and the ticket it holds. */
export async function snapshotOf(
  store: TicketStore,
  office: OfficeConfig,
  state: OfficeState,
): Promise<Snapshot> {
  const counters = await Promise.all(
    office.counters.map(async (config) => {
      const live = state.counters.find((c) => c.id === config.id);
      const current =
        live?.currentTicketId === undefined
          ? undefined
          : await store.getTicket(office.id, live.currentTicketId);
      const counter: Snapshot['counters'][number] = {
        id: config.id,
        number: config.number,
        name: config.name,
        status: live?.status ?? 'closed',
        since: live?.since ?? 0,
        currentTicket: current
          ? {
              id: current.id,
              number: current.number,
              serviceId: current.serviceId,
              status: current.status,
              priority: current.priority,
            }
          : null,
      };
      if (live?.pauseReason !== undefined) counter.pauseReason = live.pauseReason;
      if (live?.officerId !== undefined) counter.officerId = live.officerId;
      return counter;
    }),
  );
  return {
    officeId: state.officeId,
    seq: state.seq,
    businessDate: state.businessDate,
    counters,
    waiting: state.waiting,
    recentCalls: state.recentCalls,
  };
}

export async function officeRoutes(parent: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const app = typed(parent);
  const { store, clock } = opts.ctx;

  app.get(
    '/api/offices',
    {
      schema: {
        tags: [TAGS.offices],
        summary: 'List offices (public)',
        response: { 200: OfficeListSchema },
      },
    },
    async () => {
      const ids = await store.listOffices();
      const configs = await Promise.all(ids.map((id) => store.getOffice(id)));
      return {
        offices: configs.flatMap((c) => (c ? [{ id: c.id, name: c.name }] : [])),
      };
    },
  );

  app.get(
    '/api/offices/:officeId',
    {
      schema: {
        tags: [TAGS.offices],
        summary: 'Public configuration of an office, and whether it is open now',
        params: OfficeParamsSchema,
        response: { 200: PublicOfficeSchema, ...errors('OFFICE_NOT_FOUND') },
      },
    },
    async (req) => publicOffice(await getOfficeOr404(store, req.params.officeId), clock()),
  );

  app.get(
    '/api/offices/:officeId/snapshot',
    {
      ...guard('office:read-live'),
      schema: {
        tags: [TAGS.offices],
        summary: 'Live picture of an office: counters, waiting per service, recent calls',
        description: 'For members of the office (staff, its kiosks and displays). Live events follow `seq`.',
        security: AUTHENTICATED,
        params: OfficeParamsSchema,
        response: { 200: SnapshotSchema, ...errors(...AUTH_ERRORS, 'OFFICE_NOT_FOUND') },
      },
    },
    async (req) => {
      const office = await getOfficeOr404(store, req.params.officeId);
      return snapshotOf(store, office, await store.getState(office.id));
    },
  );
}
