import { Injectable } from '@nestjs/common';
import { DefaultRole, InstitutionKind, InstitutionStatus } from '@shala/contracts';
import { Database } from '../../platform/database/database';
import { NotFoundError, RuleViolationError } from '../../platform/errors/domain-error';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AccessService } from '../access/access.service';
import { UserAccounts } from '../access/user-accounts.service';
import { AuditService } from '../audit/audit.service';
import { institutionDto } from '../auth/auth-lookups.service';
import { PasswordService } from '../auth/password.service';
import { Institution } from '../institutions/entities/institution.entity';
import { InstitutionsService, NewInstitution } from '../institutions/institutions.service';

/**
 * The platform operator's work (TEN-05): create a school with its default roles and first admin, list and
 * suspend schools. It never reads a school's records; the operator's own permissions reach nothing else.
 */
@Injectable()
export class ProvisioningService {
  constructor(
    private readonly db: Database,
    private readonly context: RequestContext,
    private readonly institutions: InstitutionsService,
    private readonly access: AccessService,
    private readonly accounts: UserAccounts,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  async provision(input: NewInstitution & { admin: { email: string; displayName: string } }) {
    const operatorId = this.context.userId;
    return this.db.transaction(async () => {
      const institution = await this.institutions.create({ ...input, kind: InstitutionKind.School });
      const admin = await this.context.runAsTenant(institution.id, async () => {
        await this.audit.record({
          action: 'institution.provisioned',
          actorUserId: null,
          targetType: 'institution',
          targetId: institution.id,
          details: { slug: institution.slug, byOperator: operatorId },
        });
        await this.access.installDefaultRoles(InstitutionKind.School);
        const user = await this.accounts.create({
          email: input.admin.email,
          displayName: input.admin.displayName,
          roleKeys: [DefaultRole.SchoolAdmin],
        });
        const sent = await this.passwords.sendInvitation(user, null);
        // The operator sees whether the email can go out; when not, the link once, to hand over another way.
        return {
          id: user.id,
          email: user.email,
          status: user.status,
          delivery: sent.problem ? ('not_deliverable' as const) : ('queued' as const),
          deliveryProblem: sent.problem,
          oneTimeLink: sent.link,
        };
      });
      await this.audit.record({
        action: 'platform.institution_provisioned',
        targetType: 'institution',
        targetId: institution.id,
        details: { slug: institution.slug },
      });
      return { institution: institutionDto(institution), admin };
    });
  }

  async list() {
    const schools = await this.institutions.listSchools();
    return {
      items: schools.map((s) => ({ ...institutionDto(s), createdAt: s.createdAt.toISOString() })),
      nextCursor: null,
    };
  }

  async setStatus(id: string, status: 'active' | 'suspended') {
    return this.db.transaction(async () => {
      const institution: Institution | null = await this.institutions.findById(id);
      if (!institution || institution.kind !== InstitutionKind.School)
        throw new NotFoundError('The institution');
      if (institution.status === InstitutionStatus.Terminated)
        throw new RuleViolationError(
          'A terminated institution cannot change status.',
          'INSTITUTION_TERMINATED',
        );
      await this.institutions.setStatus(id, status);
      await this.audit.record({
        action: 'platform.institution_status',
        targetType: 'institution',
        targetId: id,
        details: { status: { from: institution.status, to: status } },
      });
      return { ...institutionDto(institution), status };
    });
  }
}
