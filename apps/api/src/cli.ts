import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { SCHEMA } from './database.registry';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { connectWithRetry } from './platform/database/data-source';
import { SeedModule } from './seed/seed.module';
import { BulkScaleSeeder } from './seed/bulk-scale.seeder';
import { DemoRefusedError, DemoSeeder, SeedReport } from './seed/demo.seeder';
import { AuditService } from './modules/audit/audit.service';
import { InstitutionsService } from './modules/institutions/institutions.service';
import { RequestContext } from './platform/tenancy/request-context';
import { KeyRotation } from './platform/security/key-rotation';
import { NotificationsRetention } from './modules/notifications/notifications-retention.service';

const USAGE = `Usage: node dist/cli.js <command>
  migrate                 run pending migrations
  migrate:status          list applied and pending migrations
  migrate:revert          revert the last migration
  seed --demo [--if-empty] [--open-every-day] demo institutions and users (demo mode only; Sundays off
                                              unless --open-every-day, which the browser tests use)
  seed --institutions N [--students M] [--attendance-days D]   scale seed for benchmarks (demo mode only)
  seed --institutions N --students M --bulk   the same schools written in bulk (multi-row INSERTs, 50
                                              schools a transaction; exactly M students, no attendance)
  audit:verify            verify every institution's audit hash chain; exits 1 when one is broken
  keys:rotate [--institution SLUG] [--batch N]   new data key per institution; re-encrypt rows online
  notifications:purge [--days N]   delete message delivery records older than N days (default 90, PRV-04)`;

const out = (message: string) => process.stdout.write(`${message}\n`);
const log = { warn: (m: string) => process.stderr.write(`${m}\n`) };

async function migrate(command: string): Promise<void> {
  const config = loadConfig();
  const dataSource = await connectWithRetry(config, SCHEMA, log);
  try {
    if (command === 'migrate') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      out(
        applied.length
          ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
          : 'database is up to date',
      );
    } else if (command === 'migrate:revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      out('reverted the last migration');
    } else {
      const pending = await dataSource.showMigrations();
      out(pending ? 'there are pending migrations' : 'database is up to date');
      process.exitCode = pending ? 3 : 0;
    }
  } finally {
    await dataSource.destroy();
  }
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100_000)
    throw new Error(`--${name} must be a whole number from 0 to 100000`);
  return n;
}

async function seed(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: 'boolean' },
      'if-empty': { type: 'boolean' },
      'open-every-day': { type: 'boolean' },
      institutions: { type: 'string' },
      students: { type: 'string' },
      'attendance-days': { type: 'string' },
      bulk: { type: 'boolean' },
    },
  });
  if (values.bulk && (values.demo || values.institutions === undefined || values['attendance-days']))
    throw new Error(`--bulk goes with --institutions N [--students M] only\n${USAGE}`);
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config), {
    logger: ['warn', 'error'],
  });
  try {
    const seeder = app.get(DemoSeeder);
    const started = Date.now();
    const report = values.bulk
      ? await seedBulk(
          seeder,
          app.get(BulkScaleSeeder),
          positiveInt(values.institutions, 'institutions', 1),
          positiveInt(values.students, 'students', 0),
        )
      : values.demo
        ? await seeder.seedDemo({ ifEmpty: !!values['if-empty'], openEveryDay: !!values['open-every-day'] })
        : values.institutions !== undefined
          ? await seeder.seedScale(
              positiveInt(values.institutions, 'institutions', 1),
              positiveInt(values.students, 'students', 0),
              positiveInt(values['attendance-days'], 'attendance-days', 0),
            )
          : (() => {
              throw new Error(`seed needs --demo or --institutions N\n${USAGE}`);
            })();
    out(
      report.skipped
        ? `seed skipped: ${report.skipped}`
        : `seeded ${report.institutions} institution(s), ${report.users} user(s), ${report.students} student(s)${'marks' in report ? `, ${String(report.marks)} attendance mark(s)` : ''} in ${Date.now() - started} ms`,
    );
  } finally {
    await app.close();
  }
}

/** The platform (and its operator) the normal way when missing, then the schools in bulk. */
async function seedBulk(
  seeder: DemoSeeder,
  bulk: BulkScaleSeeder,
  institutions: number,
  students: number,
): Promise<SeedReport> {
  const platform = await seeder.seedScale(0, 0);
  const report = await bulk.seed(institutions, students, {
    progress: (done) => process.stderr.write(`\rbulk seed: ${done}/${institutions} institution(s)`),
  });
  process.stderr.write('\n');
  return { ...report, users: report.users + platform.users };
}

/** Prints one JSON line per institution: { institution, ok, checked, firstBrokenSeq?, reason? }. */
async function auditVerify(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config), {
    logger: ['warn', 'error'],
  });
  try {
    const institutions = app.get(InstitutionsService);
    const context = app.get(RequestContext);
    const audit = app.get(AuditService);
    const all = [...(await institutions.listSchools())];
    const platform = await institutions.findBySlug('platform');
    if (platform) all.unshift(platform);
    let broken = 0;
    for (const institution of all) {
      const result = await context.runAsTenant(institution.id, () => audit.verify());
      if (!result.ok) broken++;
      out(JSON.stringify({ institution: institution.slug, ...result }));
    }
    process.exitCode = broken > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

/** DAT-02: rotates each institution's data key (or one's) while the app keeps serving. */
async function rotateKeys(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { institution: { type: 'string' }, batch: { type: 'string' } },
  });
  const batch = positiveInt(values.batch, 'batch', 500) || 500;
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config), {
    logger: ['warn', 'error'],
  });
  try {
    const institutions = app.get(InstitutionsService);
    const context = app.get(RequestContext);
    const rotation = app.get(KeyRotation);
    const targets = values.institution
      ? [await institutions.findBySlug(values.institution)]
      : await institutions.listSchools();
    if (targets.some((i) => !i)) throw new Error(`no institution with slug ${values.institution}`);
    for (const institution of targets) {
      const report = await context.runAsTenant(institution!.id, () => rotation.rotate(batch));
      out(JSON.stringify({ institution: institution!.slug, ...report }));
    }
  } finally {
    await app.close();
  }
}

/** PRV-04: deletes delivery records older than the retention period; one JSON line per institution. */
async function purgeNotifications(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { days: { type: 'string' } } });
  const config = loadConfig();
  const days = positiveInt(values.days, 'days', config.notifications.retentionDays);
  if (days < 1) throw new Error('--days must be at least 1');
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config), {
    logger: ['warn', 'error'],
  });
  try {
    for (const line of await app.get(NotificationsRetention).purgeAll(days)) out(JSON.stringify(line));
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'migrate' || command === 'migrate:status' || command === 'migrate:revert')
    return migrate(command);
  if (command === 'seed') return seed(rest);
  if (command === 'audit:verify') return auditVerify();
  if (command === 'keys:rotate') return rotateKeys(rest);
  if (command === 'notifications:purge') return purgeNotifications(rest);
  out(USAGE);
  process.exitCode = command ? 64 : 0;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DemoRefusedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
