import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditNames } from '../audit/audit-names';
import { GuardiansRepository, StudentsRepository } from './students.repository';

/**
 * Names students ("Asha Verma (GW-2026-001)") and guardians in the audit log, from their plain name
 * columns: nothing encrypted is read or decrypted for the log.
 */
@Injectable()
export class StudentAuditNames implements OnModuleInit {
  constructor(
    private readonly names: AuditNames,
    private readonly students: StudentsRepository,
    private readonly guardians: GuardiansRepository,
  ) {}

  onModuleInit(): void {
    this.names.register(
      'student',
      async (ids) =>
        new Map(
          (await this.students.labelsByIds(ids)).map((s) => [
            s.id,
            `${s.firstName} ${s.lastName} (${s.admissionNo})`,
          ]),
        ),
    );
    this.names.register('guardian', async (ids) => new Map(await this.guardians.namesByIds(ids)));
  }
}
