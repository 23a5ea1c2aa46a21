/**
 * In-process fan-out of the engine's events after each successful command: the socket.io
 * broadcaster and the metrics listen here. Across processes, socket.io's Redis adapter carries the
 * broadcast; nothing else needs the bus.
 */
import { EventEmitter } from 'node:events';
import type { Command, OfficeConfig, OfficeEvent, OfficeState, Ticket } from '../../shared/domain/types.js';
import type {
  DayActivity,
  EventsPage,
  PutOfficeOptions,
  QueuePosition,
  TicketStore,
  WaitingLists,
} from '../store/types.js';

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  publish(event: OfficeEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: OfficeEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

/**
 * The store every route and socket handler uses: the engine, publishing each command's event on
 * the bus. A repeated requestId republishes the first event with its original seq; clients ignore
 * a seq they have already seen.
 */
export class PublishingStore implements TicketStore {
  readonly kind: TicketStore['kind'];

  constructor(
    private readonly inner: TicketStore,
    private readonly bus: EventBus,
  ) {
    this.kind = inner.kind;
  }

  async execute(officeId: string, command: Command): Promise<OfficeEvent> {
    const event = await this.inner.execute(officeId, command);
    this.bus.publish(event);
    return event;
  }

  putOffice(config: OfficeConfig, opts?: PutOfficeOptions): Promise<void> {
    return this.inner.putOffice(config, opts);
  }
  officeConfig(officeId: string): Promise<OfficeConfig | undefined> {
    return this.inner.officeConfig(officeId);
  }
  getOffice(officeId: string): Promise<OfficeConfig | undefined> {
    return this.inner.getOffice(officeId);
  }
  listOffices(): Promise<string[]> {
    return this.inner.listOffices();
  }
  getState(officeId: string): Promise<OfficeState> {
    return this.inner.getState(officeId);
  }
  getTicket(officeId: string, ticketId: string): Promise<Ticket | undefined> {
    return this.inner.getTicket(officeId, ticketId);
  }
  findTicket(ticketId: string): Promise<Ticket | undefined> {
    return this.inner.findTicket(ticketId);
  }
  queuePosition(officeId: string, ticket: Ticket): Promise<QueuePosition | undefined> {
    return this.inner.queuePosition(officeId, ticket);
  }
  waitingLists(officeId: string, listIds: readonly string[], limitPerList: number): Promise<WaitingLists> {
    return this.inner.waitingLists(officeId, listIds, limitPerList);
  }
  dayActivity(officeId: string): Promise<DayActivity> {
    return this.inner.dayActivity(officeId);
  }
  saveOfficeData(officeId: string, key: string, value: unknown): Promise<void> {
    return this.inner.saveOfficeData(officeId, key, value);
  }
  loadOfficeData(officeId: string, key: string): Promise<unknown> {
    return this.inner.loadOfficeData(officeId, key);
  }
  eventsSince(officeId: string, afterSeq: number, limit?: number): Promise<EventsPage> {
    return this.inner.eventsSince(officeId, afterSeq, limit);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
