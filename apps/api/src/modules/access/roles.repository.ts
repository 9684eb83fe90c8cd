import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { Role, RolePermission, UserRole } from './entities/role.entity';

@Injectable()
export class RolesRepository extends TenantScopedRepository<Role> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, Role);
  }

  findByKey(key: string): Promise<Role | null> {
    return this.findOneBy({ key });
  }

  findByKeys(keys: string[]): Promise<Role[]> {
    return this.find({ where: { key: In(keys) } });
  }

  listAll(): Promise<Role[]> {
    return this.find({ order: { key: 'ASC' } });
  }

  findById(id: string): Promise<Role | null> {
    return this.findOneBy({ id });
  }

  async add(role: Omit<Role, 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.insert(role as Omit<Role, 'tenantId'>);
  }

  rename(id: string, name: string): Promise<number> {
    return this.update({ id }, { name });
  }

  remove(id: string): Promise<number> {
    return this.delete({ id });
  }

  /** Role keys and permissions of a user in one statement: read on every request (AZ-05). */
  async grantsOf(userId: string): Promise<{ roles: string[]; permissions: string[] }> {
    const rows: { role_key: string; permission: string | null }[] = await this.query('r')
      .select('r.key', 'role_key')
      .addSelect('rp.permission', 'permission')
      .innerJoin(UserRole, 'ur', 'ur.tenantId = r.tenantId AND ur.roleId = r.id')
      .leftJoin(RolePermission, 'rp', 'rp.tenantId = r.tenantId AND rp.roleId = r.id')
      .andWhere('ur.userId = :userId', { userId })
      .getRawMany();
    return {
      roles: [...new Set(rows.map((r) => r.role_key))].sort(),
      permissions: [...new Set(rows.map((r) => r.permission).filter((p): p is string => !!p))].sort(),
    };
  }

  /** The permissions of each role named by key, in one statement; unknown keys are left out. */
  async permissionsByKey(keys: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (keys.length === 0) return out;
    const rows: { role_key: string; permission: string | null }[] = await this.query('r')
      .select('r.key', 'role_key')
      .addSelect('rp.permission', 'permission')
      .leftJoin(RolePermission, 'rp', 'rp.tenantId = r.tenantId AND rp.roleId = r.id')
      .andWhere('r.key IN (:...keys)', { keys })
      .getRawMany();
    for (const row of rows) {
      const permissions = out.get(row.role_key) ?? [];
      if (row.permission) permissions.push(row.permission);
      out.set(row.role_key, permissions);
    }
    for (const permissions of out.values()) permissions.sort();
    return out;
  }
}

@Injectable()
export class RolePermissionsRepository extends TenantScopedRepository<RolePermission> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, RolePermission);
  }

  async grant(roleId: string, permissions: readonly string[]): Promise<void> {
    if (permissions.length === 0) return;
    await this.insert(permissions.map((permission) => ({ roleId, permission })));
  }

  async replace(roleId: string, permissions: readonly string[]): Promise<void> {
    await this.delete({ roleId });
    await this.grant(roleId, permissions);
  }

  async ofRole(roleId: string): Promise<string[]> {
    return (await this.find({ where: { roleId } })).map((r) => r.permission).sort();
  }

  async all(): Promise<RolePermission[]> {
    return this.find({});
  }

  async permissionsOfRoles(roleIds: string[]): Promise<string[]> {
    if (roleIds.length === 0) return [];
    const rows = await this.find({ where: { roleId: In(roleIds) } });
    return [...new Set(rows.map((r) => r.permission))].sort();
  }
}

@Injectable()
export class UserRolesRepository extends TenantScopedRepository<UserRole> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, UserRole);
  }

  async assign(userId: string, roleIds: string[]): Promise<void> {
    await this.insert(roleIds.map((roleId) => ({ userId, roleId })));
  }

  async roleIdsOf(userId: string): Promise<string[]> {
    return (await this.find({ where: { userId } })).map((r) => r.roleId);
  }

  async replaceFor(userId: string, roleIds: string[]): Promise<void> {
    await this.delete({ userId });
    if (roleIds.length > 0) await this.assign(userId, roleIds);
  }

  async holdersOf(roleId: string): Promise<string[]> {
    return (await this.find({ where: { roleId } })).map((r) => r.userId);
  }

  countHolders(roleId: string): Promise<number> {
    return this.count({ roleId });
  }

  async all(): Promise<UserRole[]> {
    return this.find({});
  }
}
