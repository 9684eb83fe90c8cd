import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../../platform/database/database';
import { TenantScopedRepository } from '../../platform/database/tenant-scoped.repository';
import { RequestContext } from '../../platform/tenancy/request-context';
import {
  FeeLateFeeApplication,
  FeeLateFeeRule,
  FeeReminderRule,
  FeeReminderSent,
} from './entities/fee-rules.entities';

@Injectable()
export class LateFeeRulesRepository extends TenantScopedRepository<FeeLateFeeRule> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeLateFeeRule);
  }
  list(): Promise<FeeLateFeeRule[]> {
    return this.find({ order: { name: 'ASC' } });
  }
  active(): Promise<FeeLateFeeRule[]> {
    return this.find({ where: { active: true } });
  }
  async add(row: Omit<FeeLateFeeRule, 'tenantId'>): Promise<void> {
    await this.insert(row);
  }
}

@Injectable()
export class LateFeeApplicationsRepository extends TenantScopedRepository<FeeLateFeeApplication> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeLateFeeApplication);
  }
  ofInvoices(invoiceIds: string[]): Promise<FeeLateFeeApplication[]> {
    return invoiceIds.length ? this.find({ where: { invoiceId: In(invoiceIds) } }) : Promise.resolve([]);
  }
  async set(invoiceId: string, ruleId: string, applied: number): Promise<void> {
    await this.upsert([{ invoiceId, ruleId, applied }], ['invoiceId', 'ruleId']);
  }
}

@Injectable()
export class ReminderRulesRepository extends TenantScopedRepository<FeeReminderRule> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeReminderRule);
  }
  list(): Promise<FeeReminderRule[]> {
    return this.find({ order: { kind: 'ASC', days: 'ASC' } });
  }
  active(): Promise<FeeReminderRule[]> {
    return this.find({ where: { active: true } });
  }
  async add(row: Omit<FeeReminderRule, 'tenantId'>): Promise<void> {
    await this.insert(row);
  }
}

@Injectable()
export class RemindersSentRepository extends TenantScopedRepository<FeeReminderSent> {
  constructor(db: Database, context: RequestContext) {
    super(db, context, FeeReminderSent);
  }
  /** Claims (rule, invoice, occurrence); false when it was claimed before (never remind twice). */
  async claim(ruleId: string, invoiceId: string, occurrence: number): Promise<boolean> {
    if (await this.exists({ ruleId, invoiceId, occurrence })) return false;
    await this.insert({ ruleId, invoiceId, occurrence, enqueued: 0 });
    return true;
  }
  async setEnqueued(ruleId: string, invoiceId: string, occurrence: number, enqueued: number): Promise<void> {
    await this.update({ ruleId, invoiceId, occurrence }, { enqueued });
  }
}
