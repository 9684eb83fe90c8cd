import type {
  Enrolment as EnrolmentView,
  Guardian as GuardianView,
  StudentProfile,
  StudentSummary,
} from '@shala/contracts';
import { Injectable } from '@nestjs/common';
import { mask } from '../../platform/security/data-classification';
import { Guardian, Student, StudentGuardian } from './entities/student.entities';
import { StudentsCrypto } from './students.crypto';

/** Section and class names by section id. */
export type SectionDirectory = Map<string, { sectionName: string; classId: string; className: string }>;

/** The view of an enrolment, or null when there is none or its section is unknown. */
export function enrolmentView(
  dir: SectionDirectory,
  yearId: string | null,
  e: { sectionId: string; rollNo: number | null } | null,
): EnrolmentView | null {
  if (!e || !yearId) return null;
  const d = dir.get(e.sectionId);
  return d ? { academicYearId: yearId, sectionId: e.sectionId, rollNo: e.rollNo, ...d } : null;
}

/** Builds responses; highly sensitive fields are decrypted then masked unless revealed (AZ-04, DAT-04). */
@Injectable()
export class StudentViews {
  constructor(private readonly crypto: StudentsCrypto) {}

  summary(
    s: Pick<
      Student,
      'id' | 'admissionNo' | 'firstName' | 'lastName' | 'dateOfBirth' | 'gender' | 'admissionDate' | 'status'
    >,
    enrolment: EnrolmentView | null,
  ): StudentSummary {
    return {
      id: s.id,
      admissionNo: s.admissionNo,
      firstName: s.firstName,
      lastName: s.lastName,
      fullName: `${s.firstName} ${s.lastName}`.trim(),
      dateOfBirth: s.dateOfBirth,
      gender: s.gender,
      admissionDate: s.admissionDate,
      status: s.status,
      enrolment,
    };
  }

  async guardian(
    g: Pick<Guardian, 'id' | 'fullName' | 'phoneEnc' | 'emailEnc' | 'userId'>,
    link: Pick<StudentGuardian, 'relationship' | 'isPrimary'> | null,
    reveal: boolean,
  ): Promise<GuardianView> {
    const { phone, email } = await this.crypto.openGuardian(g);
    return {
      id: g.id,
      fullName: g.fullName,
      relationship: link?.relationship ?? 'guardian',
      isPrimary: link?.isPrimary ?? false,
      phone: reveal ? phone : mask('phone', phone),
      email: reveal ? email : mask('email', email),
      hasAccount: g.userId !== null,
      masked: !reveal,
    };
  }

  async profile(
    s: Pick<
      Student,
      | 'id'
      | 'admissionNo'
      | 'firstName'
      | 'lastName'
      | 'dateOfBirth'
      | 'gender'
      | 'admissionDate'
      | 'status'
      | 'nationalIdEnc'
      | 'medicalNotesEnc'
      | 'addressEnc'
      | 'userId'
    >,
    enrolment: EnrolmentView | null,
    guardians: GuardianView[],
    reveal: boolean,
  ): Promise<StudentProfile> {
    const { nationalId, medicalNotes: medical, address } = await this.crypto.openStudent(s);
    return {
      ...this.summary(s, enrolment),
      nationalId: reveal ? nationalId : mask('national_id', nationalId),
      medicalNotes: reveal ? medical : mask('text', medical),
      address: reveal ? address : mask('text', address),
      masked: !reveal,
      guardians,
      hasAccount: s.userId !== null,
    };
  }
}
