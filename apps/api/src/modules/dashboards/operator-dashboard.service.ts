import { Injectable } from '@nestjs/common';
import type { OperatorDashboard, OperatorSchoolRow } from '@shala/contracts';
import { HealthService } from '../../platform/health/health.service';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditService } from '../audit/audit.service';
import { InstitutionsService } from '../institutions/institutions.service';
import { SchoolStorage } from '../institutions/school-storage';
import { StudentDirectory } from '../students/student-directory';
import { UsersService } from '../users/users.service';

/**
 * The platform operator's morning: the system's health (database, Redis) and, per school, counts only:
 * students, users, the last audited activity, the storage measured last night (TEN-05: no student data
 * leaves a school). Each school's
 * counts are read in that school's tenant context, so every statement stays tenant-scoped.
 */
@Injectable()
export class OperatorDashboardService {
  constructor(
    private readonly context: RequestContext,
    private readonly health: HealthService,
    private readonly institutions: InstitutionsService,
    private readonly students: StudentDirectory,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly storage: SchoolStorage,
  ) {}

  async dashboard(): Promise<OperatorDashboard> {
    const [system, schools] = await Promise.all([this.health.readiness(), this.institutions.listSchools()]);
    const rows: OperatorSchoolRow[] = [];
    for (const school of schools)
      rows.push(
        await this.context.runAsTenant(school.id, async () => {
          const [students, users, last, storage] = await Promise.all([
            this.students.countWithStatus('active'),
            this.users.count(),
            this.audit.list({}, 1),
            this.storage.current(),
          ]);
          return {
            id: school.id,
            slug: school.slug,
            name: school.name,
            status: school.status,
            students,
            users,
            lastActivityAt: last[0] ? new Date(last[0].occurredAt).toISOString() : null,
            storageBytes: storage?.bytes ?? null,
            storageMeasuredOn: storage?.measuredOn ?? null,
          };
        }),
      );
    return { system, schools: rows };
  }
}
