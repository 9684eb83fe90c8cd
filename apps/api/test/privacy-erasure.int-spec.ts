import {
  DefaultRole,
  type PrivacyErasureView,
  type PrivacyRequestView,
  type PrivacyRestrictionView,
} from '@shala/contracts';
import Sqlite from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../src/modules/audit/audit.service';
import { GuardianNotifier } from '../src/modules/notifications/guardian-notifier.service';
import { PrivacyErasureService } from '../src/modules/privacy/erasure/privacy-erasure.service';
import { loadConfig } from '../src/platform/config/app-config';
import { dataSourceOptions } from '../src/platform/database/data-source';
import { Clock } from '../src/platform/time/clock';
import { type Account, type Signed, account, signIn } from './support/accounts';
import { type FeeSetup, generate, givenFees } from './support/fees';
import { type School, givenSchool } from './support/school';
import { StatementCounter } from './support/statements';
import { TEST_DB, type TestApp, bootTestApp } from './support/test-app';

const HOUR_MS = 60 * 60 * 1000;
/**
 * Greenwood's students per section (4 sections): a few hundred, so the students' search index and the
 * users' email index are multi-level b-trees, where an erased key could linger on an interior page.
 */
const PER_SECTION = 75;
// Values unique to the erased subject, to search the raw database for.
const SUBJECT = {
  firstName: 'Zephyrine',
  lastName: 'Quillfeather',
  nationalId: 'ERAS 9917 3342',
  admissionNo: 'GR-ERASE-01',
};
const GUARDIAN = {
  fullName: 'Oberon Quillfeather',
  phone: '+919812340077',
  phoneDigits: '9812340077',
  email: 'oberon.quill@erase.test',
};
const OTHER = { firstName: 'Marigold', lastName: 'Thistlewood', admissionNo: 'GR-KEEP-01' };
const OTHER_GUARDIAN = { fullName: 'Rowan Thistlewood', phone: '+919812340088', email: 'rowan.t@keep.test' };

type Row = Record<string, unknown>;

/** Which of the needles occur in the bytes (ASCII needles, any letter case, as UTF-8). */
const rawHitsIn = (bytes: Buffer, needles: string[]) => {
  const text = bytes.toString('latin1').toLowerCase();
  return needles.filter((n) => text.includes(n.toLowerCase()));
};

/** The app's SQLite pragmas (data-source.ts), applied to a connection of our own. */
function withAppPragmas(file: string): Sqlite.Database {
  const options = dataSourceOptions(loadConfig({ DATABASE_URL: `sqlite:${file}` }), {
    entities: [],
    migrations: [],
  }) as { prepareDatabase: (db: Sqlite.Database) => void };
  const db = new Sqlite(file);
  options.prepareDatabase(db);
  return db;
}

