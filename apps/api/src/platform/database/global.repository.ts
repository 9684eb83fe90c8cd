import { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { Database } from './database';

/**
 * Base for repositories of the few global (non-tenant) tables, such as `institutions`. A table reached
 * through this base must be listed in GLOBAL_TABLES; the schema rules test fails on any other table
 * without tenant_id.
 */
export abstract class GlobalRepository<T extends ObjectLiteral> {
  protected constructor(
    protected readonly db: Database,
    private readonly entity: EntityTarget<T>,
  ) {}

  protected get manager(): EntityManager {
    return this.db.manager;
  }

  protected get repo(): Repository<T> {
    return this.db.manager.getRepository(this.entity);
  }
}
