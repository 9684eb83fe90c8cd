import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { Clock } from '../../platform/time/clock';
import { AcademicsService } from '../academics/academics.service';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { CHANNELS } from '../notifications/channel-settings.service';
import { GuardianNotifier } from '../notifications/guardian-notifier.service';
import { OutboxRepository } from '../notifications/outbox.repository';
import { StudentDirectory } from '../students/student-directory';
import { sectionsReached } from './circular-audience';
import {
  CircularRecipientsRepository,
  CircularTargetsRepository,
  CircularsRepository,
} from './circulars.repository';
import { CircularNotEditableError } from './circulars.errors';
import type { Circular } from './entities/circular.entities';

/** The cause of a circular's messages; the notifier appends `:<guardian>:<channel>` (one message each). */
export const circularKey = (circularId: string) => `circular:${circularId}`;

/** Guardians whose message keys are looked up in one query. */
const KEY_BATCH = 300;

/**
 * Publishing a circular, now (a publisher) or when its time comes (the scheduler), in one transaction:
 * the status moves (compare-and-set, so two publishers never publish twice), every guardian of a student
 * actively enrolled in a section it reaches becomes a recipient (for the read and acknowledgement
 * counts), the guardians who opted in for `circulars` get a message on each channel they chose (the
 * notifier keeps to consent, enabled channels and restriction; the worker to quiet hours), and it is
 * audited.
 */
@Injectable()
export class CircularPublisher {
  constructor(
    private readonly db: Database,
    private readonly circulars: CircularsRepository,
    private readonly targets: CircularTargetsRepository,
    private readonly recipients: CircularRecipientsRepository,
    private readonly academics: AcademicsService,
    private readonly students: StudentDirectory,
    private readonly notifier: GuardianNotifier,
    private readonly outbox: OutboxRepository,
    private readonly institution: CurrentInstitution,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async publish(circular: Circular, byUserId: string | null): Promise<void> {
    await this.db.transaction(async () => {
      if (!(await this.circulars.publish(circular.id, this.clock.now(), byUserId)))
        throw new CircularNotEditableError();
      const families = await this.familiesOf(circular);
      await this.recipients.add(
        [...families].map(([guardianId, studentIds]) => ({
          circularId: circular.id,
          guardianId,
          studentIds: JSON.stringify(studentIds),
          readAt: null,
          acknowledgedAt: null,
          acknowledgedByUserId: null,
        })),
      );
      const { messages, guardians } = families.size
        ? await this.announce(circular, [...families.keys()])
        : { messages: 0, guardians: 0 };
      await this.circulars.setNotified(circular.id, guardians);
      await this.audit.record({
        action: 'circulars.publish',
        targetType: 'circular',
        targetId: circular.id,
        actorUserId: byUserId,
        details: { audience: circular.audience, addressed: families.size, notified: guardians, messages },
      });
    });
  }

  /** Guardian -> the children a circular reaches them for (students actively enrolled this year). */
  async familiesOf(circular: Circular): Promise<Map<string, string[]>> {
    const targetIds = (await this.targets.of([circular.id])).map((t) => t.targetId);
    const sections = sectionsReached(
      { audience: circular.audience, targetIds },
      await this.academics.listSections(),
    );
    const studentIds = (await Promise.all(sections.map((s) => this.students.rosterIds(s)))).flat();
    const families = new Map<string, string[]>();
    if (!studentIds.length) return families;
    for (const [studentId, guardianIds] of await this.students.guardianIdsOf(studentIds))
      for (const guardianId of guardianIds)
        families.set(guardianId, [...(families.get(guardianId) ?? []), studentId]);
    return families;
  }

  /**
   * Messages the guardians; answers the messages enqueued and how many guardians got at least one (a
   * guardian may have opted in on several channels), so the publisher sees guardians queued against
   * guardians addressed, never messages against guardians.
   */
  private async announce(
    circular: Circular,
    guardianIds: string[],
  ): Promise<{ messages: number; guardians: number }> {
    const school = (await this.institution.find())?.name ?? '';
    const { enqueued } = await this.notifier.notify({
      guardianIds,
      purpose: 'circulars',
      template: 'circular',
      variables: { title: circular.title, school },
      idempotencyKey: circularKey(circular.id),
    });
    return { messages: enqueued, guardians: enqueued ? await this.messaged(circular.id, guardianIds) : 0 };
  }

  /** How many of the guardians have a message of this circular in the outbox (keys as the notifier makes them). */
  private async messaged(circularId: string, guardianIds: string[]): Promise<number> {
    const keyOf = (guardianId: string, channel: string) =>
      `${circularKey(circularId)}:${guardianId}:${channel}`;
    let messaged = 0;
    for (let i = 0; i < guardianIds.length; i += KEY_BATCH) {
      const batch = guardianIds.slice(i, i + KEY_BATCH);
      const found = await this.outbox.existingIdempotencyKeys(
        batch.flatMap((g) => CHANNELS.map((c) => keyOf(g, c))),
      );
      messaged += batch.filter((g) => CHANNELS.some((c) => found.has(keyOf(g, c)))).length;
    }
    return messaged;
  }
}
