import { FindOperator } from 'typeorm';
import type { DataSource, EntityMetadata, FindManyOptions, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';
import { placeholders } from './placeholders';

/** One compiled shape: the statement and the columns its placeholders and rows stand for. */
interface Plan {
  /** The statement; an `In` condition's list is written per call (`IN_LIST` stands for it). */
  sql: string;
  where: ColumnMetadata[];
  select: ColumnMetadata[];
}

const IN_LIST = '(/*in*/)';

/** Shapes come from the repositories' code, not from input; past this many, shapes are not kept. */
const MAX_PLANS = 2_000;

const OPTION_KEYS = new Set(['where', 'order', 'take']);

/** A where value this path binds as TypeORM would: a string or a finite number, nothing to convert. */
const bindable = (v: unknown): v is string | number =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** `In([...])` of bindable values, not empty (TypeORM writes an empty one as a condition that is false). */
const inList = (v: unknown): v is FindOperator<(string | number)[]> =>
  v instanceof FindOperator &&
  v.type === 'in' &&
  Array.isArray(v.value) &&
  v.value.length > 0 &&
  (v.value as unknown[]).every(bindable);

/**
 * TypeORM's `find` for the shape most repository reads have: equality (or `In`) on plain columns with
 * string or number values, ordering by plain columns, an optional row limit, on an entity with no relations,
 * embeddeds, inheritance or soft deletes. Each shape is made into its statement once; rows become entities
 * through the driver's own `prepareHydratedValue` (types and transformers), as TypeORM's hydration does.
 * TypeORM builds a query builder, aliases and a result transformer on every call, which on a hot read costs
 * more than the statement. Anything else (operators, null, relations, skip, select...) answers undefined
 * and the caller uses TypeORM. `compiled-find.int-spec.ts` checks that both give equal entities for every
 * tenant table on both databases.
 */
export class CompiledFinds {
  private readonly plans = new Map<string, Plan | null>();

  constructor(private readonly dataSource: DataSource) {}

  /** The statement and its parameters for `options`, or undefined when TypeORM must answer them. */
  compile<T extends ObjectLiteral>(
    metadata: EntityMetadata,
    options: FindManyOptions<T>,
  ): { plan: Plan; params: unknown[] } | undefined {
    for (const [key, value] of Object.entries(options))
      if (value !== undefined && !OPTION_KEYS.has(key)) return undefined;
    const where = options.where;
    if (typeof where !== 'object' || where === null || Array.isArray(where)) return undefined;
    const order = options.order ?? {};
    if (typeof order !== 'object' || order === null || Array.isArray(order)) return undefined;
    const take = options.take;
    if (take !== undefined && !(Number.isInteger(take) && take > 0)) return undefined;
    const whereKeys = Object.keys(where);
    const values = Object.values(where) as unknown[];
    if (!values.every((v) => bindable(v) || inList(v))) return undefined;
    const orderEntries = Object.entries(order) as [string, unknown][];
    if (!orderEntries.every(([, d]) => d === 'ASC' || d === 'DESC' || d === 'asc' || d === 'desc'))
      return undefined;
    const isIn = values.map(inList);
    const shape = `${metadata.name}|${whereKeys.map((k, i) => (isIn[i] ? `${k} in` : k)).join(',')}|${orderEntries.map(([k, d]) => `${k} ${String(d)}`).join(',')}|${take === undefined ? '' : 'L'}`;
    let plan = this.plans.get(shape);
    if (plan === undefined) {
      plan = this.plan(
        metadata,
        whereKeys.map((k, i) => [k, isIn[i]!] as const),
        orderEntries as [string, string][],
        take !== undefined,
      );
      if (this.plans.size < MAX_PLANS) this.plans.set(shape, plan);
    }
    if (!plan) return undefined;
    const to = (column: ColumnMetadata, v: unknown) =>
      column.transformer ? ApplyValueTransformers.transformTo(column.transformer, v) : v;
    const params: unknown[] = [];
    let sql = plan.sql;
    plan.where.forEach((column, i) => {
      const value = values[i];
      if (!isIn[i]) return void params.push(to(column, value));
      const list = (value as FindOperator<(string | number)[]>).value;
      for (const v of list) params.push(to(column, v));
      sql = sql.replace(IN_LIST, `(${placeholders(list.length)})`);
    });
    if (take !== undefined) params.push(take);
    return { plan: sql === plan.sql ? plan : { ...plan, sql }, params };
  }

  /** Entities from the rows a compiled statement answered. */
  hydrate<T>(metadata: EntityMetadata, plan: Plan, rows: Record<string, unknown>[]): T[] {
    const driver = this.dataSource.driver;
    return rows.map((row) => {
      const entity = metadata.create(undefined, { fromDeserializer: true }) as T & ObjectLiteral;
      for (const column of plan.select) {
        const value = row[column.databaseName];
        if (value === undefined) continue;
        column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
      }
      return entity;
    });
  }

  private plan(
    metadata: EntityMetadata,
    whereKeys: (readonly [string, boolean])[],
    order: [string, string][],
    limited: boolean,
  ): Plan | null {
    if (
      metadata.relations.length > 0 ||
      metadata.embeddeds.length > 0 ||
      metadata.discriminatorColumn ||
      metadata.childEntityMetadatas.length > 0 ||
      metadata.treeType ||
      metadata.deleteDateColumn
    )
      return null;
    const plain = (property: string) => {
      const column = metadata.findColumnWithPropertyPath(property);
      return column && !column.isVirtualProperty && !column.relationMetadata && !column.embeddedMetadata
        ? column
        : null;
    };
    const where = whereKeys.map(([k]) => plain(k));
    const orderBy = order.map(([k, d]) => [plain(k), d.toUpperCase()] as const);
    if (where.some((c) => !c) || orderBy.some(([c]) => !c)) return null;
    const select = metadata.columns.filter((c) => c.isSelect && !c.isVirtualProperty);
    const q = (name: string) => this.dataSource.driver.escape(name);
    const sql = [
      `SELECT ${select.map((c) => q(c.databaseName)).join(', ')} FROM ${q(metadata.tableName)}`,
      where.length
        ? `WHERE ${where.map((c, i) => `${q(c!.databaseName)} ${whereKeys[i]![1] ? `IN ${IN_LIST}` : '= ?'}`).join(' AND ')}`
        : '',
      orderBy.length ? `ORDER BY ${orderBy.map(([c, d]) => `${q(c!.databaseName)} ${d}`).join(', ')}` : '',
      limited ? 'LIMIT ?' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { sql, where: where as ColumnMetadata[], select };
  }
}
