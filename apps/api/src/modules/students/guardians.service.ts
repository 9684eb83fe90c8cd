import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, ValidationFailedError } from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { Guardian, Relationship } from './entities/student.entities';
import { StudentDirectory } from './student-directory';
import type { Guardian as GuardianView } from '@shala/contracts';
import { StudentViews } from './student-view';
import { StudentsCrypto } from './students.crypto';
import { SchoolUsers } from './school-users';
import { GuardiansRepository, StudentGuardiansRepository } from './students.repository';

export interface GuardianInput {
  fullName: string;
  relationship: Relationship;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  isPrimary?: boolean;
}

/** Guardians: adding them to students (siblings share one by phone), their views, and their parent accounts. */
@Injectable()
export class GuardiansService {
  constructor(
    private readonly db: Database,
    private readonly crypto: StudentsCrypto,
    private readonly guardians: GuardiansRepository,
    private readonly links: StudentGuardiansRepository,
    private readonly directory: StudentDirectory,
    private readonly views: StudentViews,
    private readonly audit: AuditService,
    private readonly users: SchoolUsers,
  ) {}

  /** A student's guardians, primary first then by name (one statement); contacts masked unless revealed. */
  async viewsOf(studentId: string, reveal: boolean): Promise<GuardianView[]> {
    const rows = await this.links.guardiansOfStudent(studentId);
    const views = await Promise.all(rows.map((r) => this.views.guardian(r.guardian, r.link, reveal)));
    return views.sort(
      (a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.fullName.localeCompare(b.fullName),
    );
  }

  /** Ids of the students whose guardian has this phone or email (blind index), in link order. */
  async studentIdsByContact(kind: 'phone' | 'email', value: string): Promise<string[]> {
    const bidx = this.crypto.index(kind, value);
    if (!bidx) return [];
    const guardians =
      kind === 'phone'
        ? await this.guardians.byPhoneIndexes([bidx])
        : await this.guardians.byEmailIndex(bidx);
    return [...new Set((await this.links.ofGuardians(guardians.map((g) => g.id))).map((l) => l.studentId))];
  }

  /** Encrypts a guardian's contacts and finds an existing guardian with the same phone (siblings). */
  private async prepare(
    input: GuardianInput,
  ): Promise<{ existing: Guardian | null; row: Omit<Guardian, 'tenantId'> }> {
    const phoneBidx = this.crypto.index('phone', input.phone);
    const existing = phoneBidx ? ((await this.guardians.byPhoneIndexes([phoneBidx]))[0] ?? null) : null;
    const id = existing?.id ?? uuidv7();
    return {
      existing,
      row: {
        id,
        fullName: input.fullName.trim(),
        ...(await this.crypto.sealGuardian(id, input)),
        userId: existing?.userId ?? null,
      },
    };
  }

  /** Adds (or reuses, by phone) a guardian and links them to the student; runs inside the caller's transaction. */
  async addInTx(studentId: string, input: GuardianInput, primaryByDefault: boolean): Promise<string> {
    const { existing, row } = await this.prepare(input);
    if (!existing) await this.guardians.add([row]);
    if (!(await this.links.exists_(studentId, row.id))) {
      await this.links.link({
        studentId,
        guardianId: row.id,
        relationship: input.relationship,
        isPrimary: input.isPrimary ?? primaryByDefault,
      });
    }
    return row.id;
  }

  async add(studentId: string, input: GuardianInput): Promise<GuardianView[]> {
    await this.directory.visible(studentId);
    await this.crypto.ready();
    await this.db.transaction(async () => {
      const guardianId = await this.addInTx(studentId, input, false);
      await this.audit.record({
        action: 'students.guardian_add',
        targetType: 'student',
        targetId: studentId,
        details: { guardianId, relationship: input.relationship },
      });
    });
    return this.viewsOf(studentId, false);
  }

  /** The guardian a parent account is linked to, if any (to re-send its invitation to their phone). */
  async idOfAccount(userId: string): Promise<string | null> {
    return (await this.guardians.byUserId(userId))?.id ?? null;
  }

  /** Links a parent user account to a guardian: the parent then sees that guardian's children. */
  async linkParentAccount(guardianId: string, userId: string | null): Promise<void> {
    await this.db.transaction(async () => {
      const guardian = await this.guardians.byId(guardianId);
      if (!guardian) throw new NotFoundError('The guardian');
      if (userId) {
        await this.users.require(userId);
        const other = await this.guardians.byUserId(userId);
        if (other && other.id !== guardianId)
          throw new ValidationFailedError([
            { field: 'userId', message: 'that account is already linked to another guardian' },
          ]);
      }
      await this.guardians.patch(guardianId, { userId });
      await this.audit.record({
        action: 'students.guardian_account',
        targetType: 'guardian',
        targetId: guardianId,
        details: { userId: { from: guardian.userId, to: userId } },
      });
    });
  }
}
