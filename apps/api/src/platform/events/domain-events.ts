import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';

/**
 * Event name -> payload type. Empty here: the module that publishes an event declares it beside its code
 * by augmenting this interface (see `modules/students/students.events.ts`), so the platform never names a
 * domain and a consumer reads the payload type from the publisher.
 *
 *   declare module '../../platform/events/domain-events' {
 *     interface DomainEventMap { 'students.enrolled': Enrolled[] }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by module augmentation
export interface DomainEventMap {}

export type DomainEventHandler<P> = (payload: P) => Promise<void>;

/** Raised when an event is published outside a transaction: the handlers' writes would not be atomic. */
export class EventOutsideTransactionError extends Error {
  constructor(event: string) {
    super(`Domain event "${event}" was published outside a transaction`);
    this.name = 'EventOutsideTransactionError';
  }
}

/**
 * In-transaction domain events, so a lower module can cause work in a module above it without importing
 * it (students enrols, fees invoices). The consuming module registers its handlers at module init (`on`),
 * any number per event. `publish` must be called inside `Database.transaction()`: it awaits the handlers
 * one after another, in registration order, in the caller's async context, so every repository call they
 * make joins the caller's transaction (the manager travels in the request context, see Database.manager).
 * A handler that throws propagates to the publisher and the whole business write rolls back; what the
 * handlers write (invoices, outbox messages) commits with it. No handler: nothing happens.
 *
 * Generic over the map so tests can use their own events; the application injects `DomainEvents`.
 */
export class TypedEvents<M extends object> {
  /** Each event's handlers; stored without their payload type, which `on` and `publish` pair by the key. */
  private readonly handlers = new Map<keyof M, DomainEventHandler<never>[]>();

  constructor(private readonly db: Database) {}

  /** Adds a handler for `event`; registering the same function twice keeps one. */
  on<K extends keyof M>(event: K, handler: DomainEventHandler<M[K]>): void {
    const list = this.handlers.get(event) ?? [];
    if (!list.includes(handler)) list.push(handler);
    this.handlers.set(event, list);
  }

  /** Runs every handler of `event` in the current transaction, in registration order; the first throw stops. */
  async publish<K extends keyof M>(event: K, payload: M[K]): Promise<void> {
    if (!this.db.inTransaction) throw new EventOutsideTransactionError(String(event));
    const list = (this.handlers.get(event) ?? []) as DomainEventHandler<M[K]>[];
    for (const handler of [...list]) await handler(payload);
  }
}

/** The application's events: the map the publishing modules declare. Modules inject this. */
@Injectable()
export class DomainEvents extends TypedEvents<DomainEventMap> {
  constructor(db: Database) {
    super(db);
  }
}
