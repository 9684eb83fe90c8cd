import { Injectable, OnModuleInit } from '@nestjs/common';
import { KeyRotation } from '../../platform/security/key-rotation';
import { StudentsCrypto } from './students.crypto';
import { GuardiansRepository, StudentsRepository } from './students.repository';

/** Re-encrypts students' and guardians' sensitive fields under the newest key, a batch at a time (DAT-02). */
@Injectable()
export class StudentKeysReEncryptor implements OnModuleInit {
  constructor(
    private readonly rotation: KeyRotation,
    private readonly crypto: StudentsCrypto,
    private readonly students: StudentsRepository,
    private readonly guardians: GuardiansRepository,
  ) {}

  onModuleInit(): void {
    this.rotation.register({ name: 'students', reEncryptBatch: (v, n) => this.students_(v, n) });
    this.rotation.register({ name: 'guardians', reEncryptBatch: (v, n) => this.guardians_(v, n) });
  }

  private async students_(oldVersion: number, limit: number): Promise<number> {
    const rows = await this.students.encryptedUnder(oldVersion, limit);
    for (const s of rows) {
      await this.students.patch(s.id, await this.crypto.resealStudent(s, oldVersion));
    }
    return rows.length;
  }

  private async guardians_(oldVersion: number, limit: number): Promise<number> {
    const rows = await this.guardians.encryptedUnder(oldVersion, limit);
    for (const g of rows) {
      await this.guardians.patch(g.id, await this.crypto.resealGuardian(g, oldVersion));
    }
    return rows.length;
  }
}
