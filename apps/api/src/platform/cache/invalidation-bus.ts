import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { createRedisClient } from '../redis/redis-client';

/** What changed: the caches of every process drop what they hold about it. */
export type Invalidation =
  /** These sessions were revoked (logout, password change, deactivation, role change, reuse). */
  | { kind: 'sessions'; tenantId: string; ids: string[] }
  /** A user's roles changed; without `userId`, a role's permissions changed for every holder. */
  | { kind: 'grants'; tenantId: string; userId?: string }
  /** The institution row changed (status: suspension, settings). */
  | { kind: 'institution'; tenantId: string };

export const INVALIDATION_CHANNEL = 'shala:invalidate';
/** Each subscriber answers every invalidation here once it has applied it. */
export const ACK_CHANNEL = 'shala:invalidate:ack';

type Handler = (message: Invalidation) => void;

/**
 * Tells every API process that cached identity state changed, right after the change commits: in this
 * process at once, and in the other replicas through Redis pub/sub when REDIS_URL is set. The writer waits
 * until every subscribed process has applied the change and said so (ACK_CHANNEL, at most the Redis
 * command timeout), so when its request answers, the very next request on any replica sees the change.
 *
 * `shared` is true only while this process is subscribed; whenever the subscription is lost or comes back,
 * every cache is emptied (`onReset`), since messages sent meanwhile were missed. Caches use the long TTL only
 * while `shared`; without Redis they use a short one (a replica or a CLI process writing the same database
 * cannot reach this one).
 */
@Injectable()
export class InvalidationBus implements OnApplicationShutdown {
  private readonly logger = new Logger('InvalidationBus');
  private readonly handlers: Handler[] = [];
  private readonly resets: (() => void)[] = [];
  private readonly publisher: Redis | null;
  private readonly subscriber: Redis | null;
  private subscribed = false;
  private readonly ackTimeoutMs: number;
  private readonly waiting = new Map<string, { acks: number; expected: number | null; done: () => void }>();
  /** This process's id: its own messages come back from Redis and are not applied twice. */
  readonly origin = randomUUID();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Database,
  ) {
    this.ackTimeoutMs = config.redisTimeouts.commandTimeoutMs;
    if (!config.redisUrl) {
      this.publisher = this.subscriber = null;
      return;
    }
    this.publisher = createRedisClient(config.redisUrl, config.redisTimeouts);
    const subscriber = createRedisClient(config.redisUrl, config.redisTimeouts);
    this.subscriber = subscriber;
    subscriber.on('ready', () => {
      subscriber.subscribe(INVALIDATION_CHANNEL, ACK_CHANNEL).then(
        () => this.setSubscribed(true),
        () => this.setSubscribed(false),
      );
    });
    for (const event of ['close', 'end', 'reconnecting'])
      subscriber.on(event, () => this.setSubscribed(false));
    subscriber.on('message', (channel: string, raw: string) =>
      channel === ACK_CHANNEL ? this.acknowledged(raw) : this.receive(raw),
    );
  }

  /** Whether other processes' changes reach this one (Redis configured and subscribed). */
  get shared(): boolean {
    return this.subscribed;
  }

  private setSubscribed(value: boolean): void {
    if (this.subscribed === value) return;
    this.subscribed = value;
    this.reset();
  }

  /** Empties every cache: messages may have been missed. */
  private reset(): void {
    for (const r of this.resets) r();
  }

  on(handler: Handler): void {
    this.handlers.push(handler);
  }

  onReset(handler: () => void): void {
    this.resets.push(handler);
  }

  private apply(message: Invalidation): void {
    for (const h of this.handlers) h(message);
  }

  private receive(raw: string): void {
    try {
      const { origin, id, message } = JSON.parse(raw) as {
        origin: string;
        id: string;
        message: Invalidation;
      };
      if (origin !== this.origin) this.apply(message);
      this.publisher?.publish(ACK_CHANNEL, id).catch(() => undefined);
    } catch {
      this.reset();
    }
  }

  private acknowledged(id: string): void {
    const w = this.waiting.get(id);
    if (!w) return;
    w.acks++;
    if (w.expected !== null && w.acks >= w.expected) w.done();
  }

  /** Publishes and waits for every subscriber's acknowledgement, up to the Redis command timeout. */
  private async broadcast(publisher: Redis, message: Invalidation): Promise<void> {
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const acked = new Promise<boolean>((resolve) => {
      this.waiting.set(id, { acks: 0, expected: null, done: () => resolve(true) });
      timer = setTimeout(() => resolve(false), this.ackTimeoutMs);
    });
    try {
      const receivers = await publisher.publish(
        INVALIDATION_CHANNEL,
        JSON.stringify({ origin: this.origin, id, message }),
      );
      // acknowledgements may arrive before the publish's own answer
      const w = this.waiting.get(id)!;
      w.expected = receivers;
      if (w.acks >= receivers) w.done();
      if (!(await acked)) this.logger.warn(`a ${message.kind} invalidation was not acknowledged in time`);
    } finally {
      clearTimeout(timer);
      this.waiting.delete(id);
    }
  }

  /**
   * Announces a change once it is committed (at once outside a transaction; never after a rollback). The
   * message is applied here first, then published; the caller's response waits for Redis to take it, so
   * the next request anywhere sees the change. A publish that fails is logged: other replicas then drop
   * the entry only when it expires (their TTL), unless their own subscription broke too (then they reset).
   */
  async publish(message: Invalidation): Promise<void> {
    this.apply(message);
    await this.db.afterCommit(async () => {
      this.apply(message);
      if (!this.publisher) return;
      try {
        await this.broadcast(this.publisher, message);
      } catch (error) {
        this.logger.warn(
          `could not publish a ${message.kind} invalidation: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
  }

  onApplicationShutdown(): void {
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }
}
