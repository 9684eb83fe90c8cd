import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentSearchKey1765100000004 } from '../src/platform/database/migrations/1765100000004-StudentSearchKey';
import { signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

type Auth = { auth: Record<string, string> };
type Summary = { id: string; admissionNo: string; fullName: string };
type Report = {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  guardiansCreated: number;
  errors: { row: number; column: string; message: string }[];
};

/** Students the search tests look for; names no demo student has. */
const PEOPLE = [
  { admissionNo: 'SR-0001', firstName: 'José', lastName: 'Fernández' },
  { admissionNo: 'SR-0002', firstName: 'Ravindra', lastName: 'Quixotel' },
  { admissionNo: 'SR-0003', firstName: 'Priyamvada', lastName: 'Quixotelle' },
  { admissionNo: 'SR_0004', firstName: 'Mohan', lastName: 'Das_Gupta' },
  { admissionNo: 'SR-0005', firstName: 'Hundred', lastName: '100%Sure' },
] as const;

describe(`student search and CSV import on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let rsAdmin: Auth;
  let teacher: Auth;
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params));
  const search = async (a: Auth, q: string) => {
    const res = await t.request({
      url: `/api/v1/students?limit=200&q=${encodeURIComponent(q)}`,
      headers: a.auth,
    });
    expect(res.statusCode).toBe(200);
    return res
      .json<{ items: Summary[] }>()
      .items.map((s) => s.admissionNo)
      .sort();
  };

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.51.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.51.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.51.0.3');
    for (const p of PEOPLE) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/students',
        headers: admin.auth,
        payload: { ...p, dateOfBirth: '2015-01-02', gender: 'undisclosed', admissionDate: '2026-04-01' },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  describe('search', () => {
    it('finds students by their surname, not only by the start of the full name', async () => {
      expect(await search(admin, 'Quixotel')).toEqual(['SR-0002', 'SR-0003']);
      expect(await search(admin, 'quixotelle')).toEqual(['SR-0003']);
    });

    it('finds students by any part of a first name, case-insensitively', async () => {
      expect(await search(admin, 'VIND')).toEqual(['SR-0002']);
      expect(await search(admin, 'priyam')).toEqual(['SR-0003']);
    });

    it('finds a full name in either order, spaces collapsed', async () => {
      expect(await search(admin, '  ravindra   QUIXOTEL ')).toEqual(['SR-0002']);
      expect(await search(admin, 'Quixotelle Priyamvada')).toEqual(['SR-0003']);
    });

    it('ignores accents in the name and in the query', async () => {
      expect(await search(admin, 'Jose')).toEqual(['SR-0001']);
      expect(await search(admin, 'fernandez')).toEqual(['SR-0001']);
      expect(await search(admin, 'FERNÁNDEZ')).toEqual(['SR-0001']);
      // the same letters written decomposed (e + combining acute) match too
      expect(await search(admin, 'Jose\u0301')).toEqual(['SR-0001']);
    });

    it('finds students by any part of the admission number', async () => {
      expect(await search(admin, 'sr-0002')).toEqual(['SR-0002']);
      expect(await search(admin, '0003')).toEqual(['GR-0003', 'SR-0003']);
    });

    it('takes LIKE wildcards in the query literally', async () => {
      expect(await search(admin, '%')).toEqual(['SR-0005']);
      expect(await search(admin, '_')).toEqual(['SR_0004']);
      expect(await search(admin, 'das_g')).toEqual(['SR_0004']);
      expect(await search(admin, 'Quixo%e')).toEqual([]);
      expect(await search(admin, '!')).toEqual([]);
    });

    it('keeps the search within the caller scope and the tenant', async () => {
      expect(await search(rsAdmin, 'Quixotel')).toEqual([]);
      // the teacher sees Class 5 A only, and none of these students is enrolled there
      expect(await search(teacher, 'Quixotel')).toEqual([]);
    });

    it('answers a query longer than 100 characters with 400 naming q', async () => {
      const res = await t.request({ url: `/api/v1/students?q=${'a'.repeat(101)}`, headers: admin.auth });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'q' }] } });
    });

    it('keeps a renamed student findable by the new name only', async () => {
      const [student] = (await t.request({ url: '/api/v1/students?q=SR-0005', headers: admin.auth })).json<{
        items: Summary[];
      }>().items;
      const res = await t.request({
        method: 'PATCH',
        url: `/api/v1/students/${student!.id}`,
        headers: admin.auth,
        payload: { firstName: 'Zoë' },
      });
      expect(res.statusCode).toBe(200);
      expect(await search(admin, 'zoe 100')).toEqual(['SR-0005']);
      expect(await search(admin, 'Hundred')).toEqual([]);
    });

    it('backfills the search key of existing rows when the migration runs', async () => {
      const migration = new StudentSearchKey1765100000004();
      const runner = t.dataSource.createQueryRunner();
      try {
        await t.db.acrossTenants('test re-runs a migration', async () => {
          await migration.down(runner);
          // the old form of the sort key, before the migration
          await runner.query(
            `UPDATE students SET name_search = 'José Fernández' WHERE admission_no = 'SR-0001'`,
          );
          await migration.up(runner);
        });
      } finally {
        await runner.release();
      }
      const rows = (await raw(
        'SELECT name_search, search_key FROM students WHERE tenant_id = ? AND admission_no = ?',
        [gw.institution.id, 'SR-0001'],
      )) as { name_search: string; search_key: string }[];
      expect(rows[0]).toEqual({
        name_search: 'jose fernandez',
        search_key: 'jose fernandez | fernandez jose | sr-0001',
      });
      expect(await search(admin, 'Fernández')).toEqual(['SR-0001']);
      expect(await search(admin, 'quixotel')).toEqual(['SR-0002', 'SR-0003']);
    });
  });

  describe('CSV import', () => {
    const header =
      'admission_no,first_name,last_name,date_of_birth,gender,admission_date,class,section,roll_no,guardian_name,guardian_relationship,guardian_phone';
    const row = (n: number, phone = `+9177${String(n).padStart(8, '0')}`) =>
      `LE-${String(n).padStart(4, '0')},Line${n},Ending,2014-05-06,F,2026-04-02,Class 6,A,${n},Guardian ${n},mother,${phone}`;
    const upload = async (csv: string, dryRun: boolean) => {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/students/import?dryRun=${dryRun}`,
        headers: { ...admin.auth, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(res.statusCode).toBe(200);
      return res.json<Report>();
    };
    const count = async (table: string) =>
      Number(
        (
          (await raw(`SELECT COUNT(*) AS n FROM ${table} WHERE tenant_id = ?`, [gw.institution.id])) as {
            n: number | string;
          }[]
        )[0]!.n,
      );

    it('reads a CRLF template with LF rows appended as one row per line', async () => {
      // the template's CRLF header and first row, then rows an editor appended with LF, the last one unended
      const csv = `${header}\r\n${row(1)}\r\n${row(2)}\n${row(3)}\n${row(4)}`;
      const report = await upload(csv, true);
      expect(report).toMatchObject({ rows: 4, created: 4, updated: 0, errors: [] });
      const mac = await upload(`${header}\r${row(1)}\r${row(2)}\r\n${row(3)}\n`, true);
      expect(mac).toMatchObject({ rows: 3, created: 3, errors: [] });
    });

    it('imports exactly what its dry run counted: students and guardians, siblings sharing one', async () => {
      const sibling = '+917700000099';
      const csv = [
        header,
        row(11),
        row(12, sibling),
        row(13, sibling), // a sibling: same guardian phone, one guardian
        `LE-0014,No,Phone,2014-05-06,M,2026-04-02,Class 6,A,14,Guardian Without Phone,father,`,
        row(15, `+9197${String(1).padStart(2, '0')}000001`), // the demo parent already in the school
      ].join('\n');
      const mixed = csv.replace('\n', '\r\n'); // and a CRLF header
      const [students, guardians] = [await count('students'), await count('guardians')];
      const dry = await upload(mixed, true);
      expect(dry).toMatchObject({ dryRun: true, rows: 5, created: 5, updated: 0, guardiansCreated: 3 });
      expect([await count('students'), await count('guardians')]).toEqual([students, guardians]);
      const real = await upload(mixed, false);
      expect({ ...real, durationMs: 0 }).toEqual({ ...dry, dryRun: false, durationMs: 0 });
      expect([await count('students'), await count('guardians')]).toEqual([students + 5, guardians + 3]);
      const again = await upload(mixed, true);
      expect(again).toMatchObject({ created: 0, updated: 5, guardiansCreated: 1 }); // the phoneless guardian
    });
  });
});
