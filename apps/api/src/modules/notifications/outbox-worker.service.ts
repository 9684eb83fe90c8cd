import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../../platform/config/app-config';
import { Database } from '../../platform/database/database';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { RequestContext } from '../../platform/tenancy/request-context';
import { ChannelSettingsService } from './channel-settings.service';
import { ChannelAdapter, ChannelError, Delivery, Rendered } from './channels/channel';
import { EmailChannel } from './channels/email.channel';
import { SmsChannel } from './channels/sms.channel';
import { WhatsAppChannel } from './channels/whatsapp.channel';
import { quietUntil, retryDelayMs } from './delivery-timing';
import { ConsentChannel, ConsentPurpose } from './entities/consent.entity';
import { MessageEventKind } from './entities/message-event.entity';
import { OutboxChannel, OutboxMessage } from './entities/outbox-message.entity';
import { ConsentsRepository, MessageEventsRepository } from './notifications.repositories';
import { OutboxClaims } from './outbox-claims';
import { OutboxRepository } from './outbox.repository';
import { recipientCell } from './outbox.service';
import { templateKind } from './template-catalogue';
import { matchesDlt, render, variableProblem } from './template-renderer';
import { TemplatesService } from './templates.service';

/** A worker holds a claimed message this long; renewed before each send, well past the provider timeout. */
export const LEASE_MS = 60_000;
export const BATCH_SIZE = 20;
const RETRY_MAX_MS = 6 * 60 * 60_000;

export type Outcome = 'sent' | 'retry' | 'dead' | 'deferred' | 'cancelled' | 'lost';

export interface DrainReport {
  claimed: number;
  sent: number;
  retry: number;
  dead: number;
  deferred: number;
  cancelled: number;
  /** Messages whose lease another worker took over before this one got to them. */
  lost: number;
  /** Claimed but given back because the worker is stopping. */
  released: number;
}

export interface DrainOptions {
  limit?: number;
  /** The claim's notion of now (tests move it past a lease). */
  at?: Date;
  /** Checked before each message: a stopping worker finishes the message in hand and releases the rest. */
  shouldStop?: () => boolean;
}

type Plan =
  | { kind: 'send'; adapter: ChannelAdapter<unknown>; delivery: Delivery<unknown> }
  | { kind: 'defer'; until: Date }
  | { kind: 'cancel'; reason: string }
  | { kind: 'dead'; reason: string };

/**
 * Drains the outbox (issue 7 item 1): claims due messages across institutions (OutboxClaims), then
 * handles each inside its own institution's context: quiet hours, consent, the template and its
 * declaration, the channel's settings, the send, and the outcome under the lease it holds. Failures the
 * provider may recover from are retried with exponential backoff and jitter until the attempts run out,
 * then the message is dead with its reason; an operator can retry it (DeliveryLogService.retry).
 */
