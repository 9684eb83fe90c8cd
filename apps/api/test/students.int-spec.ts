import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { DecryptionError, FieldCrypto } from '../src/platform/security/field-crypto';
import { KeyRotation } from '../src/platform/security/key-rotation';
import { demoParentPhone } from '../src/seed/school-data';
import { signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

type Auth = { auth: Record<string, string> };
type Summary = {
  id: string;
  admissionNo: string;
  fullName: string;
  enrolment: { className: string; sectionName: string } | null;
};

describe(`students on ${TEST_DB}`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Auth;
  let rsAdmin: Auth;
  let teacher: Auth;
  let parent: Auth;
  let studentUser: Auth;
  const raw = (sql: string, params: unknown[] = []) =>
    t.db.acrossTenants('test reads raw rows', () => t.dataSource.query(sql, params));
  const get = (url: string, a: Auth) => t.request({ url, headers: a.auth });
  const post = (url: string, a: Auth, payload: object) =>
    t.request({ method: 'POST', url, headers: a.auth, payload });
  const list = async (a: Auth, query = '') =>
    (await get(`/api/v1/students?limit=200${query}`, a)).json<{
      items: Summary[];
      nextCursor: string | null;
    }>();
  const idOf = async (inst: Institution, no: string) =>
    (await t.context.runAsTenant(inst.id, () => t.app.get(StudentDirectory).studentIdByAdmissionNo(no)))!;

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 5);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 3);
    admin = await signIn(t, gw.admin, '10.50.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.50.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.50.0.3');
    parent = await signIn(t, gw.parent, '10.50.0.4');
    studentUser = await signIn(t, gw.student, '10.50.0.5');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists, searches by name prefix and admission number, filters by class, and pages with a cursor', async () => {
    const all = await list(admin);
    expect(all.items).toHaveLength(20);
    const first = all.items[0]!;
    const prefix = first.fullName.slice(0, 3).toLowerCase();
    const byName = await list(admin, `&q=${encodeURIComponent(prefix.toUpperCase())}`);
    expect(byName.items.length).toBeGreaterThan(0);
    expect(byName.items.every((s) => s.fullName.toLowerCase().includes(prefix))).toBe(true);
    expect((await list(admin, `&admissionNo=${gw.prefix}-0007`)).items.map((s) => s.admissionNo)).toEqual([
      `${gw.prefix}-0007`,
    ]);
    const classes = (await get('/api/v1/academics/classes', admin)).json<{
      items: { id: string; name: string }[];
    }>().items;
    const class6 = classes.find((c) => c.name === 'Class 6')!;
    const inClass6 = await list(admin, `&classId=${class6.id}`);
    expect(inClass6.items).toHaveLength(10);
    expect(inClass6.items.every((s) => s.enrolment?.className === 'Class 6')).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Summary[]; nextCursor: string | null } = (
        await get(`/api/v1/students?limit=7&sort=admissionNo${cursor ? `&cursor=${cursor}` : ''}`, admin)
      ).json();
      seen.push(...page.items.map((s) => s.admissionNo));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(20);
    expect(seen).toEqual([...seen].sort());
  });

  it('[AZ-03] shows a teacher only the students of their section', async () => {
    const mine = await list(teacher);
    expect(mine.items).toHaveLength(5);
    expect(
      mine.items.every((s) => s.enrolment?.className === 'Class 5' && s.enrolment.sectionName === 'A'),
    ).toBe(true);
    const other = await idOf(gw.institution, `${gw.prefix}-0006`); // Class 5 B
    expect((await get(`/api/v1/students/${other}`, teacher)).statusCode).toBe(404);
    expect((await get(`/api/v1/students/${mine.items[0]!.id}`, teacher)).statusCode).toBe(200);
  });

  it('[AZ-03] shows a parent exactly their two children and a student only themselves', async () => {
    const children = await list(parent);
    expect(children.items.map((s) => s.admissionNo).sort()).toEqual([
      `${gw.prefix}-0001`,
      `${gw.prefix}-0006`,
    ]);
    const stranger = await idOf(gw.institution, `${gw.prefix}-0002`);
    expect((await get(`/api/v1/students/${stranger}`, parent)).statusCode).toBe(404);
    const me = await list(studentUser);
    expect(me.items.map((s) => s.admissionNo)).toEqual([`${gw.prefix}-0001`]);
    expect((await get(`/api/v1/students/${stranger}`, studentUser)).statusCode).toBe(404);
  });

  it('[TEN-04] answers a greenwood student id to a riverside admin with 404 and changes nothing', async () => {
    const id = await idOf(gw.institution, `${gw.prefix}-0003`);
    expect((await get(`/api/v1/students/${id}`, rsAdmin)).statusCode).toBe(404);
    expect(
      (
        await t.request({
          method: 'PATCH',
          url: `/api/v1/students/${id}`,
          headers: rsAdmin.auth,
          payload: { firstName: 'Hijacked' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await post(`/api/v1/students/${id}/reveal`, rsAdmin, {})).statusCode).toBe(404);
    expect(
      (await post(`/api/v1/students/${id}/guardians`, rsAdmin, { fullName: 'Evil', relationship: 'other' }))
        .statusCode,
    ).toBe(404);
    expect((await get(`/api/v1/students/${id}`, admin)).json<{ firstName: string }>().firstName).not.toBe(
      'Hijacked',
    );
    expect((await list(rsAdmin)).items.some((s) => s.admissionNo.startsWith(gw.prefix))).toBe(false);
  });

  it('[DAT-01] keeps ciphertext, not the values, in the raw rows', async () => {
    const rows: { national_id_enc: string; address_enc: string }[] = await raw(
      'SELECT national_id_enc, address_enc FROM students WHERE tenant_id = ? LIMIT 5',
      [gw.institution.id],
    );
    for (const r of rows) {
      expect(r.national_id_enc).toMatch(/^f1\.\d+\./);
      expect(r.national_id_enc).not.toMatch(/\d{4} \d{4}/);
      expect(r.address_enc).not.toContain('Demo Street');
    }
    const guardians: { phone_enc: string; email_enc: string }[] = await raw(
      'SELECT phone_enc, email_enc FROM guardians WHERE tenant_id = ?',
      [gw.institution.id],
    );
    const phone = demoParentPhone(1);
    expect(guardians.some((g) => g.phone_enc.includes(phone.slice(1)) || g.email_enc.includes('@'))).toBe(
      false,
    );
  });

  it('[DAT-01] refuses to decrypt a ciphertext copied to another row', async () => {
    const [a, b] = [
      await idOf(gw.institution, `${gw.prefix}-0001`),
      await idOf(gw.institution, `${gw.prefix}-0002`),
    ];
    const [rowA]: { national_id_enc: string }[] = await raw(
      'SELECT national_id_enc FROM students WHERE tenant_id = ? AND id = ?',
      [gw.institution.id, a],
    );
    await raw('UPDATE students SET national_id_enc = ? WHERE tenant_id = ? AND id = ?', [
      rowA!.national_id_enc,
      gw.institution.id,
      b,
    ]);
    const crypto = t.app.get(FieldCrypto);
    await expect(
      t.context.runAsTenant(gw.institution.id, () =>
        crypto.decrypt({ table: 'students', column: 'national_id_enc', rowId: b }, rowA!.national_id_enc),
      ),
    ).rejects.toThrow(DecryptionError);
    expect((await get(`/api/v1/students/${b}`, admin)).statusCode).toBe(500);
    // Another tenant's key does not open it either.
    await expect(
      t.context.runAsTenant(rs.institution.id, () =>
        crypto.decrypt({ table: 'students', column: 'national_id_enc', rowId: a }, rowA!.national_id_enc),
      ),
    ).rejects.toThrow(DecryptionError);
    await t.request({
      method: 'PATCH',
      url: `/api/v1/students/${b}`,
      headers: admin.auth,
      payload: { nationalId: '4001 0002 9999' },
    });
    expect((await get(`/api/v1/students/${b}`, admin)).statusCode).toBe(200);
  });

  it('[AZ-04] masks highly sensitive fields and [DAT-04] reveals them only with the permission, audited', async () => {
    const id = await idOf(gw.institution, `${gw.prefix}-0004`);
    const masked = (await get(`/api/v1/students/${id}`, admin)).json<{
      nationalId: string;
      masked: boolean;
      guardians: { phone: string; email: string }[];
    }>();
    expect(masked.masked).toBe(true);
    expect(masked.nationalId).toMatch(/^\*+\d{4}$/);
    expect(masked.guardians[0]!.phone).toMatch(/^\+91\*{6}\d{2}$/);
    expect(masked.guardians[0]!.email).toMatch(/^g\*\*\*@example\.com$/);
    const revealed = (await post(`/api/v1/students/${id}/reveal`, admin, {})).json<{
      nationalId: string;
      masked: boolean;
      guardians: { phone: string }[];
    }>();
    expect(revealed).toMatchObject({ masked: false, nationalId: '4001 0004 0148' });
    expect(revealed.guardians[0]!.phone).toMatch(/^\+919010000004$/);
    const events = (await get(`/api/v1/audit/events?action=students.reveal`, admin)).json<{
      items: { targetId: string }[];
    }>().items;
    expect(events[0]!.targetId).toBe(id);
    const own = (await list(teacher)).items[0]!.id;
    expect((await post(`/api/v1/students/${own}/reveal`, teacher, {})).statusCode).toBe(403);
  });

  it('[DAT-03] finds exactly the student with a national ID or guardian phone through the blind index', async () => {
    const hit = (await post('/api/v1/students/search', admin, { nationalId: '4001-0005-0185' })).json<{
      items: Summary[];
    }>();
    expect(hit.items.map((s) => s.admissionNo)).toEqual([`${gw.prefix}-0005`]);
    expect(
      (await post('/api/v1/students/search', admin, { nationalId: '4001 0005 0186' })).json<{
        items: unknown[];
      }>().items,
    ).toEqual([]);
    const siblings = (
      await post('/api/v1/students/search', admin, { guardianPhone: demoParentPhone(1).replace('+91', '') })
    ).json<{ items: Summary[] }>();
    expect(siblings.items.map((s) => s.admissionNo).sort()).toEqual([
      `${gw.prefix}-0001`,
      `${gw.prefix}-0006`,
    ]);
    // The same national ID number in another school does not match here (per-tenant index).
    expect(
      (await post('/api/v1/students/search', rsAdmin, { nationalId: '4001 0005 0185' })).json<{
        items: unknown[];
      }>().items,
    ).toEqual([]);
  });

  it('creates a student with a guardian, enrols them, and records the change in the audit log', async () => {
    const res = await post('/api/v1/students', admin, {
      admissionNo: 'GR-9001',
      firstName: 'Nila',
      lastName: 'Raman',
      dateOfBirth: '2015-02-03',
      gender: 'female',
      admissionDate: '2026-06-01',
      nationalId: '1234 5678 9012',
      sectionId: gw.sections['Class 5 A'],
      guardians: [
        {
          fullName: 'Lakshmi Raman',
          relationship: 'mother',
          phone: '9876543210',
          email: 'lakshmi@example.com',
        },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      admissionNo: 'GR-9001',
      enrolment: { className: 'Class 5', sectionName: 'A' },
      nationalId: '********9012',
    });
    const dup = await post('/api/v1/students', admin, {
      admissionNo: 'GR-9001',
      firstName: 'X',
      lastName: 'Y',
      dateOfBirth: '2015-01-01',
      gender: 'male',
      admissionDate: '2026-06-01',
    });
    expect(dup.statusCode).toBe(409);
    const bad = await post('/api/v1/students', admin, {
      admissionNo: 'GR 9002',
      firstName: '',
      lastName: 'Y',
      dateOfBirth: '2015-13-01',
      gender: 'robot',
      admissionDate: 'soon',
      tenantId: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ error: { details: { field: string }[] } }>()
        .error.details.map((d) => d.field)
        .sort(),
    ).toEqual(['admissionDate', 'admissionNo', 'dateOfBirth', 'firstName', 'gender', 'tenantId'].sort());
    expect((await list(teacher)).items.map((s) => s.admissionNo)).toContain('GR-9001');
  });

  it('[APP-03] exports the filtered list as CSV with formulas neutralised and no highly sensitive field', async () => {
    const id = await idOf(gw.institution, `${gw.prefix}-0008`);
    await t.request({
      method: 'PATCH',
      url: `/api/v1/students/${id}`,
      headers: admin.auth,
      payload: { firstName: '=HYPERLINK("http://evil")' },
    });
    const csv = await get('/api/v1/students/export?sort=admissionNo', admin);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'admission_no,first_name,last_name,date_of_birth,gender,admission_date,status,class,section,roll_no',
    );
    expect(lines.length).toBe(22);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.body).not.toMatch(/4001 00|Demo Street|example\.com/);
    expect((await get('/api/v1/students/export', teacher)).statusCode).toBe(403);
  });

  describe('CSV import', () => {
    const header =
      'admission_no,first_name,last_name,date_of_birth,gender,admission_date,class,section,roll_no,national_id,guardian_name,guardian_relationship,guardian_phone';
    const row = (n: number, extra: Partial<Record<'dob' | 'section' | 'phone', string>> = {}) =>
      `IM-${String(n).padStart(5, '0')},Student${n},Import,${extra.dob ?? '2014-05-06'},${n % 2 ? 'F' : 'M'},2026-04-02,Class 6,${extra.section ?? 'B'},${n},AB${n}CD,Guardian ${n},father,${extra.phone ?? `+9188${String(n).padStart(8, '0')}`}`;
    const upload = (csv: string, dryRun: boolean) =>
      t.request({
        method: 'POST',
        url: `/api/v1/students/import?dryRun=${dryRun}`,
        headers: { ...admin.auth, 'content-type': 'text/csv' },
        payload: csv,
      });
    const count = async () =>
      (
        (await raw('SELECT COUNT(*) AS n FROM students WHERE tenant_id = ?', [gw.institution.id])) as {
          n: number | string;
        }[]
      )[0]!.n;

    it('reports every problem row by row on a dry run and imports nothing', async () => {
      const before = await count();
      const csv = [
        header,
        row(1),
        row(2, { dob: '2014-02-30' }),
        row(3, { section: 'Z' }),
        row(1),
        row(5, { phone: 'call me' }),
      ].join('\n');
      const res = await upload(csv, true);
      expect(res.statusCode).toBe(200);
      const report = res.json<{
        dryRun: boolean;
        rows: number;
        errors: { row: number; column: string; message: string }[];
      }>();
      expect(report).toMatchObject({ dryRun: true, rows: 5 });
      expect(report.errors.map((e) => [e.row, e.column])).toEqual([
        [3, 'date_of_birth'],
        [4, 'section'],
        [5, 'admission_no'],
        [6, 'guardian_phone'],
      ]);
      expect(report.errors[1]!.message).toBe('no section "Z" in Class 6');
      expect(await count()).toBe(before);
    });

    it('[APP-06] leaves nothing imported when row 4,000 of 5,000 is bad', async () => {
      const before = await count();
      const rows = Array.from({ length: 5000 }, (_, i) =>
        i === 3998 ? row(i + 1, { dob: 'yesterday' }) : row(i + 1),
      );
      const res = await upload([header, ...rows].join('\n'), false);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        error: { code: 'IMPORT_REJECTED', details: [{ row: 4000, column: 'date_of_birth' }] },
      });
      expect(await count()).toBe(before);
    });

    it('[APP-06] imports 5,000 rows in one go and a re-run updates instead of duplicating', async () => {
      const before = Number(await count());
      const csv = [header, ...Array.from({ length: 5000 }, (_, i) => row(i + 1))].join('\n');
      const first = await upload(csv, false);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        dryRun: false,
        rows: 5000,
        created: 5000,
        updated: 0,
        guardiansCreated: 5000,
        errors: [],
      });
      expect(Number(await count())).toBe(before + 5000);
      const again = await upload(csv, false);
      expect(again.json()).toMatchObject({ created: 0, updated: 5000, guardiansCreated: 0 });
      expect(Number(await count())).toBe(before + 5000);
      const links = (await raw('SELECT COUNT(*) AS n FROM student_guardians WHERE tenant_id = ?', [
        gw.institution.id,
      ])) as { n: number | string }[];
      expect(Number(links[0]!.n)).toBe(before + 5000 - 1 + 1); // every student one link; the demo siblings share a guardian
    }, 180_000);

    it('refuses a file that is not CSV or has unknown columns, naming them', async () => {
      const res = await upload('admission_no,favourite_colour\nX,blue\n', true);
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json<{ error: { details: { field: string; message: string }[] } }>()
          .error.details.map((d) => d.field),
      ).toEqual(expect.arrayContaining(['first_name', 'favourite_colour']));
    });
  });

  it('[DAT-02] re-encrypts every row under the new key and still reads them back', async () => {
    const rotation = t.app.get(KeyRotation);
    const report = await t.context.runAsTenant(rs.institution.id, () => rotation.rotate(4));
    expect(report.newVersion).toBe(2);
    expect(report.rows.students).toBe(12);
    expect(report.rows.guardians).toBeGreaterThanOrEqual(11);
    const versions: { v: string }[] = await raw(
      'SELECT DISTINCT substr(national_id_enc, 1, 5) AS v FROM students WHERE tenant_id = ? UNION SELECT DISTINCT substr(phone_enc, 1, 5) FROM guardians WHERE tenant_id = ?',
      [rs.institution.id, rs.institution.id],
    );
    expect(versions.map((r) => r.v)).toEqual(['f1.2.']);
    const keys: { version: number; status: string }[] = await raw(
      'SELECT version, status FROM tenant_data_keys WHERE tenant_id = ? ORDER BY version',
      [rs.institution.id],
    );
    expect(keys.map((k) => [Number(k.version), k.status])).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    const id = await idOf(rs.institution, `${rs.prefix}-0002`);
    const revealed = (await post(`/api/v1/students/${id}/reveal`, rsAdmin, {})).json<{
      nationalId: string;
      guardians: { phone: string }[];
    }>();
    expect(revealed.nationalId).toBe('4002 0002 0074');
    expect(revealed.guardians[0]!.phone).toBe('+919020000002');
    // Blind indexes survive rotation.
    expect(
      (await post('/api/v1/students/search', rsAdmin, { nationalId: '4002 0002 0074' })).json<{
        items: Summary[];
      }>().items,
    ).toHaveLength(1);
    // Greenwood's key did not move.
    const gwKeys: unknown[] = await raw('SELECT version FROM tenant_data_keys WHERE tenant_id = ?', [
      gw.institution.id,
    ]);
    expect(gwKeys).toHaveLength(1);
  });

  it('promotes a class into the next year, keeping this year as history', async () => {
    const years = await post('/api/v1/academics/years', rsAdmin, {
      name: '2027-28',
      startsOn: '2027-04-01',
      endsOn: '2028-03-31',
    });
    expect(years.json()).toMatchObject({ current: false });
    const classes = (await get('/api/v1/academics/classes', rsAdmin)).json<{
      items: { id: string; name: string }[];
    }>().items;
    const [c5, c6] = [classes.find((c) => c.name === 'Class 5')!, classes.find((c) => c.name === 'Class 6')!];
    const res = await post('/api/v1/students/promotions', rsAdmin, {
      fromClassId: c5.id,
      toClassId: c6.id,
      toYearId: years.json<{ id: string }>().id,
    });
    expect(res.json()).toEqual({ promoted: 6, skipped: 0 });
    expect(
      (
        await post('/api/v1/students/promotions', rsAdmin, {
          fromClassId: c5.id,
          toClassId: c6.id,
          toYearId: years.json<{ id: string }>().id,
        })
      ).json(),
    ).toEqual({ promoted: 0, skipped: 0 });
    const history: { status: string }[] = await raw(
      "SELECT status FROM enrolments WHERE tenant_id = ? AND status = 'promoted'",
      [rs.institution.id],
    );
    expect(history).toHaveLength(6);
  });

  it('[APP-01] answers an empty PATCH with the record unchanged, not a 500', async () => {
    const sectionId = gw.sections['Class 5 A']!;
    for (const payload of [{}, undefined]) {
      const res = await t.request({
        method: 'PATCH',
        url: `/api/v1/academics/sections/${sectionId}`,
        headers: admin.auth,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: sectionId, name: 'A' });
    }
    const missing = await t.request({
      method: 'PATCH',
      url: '/api/v1/academics/sections/01a24962-0000-7000-8000-000000000000',
      headers: admin.auth,
      payload: {},
    });
    expect(missing.statusCode).toBe(404);
  });
});