/** A MariaDB/MySQL dump of one database, as the bytes the dump tool writes (blobs raw, not hex). */
function dumpOf(url: string): Buffer {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const tool = ['mariadb-dump', 'mysqldump'].find((name) => {
    try {
      execFileSync('which', [name], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!tool) throw new Error('mariadb-dump/mysqldump not installed (CI installs mariadb-client)');
  return execFileSync(
    tool,
    [
      `--host=${u.hostname}`,
      `--port=${u.port || '3306'}`,
      `--user=${decodeURIComponent(u.username)}`,
      '--single-transaction',
      '--no-tablespaces',
      '--skip-comments',
      '--default-character-set=utf8mb4',
      decodeURIComponent(u.pathname.slice(1)),
    ],
    {
      env: { ...process.env, MYSQL_PWD: decodeURIComponent(u.password) },
      maxBuffer: 512 * 1024 * 1024,
    },
  );
}

describe(`privacy: restriction and erasure (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let admin: Signed;
  let fees: FeeSetup;
  let subject: string;
  let subjectGuardian: string;
  let subjectUser: string;
  let subjectAccount: Account;
  let other: string;
  let otherGuardian: string;
  const clock = () => t.app.get(Clock);
  const statements = new StatementCounter();

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, a = admin) =>
    t.request({ method, url, headers: a.auth, ...(payload ? { payload } : {}) });
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params)) as Promise<Row[]>;
  const inSchool = <T>(work: () => Promise<T>) => t.context.runAsTenant(gw.institution.id, work);

  async function request(type: string, subjectType: string, subjectId: string): Promise<string> {
    const res = await call('POST', '/api/v1/privacy/requests', { type, subjectType, subjectId });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<PrivacyRequestView>().id;
    const moved = await call('POST', `/api/v1/privacy/requests/${id}/transitions`, { status: 'in_progress' });
    expect(moved.statusCode, moved.body).toBe(200);
    return id;
  }

  async function newStudent(s: typeof SUBJECT | typeof OTHER, g: typeof OTHER_GUARDIAN, nationalId?: string) {
    const res = await call('POST', '/api/v1/students', {
      admissionNo: s.admissionNo,
      firstName: s.firstName,
      lastName: s.lastName,
      dateOfBirth: '2015-04-02',
      gender: 'female',
      admissionDate: '2024-04-01',
      sectionId: gw.sections['Class 5 A'],
      ...(nationalId ? { nationalId, address: '7 Erasure Lane, Mysuru' } : {}),
      guardians: [{ fullName: g.fullName, relationship: 'father', phone: g.phone, email: g.email }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<{ id: string; guardians: { id: string }[] }>();
    return { id: view.id, guardianId: view.guardians[0]!.id };
  }

  /** An absence alert to the guardians, with consent to email; answers how many messages were enqueued. */
  const alert = (guardianId: string, key: string, student: string) =>
    inSchool(() =>
      t.db.transaction(() =>
        t.app.get(GuardianNotifier).notify({
          guardianIds: [guardianId],
          purpose: 'absence_alerts',
          template: 'absence_alert',
          variables: { student, date: '2026-07-10' },
          idempotencyKey: `absence:${key}`,
        }),
      ),
    );

  const ledger = async (studentId: string) =>
    (
      await raw('SELECT kind, amount FROM fee_ledger_entries WHERE student_id = ? ORDER BY kind, amount', [
        studentId,
      ])
    )
      .map((r) => `${String(r.kind)}:${Number(r.amount)}`)
      .join(',');

  /** Every text cell of every table, as strings (SQLite: sqlite_master; MariaDB: information_schema). */
  async function everyTextCell(): Promise<{ table: string; column: string; value: string }[]> {
    const columns: { table: string; column: string }[] = [];
    if (TEST_DB === 'sqlite') {
      const tables = await raw(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      );
      for (const { name } of tables)
        for (const c of await raw(`PRAGMA table_info("${String(name)}")`))
          if (/char|text|clob/i.test(String(c.type)))
            columns.push({ table: String(name), column: String(c.name) });
    } else {
      for (const c of await raw(
        `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'tinytext', 'json')`,
      ))
        columns.push({ table: String(c.t), column: String(c.c) });
    }
    const out: { table: string; column: string; value: string }[] = [];
    const byTable = new Map<string, string[]>();
    for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c.column]);
    for (const [table, cols] of byTable) {
      const q = TEST_DB === 'sqlite' ? (s: string) => `"${s}"` : (s: string) => `\`${s}\``;
      for (const row of await raw(`SELECT ${cols.map(q).join(', ')} FROM ${q(table)}`))
        for (const column of cols)
          if (row[column] !== null && row[column] !== undefined)
            out.push({ table, column, value: String(row[column]) });
    }
    return out;
  }

  const hitsOf = (cells: { table: string; column: string; value: string }[], needles: string[]) =>
    cells
      .filter((c) => needles.some((n) => c.value.toLowerCase().includes(n.toLowerCase())))
      .map((c) => `${c.table}.${c.column}`);

  /**
   * The database as it lies on disk: the SQLite file and its WAL after a truncating checkpoint, or a dump
   * of the MariaDB/MySQL test database (InnoDB's own files belong to the shared server, out of reach).
   */
  async function rawDatabase({ checkpoint = true }: { checkpoint?: boolean } = {}): Promise<
    { source: string; bytes: Buffer }[]
  > {
    const db = t.config.database;
    if (db.kind === 'sqlite') {
      if (checkpoint) expect((await raw('PRAGMA wal_checkpoint(TRUNCATE)'))[0]).toMatchObject({ busy: 0 });
      return [db.file, `${db.file}-wal`]
        .filter((f) => existsSync(f))
        .map((f) => ({ source: basename(f), bytes: readFileSync(f) }));
    }
    return [{ source: 'dump', bytes: dumpOf(db.url) }];
  }

  const rawHits = async (needles: string[], options: { checkpoint?: boolean } = {}) =>
    (await rawDatabase(options)).flatMap(({ source, bytes }) =>
      rawHitsIn(bytes, needles).map((n) => `${source}: ${n}`),
    );

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, PER_SECTION);
    await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.72.0.1', -1);
    ({ id: subject, guardianId: subjectGuardian } = await newStudent(SUBJECT, GUARDIAN, SUBJECT.nationalId));
    ({ id: other, guardianId: otherGuardian } = await newStudent(OTHER, OTHER_GUARDIAN));
    // The guardian's parent account, signed in by the guardian's email.
    subjectAccount = await account(t, gw.institution, GUARDIAN.email, [DefaultRole.Parent]);
    subjectUser = subjectAccount.id;
    const linked = await call('PUT', `/api/v1/students/guardians/${subjectGuardian}/account`, {
      userId: subjectUser,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    for (const g of [subjectGuardian, otherGuardian]) {
      const consent = await call('PUT', `/api/v1/notifications/guardians/${g}/consents`, {
        source: 'paper_form',
        changes: [{ channel: 'email', purpose: 'absence_alerts', granted: true }],
      });
      expect(consent.statusCode, consent.body).toBe(200);
    }
    // Fees: invoices for Class 5 and a payment by the subject (the ledger must keep its amounts).
    fees = await givenFees(t, gw, admin);
    await generate(t, admin, fees.structures['Class 5']!);
    const paid = await call('POST', `/api/v1/fees/students/${subject}/payments`, {
      amount: 2_500_00,
      method: 'cash',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    statements.install(t.dataSource);
  }, 180_000);

  afterAll(async () => {
    clock().setForTests(null);
    await t?.close();
  });

  describe('restriction', () => {
    let guardianRequest: string;
    let studentRequest: string;

    it('[PRV-02] stops non-account messages to a restricted guardian until lifted', async () => {
      expect((await alert(otherGuardian, 'r1-before', 'x')).enqueued).toBe(1);
      guardianRequest = await request('restriction', 'guardian', otherGuardian);
      const applied = await call('POST', `/api/v1/privacy/requests/${guardianRequest}/restriction`);
      expect(applied.statusCode, applied.body).toBe(200);
      expect(applied.json<PrivacyRestrictionView>()).toMatchObject({
        restricted: true,
        subjectId: otherGuardian,
      });
      const req = (
        await call('GET', `/api/v1/privacy/requests/${guardianRequest}`)
      ).json<PrivacyRequestView>();
      expect(req.status).toBe('completed');

      expect((await alert(otherGuardian, 'r1-during', 'x')).enqueued).toBe(0);

      const lifted = await call('POST', `/api/v1/privacy/requests/${guardianRequest}/restriction/lift`);
      expect(lifted.json<PrivacyRestrictionView>().restricted).toBe(false);
      expect((await alert(otherGuardian, 'r1-after', 'x')).enqueued).toBe(1);
    });

    it('[PRV-02] leaves a restricted student out of the students, attendance and fee defaulters CSV exports', async () => {
      const exports = async () =>
        Promise.all(
          [
            '/api/v1/students/export',
            `/api/v1/attendance/sections/${gw.sections['Class 5 A']}/months/2026-06/export`,
            '/api/v1/fees/reports/defaulters/export?asOf=2027-03-31',
          ].map(async (url) => {
            const res = await call('GET', url);
            expect(res.statusCode, `${url} ${res.body}`).toBe(200);
            return res.body;
          }),
        );
      for (const csv of await exports()) expect(csv).toContain(OTHER.admissionNo);
      studentRequest = await request('restriction', 'student', other);
      expect((await call('POST', `/api/v1/privacy/requests/${studentRequest}/restriction`)).statusCode).toBe(
        200,
      );
      for (const csv of await exports()) {
        expect(csv).not.toContain(OTHER.admissionNo);
        expect(csv).toContain(SUBJECT.admissionNo);
      }
      await call('POST', `/api/v1/privacy/requests/${studentRequest}/restriction/lift`);
      for (const csv of await exports()) expect(csv).toContain(OTHER.admissionNo);
    });

    it('[PRV-02] refuses to apply a request that is not a restriction', async () => {
      const access = await request('correction', 'student', other);
      const res = await call('POST', `/api/v1/privacy/requests/${access}/restriction`);
      expect(res.statusCode).toBe(422);
      const done = await call('POST', `/api/v1/privacy/requests/${access}/correction`, {
        note: 'Date of birth corrected on the student screen',
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json<PrivacyRequestView>().status).toBe('completed');
    });
  });

  describe('erasure', () => {
    let erasure: string;
    let ledgerBefore: string;
    let otherBefore: Row;

    it('[PRV-02] refuses a confirmation that is not the subject name or admission number', async () => {
      erasure = await request('erasure', 'student', subject);
      const res = await call('POST', `/api/v1/privacy/requests/${erasure}/erasure`, {
        confirmation: 'someone else',
      });
      expect(res.statusCode, res.body).toBe(422);
    });

    it('[PRV-02] schedules the erasure 48 hours ahead and puts the notice to the guardian in the outbox', async () => {
      const before = Date.now();
      const res = await call('POST', `/api/v1/privacy/requests/${erasure}/erasure`, {
        confirmation: ` ${SUBJECT.firstName.toLowerCase()}  ${SUBJECT.lastName} `,
      });
      expect(res.statusCode, res.body).toBe(201);
      const view = res.json<PrivacyErasureView>();
      expect(view.status).toBe('scheduled');
      expect(new Date(view.executesAt).getTime() - new Date(view.scheduledAt).getTime()).toBe(48 * HOUR_MS);
      expect(new Date(view.scheduledAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      const notices = await raw(
        "SELECT channel, guardian_id, purpose FROM outbox_messages WHERE template = 'privacy_erasure_notice' AND guardian_id = ?",
        [subjectGuardian],
      );
      expect(notices.map((n) => n.channel).sort()).toEqual(['email', 'sms']);
      expect(notices.every((n) => n.purpose === null)).toBe(true);
      const again = await call('POST', `/api/v1/privacy/requests/${erasure}/erasure`, {
        confirmation: SUBJECT.admissionNo,
      });
      expect(again.statusCode).toBe(409);
    });

    it('[PRV-02] refuses to close a request whose erasure is scheduled: it completes when it executes', async () => {
      for (const body of [{ status: 'completed' }, { status: 'refused', reason: 'changed our mind' }]) {
        const res = await call('POST', `/api/v1/privacy/requests/${erasure}/transitions`, body);
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json<{ error: { message: string } }>().error.message).toMatch(/erasure is scheduled/);
      }
      const req = (await call('GET', `/api/v1/privacy/requests/${erasure}`)).json<PrivacyRequestView>();
      expect(req.status).toBe('in_progress');
    });

    it('[PRV-02] refuses to execute before the 48 hours have passed, and the job leaves it alone', async () => {
      const res = await call('POST', `/api/v1/privacy/requests/${erasure}/erasure/execute`);
      expect(res.statusCode, res.body).toBe(409);
      clock().setForTests(new Date(Date.now() + 47 * HOUR_MS));
      expect(await inSchool(() => t.app.get(PrivacyErasureService).executeDue())).toEqual({ executed: 0 });
      clock().setForTests(null);
      const row = await raw('SELECT first_name FROM students WHERE id = ?', [subject]);
      expect(row[0]!.first_name).toBe(SUBJECT.firstName);
    });

    it('[PRV-02] executes when due: no trace of the name, contacts or national id in any text column', async () => {
      ledgerBefore = await ledger(subject);
      expect(ledgerBefore).not.toBe('');
      otherBefore = (await raw('SELECT * FROM students WHERE id = ?', [other]))[0]!;
      // Before: the values are there to be found (the search works).
      const needles = [SUBJECT.firstName, SUBJECT.lastName, GUARDIAN.fullName, GUARDIAN.email];
      expect(hitsOf(await everyTextCell(), needles).length).toBeGreaterThan(0);
      // ... and in the raw database (file or dump): the byte scan below can fail.
      expect(await rawHits(needles)).not.toEqual([]);

      // The guardian is signed in, and the guard has cached the session and grants.
      const parent = await signIn(t, subjectAccount, '10.72.0.9');
      for (let i = 0; i < 2; i++)
        expect((await t.request({ method: 'GET', url: '/api/v1/me', headers: parent.auth })).statusCode).toBe(
          200,
        );

      clock().setForTests(new Date(Date.now() + 48 * HOUR_MS + 60_000));
      const [executed, sent] = await statements.count(() =>
        inSchool(() => t.app.get(PrivacyErasureService).executeDue()),
      );
      expect(executed).toEqual({ executed: 1 });
      clock().setForTests(null);
      if (TEST_DB === 'sqlite')
        // Every index of the changed tables rebuilt (no stale key on an interior page), then the WAL emptied.
        expect(sent.filter((q) => /^(REINDEX|PRAGMA wal_checkpoint)/.test(q))).toEqual(
          expect.arrayContaining([
            'REINDEX "guardians"',
            'REINDEX "students"',
            'REINDEX "users"',
            'PRAGMA wal_checkpoint(TRUNCATE)',
          ]),
        );

      const cells = await everyTextCell();
      const hits = hitsOf(cells, [...needles, GUARDIAN.phoneDigits, SUBJECT.nationalId, 'Erasure Lane']);
      // Nothing anywhere, audit events included (they keep ids, never names or addresses).
      expect(hits).toEqual([]);
      const [student] = await raw('SELECT * FROM students WHERE id = ?', [subject]);
      expect(`${String(student!.first_name)} ${String(student!.last_name)}`).toMatch(
        /^Erased student [0-9A-F]{4}$/,
      );
      expect(student).toMatchObject({
        national_id_enc: null,
        national_id_bidx: null,
        address_enc: null,
        search_key: '',
      });
      const [guardian] = await raw('SELECT * FROM guardians WHERE id = ?', [subjectGuardian]);
      expect(guardian).toMatchObject({
        phone_enc: null,
        phone_bidx: null,
        email_enc: null,
        email_bidx: null,
      });
      expect(
        await raw('SELECT * FROM notification_consents WHERE guardian_id = ?', [subjectGuardian]),
      ).toEqual([]);
      const [user] = await raw('SELECT status, password_hash FROM users WHERE id = ?', [subjectUser]);
      expect(user).toMatchObject({ status: 'disabled', password_hash: null });
      // The erased account's session is refused on the very next request (the identity cache was told).
      const after = await t.request({ method: 'GET', url: '/api/v1/me', headers: parent.auth });
      expect(after.statusCode, after.body).toBe(401);
      const view = (
        await call('GET', `/api/v1/privacy/requests/${erasure}/erasure`)
      ).json<PrivacyErasureView>();
      expect(view.status).toBe('executed');
      const req = (await call('GET', `/api/v1/privacy/requests/${erasure}`)).json<PrivacyRequestView>();
      expect(req.status).toBe('completed');
    });

    it(`[PRV-02] leaves none of the values in the raw database (${TEST_DB === 'sqlite' ? 'file and WAL bytes' : 'mariadb-dump'})`, async () => {
      const needles = [
        SUBJECT.firstName,
        SUBJECT.lastName,
        GUARDIAN.fullName,
        GUARDIAN.email,
        GUARDIAN.phoneDigits,
        SUBJECT.nationalId,
        SUBJECT.nationalId.replace(/\s/g, ''),
        'Erasure Lane',
      ];
      // SQLite: the erasure itself emptied the WAL (its earlier frames held the values), so the file and WAL
      // are clean as they lie, before any checkpoint of ours.
      if (TEST_DB === 'sqlite') expect(await rawHits(needles, { checkpoint: false })).toEqual([]);
      // SQLite: deleted and overwritten cells in free pages and index pages are zeroed (secure_delete);
      // MariaDB: every row the server still serves, blobs included.
      expect(await rawHits(needles)).toEqual([]);
    });

    it('[PRV-02] keeps the fee ledger amounts under the pseudonym, and the audit chain verifies', async () => {
      expect(await ledger(subject)).toBe(ledgerBefore);
      const verified = await inSchool(() => t.app.get(AuditService).verify());
      expect(verified).toMatchObject({ ok: true });
    });

    it('[PRV-02] leaves other students untouched', async () => {
      const [after] = await raw('SELECT * FROM students WHERE id = ?', [other]);
      expect({ ...after, updated_at: null }).toEqual({ ...otherBefore, updated_at: null });
      const [g] = await raw('SELECT full_name FROM guardians WHERE id = ?', [otherGuardian]);
      expect(g!.full_name).toBe(OTHER_GUARDIAN.fullName);
    });

    it('[PRV-02] lets staff cancel a scheduled erasure, which then never executes', async () => {
      const id = await request('erasure', 'student', other);
      const scheduled = await call('POST', `/api/v1/privacy/requests/${id}/erasure`, {
        confirmation: OTHER.admissionNo,
      });
      expect(scheduled.statusCode, scheduled.body).toBe(201);
      const cancelled = await call('POST', `/api/v1/privacy/requests/${id}/erasure/cancel`);
      expect(cancelled.json<PrivacyErasureView>().status).toBe('cancelled');
      clock().setForTests(new Date(Date.now() + 72 * HOUR_MS));
      expect(await inSchool(() => t.app.get(PrivacyErasureService).executeDue())).toEqual({ executed: 0 });
      clock().setForTests(null);
      const [s] = await raw('SELECT first_name FROM students WHERE id = ?', [other]);
      expect(s!.first_name).toBe(OTHER.firstName);
    });
  });
});

describe.runIf(TEST_DB === 'sqlite')('privacy: SQLite secure_delete', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shala-secure-delete-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Writes rows naming the subject among others (their long notes spill into overflow pages), deletes
   * them and checkpoints; answers whether the name is still anywhere in the file or its WAL.
   */
  function leftAfterDelete(file: string, options: { secureDelete?: 'OFF'; index?: 'reindexed' } = {}) {
    const db = withAppPragmas(file);
    if (options.secureDelete) db.pragma(`secure_delete = ${options.secureDelete}`);
    db.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)');
    if (options.index) db.exec('CREATE INDEX people_name ON people (name)');
    const insert = db.prepare('INSERT INTO people (name, note) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++)
        insert.run(
          i % 20 ? `Keeper ${i}` : `Quillfeather ${i}`,
          i % 20 ? null : `${'x'.repeat(5000)} Quillfeather`,
        );
    })();
    db.prepare("DELETE FROM people WHERE name LIKE 'Quillfeather%'").run();
    if (options.index) db.exec('REINDEX people_name');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .flatMap((f) => rawHitsIn(readFileSync(f), ['Quillfeather']));
  }

  it('[PRV-02] the app connection zeroes deleted rows in the file, where SQLite by default leaves them', () => {
    // Without secure_delete the deleted names stay in the pages' free space and in the freed overflow
    // pages (the long notes): the scan finds them, so the erasure scan above can fail.
    expect(leftAfterDelete(join(dir, 'off.sqlite'), { secureDelete: 'OFF' })).not.toEqual([]);
    expect(leftAfterDelete(join(dir, 'app.sqlite'))).toEqual([]);
  });

  it('[PRV-02] an index over the name, rebuilt after the delete, keeps no copy of it either', () => {
    // secure_delete alone can leave a stale copy of a deleted key on an interior page of a multi-level
    // index (SQLite 3.53); rebuilding the index (REINDEX, freed pages zeroed) removes it.
    expect(leftAfterDelete(join(dir, 'index.sqlite'), { index: 'reindexed' })).toEqual([]);
  });
});
