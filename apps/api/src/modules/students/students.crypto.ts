import { Injectable } from '@nestjs/common';
import { BlindIndexKind, FieldCrypto } from '../../platform/security/field-crypto';
import { Guardian, Student } from './entities/student.entities';

/** The encrypted columns of a student row, by field; the column name is part of each cell's associated data. */
export const STUDENT_SEALED = {
  nationalId: 'national_id_enc',
  medicalNotes: 'medical_notes_enc',
  address: 'address_enc',
} as const;

/** The encrypted columns of a guardian row, by field. */
export const GUARDIAN_SEALED = { phone: 'phone_enc', email: 'email_enc', address: 'address_enc' } as const;

type StudentField = keyof typeof STUDENT_SEALED;
type GuardianField = keyof typeof GUARDIAN_SEALED;
type Clear<F extends string> = { [K in F]: string | null };
type StudentSealed = Pick<Student, 'nationalIdEnc' | 'nationalIdBidx' | 'medicalNotesEnc' | 'addressEnc'>;
type GuardianSealed = Pick<Guardian, 'phoneEnc' | 'phoneBidx' | 'emailEnc' | 'emailBidx' | 'addressEnc'>;

const studentCell = (id: string, field: StudentField) => ({
  table: 'students',
  column: STUDENT_SEALED[field],
  rowId: id,
});
const guardianCell = (id: string, field: GuardianField) => ({
  table: 'guardians',
  column: GUARDIAN_SEALED[field],
  rowId: id,
});

/**
 * Sealing and unsealing of students' and guardians' highly sensitive fields (DAT-02, DAT-03): each value is
 * encrypted bound to its table, column and row, and the searchable ones also get a blind index.
 */
@Injectable()
export class StudentsCrypto {
  constructor(private readonly crypto: FieldCrypto) {}

  ready(): Promise<void> {
    return this.crypto.ready();
  }

  index(kind: BlindIndexKind, value: string | null | undefined): string | null {
    return this.crypto.blindIndex(kind, value);
  }

  /** The sealed columns for the given fields of a student; fields left undefined are left out. */
  async sealStudent(id: string, clear: Partial<Clear<StudentField>>): Promise<Partial<StudentSealed>> {
    const sealed: Partial<StudentSealed> = {};
    for (const field of Object.keys(STUDENT_SEALED) as StudentField[]) {
      if (clear[field] === undefined) continue;
      sealed[`${field}Enc`] = await this.crypto.encrypt(studentCell(id, field), clear[field]);
    }
    if (clear.nationalId !== undefined) sealed.nationalIdBidx = this.index('national_id', clear.nationalId);
    return sealed;
  }

  /** All sealed columns of a new or fully rewritten student. */
  async sealWholeStudent(id: string, clear: Partial<Clear<StudentField>>): Promise<StudentSealed> {
    return (await this.sealStudent(id, {
      nationalId: clear.nationalId ?? null,
      medicalNotes: clear.medicalNotes ?? null,
      address: clear.address ?? null,
    })) as StudentSealed;
  }

  async openStudent(
    s: Pick<Student, 'id' | 'nationalIdEnc' | 'medicalNotesEnc' | 'addressEnc'>,
  ): Promise<Clear<StudentField>> {
    return {
      nationalId: await this.crypto.decrypt(studentCell(s.id, 'nationalId'), s.nationalIdEnc),
      medicalNotes: await this.crypto.decrypt(studentCell(s.id, 'medicalNotes'), s.medicalNotesEnc),
      address: await this.crypto.decrypt(studentCell(s.id, 'address'), s.addressEnc),
    };
  }

  /** A guardian's sealed contacts; the email is kept lower-case. */
  async sealGuardian(id: string, clear: Partial<Clear<GuardianField>>): Promise<GuardianSealed> {
    const email = clear.email?.trim().toLowerCase();
    return {
      phoneEnc: await this.crypto.encrypt(guardianCell(id, 'phone'), clear.phone),
      phoneBidx: this.index('phone', clear.phone),
      emailEnc: await this.crypto.encrypt(guardianCell(id, 'email'), email),
      emailBidx: this.index('email', clear.email),
      addressEnc: await this.crypto.encrypt(guardianCell(id, 'address'), clear.address),
    };
  }

  async openGuardian(
    g: Pick<Guardian, 'id' | 'phoneEnc' | 'emailEnc'>,
  ): Promise<Pick<Clear<GuardianField>, 'phone' | 'email'>> {
    return {
      phone: await this.crypto.decrypt(guardianCell(g.id, 'phone'), g.phoneEnc),
      email: await this.crypto.decrypt(guardianCell(g.id, 'email'), g.emailEnc),
    };
  }

  /** The student's sealed columns re-encrypted under the newest key where written under `oldVersion`. */
  async resealStudent(s: Student, oldVersion: number): Promise<Partial<StudentSealed>> {
    const out: Partial<StudentSealed> = {};
    for (const field of Object.keys(STUDENT_SEALED) as StudentField[])
      out[`${field}Enc`] = await this.again(studentCell(s.id, field), s[`${field}Enc`], oldVersion);
    return out;
  }

  async resealGuardian(g: Guardian, oldVersion: number): Promise<Partial<GuardianSealed>> {
    const out: Partial<GuardianSealed> = {};
    for (const field of Object.keys(GUARDIAN_SEALED) as GuardianField[])
      out[`${field}Enc`] = await this.again(guardianCell(g.id, field), g[`${field}Enc`], oldVersion);
    return out;
  }

  private async again(
    cell: { table: string; column: string; rowId: string },
    value: string | null,
    oldVersion: number,
  ): Promise<string | null> {
    if (!value || FieldCrypto.versionOf(value) !== oldVersion) return value;
    return this.crypto.encrypt(cell, await this.crypto.decrypt(cell, value));
  }
}
