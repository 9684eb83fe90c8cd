import { Injectable } from '@nestjs/common';
import {
  AccessErrorCode,
  DEFAULT_ROLE_PERMISSIONS,
  DefaultRole,
  InstitutionKind,
  ROLE_LABELS,
  permissionsBeyond,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { DomainError, ValidationFailedError } from '../../platform/errors/domain-error';
import { IdentityCache } from '../../platform/security/identity-cache';
import { RequestContext } from '../../platform/tenancy/request-context';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { GrantRefusedError } from './access.errors';
import { RolePermissionsRepository, RolesRepository, UserRolesRepository } from './roles.repository';

export interface Grants {
  roles: string[];
  permissions: string[];
}

/** The acting user and their permissions, read once per request from the database. */
export interface Actor extends Grants {
  userId: string;
}

const PLATFORM_ROLES: readonly DefaultRole[] = [DefaultRole.PlatformOperator];
const SCHOOL_ROLES: readonly DefaultRole[] = Object.values(DefaultRole).filter(
  (r) => r !== DefaultRole.PlatformOperator,
);

@Injectable()
export class AccessService {
  constructor(
    private readonly db: Database,
    private readonly roles: RolesRepository,
    private readonly rolePermissions: RolePermissionsRepository,
    private readonly userRoles: UserRolesRepository,
    private readonly context: RequestContext,
    private readonly audit: AuditService,
    private readonly identities: IdentityCache,
  ) {}

  /** Installs the default roles of an institution of `kind` into the current tenant. */
  async installDefaultRoles(kind: InstitutionKind): Promise<void> {
    const keys = kind === InstitutionKind.Platform ? PLATFORM_ROLES : SCHOOL_ROLES;
    await this.db.transaction(async () => {
      for (const key of keys) {
        const id = uuidv7();
        await this.roles.add({ id, key, name: ROLE_LABELS[key], isSystem: true });
        await this.rolePermissions.grant(id, DEFAULT_ROLE_PERMISSIONS[key]);
      }
    });
  }

  /** Gives a user the roles named by key; an unknown key is the caller's mistake. */
  async assignRoles(userId: string, roleKeys: string[]): Promise<void> {
    const roles = await this.roles.findByKeys(roleKeys);
    const missing = roleKeys.filter((k) => !roles.some((r) => r.key === k));
    if (missing.length > 0)
      throw new ValidationFailedError(
        missing.map((k) => ({ field: 'roles', message: `unknown role "${k}"` })),
      );
    await this.userRoles.assign(
      userId,
      roles.map((r) => r.id),
    );
    await this.identities.grantsChanged(this.context.tenantId, userId);
  }

  async replaceRoles(userId: string, roleKeys: string[]): Promise<void> {
    const roles = await this.roles.findByKeys(roleKeys);
    const missing = roleKeys.filter((k) => !roles.some((r) => r.key === k));
    if (missing.length > 0)
      throw new ValidationFailedError(
        missing.map((k) => ({ field: 'roles', message: `unknown role "${k}"` })),
      );
    await this.userRoles.replaceFor(
      userId,
      roles.map((r) => r.id),
    );
    await this.identities.grantsChanged(this.context.tenantId, userId);
  }

  /** Ids of the users holding a role. */
  async holdersOf(roleKey: string): Promise<string[]> {
    const role = await this.roles.findByKey(roleKey);
    return role ? this.userRoles.holdersOf(role.id) : [];
  }

  /**
   * Current roles and permissions of a user, from the database (AZ-05). The access guard keeps them in the
   * IdentityCache, which assignRoles, replaceRoles and role permission changes empty everywhere at once.
   */
  grantsOf(userId: string): Promise<Grants> {
    return this.roles.grantsOf(userId);
  }

  /** Drops every holder's cached grants of the current tenant, in every replica, once this commits. */
  rolePermissionsChanged(): Promise<void> {
    return this.identities.grantsChanged(this.context.tenantId);
  }

  // --- AZ-02: nobody grants more than they hold --------------------------------------------------
  // The rule itself is `permissionsBeyond`/`canGrant` in @shala/contracts; these methods apply it to the
  // acting user of the request, whose grants are read once (`actor()`) and passed to each check.

  /** The acting user's current grants; an action with no signed-in user is refused outright. */
  async actor(): Promise<Actor> {
    const userId = this.context.userId;
    if (!userId)
      throw new GrantRefusedError(AccessErrorCode.UserOutranksActor, 'This action needs a signed-in user.');
    return { userId, ...(await this.roles.grantsOf(userId)) };
  }

  /**
   * Refuses, with 403 ROLE_GRANT_REFUSED naming each role, the roles whose permissions the actor does not
   * hold; an unknown key is the caller's mistake (400). The roles are read in one statement.
   */
  async requireGrantableRoles(actor: Actor, roleKeys: string[]): Promise<void> {
    const keys = [...new Set(roleKeys)];
    const byKey = await this.roles.permissionsByKey(keys);
    const missing = keys.filter((k) => !byKey.has(k));
    if (missing.length > 0)
      throw new ValidationFailedError(
        missing.map((k) => ({ field: 'roles', message: `unknown role "${k}"` })),
      );
    const refused = keys
      .map((key) => ({ key, beyond: permissionsBeyond(actor.permissions, byKey.get(key)!) }))
      .filter((r) => r.beyond.length > 0);
    if (refused.length > 0)
      throw new GrantRefusedError(
        AccessErrorCode.RoleGrantRefused,
        `You cannot grant ${refused.map((r) => `"${r.key}"`).join(', ')}: ${
          refused.length === 1 ? 'it carries' : 'they carry'
        } permissions you do not hold.`,
        refused.map((r) => ({
          field: 'roles',
          role: r.key,
          permissions: r.beyond,
          message: `"${r.key}" carries ${r.beyond.join(', ')}`,
        })),
      );
  }

  /** Refuses (403 PERMISSION_GRANT_REFUSED) giving role `roleKey` permissions the actor does not hold. */
  requireGrantablePermissions(actor: Actor, roleKey: string, permissions: readonly string[]): void {
    const beyond = permissionsBeyond(actor.permissions, permissions);
    if (beyond.length > 0)
      throw new GrantRefusedError(
        AccessErrorCode.PermissionGrantRefused,
        `You cannot change the role "${roleKey}" to or from permissions you do not hold: ${beyond.join(', ')}.`,
        beyond.map((p) => ({ field: 'permissions', role: roleKey, message: `you do not hold "${p}"` })),
      );
  }

  /**
   * The grants of a user (known to exist) the actor means to act on: deactivation, roles, MFA reset and
   * the like. 403 USER_OUTRANKS_ACTOR when the user holds permissions the actor does not.
   */
  async requireOutranks(actor: Actor, userId: string): Promise<Grants> {
    const target = userId === actor.userId ? actor : await this.roles.grantsOf(userId);
    const beyond = permissionsBeyond(actor.permissions, target.permissions);
    if (beyond.length > 0)
      throw new GrantRefusedError(
        AccessErrorCode.UserOutranksActor,
        `This user holds permissions you do not (${beyond.join(', ')}), so you cannot change their account.`,
        [{ field: 'id', permissions: beyond, message: 'holds permissions you do not' }],
      );
    return target;
  }

  /**
   * Runs an action; a refusal it throws (403 grant refusal, or a 401/403 failed re-authentication) is
   * audited as `denied`/`failure` after its transaction has rolled back, then rethrown (AUD-01).
   */
  async auditingRefusals<T>(record: Omit<AuditRecord, 'outcome'>, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof DomainError && (error.status === 401 || error.status === 403)) {
        await this.audit.record({
          ...record,
          outcome: error.status === 403 ? 'denied' : 'failure',
          details: {
            ...record.details,
            refused: error.code,
            ...(error.details ? { why: error.details } : {}),
          },
        });
      }
      throw error;
    }
  }
}
