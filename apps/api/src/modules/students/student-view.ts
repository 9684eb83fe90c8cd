import { Injectable } from '@nestjs/common';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { mask } from '../../platform/security/data-classification';
import { Guardian, Student, StudentGuardian } from './entities/student.entities';

export interface EnrolmentView {
  academicYearId: string;
  sectionId: string;
  sectionName: string;
  classId: string;
  className: string;
  rollNo: number | null;
}

export interface GuardianView {
  id: string;
  fullName: string;
  relationship: string;
  isPrimary: boolean;
  phone: string | null;
  email: string | null;
  hasAccount: boolean;
  masked: boolean;
}

export interface StudentSummary {
  id: string;
  admissionNo: string;
  firstName: string;
  lastName: string;
  fullName: string;
  dateOfBirth: string;
  gender: string;
  admissionDate: string;
  status: string;
  enrolment: EnrolmentView | null;
}

export interface StudentProfile extends StudentSummary {
  nationalId: string | null;
  medicalNotes: string | null;
  address: string | null;
  masked: boolean;
  guardians: GuardianView[];
}

export const studentCell = (id: string, column: string) => ({ table: 'students', column, rowId: id });
export const guardianCell = (id: string, column: string) => ({ table: 'guardians', column, rowId: id });

/** Builds responses; highly sensitive fields are decrypted then masked unless revealed (AZ-04, DAT-04). */
@Injectable()
export class StudentViews {
  constructor(private readonly crypto: FieldCrypto) {}

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

  async guardian(g: Guardian, link: StudentGuardian | null, reveal: boolean): Promise<GuardianView> {
    const phone = await this.crypto.decrypt(guardianCell(g.id, 'phone_enc'), g.phoneEnc);
    const email = await this.crypto.decrypt(guardianCell(g.id, 'email_enc'), g.emailEnc);
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
    s: Student,
    enrolment: EnrolmentView | null,
    guardians: GuardianView[],
    reveal: boolean,
  ): Promise<StudentProfile> {
    const nationalId = await this.crypto.decrypt(studentCell(s.id, 'national_id_enc'), s.nationalIdEnc);
    const medical = await this.crypto.decrypt(studentCell(s.id, 'medical_notes_enc'), s.medicalNotesEnc);
    const address = await this.crypto.decrypt(studentCell(s.id, 'address_enc'), s.addressEnc);
    return {
      ...this.summary(s, enrolment),
      nationalId: reveal ? nationalId : mask('national_id', nationalId),
      medicalNotes: reveal ? medical : mask('text', medical),
      address: reveal ? address : mask('text', address),
      masked: !reveal,
      guardians,
    };
  }
}
