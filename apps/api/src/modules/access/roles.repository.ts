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

  async add(role: Omit<Role, 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.insert(role as Omit<Role, 'tenantId'>);
  }
}

@Injectable()
export class RolePermissionsRepository extends TenantScopedRepository<RolePermission> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, RolePermission);
  }

  async grant(roleId: string, permissions: readonly string[]): Promise<void> {
    await this.insert(permissions.map((permission) => ({ roleId, permission })));
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
}
