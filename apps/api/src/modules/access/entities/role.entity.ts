import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '../../../platform/database/tenant-entity';

@Entity({ name: 'roles' })
export class Role extends TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'role_key', type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'is_system', type: 'boolean' })
  isSystem!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

@Entity({ name: 'role_permissions' })
export class RolePermission extends TenantEntity {
  @PrimaryColumn({ name: 'role_id', type: 'varchar', length: 36 })
  roleId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  permission!: string;
}

@Entity({ name: 'user_roles' })
export class UserRole extends TenantEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @PrimaryColumn({ name: 'role_id', type: 'varchar', length: 36 })
  roleId!: string;
}
