import type {
  CircularInput,
  CircularReaderView,
  CircularRecipientsPage,
  CircularView,
} from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcademicsService } from '../src/modules/academics/academics.service';
import { CircularAttachmentsService } from '../src/modules/circulars/circular-attachments.service';
import { isAddressedTo } from '../src/modules/circulars/circular-audience';
import { ScheduledCircularsJob } from '../src/modules/circulars/scheduled-circulars.job';
import { ConsentsService } from '../src/modules/notifications/consents.service';
import { NotificationsSetup } from '../src/modules/notifications/notifications-setup.service';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { Clock } from '../src/platform/time/clock';
import { demoParentPhone } from '../src/seed/school-data';
import { Signed, signIn } from './support/accounts';
import {
  NotificationsTestApp,
  bootWithProviders,
  drainAll,
  enableSms,
  raw,
} from './support/fake-providers-harness';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp, takeSqlGuardViolations } from './support/test-app';

const NOW = new Date('2026-11-20T05:00:00Z');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

type OutboxRow = { guardian_id: string | null; template: string; status: string; idempotency_key: string };

describe(`circulars on ${TEST_DB}`, () => {
  let n: NotificationsTestApp;
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let teacher: Signed;
  let parent: Signed;
  let student: Signed;
  let rsAdmin: Signed;
  let rsParent: Signed;
  let classIds: Record<string, string>;
  let parentGuardian: string;
  /** A guardian of a Class 6 student, opted in to circulars by email. */
  let otherGuardian: string;
  /** A guardian opted in to exam results only. */
  let examsOnlyGuardian: string;
  /** A guardian opted in to circulars but whose processing is restricted (PRV-02). */
  let restrictedGuardian: string;

  const call = (who: Signed, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.request({ method, url: `/api/v1/circulars${url}`, headers: who.auth, ...(payload ? { payload } : {}) });
  const ok = async <T>(who: Signed, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json<T>();
  };
  const draft = (input: Partial<CircularInput> = {}) =>
    ok<CircularView>(admin, 'POST', '', {
      title: 'A notice',
      body: 'Dear parents,\n\nPlease note.',
      audience: 'school',
      requiresAck: false,
      ...input,
    });
  const published = async (input: Partial<CircularInput> = {}) =>
    ok<CircularView>(admin, 'POST', `/${(await draft(input)).id}/publish`, {});
  const listed = async (who: Signed, query = '') =>
    (await ok<{ items: { id: string }[] }>(who, 'GET', `?limit=200${query}`)).items.map((c) => c.id);
  const circularMessages = (circularId: string) =>
    raw<OutboxRow>(
      t,
      'SELECT guardian_id, template, status, idempotency_key FROM outbox_messages WHERE idempotency_key LIKE ?',
      [`circular:${circularId}:%`],
    );

  beforeAll(async () => {
    n = await bootWithProviders();
    t = n.t;
    t.app.get(Clock).setForTests(NOW);
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 3);
    admin = await signIn(t, gw.admin, '10.91.0.1');
    teacher = await signIn(t, gw.teacher, '10.91.0.2');
    parent = await signIn(t, gw.parent, '10.91.0.3');
    student = await signIn(t, gw.student, '10.91.0.4');
    rsAdmin = await signIn(t, rs.admin, '10.91.0.5');
    rsParent = await signIn(t, rs.parent, '10.91.0.6');
    await t.context.runAsTenant(gw.institution.id, async () => {
      const academics = t.app.get(AcademicsService);
      classIds = Object.fromEntries((await academics.listClasses()).map((c) => [c.name, c.id]));
      const students = t.app.get(StudentDirectory);
      parentGuardian = (await students.guardianIdByPhone(demoParentPhone(1)))!;
      const class6 = await students.rosterIds(gw.sections['Class 6 A']!);
      const guardians = await students.guardianIdsOf(class6);
      const firstGuardians = class6.map((id) => guardians.get(id)![0]!);
      otherGuardian = firstGuardians[0]!;
      examsOnlyGuardian = firstGuardians[1]!;
      restrictedGuardian = firstGuardians[2]!;
      await t.app
        .get(NotificationsSetup)
        .seedSchool({ optedInGuardianIds: [parentGuardian, otherGuardian, restrictedGuardian] });
      await t.app
        .get(ConsentsService)
        .changeAsStaff(
          examsOnlyGuardian,
          [{ channel: 'email', purpose: 'exam_results', granted: true }],
          'school_office',
          'exam results only',
        );
      await students.setProcessingRestricted('guardian', restrictedGuardian, true);
    });
  }, 120_000);

  afterAll(async () => {
    await n?.close();
  });

  describe('writing and publishing', () => {
    it('refuses an audience without its classes or sections, or with ids of another school, naming the field', async () => {
      const noClasses = await call(admin, 'POST', '', {
        title: 'x',
        body: 'y',
        audience: 'classes',
        requiresAck: false,
      });
      expect(noClasses.statusCode).toBe(400);
      expect(noClasses.json().error.details).toEqual([
        { field: 'classIds', message: 'name at least one class' },
      ]);
      const foreign = await call(admin, 'POST', '', {
        title: 'x',
        body: 'y',
        audience: 'sections',
        sectionIds: [rs.sections['Class 5 A']],
        requiresAck: false,
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.details[0].field).toBe('sectionIds');
      const blank = await call(admin, 'POST', '', { title: '  ', body: 'y', audience: 'x', requiresAck: 1 });
      expect(blank.statusCode).toBe(400);
      expect(
        blank
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['audience', 'requiresAck', 'title']);
    });

    it('keeps drafts from readers, and a published circular from changing', async () => {
      const d = await draft({ title: 'Still a draft' });
      expect(d).toMatchObject({ status: 'draft', counts: null, publishedAt: null });
      expect(await listed(parent)).not.toContain(d.id);
      expect((await call(parent, 'GET', `/${d.id}`)).statusCode).toBe(404);
      const p = await ok<CircularView>(admin, 'POST', `/${d.id}/publish`, {});
      expect(p.status).toBe('published');
      const edit = await call(admin, 'PUT', `/${d.id}`, {
        title: 'Changed',
        body: 'y',
        audience: 'school',
        requiresAck: false,
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.code).toBe('CIRCULAR_NOT_EDITABLE');
      expect((await call(admin, 'POST', `/${d.id}/publish`, {})).statusCode).toBe(409);
      expect((await call(admin, 'DELETE', `/${d.id}`)).statusCode).toBe(409);
    });

    it('publishes a scheduled circular when its time comes, not before', async () => {
      const d = await draft({ title: 'Scheduled for tomorrow' });
      const past = await call(admin, 'POST', `/${d.id}/schedule`, { publishAt: '2026-11-19T05:00:00Z' });
      expect(past.statusCode).toBe(422);
      expect(past.json().error.code).toBe('CIRCULAR_PUBLISH_AT_PAST');
      const s = await ok<CircularView>(admin, 'POST', `/${d.id}/schedule`, {
        publishAt: '2026-11-21T03:30:00Z',
      });
      expect(s).toMatchObject({ status: 'scheduled', publishAt: '2026-11-21T03:30:00.000Z' });
      const job = t.app.get(ScheduledCircularsJob);
      await job.runAll();
      expect(await listed(parent)).not.toContain(d.id);
      t.app.get(Clock).setForTests(new Date('2026-11-21T03:31:00Z'));
      try {
        expect(await job.runAll()).toBeGreaterThanOrEqual(1);
      } finally {
        t.app.get(Clock).setForTests(NOW);
      }
      expect(await listed(parent)).toContain(d.id);
      expect((await ok<CircularView>(admin, 'GET', `/${d.id}`)).status).toBe('published');
      expect(await job.runAll()).toBe(0); // published once
    });
  });

  describe('audience', () => {
    it('shows a parent the whole school and their children\u2019s classes and sections; staff the whole school and staff', async () => {
      // The parent's children are in Class 5 A and Class 5 B; the student is the child in Class 5 A.
      const school = await published({ title: 'Whole school' });
      const class5 = await published({ audience: 'classes', classIds: [classIds['Class 5']!] });
      const class6 = await published({ audience: 'classes', classIds: [classIds['Class 6']!] });
      const sectionA = await published({ audience: 'sections', sectionIds: [gw.sections['Class 5 A']!] });
      const section6B = await published({ audience: 'sections', sectionIds: [gw.sections['Class 6 B']!] });
      const staff = await published({ audience: 'staff' });
      const mine = (ids: string[]) =>
        [school, class5, class6, sectionA, section6B, staff]
          .filter((c) => ids.includes(c.id))
          .map((c) => c.id);
      expect(mine(await listed(parent))).toEqual([school.id, class5.id, sectionA.id]);
      expect(mine(await listed(student))).toEqual([school.id, class5.id, sectionA.id]);
      expect(mine(await listed(teacher))).toEqual([school.id, staff.id]);
      expect(mine(await listed(admin))).toEqual([
        school.id,
        class5.id,
        class6.id,
        sectionA.id,
        section6B.id,
        staff.id,
      ]);
      expect(await listed(rsParent)).toEqual([]);
      for (const hidden of [class6, section6B, staff])
        expect((await call(parent, 'GET', `/${hidden.id}`)).statusCode).toBe(404);
      expect((await call(teacher, 'GET', `/${class5.id}`)).statusCode).toBe(404);
      expect((await ok<CircularReaderView>(parent, 'GET', `/${class5.id}`)).title).toBe('A notice');
      // Readers never see the audience's internals (class and section ids, counts).
      expect(await ok(parent, 'GET', `/${sectionA.id}`)).not.toHaveProperty('sectionIds');
    });

    it('never lists to a parent a circular not addressed to them, over random audiences (property)', async () => {
      const sections = Object.entries(gw.sections);
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const pick = <T>(xs: T[]) => xs.filter(() => random() < 0.4);
      const made: { id: string; audience: CircularInput['audience']; targetIds: string[] }[] = [];
      for (let i = 0; i < 24; i++) {
        const audience = (['school', 'classes', 'sections', 'staff'] as const)[Math.floor(random() * 4)]!;
        const classes = pick(Object.values(classIds));
        const secs = pick(sections.map(([, id]) => id));
        const input: Partial<CircularInput> =
          audience === 'classes'
            ? { audience, classIds: classes.length ? classes : [classIds['Class 6']!] }
            : audience === 'sections'
              ? { audience, sectionIds: secs.length ? secs : [gw.sections['Class 6 A']!] }
              : { audience };
        const c = await published({ ...input, title: `Random ${i}` });
        made.push({
          id: c.id,
          audience,
          targetIds: [...(input.classIds ?? []), ...(input.sectionIds ?? [])],
        });
      }
      const family = {
        kind: 'family' as const,
        classIds: [classIds['Class 5']!],
        sectionIds: [gw.sections['Class 5 A']!, gw.sections['Class 5 B']!],
      };
      const seen = new Set(await listed(parent));
      for (const c of made)
        expect(seen.has(c.id), `${c.audience} ${c.targetIds.join(',')}`).toBe(isAddressedTo(c, family));
      const seenByTeacher = new Set(await listed(teacher));
      for (const c of made) expect(seenByTeacher.has(c.id)).toBe(isAddressedTo(c, { kind: 'staff' }));
    });

    it('pages a reader\u2019s list newest first with a cursor, and refuses a bad cursor naming it', async () => {
      const first = await ok<{ items: CircularReaderView[]; nextCursor: string | null }>(
        parent,
        'GET',
        '?limit=2',
      );
      expect(first.items).toHaveLength(2);
      const second = await ok<{ items: CircularReaderView[] }>(
        parent,
        'GET',
        `?limit=2&cursor=${first.nextCursor}`,
      );
      expect(second.items.map((c) => c.id)).not.toContain(first.items[0]!.id);
      expect(first.items[0]!.publishedAt >= second.items[0]!.publishedAt).toBe(true);
      const bad = await call(parent, 'GET', '?cursor=nonsense');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].field).toBe('cursor');
      expect((await call(parent, 'GET', '?limit=201')).statusCode).toBe(400);
    });
  });

  describe('reading and acknowledging', () => {
    it('records a guardian\u2019s reading and acknowledgement once, with counts and who has not acknowledged', async () => {
      const slip = await published({
        title: 'Permission slip',
        audience: 'classes',
        classIds: [classIds['Class 5']!],
        requiresAck: true,
      });
      // Class 5 has 2 sections x 3 students; the parent guards two of them (one guardian).
      expect(slip.counts).toEqual({ addressed: 5, read: 0, acknowledged: 0 });
      const read = await ok<CircularReaderView>(parent, 'POST', `/${slip.id}/read`, {});
      expect(read.readAt).toBe(NOW.toISOString());
      expect(read.acknowledgedAt).toBeNull();
      await ok(parent, 'POST', `/${slip.id}/read`, {});
      expect((await ok<CircularView>(admin, 'GET', `/${slip.id}`)).counts).toEqual({
        addressed: 5,
        read: 1,
        acknowledged: 0,
      });
      const acked = await ok<CircularReaderView>(parent, 'POST', `/${slip.id}/acknowledge`, {});
      expect(acked.acknowledgedAt).toBe(NOW.toISOString());
      await ok(parent, 'POST', `/${slip.id}/acknowledge`, {});
      const recipients = await ok<CircularRecipientsPage>(
        admin,
        'GET',
        `/${slip.id}/recipients?pending=acknowledged`,
      );
      expect(recipients.counts).toEqual({ addressed: 5, read: 1, acknowledged: 1 });
      expect(recipients.items).toHaveLength(4);
      expect(recipients.items.map((r) => r.guardianId)).not.toContain(parentGuardian);
      expect(recipients.items.every((r) => r.students.length === 1 && r.guardianName)).toBe(true);
      const all = await ok<CircularRecipientsPage>(admin, 'GET', `/${slip.id}/recipients?limit=2`);
      expect(all.items).toHaveLength(2);
      expect(all.nextCursor).not.toBeNull();
      const mine = (await ok<CircularRecipientsPage>(admin, 'GET', `/${slip.id}/recipients`)).items.find(
        (r) => r.guardianId === parentGuardian,
      )!;
      expect(mine.students).toHaveLength(2);
      expect(mine.acknowledgedAt).toBe(NOW.toISOString());
      // The parent's own list shows their reading.
      const inList = (await ok<{ items: CircularReaderView[] }>(parent, 'GET', '?limit=200')).items.find(
        (c) => c.id === slip.id,
      )!;
      expect(inList).toMatchObject({ requiresAck: true, acknowledgedAt: NOW.toISOString() });
    });

    it('refuses to acknowledge one that asks for none, and a caller who is not a guardian', async () => {
      const notice = await published({ title: 'No slip' });
      const res = await call(parent, 'POST', `/${notice.id}/acknowledge`, {});
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('CIRCULAR_ACK_NOT_REQUIRED');
      const slip = await published({ title: 'Slip', requiresAck: true });
      const byTeacher = await call(teacher, 'POST', `/${slip.id}/acknowledge`, {});
      expect(byTeacher.statusCode).toBe(403);
      // A teacher reads without leaving a receipt.
      expect((await ok<CircularReaderView>(teacher, 'POST', `/${slip.id}/read`, {})).readAt).toBeNull();
      expect((await ok<CircularView>(admin, 'GET', `/${slip.id}`)).counts!.read).toBe(0);
      const staffOnly = await published({ audience: 'staff', requiresAck: true });
      expect((await call(parent, 'POST', `/${staffOnly.id}/acknowledge`, {})).statusCode).toBe(404);
      expect((await call(parent, 'POST', `/${staffOnly.id}/read`, {})).statusCode).toBe(404);
    });
  });

  describe('messages to families', () => {
    it('[PRV-01] messages only guardians addressed who opted in for circulars, never a restricted one', async () => {
      const c = await published({
        title: 'Class 6 trip',
        audience: 'classes',
        classIds: [classIds['Class 6']!],
      });
      const rows = await circularMessages(c.id);
      expect(rows.map((r) => r.guardian_id)).toEqual([otherGuardian]);
      expect(rows[0]).toMatchObject({
        template: 'circular',
        idempotency_key: `circular:${c.id}:${otherGuardian}:email`,
      });
      expect(c.notified).toBe(1);
      // The parent (opted in) is not addressed by Class 6; the exams-only and the restricted are not messaged.
      const school = await published({ title: 'Everyone' });
      const guardians = (await circularMessages(school.id)).map((r) => r.guardian_id).sort();
      expect(guardians).toEqual([otherGuardian, parentGuardian].sort());
      expect(guardians).not.toContain(examsOnlyGuardian);
      expect(guardians).not.toContain(restrictedGuardian);
    });

    it('holds circular messages during quiet hours and sends them after', async () => {
      await drainAll(n.worker);
      const hhmm = (d: Date) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Asia/Kolkata',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(d);
      const setQuiet = (quietHours: object | null) =>
        t.request({
          method: 'PUT',
          url: '/api/v1/notifications/settings',
          headers: admin.auth,
          payload: { quietHours, defaultLanguage: 'en' },
        });
      expect(
        (
          await setQuiet({
            start: hhmm(new Date(Date.now() - 60 * 60_000)),
            end: hhmm(new Date(Date.now() + 60 * 60_000)),
          })
        ).statusCode,
      ).toBe(200);
      try {
        const c = await published({
          title: 'Quiet please',
          audience: 'classes',
          classIds: [classIds['Class 6']!],
        });
        const mails = n.smtp.mails.length;
        expect(await drainAll(n.worker)).toMatchObject({ sent: 0, deferred: 1 });
        expect(n.smtp.mails).toHaveLength(mails);
        expect((await circularMessages(c.id)).map((r) => r.status)).toEqual(['pending']);
        await setQuiet(null);
        expect(await drainAll(n.worker, new Date(Date.now() + 2 * 60 * 60_000))).toMatchObject({ sent: 1 });
        expect((await circularMessages(c.id)).map((r) => r.status)).toEqual(['sent']);
      } finally {
        await setQuiet(null);
      }
    });
  });

  describe('guardians messaged', () => {
    it('counts guardians with a message queued, not messages: two channels are one guardian', async () => {
      const consents = () => t.app.get(ConsentsService);
      const smsConsent = (granted: boolean) =>
        t.context.runAsTenant(gw.institution.id, () =>
          consents().changeAsStaff(
            parentGuardian,
            [{ channel: 'sms', purpose: 'circulars', granted }],
            'school_office',
            'a second channel',
          ),
        );
      await enableSms(t, gw.institution);
      await smsConsent(true);
      try {
        const c = await published({
          title: 'Two channels',
          audience: 'sections',
          sectionIds: [gw.sections['Class 5 A']!],
        });
        const channels = (await circularMessages(c.id)).map((r) => r.idempotency_key.split(':').at(-1));
        expect(channels.sort()).toEqual(['email', 'sms']);
        // Class 5 A's guardians are addressed; one of them (the parent, on email and SMS) was messaged.
        expect(c.counts!.addressed).toBe(3);
        expect(c.notified).toBe(1);
      } finally {
        await smsConsent(false);
      }
    });
  });

  describe('attachment', () => {
    const put = (who: Signed, id: string, body: Buffer, type = 'application/pdf', query = '') =>
      t.request({
        method: 'PUT',
        url: `/api/v1/circulars/${id}/attachment${query}`,
        headers: { ...who.auth, 'content-type': type },
        payload: body,
      });

    it('takes a PDF of at most 5 MB, checked by its bytes, and serves it to those addressed', async () => {
      const d = await draft({
        title: 'With a form',
        audience: 'sections',
        sectionIds: [gw.sections['Class 5 A']!],
      });
      const notPdf = await put(admin, d.id, Buffer.from('GIF89a not a pdf'));
      expect(notPdf.statusCode).toBe(415);
      expect(notPdf.json().error.code).toBe('CIRCULAR_ATTACHMENT_NOT_PDF');
      const asText = await put(admin, d.id, PDF, 'text/plain');
      expect(asText.statusCode).toBe(400);
      expect(asText.json().error.details).toEqual([
        { field: 'attachment', message: 'send the file as application/pdf' },
      ]);
      const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
      const tooBig = await put(admin, d.id, big);
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      const almost = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 - PDF.length)]);
      const set = await put(admin, d.id, almost, 'application/pdf', '?fileName=Trip%20form%3C%3E.pdf');
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json<CircularView>().attachment).toEqual({
        fileName: 'Trip form_.pdf',
        bytes: 5 * 1024 * 1024,
      });
      expect((await put(admin, d.id, PDF)).statusCode).toBe(200);
      // A PDF on any other route is refused.
      const elsewhere = await t.request({
        method: 'POST',
        url: '/api/v1/circulars',
        headers: { ...admin.auth, 'content-type': 'application/pdf' },
        payload: PDF,
      });
      expect(elsewhere.statusCode).toBe(415);
      expect((await call(parent, 'GET', `/${d.id}/attachment`)).statusCode).toBe(404); // not published yet
      await ok(admin, 'POST', `/${d.id}/publish`, {});
      const file = await call(parent, 'GET', `/${d.id}/attachment`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain('filename="circular.pdf"'); // replaced, unnamed
      expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect((await call(teacher, 'GET', `/${d.id}/attachment`)).statusCode).toBe(404);
      expect((await put(admin, d.id, PDF)).statusCode).toBe(409);
      expect((await call(parent, 'PUT', `/${d.id}/attachment`)).statusCode).toBe(403);
    });

    it('refuses an attachment over 5 MB in the service too, whatever way it arrives', async () => {
      const d = await draft({ title: 'Too big by hand', audience: 'school' });
      const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
      await expect(
        t.context.runAsTenant(gw.institution.id, () =>
          t.app.get(CircularAttachmentsService).set(d.id, big, 'big.pdf'),
        ),
      ).rejects.toMatchObject({ status: 413 });
    });
  });

  describe('who has not acknowledged, over more than one page', () => {
    /** A third school of 4 sections x 53 students: 211 guardians (one parent guards two siblings). */
    let hs: School;
    let hsAdmin: Signed;
    let hsParent: Signed;
    let big: CircularView;
    const pageOf = (query: string) =>
      ok<CircularRecipientsPage>(hsAdmin, 'GET', `/${big.id}/recipients${query}`);

    beforeAll(async () => {
      hs = await givenSchool(t, await t.given.institution('hillside'), 3, 53);
      hsAdmin = await signIn(t, hs.admin, '10.91.0.7');
      hsParent = await signIn(t, hs.parent, '10.91.0.8');
      big = await ok<CircularView>(hsAdmin, 'POST', '', {
        title: 'Annual day consent',
        body: 'Please acknowledge.',
        audience: 'school',
        requiresAck: true,
      });
      big = await ok<CircularView>(hsAdmin, 'POST', `/${big.id}/publish`, {});
      await ok(hsParent, 'POST', `/${big.id}/acknowledge`, {});
    }, 120_000);

    it('pages every guardian still to acknowledge once, in guardian order, with the total of all pages', async () => {
      expect(big.counts).toEqual({ addressed: 211, read: 0, acknowledged: 0 });
      const first = await pageOf('?pending=acknowledged&limit=200');
      expect(first.counts).toEqual({ addressed: 211, read: 1, acknowledged: 1 });
      expect(first.total).toBe(210);
      expect(first.items).toHaveLength(200);
      expect(first.nextCursor).toBe(first.items.at(-1)!.guardianId);
      const second = await pageOf(`?pending=acknowledged&limit=200&cursor=${first.nextCursor}`);
      expect(second.total).toBe(210);
      expect(second.items).toHaveLength(10);
      expect(second.nextCursor).toBeNull();
      const ids = [...first.items, ...second.items].map((r) => r.guardianId);
      expect(new Set(ids).size).toBe(210);
      expect(ids).toEqual([...ids].sort());
      expect([...first.items, ...second.items].every((r) => r.acknowledgedAt === null)).toBe(true);

      // The default page (50) walks the same guardians; without a filter the total is everyone addressed.
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const next: CircularRecipientsPage = await pageOf(
          `?pending=acknowledged${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(next.items.length).toBeLessThanOrEqual(50);
        walked.push(...next.items.map((r) => r.guardianId));
        cursor = next.nextCursor;
      } while (cursor);
      expect(walked).toEqual(ids);
      expect((await pageOf('?limit=1')).total).toBe(211);
      expect((await pageOf('?pending=read&limit=1')).total).toBe(210);
    });

    it('refuses a limit out of 1..200, a cursor that is not one, and an unknown filter, naming each', async () => {
      for (const [query, field] of [
        ['?limit=0', 'limit'],
        ['?limit=201', 'limit'],
        ['?limit=many', 'limit'],
        ['?cursor=nonsense', 'cursor'],
        ['?pending=everyone', 'pending'],
      ] as const) {
        const res = await call(hsAdmin, 'GET', `/${big.id}/recipients${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().error.details[0].field, query).toBe(field);
      }
      // Another school's admin does not learn the circular exists.
      expect((await call(admin, 'GET', `/${big.id}/recipients?limit=200`)).statusCode).toBe(404);
    });
  });

  describe('isolation', () => {
    it('[TEN-04] answers another school\u2019s circular as not found on every route', async () => {
      const c = await published({ title: 'Greenwood only', requiresAck: true });
      const d = await draft({ title: 'Greenwood draft' });
      for (const [method, url] of [
        ['GET', `/${c.id}`],
        ['GET', `/${c.id}/recipients`],
        ['GET', `/${c.id}/attachment`],
        ['PUT', `/${d.id}`],
        ['DELETE', `/${d.id}`],
        ['POST', `/${d.id}/publish`],
        ['POST', `/${d.id}/schedule`],
        ['POST', `/${d.id}/unschedule`],
        ['DELETE', `/${d.id}/attachment`],
      ] as const) {
        const payload =
          method === 'PUT'
            ? { title: 'x', body: 'y', audience: 'school', requiresAck: false }
            : url.endsWith('schedule')
              ? { publishAt: '2026-12-01T00:00:00Z' }
              : undefined;
        const res = await call(rsAdmin, method, url, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      for (const url of [`/${c.id}`, `/${c.id}/read`, `/${c.id}/acknowledge`])
        expect((await call(rsParent, url === `/${c.id}` ? 'GET' : 'POST', url, {})).statusCode).toBe(404);
      expect((await call(admin, 'GET', `/${d.id}`)).statusCode).toBe(200);
    });

    it('[AZ-02] lets only publishers write, and readers read', async () => {
      expect(
        (await call(teacher, 'POST', '', { title: 'x', body: 'y', audience: 'school', requiresAck: false }))
          .statusCode,
      ).toBe(403);
      const c = await published();
      expect((await call(parent, 'GET', `/${c.id}/recipients`)).statusCode).toBe(403);
      expect((await call(parent, 'POST', `/${c.id}/publish`, {})).statusCode).toBe(403);
      expect(takeSqlGuardViolations()).toEqual([]);
    });
  });
});
