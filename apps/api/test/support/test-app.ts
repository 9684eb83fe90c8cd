import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DefaultRole, InstitutionKind } from '@shala/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../../src/database.registry';
import { AccessService } from '../../src/modules/access/access.service';
import type { Institution } from '../../src/modules/institutions/entities/institution.entity';
import { InstitutionsService } from '../../src/modules/institutions/institutions.service';
import { UserAccounts } from '../../src/modules/access/user-accounts.service';
import { AppConfig, loadConfig } from '../../src/platform/config/app-config';
import { connectWithRetry } from '../../src/platform/database/data-source';
import { Database } from '../../src/platform/database/database';
import { sqlGuardViolations } from '../../src/platform/database/sql-guard';
import { createApp } from '../../src/platform/http/create-app';
import { RequestContext } from '../../src/platform/tenancy/request-context';
import { TEST_DB, TestDatabase, createTestDatabase } from './databases';
import { ProbeModule } from './probe.module';

export { TEST_DB };

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: Database;
  dataSource: DataSource;
  context: RequestContext;
  /** JSON log lines the app wrote. */
  logs: Record<string, unknown>[];
  request(options: TestRequest): Promise<LightMyRequestResponse>;
  given: Given;
  close(): Promise<void>;
}

export interface TestRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  url: string;
  headers?: Record<string, string>;
  payload?: string | object;
  cookies?: Record<string, string>;
  remoteAddress?: string;
}

export interface Given {
  institution(slug: string, name?: string): Promise<Institution>;
  user(institution: Institution, email: string, roles?: string[]): Promise<{ id: string; email: string }>;
}

/** Runs the migrations on a fresh database, the same way `cli migrate` does. */
async function migrate(config: AppConfig): Promise<void> {
  const dataSource = await connectWithRetry(config, SCHEMA, { warn: () => undefined });
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/**
 * Boots the real app once per test file on its own fresh database (SQLite or MySQL, per TEST_DB), with
 * the test profile: SQL guard on, demo secrets, logs captured.
 */
export async function bootTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    APP_ENV: 'test',
    DATABASE_URL: database.url,
    LOG_LEVEL: 'info',
    DB_CONNECT_RETRIES: '0',
    // TEST_SQL_GUARD=false switches the guard off, to show the isolation tests fail on their own when a
    // safety mechanism is removed (see README, "Checking the safety nets").
    ...(process.env.TEST_SQL_GUARD ? { SQL_GUARD: process.env.TEST_SQL_GUARD } : {}),
    ...env,
  });
  await migrate(config);
  const logs: Record<string, unknown>[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        try {
          logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          logs.push({ unparsable: line });
        }
      }
      done();
    },
  });
  const app = await createApp(config, { logDestination, extraModules: [ProbeModule] });
  const context = app.get(RequestContext);
  const institutions = app.get(InstitutionsService);
  const access = app.get(AccessService);
  const users = app.get(UserAccounts);
  const given: Given = {
    async institution(slug, name) {
      const institution = await context.runWithoutTenant(() =>
        institutions.create({ slug, name: name ?? `${slug} school`, kind: InstitutionKind.School }),
      );
      await context.runAsTenant(institution.id, () => access.installDefaultRoles(InstitutionKind.School));
      return institution;
    },
    async user(institution, email, roles = [DefaultRole.Teacher]) {
      const user = await context.runAsTenant(institution.id, () =>
        users.create({ email, displayName: email.split('@')[0]!, roleKeys: roles }),
      );
      return { id: user.id, email: user.email };
    },
  };
  return {
    app,
    config,
    db: app.get(Database),
    dataSource: app.get(DataSource),
    context,
    logs,
    request: async (options) => (await app.inject(options as never)) as unknown as LightMyRequestResponse,
    given,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Guard violations raised so far; a test file asserts none leaked from the code under test. */
export function takeSqlGuardViolations(): string[] {
  return sqlGuardViolations.splice(0).map((v) => v.message);
}
