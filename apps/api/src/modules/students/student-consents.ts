import { Injectable } from '@nestjs/common';
import { AGE_OF_CONSENT, type StudentConsentPurpose } from '@shala/contracts';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { Clock } from '../../platform/time/clock';
import { localDate } from '../../platform/time/local-time';
import { RequestContext } from '../../platform/tenancy/request-context';
import { CurrentInstitution } from '../institutions/current-institution';
import {
  StudentBiometricSetting,
  StudentConsent,
  StudentConsentEventRow,
} from './entities/student-consent.entities';
import { ConsentRequiredError } from './students.errors';

@Injectable()
export class StudentConsentsRepository extends TenantScopedRepository<StudentConsent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, StudentConsent);
  }

  ofStudent(studentId: string): Promise<StudentConsent[]> {
    return this.find({ where: { studentId } });
  }

  ofStudents(studentIds: string[]): Promise<StudentConsent[]> {
    return studentIds.length ? this.find({ where: { studentId: In(studentIds) } }) : Promise.resolve([]);
  }

  granted(studentId: string, purpose: StudentConsentPurpose): Promise<boolean> {
    return this.exists({ studentId, purpose, granted: true });
  }

  async record(row: Omit<StudentConsent, 'tenantId'>): Promise<void> {
    const { studentId, purpose, ...rest } = row;
    const updated = await this.update({ studentId, purpose }, rest);
    if (updated === 0) await this.insert(row);
  }
}

@Injectable()
export class StudentConsentEventsRepository extends TenantScopedRepository<StudentConsentEventRow> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, StudentConsentEventRow);
  }

  async add(row: Omit<StudentConsentEventRow, 'tenantId'>): Promise<void> {
    await this.insert(row);
  }

  /** Oldest first (ids are time-ordered, so events of one instant keep their order). */
  ofStudent(studentId: string, limit = 200): Promise<StudentConsentEventRow[]> {
    return this.find({ where: { studentId }, order: { recordedAt: 'ASC', id: 'ASC' }, take: limit });
  }
}

@Injectable()
export class StudentBiometricRepository extends TenantScopedRepository<StudentBiometricSetting> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, StudentBiometricSetting);
  }

  async enabled(studentId: string): Promise<boolean> {
    return (await this.findOneBy({ studentId }))?.enabled === true;
  }

  async set(row: Omit<StudentBiometricSetting, 'tenantId'>): Promise<void> {
    const { studentId, ...rest } = row;
    const updated = await this.update({ studentId }, rest);
    if (updated === 0) await this.insert(row);
  }
}

/** Whole years from `dateOfBirth` to `today` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * PRV-01 (verifiable parental consent, DPDP Act s. 9): a student under 18 gets a sign-in account only when
 * a linked guardian has consented to it; from 18 (date of birth, in the school's time zone) the student
 * decides alone. Biometric attendance likewise needs the guardian's consent (whatever the age: the school
 * asks the family). The students module owns the consents so linking an account can ask here.
 */
@Injectable()
export class StudentConsentGate {
  constructor(
    private readonly consents: StudentConsentsRepository,
    private readonly institution: CurrentInstitution,
    private readonly clock: Clock,
  ) {}

  async today(): Promise<string> {
    return localDate(await this.institution.timeZone(), this.clock.now());
  }

  async isAdult(dateOfBirth: string): Promise<boolean> {
    return ageOn(dateOfBirth, await this.today()) >= AGE_OF_CONSENT;
  }

  async accountAllowed(student: { id: string; dateOfBirth: string }): Promise<boolean> {
    return (await this.isAdult(student.dateOfBirth)) || this.consents.granted(student.id, 'student_account');
  }

  /** 409 CONSENT_REQUIRED naming the purpose when the student may not have an account yet. */
  async requireAccountConsent(student: { id: string; dateOfBirth: string }): Promise<void> {
    if (!(await this.accountAllowed(student))) throw new ConsentRequiredError('student_account');
  }

  async requireBiometricConsent(studentId: string): Promise<void> {
    if (!(await this.consents.granted(studentId, 'biometric_attendance')))
      throw new ConsentRequiredError('biometric_attendance');
  }
}
