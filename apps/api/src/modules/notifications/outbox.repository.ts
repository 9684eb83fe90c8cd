import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import { OutboxMessage } from './entities/outbox-message.entity';

@Injectable()
export class OutboxRepository extends TenantScopedRepository<OutboxMessage> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, OutboxMessage);
  }

  findByIdempotencyKey(idempotencyKey: string): Promise<OutboxMessage | null> {
    return this.findOneBy({ idempotencyKey });
  }

  findById(id: string): Promise<OutboxMessage | null> {
    return this.findOneBy({ id });
  }

  listNewestFirst(limit: number): Promise<OutboxMessage[]> {
    return this.find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  async add(message: Omit<OutboxMessage, 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.insert(message as Omit<OutboxMessage, 'tenantId'>);
  }
}
