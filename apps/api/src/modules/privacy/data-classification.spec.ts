import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA } from '../../database.registry';
import { DATA_CLASSIFICATION } from './data-classification';

/** PRV-05: the records of processing cover every tenant table, so a new module must classify its tables. */
describe('data-classification map', () => {
  let tenantTables: string[];
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: SCHEMA.entities });
    await ds.initialize();
    tenantTables = ds.entityMetadatas
      .filter((m) => m.columns.some((c) => c.databaseName === 'tenant_id'))
      .map((m) => m.tableName)
      .sort();
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('[PRV-05] has an entry for every tenant table', () => {
    expect(tenantTables.length).toBeGreaterThan(40);
    expect(tenantTables.filter((table) => !(table in DATA_CLASSIFICATION))).toEqual([]);
  });

  it('[PRV-05] has no entry for a table that does not exist', () => {
    expect(Object.keys(DATA_CLASSIFICATION).filter((table) => !tenantTables.includes(table))).toEqual([]);
  });

  it('[PRV-05] gives each entry a purpose, categories, subjects and retention', () => {
    for (const [table, c] of Object.entries(DATA_CLASSIFICATION)) {
      expect(c.purpose, table).not.toBe('');
      expect(c.categories.length, table).toBeGreaterThan(0);
      expect(c.subjects.length, table).toBeGreaterThan(0);
      expect(c.retention, table).not.toBe('');
    }
  });
});
