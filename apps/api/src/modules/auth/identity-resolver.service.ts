import { Injectable } from '@nestjs/common';
import type { AccessClaims } from '../../platform/security/access-tokens';
import type { IdentityResolver } from '../../platform/security/identity';
import { AccessService } from '../access/access.service';
import { SessionsService } from './sessions.service';

/** Checks the session behind an access token (cached for seconds) and loads current grants (AZ-05). */
@Injectable()
export class SessionIdentityResolver implements IdentityResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly access: AccessService,
  ) {}

  async resolve(claims: AccessClaims): Promise<{ roles: string[]; permissions: string[] } | null> {
    if (!(await this.sessions.isLive(claims.sid, claims.sub))) return null;
    return this.access.grantsOf(claims.sub);
  }
}
