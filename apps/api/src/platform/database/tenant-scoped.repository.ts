import {
  DeepPartial,
  EntityManager,
  EntityMetadata,
  EntityTarget,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TenantIsolationError } from '../errors/domain-error';
import { RequestContext } from '../tenancy/request-context';
import { Database } from './database';
import type { Insertable } from './insertable';
import type { TenantEntity, WithoutTenant } from './tenant-entity';
import { placeholders } from './placeholders';

type Where<T> = FindOptionsWhere<T> | FindOptionsWhere<T>[];

function hasOwnTenant(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'tenantId' in value &&
    (value as { tenantId?: unknown }).tenantId !== undefined
  );
}

/**
 * The only door to tenant tables (TEN-03). Every read, update and delete gets `tenant_id = <context
 * tenant>`; every insert is stamped with it; a caller-supplied tenant id is refused; an empty or missing
 * tenant throws before any SQL runs. Subclasses expose named methods (`findByEmail`), never a generic
 * `find(where)` passed through from callers.
 */
export abstract class TenantScopedRepository<T extends TenantEntity & ObjectLiteral> {
  protected constructor(
    protected readonly db: Database,
    protected readonly context: RequestContext,
    protected readonly entity: EntityTarget<T>,
  ) {}

  /** The tenant every statement of this call is scoped to; throws when there is none. */
  protected get tenantId(): string {
    const tenantId = this.context.tenantId;
    if (typeof tenantId !== 'string' || tenantId.trim() === '') {
      throw new TenantIsolationError('Empty tenant id in the request context.');
    }
    return tenantId;
  }

  protected get manager(): EntityManager {
    return this.db.manager;
  }

  /** Adds the tenant predicate to each branch of a where; refuses one that names a tenant itself. */
  protected scoped(where: Where<T> = {}): Where<T> {
    const tenantId = this.tenantId;
    const branches = Array.isArray(where) ? where : [where];
    if (branches.length === 0)
      throw new TenantIsolationError('An empty OR-list would match no tenant predicate.');
    const scopedBranches = branches.map((branch) => {
      if (hasOwnTenant(branch))
        throw new TenantIsolationError(
          'A caller-supplied tenant id is refused; the tenant comes from the request context.',
        );
      return { ...branch, tenantId } as FindOptionsWhere<T>;
    });
    return Array.isArray(where) ? scopedBranches : scopedBranches[0]!;
  }

  private entityMetadata?: EntityMetadata;

  private get metadata(): EntityMetadata {
    return (this.entityMetadata ??= this.db.dataSource.getMetadata(this.entity));
  }

  /** The simple shapes through one compiled statement (Database.finds); the rest through TypeORM. */
  private async findScoped(options: FindManyOptions<T>): Promise<T[]> {
    const compiled = this.db.finds.compile(this.metadata, options);
    if (!compiled) return this.manager.find(this.entity, options);
    const rows = await this.db.query<Record<string, unknown>[]>(compiled.plan.sql, compiled.params);
    return this.db.finds.hydrate<T>(this.metadata, compiled.plan, rows);
  }

  protected async find(options: FindManyOptions<T> = {}): Promise<T[]> {
    return this.findScoped({ ...options, where: this.scoped(options.where as Where<T> | undefined) });
  }

  protected async findOne(options: FindManyOptions<T> = {}): Promise<T | null> {
    const rows = await this.findScoped({
      ...options,
      where: this.scoped(options.where as Where<T> | undefined),
      take: 1,
    });
    return rows[0] ?? null;
  }

  protected async findOneBy(where: Where<T>): Promise<T | null> {
    return this.findOne({ where });
  }

  protected async count(where: Where<T> = {}): Promise<number> {
    return this.manager.countBy(this.entity, this.scoped(where));
  }

  protected async exists(where: Where<T>): Promise<boolean> {
    return this.manager.existsBy(this.entity, this.scoped(where));
  }

