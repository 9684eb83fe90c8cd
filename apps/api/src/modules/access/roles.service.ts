import { Injectable } from '@nestjs/common';
import {
  DefaultRole,
  InstitutionKind,
  isPermission,
  Permission,
  type RoleDto as RoleView,
} from '@shala/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Database } from '../../platform/database/database';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../../platform/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { CurrentInstitution } from '../institutions/current-institution';
import { AccessService } from './access.service';
import { Role } from './entities/role.entity';
import { RolePermissionsRepository, RolesRepository, UserRolesRepository } from './roles.repository';

/** Permissions a school admin must keep, so nobody edits the institution into a state nobody can manage. */
const ADMIN_KEEPS: readonly string[] = [
  Permission.RolesRead,
  Permission.RolesWrite,
  Permission.UsersRead,
  Permission.UsersWrite,
];

/** Each institution edits its own roles (AZ-02); changes are audited and apply on the next request (AZ-05). */
@Injectable()
export class RolesService {
  constructor(
    private readonly db: Database,
    private readonly roles: RolesRepository,
    private readonly rolePermissions: RolePermissionsRepository,
    private readonly userRoles: UserRolesRepository,
    private readonly institution: CurrentInstitution,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  private async view(role: Role): Promise<RoleView> {
    return {
      id: role.id,
      key: role.key,
      name: role.name,
      isSystem: role.isSystem,
      // Stored permissions are checked against the catalogue when they are saved.
      permissions: (await this.rolePermissions.ofRole(role.id)) as Permission[],
      holders: await this.userRoles.countHolders(role.id),
    };
  }

  async list(): Promise<RoleView[]> {
    const [roles, grants, holders] = await Promise.all([
      this.roles.listAll(),
      this.rolePermissions.all(),
      this.userRoles.all(),
    ]);
    return roles.map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      isSystem: r.isSystem,
      permissions: grants
        .filter((g) => g.roleId === r.id)
        .map((g) => g.permission as Permission)
        .sort(),
      holders: holders.filter((h) => h.roleId === r.id).length,
    }));
  }

  private async get(id: string): Promise<Role> {
    const role = await this.roles.findById(id);
    if (!role) throw new NotFoundError('The role');
    return role;
  }

  /** Only catalogued permissions, and only those that fit the institution kind (TEN-05). */
  private async checkPermissions(permissions: string[]): Promise<void> {
    const institution = await this.institution.find();
    const platform = institution?.kind === InstitutionKind.Platform;
    const details = permissions.flatMap((p) => {
      if (!isPermission(p)) return [{ field: 'permissions', message: `unknown permission "${p}"` }];
      if (platform !== (p === Permission.PlatformInstitutionsManage)) {
        return [
          {
            field: 'permissions',
            message: `"${p}" cannot be granted in ${platform ? 'the platform' : 'a school'}`,
          },
        ];
      }
      return [];
    });
    if (details.length) throw new ValidationFailedError(details);
  }

  /** AZ-02: a role may be given only permissions its creator holds. */
  async create(input: { key: string; name: string; permissions: string[] }): Promise<RoleView> {
    await this.checkPermissions(input.permissions);
    const audited = { action: 'roles.create', targetType: 'role', details: { role: input.key } };
    return this.access.auditingRefusals(audited, () =>
      this.db.transaction(async () => {
        this.access.requireGrantablePermissions(await this.access.actor(), input.key, input.permissions);
        if (await this.roles.findByKey(input.key))
          throw new ConflictError(`A role with key "${input.key}" exists.`, 'ROLE_KEY_TAKEN', [
            { field: 'key', message: 'already taken' },
          ]);
        const id = uuidv7();
        await this.roles.add({ id, key: input.key, name: input.name, isSystem: false });
        await this.rolePermissions.grant(id, input.permissions);
        await this.audit.record({
          action: 'roles.create',
          targetType: 'role',
          targetId: id,
          details: { role: input.key, permissions: [...input.permissions].sort() },
        });
        return this.view((await this.roles.findById(id))!);
      }),
    );
  }

  /** AZ-02: only for roles whose permissions, before and after, the actor holds; holders feel it at once. */
  async setPermissions(id: string, permissions: string[]): Promise<RoleView> {
    await this.checkPermissions(permissions);
    return this.access.auditingRefusals(
      { action: 'roles.permissions_changed', targetType: 'role', targetId: id },
      () =>
        this.db.transaction(async () => {
          const role = await this.get(id);
          const before = await this.rolePermissions.ofRole(id);
          this.access.requireGrantablePermissions(await this.access.actor(), role.key, [
            ...before,
            ...permissions,
          ]);
          if (role.key === DefaultRole.SchoolAdmin) {
            const missing = ADMIN_KEEPS.filter((p) => !permissions.includes(p));
            if (missing.length)
              throw new RuleViolationError(
                `The school admin role must keep ${missing.join(', ')}.`,
                'ADMIN_ROLE_LOCKOUT',
              );
          }
          await this.rolePermissions.replace(id, permissions);
          await this.access.rolePermissionsChanged();
          const after = [...permissions].sort();
          await this.audit.record({
            action: 'roles.permissions_changed',
            targetType: 'role',
            targetId: id,
            details: {
              role: role.key,
              added: after.filter((p) => !before.includes(p)),
              removed: before.filter((p) => !after.includes(p)),
            },
          });
          return this.view(role);
        }),
    );
  }

  /** The role, if the actor holds all its permissions: nobody renames or deletes a role above their own. */
  private async manageable(id: string): Promise<Role> {
    const role = await this.get(id);
    this.access.requireGrantablePermissions(
      await this.access.actor(),
      role.key,
      await this.rolePermissions.ofRole(id),
    );
    return role;
  }

  async rename(id: string, name: string): Promise<RoleView> {
    return this.access.auditingRefusals({ action: 'roles.rename', targetType: 'role', targetId: id }, () =>
      this.db.transaction(async () => {
        const role = await this.manageable(id);
        await this.roles.rename(id, name);
        await this.audit.record({
          action: 'roles.rename',
          targetType: 'role',
          targetId: id,
          details: { name: { from: role.name, to: name } },
        });
        return this.view({ ...role, name });
      }),
    );
  }

  async remove(id: string): Promise<void> {
    await this.access.auditingRefusals({ action: 'roles.delete', targetType: 'role', targetId: id }, () =>
      this.db.transaction(async () => {
        const role = await this.manageable(id);
        if (role.isSystem)
          throw new RuleViolationError(
            'Default roles cannot be deleted; edit their permissions instead.',
            'SYSTEM_ROLE',
          );
        if ((await this.userRoles.countHolders(id)) > 0)
          throw new ConflictError('Someone still holds this role; change their roles first.', 'ROLE_IN_USE');
        await this.roles.remove(id);
        await this.audit.record({
          action: 'roles.delete',
          targetType: 'role',
          targetId: id,
          details: { role: role.key },
        });
      }),
    );
  }
}
