import { type CalendarFeedView, type CalendarItemView, DefaultRole } from '@shala/contracts';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { CalendarFeedService } from '../src/modules/calendar/calendar-feed.service';
import {
  AssessmentsRepository,
  ExamTermsRepository,
  PapersRepository,
} from '../src/modules/exams/exams.repository';
import { ExamSittingsRepository } from '../src/modules/exams/schedule-sittings.repository';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { SchoolCalendar1765200000030 } from '../src/platform/database/migrations/1765200000030-SchoolCalendar';
import { admissionNo } from '../src/seed/school-data';
import { Signed, account, signIn } from './support/accounts';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

type Page = { items: CalendarItemView[]; nextCursor: string | null };
type ErrorBody = { error: { code: string; details?: { field: string; message: string }[] } };

const FROM = '2031-01-01';
const TO = '2031-01-31';

describe(`school calendar and its iCalendar feed (${TEST_DB})`, () => {
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let parent: Signed;
  let otherParent: Signed;
  let teacher: Signed;
  let student: Signed;
  let rsParent: Signed;
  /** Sections of the demo parent's two children, and a section neither is in. */
  let childSections: string[] = [];
  let foreignSection: string;
  const classOf = new Map<string, string>();

  const call = (a: Signed | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.request({ method, url, headers: a?.auth ?? {}, ...(payload ? { payload } : {}) });
  const list = async (a: Signed, from = FROM, to = TO) => {
    const res = await call(a, 'GET', `/api/v1/calendar/items?from=${from}&to=${to}&limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>().items;
  };
  const titles = async (a: Signed, from = FROM, to = TO) => (await list(a, from, to)).map((i) => i.title);
  const create = async (a: Signed, body: object) => call(a, 'POST', '/api/v1/calendar/events', body);
  const event = (title: string, extra: object = {}) => ({
    type: 'meeting',
    title,
    startsOn: '2031-01-10',
    allDay: true,
    audience: 'school',
    ...extra,
  });
  const detailsOf = (body: string) => (JSON.parse(body) as ErrorBody).error.details ?? [];
  const feedText = (path: string) => t.request({ url: path, remoteAddress: '10.74.0.99' });

  beforeAll(async () => {
    t = await bootTestApp();
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    admin = await signIn(t, gw.admin, '10.74.0.1', -1);
    rsAdmin = await signIn(t, rs.admin, '10.74.0.2', -1);
    parent = await signIn(t, gw.parent, '10.74.0.3');
    const second = await account(t, gw.institution, 'parent2@greenwood.test', [DefaultRole.Parent]);
    otherParent = await signIn(t, second, '10.74.0.4');
    teacher = await signIn(t, gw.teacher, '10.74.0.5');
    student = await signIn(t, gw.student, '10.74.0.6');
    rsParent = await signIn(t, rs.parent, '10.74.0.7');
    const directory = t.app.get(StudentDirectory);
    await t.context.runAsTenant(gw.institution.id, async () => {
      for (const s of await t.app.get(AcademicsService).listSections()) classOf.set(s.id, s.classId);
      // givenSchool: the demo parent's two children are the first student of the first two sections.
      const scope = [admissionNo(gw.prefix, 1), admissionNo(gw.prefix, 3)];
      for (const no of scope) {
        const id = (await directory.studentIdByAdmissionNo(no))!;
        const section = await directory.currentSectionOf(id);
        if (section) childSections.push(section);
      }
    });
    childSections = [...new Set(childSections)];
    foreignSection = Object.values(gw.sections).find(
      (s) => !childSections.includes(s) && !childSections.some((c) => classOf.get(c) === classOf.get(s)),
    )!;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('has the parent linked to children whose sections the tests know', async () => {
    // The ownership tests below need a class none of the children is in.
    const res = await call(parent, 'GET', '/api/v1/me');
    expect(res.statusCode).toBe(200);
    expect(childSections.length).toBeGreaterThan(0);
    expect(foreignSection).toBeTruthy();
  });

  it('[AZ-03] shows a parent whole-school events and those of their children\u2019s classes only', async () => {
    const mine = childSections[0]!;
    const cases = [
      ['Whole-school PTM', { audience: 'school' }],
      [
        'Own class trip',
        { audience: 'classes', targets: [{ classId: classOf.get(mine)!, sectionId: null }] },
      ],
      [
        'Own section quiz',
        { audience: 'classes', targets: [{ classId: classOf.get(mine)!, sectionId: mine }] },
      ],
      [
        'Other class fair',
        { audience: 'classes', targets: [{ classId: classOf.get(foreignSection)!, sectionId: null }] },
      ],
      [
        'Other section picnic',
        {
          audience: 'classes',
          targets: [{ classId: classOf.get(foreignSection)!, sectionId: foreignSection }],
        },
      ],
    ] as const;
    for (const [title, extra] of cases) {
      const res = await create(admin, event(title, extra));
      expect(res.statusCode, res.body).toBe(201);
    }
    const all = cases.map(([title]) => title);
    expect(await titles(admin)).toEqual(expect.arrayContaining([...all]));
    const seen = await titles(parent);
    expect(seen).toEqual(expect.arrayContaining(['Whole-school PTM', 'Own class trip', 'Own section quiz']));
    expect(seen).not.toContain('Other class fair');
    expect(seen).not.toContain('Other section picnic');
    // A parent with no children sees the whole-school events only.
    expect(await titles(otherParent)).toEqual(['Whole-school PTM']);
    // The student (the first child) and the teacher (of Class 5 A) see their own classes.
    expect(await titles(student)).not.toContain('Other class fair');
    expect(await titles(student)).toContain('Whole-school PTM');
    const teacherSees = await titles(teacher);
    expect(teacherSees).toContain('Whole-school PTM');
    expect(teacherSees.includes('Other class fair')).toBe(
      classOf.get(gw.sections['Class 5 A']!) === classOf.get(foreignSection),
    );
    // Only the admin may edit; families read.
    expect((await list(admin)).every((i) => i.source !== 'event' || i.editable)).toBe(true);
    expect((await list(parent)).some((i) => i.editable)).toBe(false);
  });

  it('[AZ-01] lets families read but not write the calendar (403)', async () => {
    expect((await create(parent, event('Parent event'))).statusCode).toBe(403);
    expect((await create(teacher, event('Teacher event'))).statusCode).toBe(403);
    expect((await call(parent, 'POST', '/api/v1/calendar/feed')).statusCode).toBe(403);
    expect((await call(null, 'GET', `/api/v1/calendar/items?from=${FROM}&to=${TO}`)).statusCode).toBe(401);
  });

  it('[APP-01] names each bad field with a 400 and writes nothing', async () => {
    const cases: [object, string[]][] = [
      [event('Backwards', { endsOn: '2031-01-09' }), ['endsOn']],
      [event('Too long', { endsOn: '2032-01-12' }), ['endsOn']],
      [event('Timed', { allDay: false }), ['startTime', 'endTime']],
      [event('Reversed', { allDay: false, startTime: '11:00', endTime: '10:00' }), ['endTime']],
      [event('No class', { audience: 'classes' }), ['targets']],
      [
        event('Bad class', { audience: 'classes', targets: [{ classId: uuidv7(), sectionId: null }] }),
        ['targets[0].classId'],
      ],
      [
        event('Wrong section', {
          audience: 'classes',
          targets: [{ classId: classOf.get(foreignSection)!, sectionId: childSections[0] }],
        }),
        classOf.get(foreignSection) === classOf.get(childSections[0]!) ? [] : ['targets[0].sectionId'],
      ],
      [event('   '), ['title']],
      [event('Bad type', { type: 'party' }), ['type']],
      [event('Bad date', { startsOn: '2031-02-30' }), ['startsOn']],
    ];
    for (const [body, fields] of cases) {
      if (!fields.length) continue;
      const res = await create(admin, body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(400);
      expect(detailsOf(res.body).map((d) => d.field)).toEqual(expect.arrayContaining(fields));
    }
    const after = await titles(admin);
    for (const name of ['Backwards', 'Too long', 'Timed', 'Reversed', 'No class', 'Bad class'])
      expect(after).not.toContain(name);
  });

  it('[APP-01] bounds a calendar range to 366 days and refuses a backwards one, naming to', async () => {
    const get = (from: string, to: string) =>
      call(admin, 'GET', `/api/v1/calendar/items?from=${from}&to=${to}`);
    expect((await get('2031-01-01', '2032-01-02')).statusCode).toBe(200); // 366 days
    for (const [from, to] of [
      ['2031-01-01', '2032-01-03'],
      ['1900-01-01', '2199-12-31'],
      ['2031-02-01', '2031-01-31'],
    ]) {
      const res = await get(from!, to!);
      expect(res.statusCode, `${from}..${to}`).toBe(400);
      expect(detailsOf(res.body).map((d) => d.field)).toEqual(['to']);
    }
    expect((await get('2031-01-01', '9999-12-31')).statusCode).toBe(400);
    expect(
      (await call(admin, 'GET', `/api/v1/calendar/items?from=${FROM}&to=${TO}&limit=500`)).statusCode,
    ).toBe(400);
    expect(
      (await call(admin, 'GET', `/api/v1/calendar/items?from=${FROM}&to=${TO}&cursor=x`)).statusCode,
    ).toBe(400);
  });

  it('pages a long list with a cursor, limit 50 by default', async () => {
    const first = await call(admin, 'GET', `/api/v1/calendar/items?from=${FROM}&to=${TO}&limit=2`);
    const page1 = first.json<Page>();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const second = await call(
      admin,
      'GET',
      `/api/v1/calendar/items?from=${FROM}&to=${TO}&limit=2&cursor=${page1.nextCursor}`,
    );
    const page2 = second.json<Page>();
    expect(page2.items.map((i) => i.key)).not.toContain(page1.items[0]!.key);
    const whole = await list(admin);
    expect([...page1.items, ...page2.items].map((i) => i.key)).toEqual(whole.slice(0, 4).map((i) => i.key));
  });

  it('shows the holidays of the attendance calendar, added and removed there (one source of truth)', async () => {
    const added = await call(admin, 'POST', '/api/v1/attendance/holidays', {
      date: '2031-01-20',
      name: 'Founders Day',
    });
    expect(added.statusCode, added.body).toBe(201);
    const holiday = (await list(parent)).find((i) => i.source === 'holiday')!;
    expect(holiday).toMatchObject({
      title: 'Founders Day',
      startsOn: '2031-01-20',
      allDay: true,
      editable: false,
    });
    // Nothing was copied: the calendar has no row for it.
    const rows = await t.db.acrossTenants('calendar test reads its tables', () =>
      t.dataSource.query("SELECT COUNT(*) AS n FROM calendar_events WHERE title = 'Founders Day'"),
    );
    expect(Number((rows as { n: number }[])[0]!.n)).toBe(0);
    await call(admin, 'DELETE', `/api/v1/attendance/holidays/${added.json<{ id: string }>().id}`);
    expect((await list(parent)).some((i) => i.source === 'holiday')).toBe(false);
  });

  it('shows exam days from the exam schedule, to the classes that sit them', async () => {
    const mine = childSections[0]!;
    await t.context.runAsTenant(gw.institution.id, async () => {
      const year = (await t.app.get(AcademicsService).findCurrentYear())!;
      const subject = (await t.app.get(AcademicsService).listSubjects())[0]!;
      const termId = uuidv7();
      const assessmentId = uuidv7();
      await t.app.get(ExamTermsRepository).add({
        id: termId,
        academicYearId: year.id,
        name: 'Term 9',
        sortOrder: 9,
        startsOn: year.startsOn,
        endsOn: year.endsOn,
        yearWeightageCenti: 0,
        gradingScaleId: null,
      });
      await t.app.get(AssessmentsRepository).add({
        id: assessmentId,
        termId,
        name: 'Unit test 9',
        code: 'UT9',
        sortOrder: 9,
        termWeightageCenti: 0,
      });
      const papers = [classOf.get(mine)!, classOf.get(foreignSection)!].map((classId) => ({
        id: uuidv7(),
        assessmentId,
        classId,
        subjectId: subject.id,
        maxMarksCenti: 10000,
        passMarksCenti: 3300,
      }));
      await t.app.get(PapersRepository).add(papers);
      await t.app.get(ExamSittingsRepository).addMany(
        papers.map((p, i) => ({
          id: uuidv7(),
          paperId: p.id,
          sectionId: null,
          sitsOn: i === 0 ? '2031-01-15' : '2031-01-16',
          startsAt: '09:00',
          endsAt: '11:00',
          room: 'Hall',
          invigilatorUserId: null,
        })),
      );
    });
    const exams = (await list(admin)).filter((i) => i.source === 'exam');
    expect(exams.map((e) => e.startsOn).sort()).toEqual(['2031-01-15', '2031-01-16']);
    expect(exams[0]).toMatchObject({
      title: 'Unit test 9',
      startTime: '09:00',
      endTime: '11:00',
      editable: false,
    });
    const parentExams = (await list(parent)).filter((i) => i.source === 'exam');
    if (classOf.get(mine) !== classOf.get(foreignSection))
      expect(parentExams.map((e) => e.startsOn)).toEqual(['2031-01-15']);
    expect((await list(otherParent)).filter((i) => i.source === 'exam')).toEqual([]);
  });

  it('[TEN-04] answers 404 to another school\u2019s event ids and never lists them', async () => {
    const created = await create(admin, event('Greenwood only'));
    const id = created.json<CalendarItemView>().id;
    expect((await call(rsAdmin, 'PUT', `/api/v1/calendar/events/${id}`, event('Hijacked'))).statusCode).toBe(
      404,
    );
    expect((await call(rsAdmin, 'DELETE', `/api/v1/calendar/events/${id}`)).statusCode).toBe(404);
    expect(await titles(rsAdmin)).not.toContain('Greenwood only');
    expect(await titles(rsParent)).not.toContain('Greenwood only');
    expect(await titles(admin)).toContain('Greenwood only');
    expect(
      (await call(admin, 'PUT', `/api/v1/calendar/events/${uuidv7()}`, event('Nothing'))).statusCode,
    ).toBe(404);
  });

  it('changes and removes an event, auditing each', async () => {
    const created = await create(admin, event('Draft meeting'));
    const id = created.json<CalendarItemView>().id;
    // Booleans stay booleans on both databases (the web form edits what it reads).
    expect(created.json<CalendarItemView>().allDay).toBe(true);
    expect((await list(admin)).find((i) => i.id === id)?.allDay).toBe(true);
    const changed = await call(admin, 'PUT', `/api/v1/calendar/events/${id}`, {
      ...event('Final meeting'),
      allDay: false,
      startTime: '10:00',
      endTime: '11:30',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<CalendarItemView>()).toMatchObject({ title: 'Final meeting', startTime: '10:00' });
    expect(changed.json<CalendarItemView>().allDay).toBe(false);
    expect((await call(admin, 'DELETE', `/api/v1/calendar/events/${id}`)).statusCode).toBe(204);
    expect((await call(admin, 'DELETE', `/api/v1/calendar/events/${id}`)).statusCode).toBe(404);
    const audit = await call(admin, 'GET', `/api/v1/audit/events?targetId=${id}&limit=20`);
    expect(
      audit
        .json<{ items: { action: string }[] }>()
        .items.map((e) => e.action)
        .sort(),
    ).toEqual(['calendar.event_add', 'calendar.event_change', 'calendar.event_remove']);
  });

  it('grants the calendar permissions to the default roles of schools made before them, once', async () => {
    const q = (sql: string, params: unknown[] = []) =>
      t.db.acrossTenants('test checks a migration step', () => t.dataSource.query(sql, params));
    const holders = async () =>
      (
        (await q(
          "SELECT r.role_key, p.permission FROM role_permissions p JOIN roles r ON r.tenant_id = p.tenant_id AND r.id = p.role_id WHERE p.tenant_id = ? AND p.permission LIKE 'calendar.%' ORDER BY r.role_key, p.permission",
          [gw.institution.id],
        )) as { role_key: string; permission: string }[]
      ).map((r) => `${r.role_key} ${r.permission}`);
    const expected = [
      'accountant calendar.read',
      'parent calendar.read',
      'school_admin calendar.manage',
      'school_admin calendar.read',
      'student calendar.read',
      'teacher calendar.read',
    ];
    expect(await holders()).toEqual(expected);
    await q("DELETE FROM role_permissions WHERE tenant_id = ? AND permission LIKE 'calendar.%'", [
      gw.institution.id,
    ]);
    expect(await holders()).toEqual([]);
    const runner = t.dataSource.createQueryRunner();
    try {
      await t.db.acrossTenants('test runs a migration step', async () => {
        await new SchoolCalendar1765200000030().grantPermissions(runner);
        await new SchoolCalendar1765200000030().grantPermissions(runner);
      });
    } finally {
      await runner.release();
    }
    expect(await holders()).toEqual(expected);
  });

  describe('the iCalendar feed', () => {
    let path: string;

    it('is off until the admin creates it; its URL is shown once and the token is stored only hashed', async () => {
      expect((await call(admin, 'GET', '/api/v1/calendar/feed')).json<CalendarFeedView>()).toEqual({
        active: false,
        createdAt: null,
        path: null,
      });
      const res = await call(admin, 'POST', '/api/v1/calendar/feed');
      expect(res.statusCode, res.body).toBe(201);
      path = res.json<CalendarFeedView>().path!;
      expect(path).toMatch(/^\/api\/v1\/calendar\/feed\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}\.ics$/);
      const secret = path.split('.').at(-2)!;
      const status = (await call(admin, 'GET', '/api/v1/calendar/feed')).json<CalendarFeedView>();
      expect(status).toMatchObject({ active: true, path: null });
      const rows = (await t.db.acrossTenants('calendar test reads the feed row', () =>
        t.dataSource.query('SELECT * FROM calendar_feeds'),
      )) as Record<string, unknown>[];
      expect(rows).toHaveLength(1);
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(secret);
      expect(rows[0]!.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    });

    it('serves the whole-school events and holidays as RFC 5545, without class events', async () => {
      const long =
        'Annual day; songs, dances\nand prizes — with a long description that must fold at seventy-five octets';
      await create(
        admin,
        event('Annual day, 2031', { startsOn: new Date().toISOString().slice(0, 10), description: long }),
      );
      await create(admin, {
        ...event('Class-only outing'),
        startsOn: new Date().toISOString().slice(0, 10),
        audience: 'classes',
        targets: [{ classId: classOf.get(foreignSection)!, sectionId: null }],
      });
      const res = await feedText(path);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const body = res.body;
      expect(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
      expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(body).toContain('SUMMARY:Annual day\\, 2031');
      expect(body).not.toContain('Class-only outing');
      expect(body).toMatch(/DTSTART;VALUE=DATE:\d{8}\r\n/);
      for (const line of body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      const unfolded = body.replace(/\r\n /g, '');
      expect(unfolded).toContain('DESCRIPTION:Annual day\\; songs\\, dances\\nand prizes');
      expect(unfolded).toMatch(/UID:event-[0-9a-f-]{36}@shala/);
    });

    it('shows a holiday added in attendance in the feed', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const next = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const added = await call(admin, 'POST', '/api/v1/attendance/holidays', {
        date: next,
        name: 'Feed holiday',
      });
      expect(added.statusCode, added.body).toBe(201);
      const body = (await feedText(path)).body.replace(/\r\n /g, '');
      expect(body).toContain('SUMMARY:Feed holiday');
      expect(body).toContain(`DTSTART;VALUE=DATE:${next.replace(/-/g, '')}`);
      expect(today <= next).toBe(true);
    });

    it('answers 404 to a wrong token, another school\u2019s id, or a malformed one', async () => {
      const [prefix, secret] = path.replace('/api/v1/calendar/feed/', '').replace('.ics', '').split('.');
      const wrong = `${prefix}.${'A'.repeat(43)}`;
      for (const token of [
        wrong,
        `${rs.institution.id}.${secret}`,
        'nonsense',
        `${prefix}.${secret}.x`,
        `${uuidv7()}.${secret}`,
      ])
        expect((await feedText(`/api/v1/calendar/feed/${token}.ics`)).statusCode, token).toBe(404);
    });

    it('rotating stops the old URL at once; revoking stops the new one', async () => {
      const rotated = await call(admin, 'POST', '/api/v1/calendar/feed');
      const fresh = rotated.json<CalendarFeedView>().path!;
      expect(fresh).not.toBe(path);
      expect((await feedText(path)).statusCode).toBe(404);
      expect((await feedText(fresh)).statusCode).toBe(200);
      expect((await call(admin, 'DELETE', '/api/v1/calendar/feed')).statusCode).toBe(204);
      expect((await feedText(fresh)).statusCode).toBe(404);
      expect((await call(admin, 'DELETE', '/api/v1/calendar/feed')).statusCode).toBe(404);
      expect((await call(admin, 'GET', '/api/v1/calendar/feed')).json<CalendarFeedView>().active).toBe(false);
      const audit = await call(admin, 'GET', '/api/v1/audit/events?limit=50');
      const actions = audit.json<{ items: { action: string }[] }>().items.map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['calendar.feed_create', 'calendar.feed_rotate', 'calendar.feed_revoke']),
      );
    });

    it('[TEN-04] keeps each school\u2019s feed its own', async () => {
      const gwPath = (await call(admin, 'POST', '/api/v1/calendar/feed')).json<CalendarFeedView>().path!;
      const rsPath = (await call(rsAdmin, 'POST', '/api/v1/calendar/feed')).json<CalendarFeedView>().path!;
      await create(rsAdmin, event('Riverside fete', { startsOn: new Date().toISOString().slice(0, 10) }));
      expect((await feedText(gwPath)).body).not.toContain('Riverside fete');
      expect((await feedText(rsPath)).body).toContain('Riverside fete');
      // One school's secret with the other's id is no feed.
      const gwSecret = gwPath.split('.').at(-2)!;
      expect((await feedText(`/api/v1/calendar/feed/${rs.institution.id}.${gwSecret}.ics`)).statusCode).toBe(
        404,
      );
      expect(t.app.get(CalendarFeedService)).toBeTruthy();
    });
  });
});
