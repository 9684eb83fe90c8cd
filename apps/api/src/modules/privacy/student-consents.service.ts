import { Injectable } from '@nestjs/common';
import {
  STUDENT_CONSENT_PURPOSES,
  type StudentConsentPurpose,
  type StudentConsentSource,
  type StudentConsentsView,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { NotFoundError, RuleViolationError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { UserAccounts } from '../access/user-accounts.service';
import { AuditService } from '../audit/audit.service';
import { SessionsService } from '../auth/sessions.service';
import type { Student } from '../students/entities/student.entities';
import {
  StudentBiometricRepository,
  StudentConsentEventsRepository,
  StudentConsentGate,
  StudentConsentsRepository,
} from '../students/student-consents';
import { StudentDirectory } from '../students/student-directory';
import { UsersService } from '../users/users.service';

interface ConsentInput {
  purpose: StudentConsentPurpose;
  granted: boolean;
  guardianId: string;
  source: StudentConsentSource;
  documentRef: string | null;
}

/**
 * PRV-01, verifiable parental consent (issue 13 item 7, DPDP Act s. 9). A guardian consents per student and
 * purpose, signed in to the parent app, or the school records the paper form with its reference. Every
 * grant and withdrawal is kept and audited. Withdrawals take effect at once: the student's sign-in account
 * is disabled (not deleted) and its sessions end; biometric attendance is switched off.
 */
@Injectable()
export class StudentConsentsService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly directory: StudentDirectory,
    private readonly consents: StudentConsentsRepository,
    private readonly events: StudentConsentEventsRepository,
    private readonly biometric: StudentBiometricRepository,
    private readonly gate: StudentConsentGate,
    private readonly users: UsersService,
    private readonly accounts: UserAccounts,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  private async guardiansOf(studentId: string) {
    const ids = (await this.directory.guardianIdsOf([studentId])).get(studentId) ?? [];
    return this.directory.guardianContacts(ids);
  }

  private async view(student: Student): Promise<StudentConsentsView> {
    const [rows, history, guardians, biometric, adult] = await Promise.all([
      this.consents.ofStudent(student.id),
      this.events.ofStudent(student.id),
      this.guardiansOf(student.id),
      this.biometric.enabled(student.id),
      this.gate.isAdult(student.dateOfBirth),
    ]);
    const names = new Map(guardians.map((g) => [g.guardianId, g.fullName]));
    const consents = STUDENT_CONSENT_PURPOSES.map((purpose) => {
      const row = rows.find((r) => r.purpose === purpose);
      return {
        purpose,
        granted: row?.granted === true,
        source: row?.source ?? null,
        guardianId: row?.guardianId ?? null,
        documentRef: row?.documentRef ?? null,
        recordedAt: row ? new Date(row.recordedAt).toISOString() : null,
        recordedByUserId: row?.recordedBy ?? null,
      };
    });
    return {
      studentId: student.id,
      studentName: `${student.firstName} ${student.lastName}`.trim(),
      adult,
      accountAllowed: adult || consents.some((c) => c.purpose === 'student_account' && c.granted),
      hasAccount: !!student.userId,
      biometricAttendance: biometric,
      guardians: guardians.map((g) => ({ guardianId: g.guardianId, fullName: g.fullName })),
      consents,
      history: history.map((e) => ({
        id: e.id,
        purpose: e.purpose,
        granted: e.granted,
        source: e.source,
        guardianId: e.guardianId,
        guardianName: names.get(e.guardianId) ?? null,
        documentRef: e.documentRef,
        recordedAt: new Date(e.recordedAt).toISOString(),
        recordedByUserId: e.recordedBy,
      })),
    };
  }

  // --- parents -----------------------------------------------------------------------------------

  /** The signed-in parent's guardian record for this child; 404 for anyone else's child (AZ-03). */
  private async ownGuardianOf(studentId: string): Promise<string> {
    const userId = this.context.userId;
    const scope = await this.directory.scope();
    if (!userId || scope.kind !== 'students' || !scope.studentIds.includes(studentId))
      throw new NotFoundError('The student');
    const own = (await this.guardiansOf(studentId)).find((g) => g.userId === userId);
    if (!own) throw new NotFoundError('The student');
    return own.guardianId;
  }

  async listMine(): Promise<StudentConsentsView[]> {
    const scope = await this.directory.scope();
    if (!this.context.userId || scope.kind !== 'students') return [];
    const out: StudentConsentsView[] = [];
    for (const student of await this.directory.visibleMany(scope.studentIds)) {
      const own = (await this.guardiansOf(student.id)).some((g) => g.userId === this.context.userId);
      if (own) out.push(await this.view(student));
    }
    return out.sort((a, b) => a.studentName.localeCompare(b.studentName));
  }

  /** A parent's own choice, source parent_app (verifiable: their authenticated account). */
  async changeMine(
    studentId: string,
    change: { purpose: StudentConsentPurpose; granted: boolean },
  ): Promise<StudentConsentsView> {
    const guardianId = await this.ownGuardianOf(studentId);
    const student = await this.directory.visible(studentId);
    await this.apply(student, { ...change, guardianId, source: 'parent_app', documentRef: null });
    return this.view(await this.directory.visible(studentId));
  }

  // --- staff -------------------------------------------------------------------------------------

  async forStaff(studentId: string): Promise<StudentConsentsView> {
    return this.view(await this.directory.visible(studentId));
  }

  /** A paper form (grant or withdrawal) signed by one of the student's guardians, with its reference. */
  async recordPaper(
    studentId: string,
    change: { purpose: StudentConsentPurpose; granted: boolean; guardianId: string; documentRef: string },
  ): Promise<StudentConsentsView> {
    const student = await this.directory.visible(studentId);
    if (!(await this.guardiansOf(studentId)).some((g) => g.guardianId === change.guardianId))
      throw new RuleViolationError('The guardian is not linked to this student.', 'RULE_VIOLATION', [
        { field: 'guardianId', message: 'is not a guardian of this student' },
      ]);
    await this.apply(student, {
      ...change,
      source: 'paper_form',
      documentRef: change.documentRef.trim(),
    });
    return this.view(await this.directory.visible(studentId));
  }

  /** Biometric attendance on only with the guardian's consent (409 CONSENT_REQUIRED otherwise). */
  async setBiometric(studentId: string, enabled: boolean): Promise<StudentConsentsView> {
    const student = await this.directory.visible(studentId);
    await this.db.transaction(async () => {
      if (enabled) await this.gate.requireBiometricConsent(studentId);
      const before = await this.biometric.enabled(studentId);
      if (before === enabled) return;
      await this.biometric.set({
        studentId,
        enabled,
        changedBy: this.context.userId,
        changedAt: new Date(),
      });
      await this.audit.record({
        action: 'privacy.biometric_attendance',
        targetType: 'student',
        targetId: studentId,
        details: { enabled: { from: before, to: enabled } },
      });
    });
    return this.view(student);
  }

  // --- both --------------------------------------------------------------------------------------

  private async apply(student: Student, input: ConsentInput): Promise<void> {
    await this.db.transaction(async () => {
      const current = (await this.consents.ofStudent(student.id)).find((r) => r.purpose === input.purpose);
      if (current && current.granted === input.granted) return;
      if (!current && !input.granted) return; // never given: nothing to withdraw
      const now = new Date();
      const recordedBy = this.context.userId;
      const row = {
        studentId: student.id,
        purpose: input.purpose,
        granted: input.granted,
        guardianId: input.guardianId,
        source: input.source,
        documentRef: input.documentRef,
        recordedBy,
        recordedAt: now,
      };
      await this.consents.record(row);
      await this.events.add({ id: uuidv7(), ...row });
      const effects: Record<string, unknown> = {};
      if (!input.granted && input.purpose === 'student_account')
        effects.accountDisabled = await this.disableAccount(student);
      if (
        !input.granted &&
        input.purpose === 'biometric_attendance' &&
        (await this.biometric.enabled(student.id))
      ) {
        await this.biometric.set({
          studentId: student.id,
          enabled: false,
          changedBy: recordedBy,
          changedAt: now,
        });
        effects.biometricAttendanceOff = true;
      }
      await this.audit.record({
        action: input.granted ? 'privacy.consent_grant' : 'privacy.consent_withdraw',
        targetType: 'student',
        targetId: student.id,
        details: {
          purpose: input.purpose,
          guardianId: input.guardianId,
          source: input.source,
          ...(input.documentRef ? { documentRef: input.documentRef } : {}),
          ...effects,
        },
      });
    });
  }

  /**
   * The account consent withdrawn: a minor's sign-in is disabled and their sessions end; the account and
   * its link stay (an adult decides alone, so theirs stays as it is).
   */
  private async disableAccount(student: Student): Promise<boolean> {
    if (!student.userId || (await this.gate.isAdult(student.dateOfBirth))) return false;
    const user = await this.users.get(student.userId);
    if (user.status === 'disabled') return false;
    await this.accounts.setStatus(user.id, 'disabled', this.context.userId);
    await this.sessions.revokeAllOf(user.id, 'consent_withdrawn');
    return true;
  }
}