@Injectable()
export class OutboxWorker {
  private readonly logger = new Logger('NotificationsWorker');
  private readonly adapters: Record<OutboxChannel, ChannelAdapter<unknown>>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly claims: OutboxClaims,
    private readonly outbox: OutboxRepository,
    private readonly events: MessageEventsRepository,
    private readonly consents: ConsentsRepository,
    private readonly templates: TemplatesService,
    private readonly channels: ChannelSettingsService,
    private readonly crypto: FieldCrypto,
    email: EmailChannel,
    sms: SmsChannel,
    whatsapp: WhatsAppChannel,
  ) {
    this.adapters = { email, sms, whatsapp } as Record<OutboxChannel, ChannelAdapter<unknown>>;
  }

  /** One pass: claim up to a batch and handle each message. Tests call this to deliver deterministically. */
  async drainOnce(options: DrainOptions = {}): Promise<DrainReport> {
    const report: DrainReport = {
      claimed: 0,
      sent: 0,
      retry: 0,
      dead: 0,
      deferred: 0,
      cancelled: 0,
      lost: 0,
      released: 0,
    };
    const claim = await this.claims.claim(options.limit ?? BATCH_SIZE, LEASE_MS, options.at);
    report.claimed = claim.messages.length;
    // Settings, preferences and templates read once per institution per pass (a change applies next pass).
    const memo = new Map<string, Promise<unknown>>();
    for (const [i, message] of claim.messages.entries()) {
      if (options.shouldStop?.()) {
        report.released = await this.release(claim.messages.slice(i), claim.token);
        break;
      }
      report[await this.handle(message.tenantId, message.id, claim.token, memo)]++;
    }
    return report;
  }

  /** Gives claimed, unstarted messages back (status pending, due now, the claim not counted). */
  private async release(messages: { tenantId: string; id: string }[], token: string): Promise<number> {
    const byTenant = new Map<string, string[]>();
    for (const m of messages) byTenant.set(m.tenantId, [...(byTenant.get(m.tenantId) ?? []), m.id]);
    let released = 0;
    for (const [tenantId, ids] of byTenant)
      released += await this.context.runAsTenant(tenantId, () =>
        this.db.transaction(() => this.outbox.release(ids, token, new Date())),
      );
    return released;
  }

  private event(
    messageId: string,
    event: MessageEventKind,
    detail: string | null,
    attempt: number | null,
    at = new Date(),
  ) {
    return this.events.add([
      {
        id: uuidv7(),
        messageId,
        event,
        detail: detail?.slice(0, 500) ?? null,
        attempt,
        dedupeKey: null,
        occurredAt: at,
      },
    ]);
  }

  /** Handles one claimed message in its institution; never throws (a failure becomes a retry). */
  async handle(
    tenantId: string,
    id: string,
    token: string,
    memo = new Map<string, Promise<unknown>>(),
  ): Promise<Outcome> {
    const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
      const k = `${tenantId}:${key}`;
      if (!memo.has(k)) memo.set(k, load());
      return memo.get(k) as Promise<T>;
    };
    return this.context.runAsTenant(tenantId, async () => {
      const message = await this.db.transaction(async () => {
        if ((await this.outbox.renewLease(id, token, new Date(Date.now() + LEASE_MS))) === 0) return null;
        return this.outbox.findById(id);
      });
      if (!message) return 'lost';
      let plan: Plan;
      try {
        plan = await this.plan(message, once);
      } catch (error) {
        return this.failed(message, token, `could not prepare: ${errorText(error)}`, false);
      }
      if (plan.kind === 'defer')
        return this.conclude(message, token, 'deferred', () => this.outbox.defer(id, token, plan.until), [
          'deferred',
          `quiet hours until ${plan.until.toISOString()}`,
        ]);
      if (plan.kind === 'cancel')
        return this.conclude(
          message,
          token,
          'cancelled',
          () => this.outbox.finish(id, token, { status: 'cancelled', lastError: plan.reason }),
          ['cancelled', plan.reason],
        );
      if (plan.kind === 'dead') return this.failed(message, token, plan.reason, true);
      let providerMessageId: string | null;
      try {
        ({ providerMessageId } = await plan.adapter.send(plan.delivery));
      } catch (error) {
        const permanent = error instanceof ChannelError ? error.permanent : false;
        return this.failed(message, token, withoutAddresses(errorText(error)), permanent);
      }
      return this.conclude(
        message,
        token,
        'sent',
        () =>
          this.outbox.finish(id, token, {
            status: 'sent',
            sentAt: new Date(),
            providerMessageId,
            lastError: null,
          }),
        ['sent', providerMessageId ? `provider id ${providerMessageId}` : null],
      );
    });
  }

  /** Records an outcome under the lease; if the lease was lost meanwhile nothing is overwritten. */
  private async conclude(
    message: OutboxMessage,
    token: string,
    outcome: Outcome,
    update: () => Promise<number>,
    [event, detail]: [MessageEventKind, string | null],
    at = new Date(),
  ): Promise<Outcome> {
    const done = await this.db.transaction(async () => {
      if ((await update()) === 0) return false;
      await this.event(message.id, event, detail, message.attempts, at);
      return true;
    });
    if (!done) this.logger.warn(`message ${message.id}: lease lost before its ${outcome} was recorded`);
    return done ? outcome : 'lost';
  }

  private failed(
    message: OutboxMessage,
    token: string,
    reason: string,
    permanent: boolean,
  ): Promise<Outcome> {
    const max = this.config.notifications.maxAttempts;
    if (permanent || message.attempts >= max) {
      const why = permanent ? reason : `gave up after ${message.attempts} attempts: ${reason}`;
      this.logger.warn(`message ${message.id} (${message.template} by ${message.channel}) is dead: ${why}`);
      return this.conclude(
        message,
        token,
        'dead',
        () => this.outbox.finish(message.id, token, { status: 'dead', lastError: why.slice(0, 500) }),
        ['dead', why],
      );
    }
    const failedAt = new Date();
    const next = new Date(
      failedAt.getTime() +
        retryDelayMs(message.attempts, {
          baseMs: this.config.notifications.retryBaseMs,
          maxMs: RETRY_MAX_MS,
        }),
    );
    return this.conclude(
      message,
      token,
      'retry',
      () =>
        this.outbox.finish(message.id, token, {
          status: 'pending',
          nextAttemptAt: next,
          lastError: reason.slice(0, 500),
        }),
      ['attempt_failed', `${reason} (next attempt ${next.toISOString()})`],
      failedAt,
    );
  }

  /** Everything short of sending: what to do with this message and, to send, what exactly. */
  private async plan(
    message: OutboxMessage,
    once: <T>(key: string, load: () => Promise<T>) => Promise<T>,
  ): Promise<Plan> {
    const kind = templateKind(message.template);
    if (!kind) return { kind: 'dead', reason: `unknown template ${message.template}` };
    if (!kind.channels.includes(message.channel))
      return { kind: 'dead', reason: `${message.template} is not sent by ${message.channel}` };
    if (message.guardianId && message.purpose) {
      const still = await this.consents.isGranted(
        message.guardianId,
        message.channel as ConsentChannel,
        message.purpose as ConsentPurpose,
      );
      if (!still) return { kind: 'cancel', reason: 'consent withdrawn' };
    }
    const preferences = await once('preferences', () => this.channels.getPreferences());
    // Quiet hours hold messages to families; account messages (a reset link the user is waiting for) go.
    if (kind.purpose !== null) {
      const until = quietUntil(preferences.quietHours, preferences.timeZone, new Date());
      if (until) return { kind: 'defer', until };
    }
    let variables: Record<string, unknown>;
    try {
      variables = JSON.parse(message.variables) as Record<string, unknown>;
    } catch {
      return { kind: 'dead', reason: 'variables are not valid JSON' };
    }
    const problem = variableProblem(kind, variables);
    if (problem) return { kind: 'dead', reason: problem };
    const values = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)]));
    const template = await once(`template:${kind.name}`, () =>
      this.templates.resolve(kind.name, preferences.defaultLanguage),
    );
    const content = template?.content;
    const label = `${kind.name} (${template?.language ?? preferences.defaultLanguage})`;
    let rendered: Rendered;
    if (message.channel === 'email') {
      if (!content?.email) return { kind: 'dead', reason: `${label} has no email wording` };
      rendered = {
        channel: 'email',
        subject: render(content.email.subject, values).replace(/[\r\n]+/g, ' '),
        text: render(content.email.body, values),
      };
    } else if (message.channel === 'sms') {
      if (!content?.sms) return { kind: 'dead', reason: `${label} has no SMS wording` };
      if (!content.sms.dltTemplateId || !content.sms.dltTemplate)
        return { kind: 'dead', reason: `${label}: no DLT template id registered for the SMS wording` };
      const text = render(content.sms.body, values);
      if (!matchesDlt(text, content.sms.dltTemplate))
        return {
          kind: 'dead',
          reason: `${label}: the SMS text does not match DLT template ${content.sms.dltTemplateId}; refused before sending`,
        };
      rendered = { channel: 'sms', text, dltTemplateId: content.sms.dltTemplateId };
    } else {
      if (!content?.whatsapp) return { kind: 'dead', reason: `${label} has no WhatsApp template` };
      rendered = {
        channel: 'whatsapp',
        templateName: content.whatsapp.templateName,
        languageCode: content.whatsapp.languageCode,
        parameters: content.whatsapp.parameters.map((p) => values[p] ?? ''),
      };
    }
    const settings = await once(`channel:${message.channel}`, () => this.channels.forSend(message.channel));
    if (!settings.ok) return { kind: 'dead', reason: settings.reason };
    const to = message.recipientEnc
      ? await this.crypto.decrypt(recipientCell(message.id), message.recipientEnc)
      : message.recipient;
    if (!to) return { kind: 'dead', reason: 'no recipient address' };
    return {
      kind: 'send',
      adapter: this.adapters[message.channel],
      delivery: { messageId: message.id, to, rendered, settings: settings.settings },
    };
  }
}

/** Provider errors may quote the recipient: keep addresses and numbers out of the log and the row (DAT-05). */
export function withoutAddresses(text: string): string {
  return text
    .replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g, '[address]')
    .replace(/\+?\d[\d\s-]{7,}\d/g, '[number]');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
