import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { User, UserStatus } from './entities/user.entity';

@Injectable()
export class UsersRepository extends TenantScopedRepository<User> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, User);
  }

  findById(id: string): Promise<User | null> {
    return this.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.findOneBy({ email: email.toLowerCase() });
  }

  listByEmail(): Promise<User[]> {
    return this.find({ order: { email: 'ASC' } });
  }

  countAll(): Promise<number> {
    return this.count();
  }

  async add(user: Omit<User, 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.insert(user as Omit<User, 'tenantId'>);
  }

  setStatus(id: string, status: UserStatus): Promise<number> {
    return this.update({ id }, { status });
  }

  rename(id: string, displayName: string): Promise<number> {
    return this.update({ id }, { displayName });
  }

  remove(id: string): Promise<number> {
    return this.delete({ id });
  }
}
