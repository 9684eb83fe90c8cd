import { Injectable, OnModuleInit } from '@nestjs/common';
import { FieldCrypto } from '../../platform/security/field-crypto';
import { KeyRotation } from '../../platform/security/key-rotation';
import { guardianCell, studentCell } from './student-view';
import { GuardiansRepository, StudentsRepository } from './students.repository';

/** Re-encrypts students' and guardians' sensitive fields under the newest key, a batch at a time (DAT-02). */
@Injectable()
export class StudentKeysReEncryptor implements OnModuleInit {
  constructor(
    private readonly rotation: KeyRotation,
    private readonly crypto: FieldCrypto,
    private readonly students: StudentsRepository,
    private readonly guardians: GuardiansRepository,
  ) {}

  onModuleInit(): void {
    this.rotation.register({ name: 'students', reEncryptBatch: (v, n) => this.students_(v, n) });
    this.rotation.register({ name: 'guardians', reEncryptBatch: (v, n) => this.guardians_(v, n) });
  }

  private async again(
    cell: { table: string; column: string; rowId: string },
    value: string | null,
    oldVersion: number,
  ): Promise<string | null> {
    if (!value || FieldCrypto.versionOf(value) !== oldVersion) return value;
    return this.crypto.encrypt(cell, await this.crypto.decrypt(cell, value));
  }

  private async students_(oldVersion: number, limit: number): Promise<number> {
    const rows = await this.students.encryptedUnder(oldVersion, limit);
    for (const s of rows) {
      await this.students.patch(s.id, {
        nationalIdEnc: await this.again(studentCell(s.id, 'national_id_enc'), s.nationalIdEnc, oldVersion),
        medicalNotesEnc: await this.again(
          studentCell(s.id, 'medical_notes_enc'),
          s.medicalNotesEnc,
          oldVersion,
        ),
        addressEnc: await this.again(studentCell(s.id, 'address_enc'), s.addressEnc, oldVersion),
      });
    }
    return rows.length;
  }

  private async guardians_(oldVersion: number, limit: number): Promise<number> {
    const rows = await this.guardians.encryptedUnder(oldVersion, limit);
    for (const g of rows) {
      await this.guardians.patch(g.id, {
        phoneEnc: await this.again(guardianCell(g.id, 'phone_enc'), g.phoneEnc, oldVersion),
        emailEnc: await this.again(guardianCell(g.id, 'email_enc'), g.emailEnc, oldVersion),
        addressEnc: await this.again(guardianCell(g.id, 'address_enc'), g.addressEnc, oldVersion),
      });
    }
    return rows.length;
  }
}
