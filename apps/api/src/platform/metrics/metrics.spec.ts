import 'reflect-metadata';
import { Controller, Get, Global, Module, NotFoundException, Param } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ClsModule, ClsService } from 'nestjs-cls';
import { createServer, request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../modules/notifications/entities/outbox-message.entity';
import { Database } from '../database/database';
import { installSqlGuard } from '../database/sql-guard';
import { utcMillis } from './database-metrics';
import { METRICS_CONFIG } from './metrics.config';
import { MetricsModule } from './metrics.module';
import { MetricsServer } from './metrics.server';
import { MetricsService, labelValue } from './metrics.service';

@Controller('students')
class StudentsProbeController {
  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new NotFoundException();
    return { id };
  }
}

/** A real SQLite database with the outbox table and the test-mode SQL guard switched on. */
async function sqliteDatabase(): Promise<{ dataSource: DataSource }> {
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: [OutboxMessage],
    synchronize: true, // a throwaway unit-test database
  });
  await dataSource.initialize();
  return { dataSource };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    });
    req.once('error', reject);
    req.end();
  });
}

/** The value of one sample line, e.g. `name{a="b"} 3`. */
function sample(text: string, selector: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${selector} `));
  return line === undefined ? undefined : Number(line.slice(selector.length + 1));
}

async function bootHttpApp(metricsPort: number) {
  const { dataSource } = await sqliteDatabase();
  @Global()
  @Module({
    providers: [
      { provide: DataSource, useValue: dataSource },
      {
        provide: Database,
        inject: [ClsService],
        useFactory: (cls: ClsService) => {
          const db = new Database(dataSource, cls);
          installSqlGuard(dataSource, () => db.guardBypassed());
          return db;
        },
      },
    ],
    exports: [DataSource, Database],
  })
  class TestDatabaseModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [ClsModule.forRoot({ global: true }), TestDatabaseModule, MetricsModule],
    controllers: [StudentsProbeController],
  })
    .overrideProvider(METRICS_CONFIG)
    .useValue({ port: metricsPort, host: '127.0.0.1' })
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  app.setGlobalPrefix('api');
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, dataSource };
}

describe('MetricsModule', () => {
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    ({ app, dataSource } = await bootHttpApp(port));
  });

  afterAll(async () => {
    await app?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
  });

  it('[AUD-05] labels request latency with the route pattern, never the raw URL', async () => {
    for (const id of ['123', '456', 'missing'])
      await app.inject({ method: 'GET', url: `/api/students/${id}` });
    await app.inject({ method: 'GET', url: '/api/no/such/route/7f3a' });

    const { body } = await get(port, '/metrics');
    expect(
      sample(
        body,
        'shala_http_request_duration_seconds_count{method="GET",route="/api/students/:id",status_class="2xx"}',
      ),
    ).toBe(2);
    expect(
      sample(
        body,
        'shala_http_request_duration_seconds_count{method="GET",route="/api/students/:id",status_class="4xx"}',
      ),
    ).toBe(1);
    expect(body).toContain('route="unmatched"');
    expect(body).not.toMatch(/students\/(123|456|missing)/);
    expect(body).not.toContain('7f3a');
    expect(sample(body, 'shala_http_errors_total{method="GET",route="/api/students/:id",status="404"}')).toBe(
      1,
    );
  });

  it('[AUD-05] serves the Prometheus text format on its own listener, and not on the API port', async () => {
    const scrape = await get(port, '/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scrape.body).toContain('# TYPE shala_http_request_duration_seconds histogram');
    expect(scrape.body).toContain('# HELP shala_outbox_lag_seconds');
    expect(scrape.body).toContain('process_cpu_user_seconds_total');
    expect(scrape.body).toContain('# TYPE shala_event_loop_delay_seconds histogram');
    expect(scrape.body).toContain('# TYPE shala_event_loop_delay_max_seconds gauge');

    expect((await get(port, '/')).status).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/metrics' })).statusCode).toBe(404);
    expect(app.get(MetricsServer).address()).toMatchObject({ address: '127.0.0.1', port });
  });

  it('[AUD-05] reports the age of the oldest pending outbox message across institutions, through the SQL guard', async () => {
    const at = (secondsAgo: number) =>
      new Date(Date.now() - secondsAgo * 1000).toISOString().replace('T', ' ').replace('Z', '');
    const insert = (tenant: string, id: string, status: string, secondsAgo: number) =>
      dataSource.manager.query(
        `INSERT INTO outbox_messages (tenant_id, id, channel, template, recipient, variables, idempotency_key,
           status, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'email', 't', 'r', '{}', ?, ?, 0, ?, ?, ?)`,
        [tenant, id, id, status, at(secondsAgo), at(secondsAgo), at(secondsAgo)],
      );
    await insert('tenant-a', 'm1', 'pending', 120);
    await insert('tenant-b', 'm2', 'pending', 30);
    await insert('tenant-b', 'm3', 'sent', 3600);

    const { body } = await get(port, '/metrics');
    const lag = sample(body, 'shala_outbox_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(119);
    expect(lag).toBeLessThan(180);
    expect(sample(body, 'shala_outbox_pending_messages')).toBe(2);
    expect(sample(body, 'shala_metrics_collect_errors_total{collector="outbox"}')).toBeUndefined();

    // The same statement outside acrossTenants() is refused by the guard: the bypass is what lets it run.
    await expect(
      dataSource.query("SELECT COUNT(*) AS n FROM outbox_messages WHERE status = 'pending'"),
    ).rejects.toThrow(/tenant/i);
  });

  it('reports the SQLite connection as a pool of one', async () => {
    const { body } = await get(port, '/metrics');
    expect(sample(body, 'shala_db_pool_connections{state="total"}')).toBe(1);
    expect(sample(body, 'shala_db_pool_connections{state="max"}')).toBe(1);
  });

  it('[AUD-05] counts failed logins by a bounded reason label', async () => {
    const metrics = app.get(MetricsService);
    metrics.recordFailedLogin('bad_password');
    metrics.recordFailedLogin('Bad Password');
    metrics.recordFailedLogin('mfa-code');
    const { body } = await get(port, '/metrics');
    expect(sample(body, 'shala_auth_failed_logins_total{reason="bad_password"}')).toBe(2);
    expect(sample(body, 'shala_auth_failed_logins_total{reason="mfa_code"}')).toBe(1);
    expect(labelValue('x'.repeat(200))).toHaveLength(48);
    expect(labelValue('!!!')).toBe('unknown');
  });

  it('closes the listener when the app shuts down', async () => {
    const otherPort = await freePort();
    const other = await bootHttpApp(otherPort);
    expect((await get(otherPort, '/metrics')).status).toBe(200);
    await other.app.close();
    await other.dataSource.destroy();
    await expect(get(otherPort, '/metrics')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('does not listen with METRICS_PORT=0, and adds no HTTP hook where there is no HTTP adapter', async () => {
    const { dataSource: ds } = await sqliteDatabase();
    @Global()
    @Module({
      providers: [
        { provide: Database, inject: [ClsService], useFactory: (cls: ClsService) => new Database(ds, cls) },
      ],
      exports: [Database],
    })
    class CliDatabaseModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [ClsModule.forRoot({ global: true }), CliDatabaseModule, MetricsModule],
    })
      .overrideProvider(METRICS_CONFIG)
      .useValue({ port: 0, host: '127.0.0.1' })
      .compile();
    const context = await moduleRef.init();
    expect(context.get(MetricsServer).address()).toBeNull();
    expect(await context.get(MetricsService).render()).toContain('shala_http_request_duration_seconds');
    await context.close();
    await ds.destroy();
  });
});

describe('utcMillis', () => {
  it('reads SQLite UTC text and MySQL Date values alike', () => {
    expect(utcMillis('2025-01-02 03:04:05.678')).toBe(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
    expect(utcMillis(new Date(Date.UTC(2025, 0, 2)))).toBe(Date.UTC(2025, 0, 2));
    expect(utcMillis(null)).toBeNull();
    expect(utcMillis('not a date')).toBeNull();
  });
});