  /** Inserts rows stamped with the context tenant; a row carrying its own tenant id is refused. */
  protected async insert(rows: Insertable<T> | Insertable<T>[]): Promise<T[]> {
    const tenantId = this.tenantId;
    const list = Array.isArray(rows) ? rows : [rows];
    if (list.length === 0) return [];
    const stamped = list.map((row) => {
      if (hasOwnTenant(row))
        throw new TenantIsolationError('A caller-supplied tenant id is refused on insert.');
      return { ...row, tenantId } as unknown as T;
    });
    await this.manager.insert(this.entity, stamped as QueryDeepPartialEntity<T>[]);
    return stamped;
  }

  /**
   * Inserts rows, or updates them where they collide on `conflictPaths` (plus tenant_id): one statement,
   * `ON CONFLICT DO UPDATE` on SQLite and `ON DUPLICATE KEY UPDATE` on MySQL.
   */
  protected async upsert(rows: Insertable<T>[], conflictPaths: (keyof T & string)[]): Promise<void> {
    if (rows.length === 0) return;
    const tenantId = this.tenantId;
    const stamped = rows.map((row) => {
      if (hasOwnTenant(row))
        throw new TenantIsolationError('A caller-supplied tenant id is refused on upsert.');
      return { ...row, tenantId } as unknown as T;
    });
    await this.manager.upsert(this.entity, stamped as QueryDeepPartialEntity<T>[], {
      conflictPaths: ['tenantId', ...conflictPaths],
    });
  }

  /**
   * A hand-written, parameterized statement for a hot path where TypeORM's query building costs more than
   * the query. The SQL must compare tenant_id with the first parameter, which this method supplies: the
   * tenant still comes only from the request context (and the test-mode SQL guard checks the predicate).
   */
  protected async sql<R>(statement: string, params: unknown[] = []): Promise<R> {
    if (!/tenant_id/i.test(statement))
      throw new TenantIsolationError('A raw statement on a tenant table must name tenant_id.');
    return this.db.query<R>(statement, [this.tenantId, ...params]);
  }

  /** SQL placeholders for `n` rows of `width` values, the first of each row being the tenant. */
  protected static rowsOf(n: number, width: number): string {
    const row = `(${placeholders(width)})`;
    return Array.from({ length: n }, () => row).join(', ');
  }

  /** Updates the tenant's rows matching `where`; the patch may not move a row to another tenant. */
  protected async update(where: FindOptionsWhere<T>, patch: QueryDeepPartialEntity<T>): Promise<number> {
    if (hasOwnTenant(patch)) throw new TenantIsolationError('An update may not change tenant_id.');
    // An empty PATCH changes nothing: answer how many rows match (callers read 0 as "not found") instead
    // of sending an UPDATE with no SET, which TypeORM refuses.
    if (Object.values(patch).every((v) => v === undefined))
      return this.manager.count(this.entity, { where: this.scoped(where) as FindOptionsWhere<T> });
    const result = await this.manager.update(this.entity, this.scoped(where) as FindOptionsWhere<T>, patch);
    return result.affected ?? 0;
  }

  /** Deletes the tenant's rows matching `where`; at least one other condition is required. */
  protected async delete(where: FindOptionsWhere<T>): Promise<number> {
    if (Object.keys(where).length === 0)
      throw new TenantIsolationError('Refusing a delete with no condition.');
    const result = await this.manager.delete(this.entity, this.scoped(where) as FindOptionsWhere<T>);
    return result.affected ?? 0;
  }

  /**
   * A query builder already restricted to the tenant. Add conditions with `andWhere`; calling `where`
   * again would drop the tenant predicate, which the test-mode SQL guard catches.
   */
  protected query(alias: string): SelectQueryBuilder<T> {
    return this.manager
      .createQueryBuilder(this.entity, alias)
      .where(`${alias}.tenantId = :__tenantId`, { __tenantId: this.tenantId });
  }

  /** Builds an entity instance for the caller without touching the database. */
  protected build(values: DeepPartial<WithoutTenant<T>>): T {
    return this.manager.create(this.entity, values as DeepPartial<T>);
  }
}
