import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { In, type EntityMetadata, type FindManyOptions, type ObjectLiteral } from 'typeorm';
import { seedDemo } from './support/demo';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

/**
 * The repositories' compiled finds (Database.finds) answer exactly what TypeORM's find answers: the same
 * entities, of the same class, with the same typed values (dates, booleans, money, JSON), for every tenant
 * table of the seeded demo, on equality with each of a row's columns, ordered, limited.
 */
describe(`compiled finds equal TypeORM's on ${TEST_DB}`, () => {
  let t: TestApp;
  let tenantId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    await seedDemo(t);
    const [school] = await t.dataSource.query<{ id: string }[]>(
      "SELECT id FROM institutions WHERE slug = 'greenwood'",
    );
    tenantId = school!.id;
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  const tenantTables = () =>
    t.dataSource.entityMetadatas.filter((m) => m.columns.some((c) => c.databaseName === 'tenant_id'));

  async function both(metadata: EntityMetadata, options: FindManyOptions<ObjectLiteral>) {
    const compiled = t.db.finds.compile(metadata, options);
    if (!compiled) return null;
    const rows = await t.db.query<Record<string, unknown>[]>(compiled.plan.sql, compiled.params);
    return {
      compiled: t.db.finds.hydrate(metadata, compiled.plan, rows),
      typeorm: await t.dataSource.manager.find(metadata.target, options),
    };
  }

  it('compiles the simple shape of every tenant table and answers its rows as TypeORM does', async () => {
    let compared = 0;
    let withRows = 0;
    let inCompared = 0;
    for (const metadata of tenantTables()) {
      const order = Object.fromEntries(metadata.primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
      const all = await both(metadata, { where: { tenantId }, order });
      if (!all) continue;
      compared++;
      expect(all.compiled, metadata.tableName).toStrictEqual(all.typeorm);
      const first = all.typeorm[0];
      if (!first) continue;
      withRows++;
      // Equality on each column that holds a string or a number in the first row.
      for (const column of metadata.columns) {
        const value = column.getEntityValue(first);
        if (typeof value !== 'string' && typeof value !== 'number') continue;
        const one = await both(metadata, {
          where: { tenantId, [column.propertyName]: value },
          order,
          take: 5,
        });
        expect(one, `${metadata.tableName}.${column.databaseName}`).not.toBeNull();
        expect(one!.compiled, `${metadata.tableName}.${column.databaseName}`).toStrictEqual(one!.typeorm);
        expect(one!.compiled.length).toBeGreaterThan(0);
        // And In: this value and another row's, or one that matches nothing.
        const other = all.typeorm.map((r) => column.getEntityValue(r)).find((v) => v !== value) ?? 'none';
        const several = await both(metadata, {
          where: { tenantId, [column.propertyName]: In([value, other]) },
          order,
        });
        expect(several, `${metadata.tableName}.${column.databaseName} In`).not.toBeNull();
        expect(several!.compiled, `${metadata.tableName}.${column.databaseName} In`).toStrictEqual(
          several!.typeorm,
        );
        inCompared++;
      }
    }
    // Most tenant tables compile, and the demo fills a good part of them.
    expect(compared).toBeGreaterThan(tenantTables().length * 0.8);
    expect(withRows).toBeGreaterThan(40);
    expect(inCompared).toBeGreaterThan(100);
    expect(takeSqlGuardViolations()).toEqual([]);
  }, 120_000);

  it('leaves to TypeORM what it does not compile: operators, null, booleans, relations, skip', () => {
    const metadata = t.dataSource.getMetadata('Student');
    const compile = (options: Record<string, unknown>) =>
      t.db.finds.compile(metadata, options as FindManyOptions<ObjectLiteral>);
    expect(compile({ where: { tenantId, status: 'active' } })).toBeDefined();
    expect(compile({ where: { tenantId, userId: null as unknown as string } })).toBeUndefined();
    expect(compile({ where: [{ tenantId }] })).toBeUndefined();
    expect(compile({ where: { tenantId }, skip: 5 })).toBeUndefined();
    expect(compile({ where: { tenantId }, select: { id: true } })).toBeUndefined();
    expect(compile({ where: { tenantId, processingRestricted: true } })).toBeUndefined();
    expect(compile({ where: { tenantId }, order: { noSuchColumn: 'ASC' } })).toBeUndefined();
    expect(compile({ where: { tenantId, status: In([]) } })).toBeUndefined();
    expect(compile({ where: { tenantId, status: In(['active', 'left']) } })!.plan.sql).toMatch(
      /IN \(\?, \?\)/,
    );
  });
});
