import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { normalisePhone } from '../../platform/security/field-crypto';
import { StudentsService } from '../students/students.service';
import { ChannelSettingsService } from './channel-settings.service';
import { CONSENT_PURPOSES, ConsentPurpose } from './entities/consent.entity';
import { ConsentsRepository } from './notifications.repositories';
import { OutboxService } from './outbox.service';
import { templateKind } from './template-catalogue';

export interface GuardianNotice {
  guardianIds: string[];
  purpose: ConsentPurpose;
  /** A template kind for that purpose, e.g. absence_alert for absence_alerts. */
  template: string;
  /** Exactly the kind's declared variables (GET /notifications/template-kinds); nothing else (PRV-06). */
  variables: Record<string, string | number>;
  /** The cause, e.g. `absence:<studentId>:<date>`; each message's key is `${key}:${guardianId}:${channel}`. */
  idempotencyKey: string;
}

const MAX_KEY = 160 - ':'.length * 2 - 36 - 'whatsapp'.length;

/**
 * How other modules message families: inside the caller's transaction, one outbox message per guardian
 * per channel the guardian opted into for the purpose (PRV-01) and the institution has enabled, to that
 * guardian's phone or email. Re-saving the same cause enqueues nothing new (idempotency keys).
 */
@Injectable()
export class GuardianNotifier {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxService,
    private readonly consents: ConsentsRepository,
    private readonly channels: ChannelSettingsService,
    private readonly students: StudentsService,
  ) {}

  async notify(notice: GuardianNotice): Promise<{ enqueued: number }> {
    const kind = templateKind(notice.template);
    const problems: { field: string; message: string }[] = [];
    if (!(CONSENT_PURPOSES as readonly string[]).includes(notice.purpose))
      problems.push({ field: 'purpose', message: `must be one of ${CONSENT_PURPOSES.join(', ')}` });
    else if (!kind || kind.purpose !== notice.purpose)
      problems.push({ field: 'template', message: `is not a template for ${notice.purpose}` });
    if (!notice.idempotencyKey || notice.idempotencyKey.length > MAX_KEY)
      problems.push({ field: 'idempotencyKey', message: `is required (at most ${MAX_KEY} characters)` });
    if (problems.length) throw new ValidationFailedError(problems);

    return this.db.transaction(async () => {
      const granted = await this.consents.grantedFor([...new Set(notice.guardianIds)], notice.purpose);
      if (granted.length === 0) return { enqueued: 0 };
      const enabled = await this.channels.enabledChannels();
      const contacts = new Map(
        (await this.students.guardianContacts(granted.map((g) => g.guardianId))).map((c) => [
          c.guardianId,
          c,
        ]),
      );
      let enqueued = 0;
      for (const consent of granted) {
        if (!enabled.has(consent.channel) || !kind!.channels.includes(consent.channel)) continue;
        const contact = contacts.get(consent.guardianId);
        const address =
          consent.channel === 'email'
            ? contact?.email
            : contact?.phone
              ? normalisePhone(contact.phone)
              : null;
        if (!address) continue;
        const { created } = await this.outbox.enqueue({
          channel: consent.channel,
          template: notice.template,
          recipient: address,
          variables: notice.variables,
          idempotencyKey: `${notice.idempotencyKey}:${consent.guardianId}:${consent.channel}`,
          purpose: notice.purpose,
          guardianId: consent.guardianId,
          protectRecipient: true,
        });
        if (created) enqueued++;
      }
      return { enqueued };
    });
  }
}
