import { Injectable } from '@nestjs/common';
import { InstitutionStatus } from '@shala/contracts';
import type { AccessClaims } from '../../platform/security/access-tokens';
import type { IdentityResolver } from '../../platform/security/identity';
import { IdentityCache } from '../../platform/security/identity-cache';
import { AccessService } from '../access/access.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { SessionsService } from './sessions.service';

/**
 * Checks the session behind an access token, that its institution is still active (a suspended school's
 * tokens stop at once, not at expiry), and loads current grants (AZ-05). All three come from caches that
 * every replica drops as soon as a revocation, suspension or role change commits (IdentityCache,
 * CurrentInstitution), so a request costs no statement while nothing changed.
 */
@Injectable()
export class SessionIdentityResolver implements IdentityResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly access: AccessService,
    private readonly institution: CurrentInstitution,
    private readonly cache: IdentityCache,
  ) {}

  async resolve(claims: AccessClaims): Promise<{ roles: string[]; permissions: string[] } | null> {
    // The guard has already put claims.tid in the request context.
    const status = (await this.institution.find())?.status ?? null;
    if (status !== InstitutionStatus.Active) return null;
    if (!(await this.sessions.isLive(claims.sid, claims.sub))) return null;
    return this.cache.grants(claims.tid, claims.sub, () => this.access.grantsOf(claims.sub));
  }
}
