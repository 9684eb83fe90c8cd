import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { mask } from '../../platform/security/data-classification';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { OutboxChannel, OutboxMessage } from './entities/outbox-message.entity';
import { OutboxRepository } from './outbox.repository';

export interface OutboxRequest {
  channel: OutboxChannel;
  template: string;
  /** Phone number (E.164) or email address; nothing else about the person (PRV-06). */
  recipient: string;
  variables: Record<string, string | number>;
  /**
   * Same key, same message: re-saving a register or re-running a reminder job never enqueues twice.
   * Build it from the cause, e.g. `absence:<studentId>:<date>:<guardianId>:sms`.
   */
  idempotencyKey: string;
  /** Consent purpose of a message to a guardian (withdrawing that consent cancels it while unsent). */
  purpose?: string;
  guardianId?: string;
  /**
   * Keep the address encrypted (an address copied from an encrypted record, such as a guardian's phone):
   * the row then holds only its mask in clear. The institution must already have a data key.
   */
  protectRecipient?: boolean;
}

const CHANNELS: readonly OutboxChannel[] = ['email', 'sms', 'whatsapp'];

type NewOutboxRow = Omit<OutboxMessage, 'tenantId' | 'createdAt' | 'updatedAt'>;

/** What is wrong with a request, with field names under `prefix` (empty for a single message). */
function problemsOf(request: OutboxRequest, prefix: string): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!CHANNELS.includes(request.channel))
    problems.push({ field: `${prefix}channel`, message: `must be one of ${CHANNELS.join(', ')}` });
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(request.template))
    problems.push({ field: `${prefix}template`, message: 'must be a snake_case template name' });
  if (!request.recipient || request.recipient.length > 320)
    problems.push({ field: `${prefix}recipient`, message: 'is required (at most 320 characters)' });
  if (!request.idempotencyKey || request.idempotencyKey.length > 160)
    problems.push({ field: `${prefix}idempotencyKey`, message: 'is required (at most 160 characters)' });
  return problems;
}

export const recipientCell = (id: string) => ({
  table: 'outbox_messages',
  column: 'recipient_enc',
  rowId: id,
});

/**
 * The transactional outbox every module writes to. `enqueue` joins the caller's transaction (see
 * Database.transaction), so a message exists exactly when the change that caused it committed.
 * Delivery is the notifications worker's job.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    private readonly crypto: FieldCrypto,
  ) {}

  /** Enqueues a message once per idempotency key; returns the stored message and whether it is new. */
  async enqueue(request: OutboxRequest): Promise<{ message: OutboxMessage; created: boolean }> {
    const problems = problemsOf(request, '');
    if (problems.length > 0) throw new ValidationFailedError(problems);

    return this.db.transaction(async () => {
      const existing = await this.outbox.findByIdempotencyKey(request.idempotencyKey);
      if (existing) return { message: existing, created: false };
      const row = await this.row(request);
      await this.outbox.add(row);
      return { message: (await this.outbox.findById(row.id))!, created: true };
    });
  }

  /**
   * Enqueues a batch in one round of statements (one lookup of the keys, one INSERT): what a register
   * save that marks several students absent writes. Keys already stored, or repeated in the batch, are
   * skipped; answers how many messages are new.
   */
  async enqueueMany(requests: OutboxRequest[]): Promise<{ created: number }> {
    const problems = requests.flatMap((r, i) => problemsOf(r, `messages.${i}.`));
    if (problems.length > 0) throw new ValidationFailedError(problems);
    if (requests.length === 0) return { created: 0 };

    return this.db.transaction(async () => {
      const taken = await this.outbox.existingIdempotencyKeys(requests.map((r) => r.idempotencyKey));
      const fresh = requests.filter((r) => {
        if (taken.has(r.idempotencyKey)) return false;
        taken.add(r.idempotencyKey);
        return true;
      });
      await this.outbox.addMany(await Promise.all(fresh.map((r) => this.row(r))));
      return { created: fresh.length };
    });
  }

  /** Status, shown address (masked when protected) and last error of messages, for account invitations. */
  async deliveryOf(
    ids: string[],
  ): Promise<Map<string, Pick<OutboxMessage, 'status' | 'recipient' | 'lastError'>>> {
    const rows = ids.length ? await this.outbox.findByIds(ids) : [];
    return new Map(
      rows.map((m) => [m.id, { status: m.status, recipient: m.recipient, lastError: m.lastError }]),
    );
  }

  private async row(request: OutboxRequest): Promise<NewOutboxRow> {
    const id = uuidv7();
    const protect = request.protectRecipient === true;
    return {
      id,
      channel: request.channel,
      template: request.template,
      recipient: protect
        ? (mask(request.channel === 'email' ? 'email' : 'phone', request.recipient) ?? '')
        : request.recipient,
      variables: JSON.stringify(request.variables),
      idempotencyKey: request.idempotencyKey,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
      lastError: null,
      sentAt: null,
      purpose: request.purpose ?? null,
      guardianId: request.guardianId ?? null,
      recipientEnc: protect ? await this.crypto.encrypt(recipientCell(id), request.recipient) : null,
      leaseToken: null,
      providerMessageId: null,
      deliveredAt: null,
      readAt: null,
    };
  }
}
