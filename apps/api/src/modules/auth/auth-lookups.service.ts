import { Injectable } from '@nestjs/common';
import { InstitutionDto, InstitutionStatus, MFA_REQUIRED_ROLES } from '@shala/contracts';
import { AccessService } from '../access/access.service';
import type { InstitutionView } from '../institutions/current-institution';
import { Institution } from '../institutions/entities/institution.entity';
import { InstitutionsService } from '../institutions/institutions.service';

export function institutionDto(i: InstitutionView): InstitutionDto {
  return {
    id: i.id,
    slug: i.slug,
    name: i.name,
    kind: i.kind,
    timeZone: i.timeZone,
    currency: i.currency,
    status: i.status,
  };
}

/** The look-ups sign-in, password reset and invitations share: which school, and whether MFA is a must. */
@Injectable()
export class AuthLookups {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly access: AccessService,
  ) {}

  /** The school a sign-in form names, when it exists and is active. */
  async activeSchool(slug: string): Promise<Institution | null> {
    const institution = await this.institutions.findBySlug(slug);
    return institution && institution.status === InstitutionStatus.Active ? institution : null;
  }

  /** Whether one of the user's roles requires MFA (AUT-06). */
  async requiresMfa(userId: string): Promise<boolean> {
    const { roles } = await this.access.grantsOf(userId);
    return roles.some((r) => (MFA_REQUIRED_ROLES as readonly string[]).includes(r));
  }
}
