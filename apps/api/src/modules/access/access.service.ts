import { Injectable } from '@nestjs/common';
import { DEFAULT_ROLE_PERMISSIONS, DefaultRole, InstitutionKind, ROLE_LABELS } from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import { ValidationFailedError } from '../../platform/errors/domain-error';
import { RolePermissionsRepository, RolesRepository, UserRolesRepository } from './roles.repository';

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
  }

  /** Ids of the users holding a role. */
  async holdersOf(roleKey: string): Promise<string[]> {
    const role = await this.roles.findByKey(roleKey);
    return role ? this.userRoles.holdersOf(role.id) : [];
  }

  /** Current roles and permissions of a user, read fresh on every request (AZ-05). */
  grantsOf(userId: string): Promise<{ roles: string[]; permissions: string[] }> {
    return this.roles.grantsOf(userId);
  }
}
