import { QueryRunner, TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

/**
 * Column and key builders for migrations, so one set of migrations produces the right DDL on SQLite and
 * MySQL/MariaDB. Migrations never change after they land: add a new one instead.
 */
export const isSqlite = (runner: QueryRunner): boolean => runner.connection.options.type === 'better-sqlite3';

export const uuidColumn = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});

export const tenantIdColumn = (): TableColumnOptions => uuidColumn('tenant_id');

export const varchar = (
  name: string,
  length: number,
  nullable = false,
  defaultValue?: string,
): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  ...(defaultValue !== undefined ? { default: `'${defaultValue.replace(/'/g, "''")}'` } : {}),
});

export const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});

export const integer = (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'int',
  isNullable: nullable,
  ...(defaultValue !== undefined ? { default: String(defaultValue) } : {}),
});

export const bigint = (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'bigint',
  isNullable: nullable,
  ...(defaultValue !== undefined ? { default: String(defaultValue) } : {}),
});

export const boolean = (name: string, defaultValue: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  isNullable: false,
  default: defaultValue ? '1' : '0',
});

/** UTC timestamp with millisecond precision. */
export const timestamp = (
  runner: QueryRunner,
  name: string,
  nullable = false,
  defaultNow = false,
): TableColumnOptions => ({
  name,
  type: 'datetime',
  ...(isSqlite(runner) ? {} : { precision: 3 }),
  isNullable: nullable,
  ...(defaultNow
    ? { default: isSqlite(runner) ? "(strftime('%Y-%m-%d %H:%M:%f','now'))" : 'CURRENT_TIMESTAMP(3)' }
    : {}),
});

export const createdUpdated = (runner: QueryRunner): TableColumnOptions[] => [
  timestamp(runner, 'created_at', false, true),
  timestamp(runner, 'updated_at', false, true),
];

/** tenant_id -> institutions(id): a tenant row cannot outlive or invent its institution. */
export const tenantForeignKey = (table: string): TableForeignKeyOptions => ({
  name: `fk_${table}_tenant`,
  columnNames: ['tenant_id'],
  referencedTableName: 'institutions',
  referencedColumnNames: ['id'],
  onDelete: 'RESTRICT',
});

/** Composite (tenant_id, x_id) -> target(tenant_id, id): a row can never point at another tenant's row. */
export const tenantReference = (
  table: string,
  column: string,
  target: string,
  onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT',
): TableForeignKeyOptions => ({
  name: `fk_${table}_${column}`,
  columnNames: ['tenant_id', column],
  referencedTableName: target,
  referencedColumnNames: ['tenant_id', 'id'],
  onDelete,
});
