import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { normalisePhone } from '../../platform/security/field-crypto';
import { StudentDirectory } from '../students/student-directory';
import { ChannelSettingsService } from './channel-settings.service';
import { CONSENT_PURPOSES, ConsentPurpose, GuardianConsent } from './entities/consent.entity';
import { ConsentsRepository } from './notifications.repositories';
import { OutboxRequest, OutboxService } from './outbox.service';
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

/** A message about a student to that student's guardians (GuardianNotifier.notifyFamilies). */
export interface FamilyNotice extends Omit<GuardianNotice, 'guardianIds' | 'variables'> {
  studentId: string;
  /** The template's variables, given the student's display name. */
  variables: (studentName: string) => Record<string, string | number>;
}

type Granted = Map<ConsentPurpose, Pick<GuardianConsent, 'guardianId' | 'channel'>[]>;

const MAX_KEY = 160 - ':'.length * 2 - 36 - 'whatsapp'.length;

/** What is wrong with a notice, with field names under `prefix`. */
function problemsOf(notice: GuardianNotice, prefix: string): { field: string; message: string }[] {
  const kind = templateKind(notice.template);
  const problems: { field: string; message: string }[] = [];
  if (!(CONSENT_PURPOSES as readonly string[]).includes(notice.purpose))
    problems.push({ field: `${prefix}purpose`, message: `must be one of ${CONSENT_PURPOSES.join(', ')}` });
  else if (!kind || kind.purpose !== notice.purpose)
    problems.push({ field: `${prefix}template`, message: `is not a template for ${notice.purpose}` });
  if (!notice.idempotencyKey || notice.idempotencyKey.length > MAX_KEY)
    problems.push({
      field: `${prefix}idempotencyKey`,
      message: `is required (at most ${MAX_KEY} characters)`,
    });
  return problems;
}

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
    private readonly students: StudentDirectory,
  ) {}

  notify(notice: GuardianNotice): Promise<{ enqueued: number }> {
    return this.notifyMany([notice]);
  }

  /**
   * Several notices in one pass (a register save that marks several students absent): one consent query
   * per purpose, one contact lookup and one outbox INSERT for the whole batch, instead of a round per
   * notice.
   */
  async notifyMany(notices: GuardianNotice[]): Promise<{ enqueued: number }> {
    const problems = notices.flatMap((n, i) => problemsOf(n, notices.length > 1 ? `notices.${i}.` : ''));
    if (problems.length) throw new ValidationFailedError(problems);
    if (notices.length === 0) return { enqueued: 0 };

    return this.db.transaction(async () => {
      const granted: Granted = new Map();
      for (const purpose of new Set(notices.map((n) => n.purpose))) {
        const guardianIds = new Set(
          notices.filter((n) => n.purpose === purpose).flatMap((n) => n.guardianIds),
        );
        granted.set(purpose, await this.consents.grantedFor([...guardianIds], purpose));
      }
      return this.enqueue(notices, granted);
    });
  }

  /**
   * Messages about students to their families: the same as `notifyMany` to each student's guardians, with
   * the guardians, their consents and the student's name read in one statement per purpose (a register
   * save's absence alerts, a payment's receipt).
   */
  async notifyFamilies(notices: FamilyNotice[]): Promise<{ enqueued: number }> {
    const problems = notices.flatMap((n, i) =>
      problemsOf({ ...n, guardianIds: [], variables: {} }, notices.length > 1 ? `notices.${i}.` : ''),
    );
    if (problems.length) throw new ValidationFailedError(problems);
    if (notices.length === 0) return { enqueued: 0 };

    return this.db.transaction(async () => {
      const granted: Granted = new Map();
      const families = new Map<string, { fullName: string; guardianIds: Set<string> }>();
      for (const purpose of new Set(notices.map((n) => n.purpose))) {
        const ids = [...new Set(notices.filter((n) => n.purpose === purpose).map((n) => n.studentId))];
        const rows = await this.consents.grantedForFamiliesOf(ids, purpose);
        granted.set(purpose, rows);
        for (const r of rows) {
          const family = families.get(r.studentId) ?? {
            fullName: `${r.firstName} ${r.lastName}`.trim(),
            guardianIds: new Set<string>(),
          };
          family.guardianIds.add(r.guardianId);
          families.set(r.studentId, family);
        }
      }
      const addressed: GuardianNotice[] = notices.flatMap(({ studentId, variables, ...n }) => {
        const family = families.get(studentId);
        return family
          ? [{ ...n, guardianIds: [...family.guardianIds], variables: variables(family.fullName) }]
          : [];
      });
      return this.enqueue(addressed, granted);
    });
  }

  /** One outbox message per addressed guardian per granted, enabled channel with an address (PRV-01, -02). */
  private async enqueue(notices: GuardianNotice[], granted: Granted): Promise<{ enqueued: number }> {
    const grantedGuardians = new Set([...granted.values()].flat().map((g) => g.guardianId));
    if (grantedGuardians.size === 0) return { enqueued: 0 };
    const enabled = await this.channels.enabledChannels();
    const contacts = new Map(
      (await this.students.guardianContacts([...grantedGuardians])).map((c) => [c.guardianId, c]),
    );
    const requests: OutboxRequest[] = [];
    for (const notice of notices) {
      const kind = templateKind(notice.template)!;
      const addressed = new Set(notice.guardianIds);
      for (const consent of granted.get(notice.purpose) ?? []) {
        if (!addressed.has(consent.guardianId)) continue;
        if (!enabled.has(consent.channel) || !kind.channels.includes(consent.channel)) continue;
        const contact = contacts.get(consent.guardianId);
        // PRV-02: a guardian whose processing is restricted gets account messages only, never these.
        if (contact?.restricted) continue;
        const address =
          consent.channel === 'email'
            ? contact?.email
            : contact?.phone
              ? normalisePhone(contact.phone)
              : null;
        if (!address) continue;
        requests.push({
          channel: consent.channel,
          template: notice.template,
          recipient: address,
          variables: notice.variables,
          idempotencyKey: `${notice.idempotencyKey}:${consent.guardianId}:${consent.channel}`,
          purpose: notice.purpose,
          guardianId: consent.guardianId,
          protectRecipient: true,
        });
      }
    }
    const { created } = await this.outbox.enqueueMany(requests);
    return { enqueued: created };
  }
}
