import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardianNotifier, GuardianNotice } from '../src/modules/notifications/guardian-notifier.service';
import { NotificationsSetup } from '../src/modules/notifications/notifications-setup.service';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { FieldCrypto } from '../src/platform/security/field-crypto';
import { KeyRotation } from '../src/platform/security/key-rotation';
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
import { TEST_DB, TestApp } from './support/test-app';

type ConsentView = {
  guardianId: string;
  fullName: string;
  reachable: Record<string, boolean>;
  consents: {
    channel: string;
    purpose: string;
    granted: boolean;
    source: string | null;
    recordedAt: string | null;
    recordedByUserId: string | null;
  }[];
  cancelled?: number;
  history?: { channel: string; purpose: string; granted: boolean; source: string; note: string | null }[];
};
type MessageView = {
  id: string;
  channel: string;
  status: string;
  recipient: string;
  guardianId: string;
  reason: string | null;
};

describe(`notifications consent on ${TEST_DB}`, () => {
  let n: NotificationsTestApp;
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let parent: Signed;
  let parentGuardian: string;
  let otherGuardian: string;
  let rsParentGuardian: string;

  const get = (url: string, a: Signed) => t.request({ url, headers: a.auth });
  const put = (url: string, a: Signed, payload: object) =>
    t.request({ method: 'PUT', url, headers: a.auth, payload });
  const notify = (school: School, notice: Omit<GuardianNotice, 'purpose' | 'template'>) =>
    t.context.runAsTenant(school.institution.id, () =>
      // As the attendance module does, inside its own transaction when it saves a register.
      t.db.transaction(() =>
        t.app
          .get(GuardianNotifier)
          .notify({ purpose: 'absence_alerts', template: 'absence_alert', ...notice }),
      ),
    );
  const absence = (student: string) => ({
    student,
    date: '2026-07-10',
    status: 'absent',
    school: 'Greenwood High',
  });
  const messagesOf = async (guardianId: string, a: Signed = admin) =>
    (await get(`/api/v1/notifications/messages?guardianId=${guardianId}`, a)).json<{ items: MessageView[] }>()
      .items;

  beforeAll(async () => {
    n = await bootWithProviders();
    t = n.t;
    gw = await givenSchool(t, await t.given.institution('greenwood'), 1, 2);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 2);
    await enableSms(t, gw.institution);
    admin = await signIn(t, gw.admin, '10.72.0.1');
    rsAdmin = await signIn(t, rs.admin, '10.72.0.2');
    parent = await signIn(t, gw.parent, '10.72.0.3');
    const students = t.app.get(StudentDirectory);
    parentGuardian = (await t.context.runAsTenant(gw.institution.id, () =>
      students.guardianIdByPhone(demoParentPhone(1)),
    ))!;
    otherGuardian = (await t.context.runAsTenant(gw.institution.id, () =>
      students.guardianIdByPhone('+919010000002'),
    ))!;
    rsParentGuardian = (await t.context.runAsTenant(rs.institution.id, () =>
      students.guardianIdByPhone(demoParentPhone(2)),
    ))!;
    expect(otherGuardian).toBeTruthy();
  });
  afterAll(async () => {
    await n.close();
  });

  it('[PRV-01] a parent reads and changes only their own guardian record, recorded with source, time and who', async () => {
    const mine = (await get('/api/v1/notifications/my-consents', parent)).json<{ items: ConsentView[] }>()
      .items;
    expect(mine.map((g) => g.guardianId)).toEqual([parentGuardian]);
    expect(mine[0]!.reachable).toEqual({ sms: true, whatsapp: true, email: true });
    expect(mine[0]!.consents).toHaveLength(15);
    expect(mine[0]!.consents.every((c) => !c.granted && c.source === null)).toBe(true);

    const before = Date.now();
    const changed = await put(`/api/v1/notifications/my-consents/${parentGuardian}`, parent, {
      changes: [
        { channel: 'email', purpose: 'absence_alerts', granted: true },
        { channel: 'sms', purpose: 'absence_alerts', granted: true },
      ],
    });
    expect(changed.statusCode).toBe(200);
    const email = changed
      .json<ConsentView>()
      .consents.find((c) => c.channel === 'email' && c.purpose === 'absence_alerts')!;
    expect(email).toMatchObject({ granted: true, source: 'parent_app', recordedByUserId: gw.parent.id });
    expect(new Date(email.recordedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Another family's guardian, and another school's, are not found; unknown fields are refused.
    for (const id of [otherGuardian, rsParentGuardian]) {
      expect((await get(`/api/v1/notifications/my-consents/${id}`, parent)).statusCode).toBe(404);
      expect(
        (
          await put(`/api/v1/notifications/my-consents/${id}`, parent, {
            changes: [{ channel: 'email', purpose: 'absence_alerts', granted: true }],
          })
        ).statusCode,
      ).toBe(404);
    }
    expect(
      (
        await put(`/api/v1/notifications/my-consents/${parentGuardian}`, parent, {
          changes: [{ channel: 'email', purpose: 'absence_alerts', granted: true }],
          source: 'school_office',
        })
      ).statusCode,
    ).toBe(400);
    // A parent cannot use the staff route.
    expect((await get(`/api/v1/notifications/guardians/${parentGuardian}/consents`, parent)).statusCode).toBe(
      403,
    );
  });

  it('[PRV-01] sends nothing to a guardian who has not opted in; an opted-in guardian gets each opted-in channel once', async () => {
    const key = 'absence:student-1:2026-07-10';
    const first = await notify(gw, {
      guardianIds: [parentGuardian, otherGuardian],
      variables: absence('Asha Rao'),
      idempotencyKey: key,
    });
    expect(first).toEqual({ enqueued: 2 }); // the parent's email and SMS; nothing for the other guardian
    // Saving the same register again enqueues nothing new.
    expect(
      await notify(gw, {
        guardianIds: [parentGuardian, otherGuardian],
        variables: absence('Asha Rao'),
        idempotencyKey: key,
      }),
    ).toEqual({
      enqueued: 0,
    });
    expect(await drainAll(n.worker)).toMatchObject({ sent: 2 });
    const mail = await n.smtp.waitFor((m) => m.to.includes('parent.demo1@example.com'));
    expect(mail.subject).toBe('Asha Rao was marked absent on 2026-07-10');
    expect(mail.text).toContain('Asha Rao was marked absent today (2026-07-10)');
    expect(n.sms.requests.map((r) => r.body.to)).toEqual(['+919701000001']);
    expect(n.smtp.mails.filter((m) => m.to.includes('guardian2.gr@example.com'))).toEqual([]);
    expect(await messagesOf(otherGuardian)).toEqual([]);

    // PRV-06 and DAT-01: the row carries the address (encrypted, a mask in clear), the template and its
    // declared variables, nothing else about the family.
    const rows = await raw<{ recipient: string; recipient_enc: string; variables: string; template: string }>(
      t,
      'SELECT recipient, recipient_enc, variables, template FROM outbox_messages WHERE guardian_id = ?',
      [parentGuardian],
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.template).toBe('absence_alert');
      expect(Object.keys(JSON.parse(r.variables) as object).sort()).toEqual([
        'date',
        'school',
        'status',
        'student',
      ]);
      expect(r.recipient_enc).toMatch(/^f1\./);
      expect(`${r.recipient} ${r.recipient_enc}`).not.toContain('parent.demo1@example.com');
      expect(`${r.recipient} ${r.recipient_enc}`).not.toContain('9701000001');
    }
    const log = await messagesOf(parentGuardian);
    expect(log.map((m) => [m.channel, m.status, m.recipient]).sort()).toEqual([
      ['email', 'sent', 'p***@example.com'],
      ['sms', 'sent', '+91******01'],
    ]);
  });

  it('refuses a notice whose purpose and template do not belong together', async () => {
    await expect(
      t.context.runAsTenant(gw.institution.id, () =>
        t.app.get(GuardianNotifier).notify({
          guardianIds: [parentGuardian],
          purpose: 'fee_reminders',
          template: 'absence_alert',
          variables: absence('Asha'),
          idempotencyKey: 'mismatch',
        }),
      ),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('[PRV-01] withdrawing consent cancels the pending messages at once; they are never sent', async () => {
    expect(
      await notify(gw, {
        guardianIds: [parentGuardian],
        variables: absence('Vihaan Rao'),
        idempotencyKey: 'absence:student-6:2026-07-11',
      }),
    ).toEqual({ enqueued: 2 });
    const withdrawn = await put(`/api/v1/notifications/my-consents/${parentGuardian}`, parent, {
      changes: [{ channel: 'email', purpose: 'absence_alerts', granted: false }],
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json<ConsentView>().cancelled).toBe(1);
    const mailsBefore = n.smtp.mails.length;
    const smsBefore = n.sms.requests.length;
    expect(await drainAll(n.worker)).toMatchObject({ sent: 1 });
    expect(n.smtp.mails).toHaveLength(mailsBefore);
    expect(n.sms.requests).toHaveLength(smsBefore + 1);
    const cancelled = (await messagesOf(parentGuardian)).filter((m) => m.status === 'cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ channel: 'email', reason: 'consent withdrawn' });
    // From now on no email is enqueued for this purpose; SMS still is.
    expect(
      await notify(gw, {
        guardianIds: [parentGuardian],
        variables: absence('Vihaan Rao'),
        idempotencyKey: 'absence:student-6:2026-07-12',
      }),
    ).toEqual({ enqueued: 1 });
    await drainAll(n.worker);
  });

  it('[PRV-01] staff record consent given at the school with its source and note, and read the history', async () => {
    const res = await put(`/api/v1/notifications/guardians/${otherGuardian}/consents`, admin, {
      source: 'paper_form',
      note: 'signed form in the admission file',
      changes: [
        { channel: 'email', purpose: 'fee_reminders', granted: true },
        { channel: 'whatsapp', purpose: 'fee_reminders', granted: true },
      ],
    });
    expect(res.statusCode).toBe(200);
    const view = (
      await get(`/api/v1/notifications/guardians/${otherGuardian}/consents`, admin)
    ).json<ConsentView>();
    expect(
      view.consents
        .filter((c) => c.granted)
        .map((c) => `${c.channel}:${c.purpose}:${c.source}`)
        .sort(),
    ).toEqual(['email:fee_reminders:paper_form', 'whatsapp:fee_reminders:paper_form']);
    expect(view.history).toHaveLength(2);
    expect(view.history![0]).toMatchObject({
      source: 'paper_form',
      note: 'signed form in the admission file',
    });
    expect(
      (
        await put(`/api/v1/notifications/guardians/${otherGuardian}/consents`, admin, {
          source: 'parent_app',
          changes: [{ channel: 'email', purpose: 'fee_reminders', granted: false }],
        })
      ).statusCode,
    ).toBe(400);
    const audit = await get(
      `/api/v1/audit/events?action=notifications.consent_change&targetId=${otherGuardian}`,
      admin,
    );
    expect(JSON.stringify(audit.json())).toContain('paper_form');
  });

  it("[TEN-04] another school cannot reach this school's guardians, messages, templates or channel settings", async () => {
    const [message] = await messagesOf(parentGuardian);
    const templates = (await get('/api/v1/notifications/templates', admin)).json<{
      items: { id: string }[];
    }>().items;
    const template = templates[0]!.id;
    expect(
      (await get(`/api/v1/notifications/guardians/${parentGuardian}/consents`, rsAdmin)).statusCode,
    ).toBe(404);
    expect(
      (
        await put(`/api/v1/notifications/guardians/${parentGuardian}/consents`, rsAdmin, {
          source: 'school_office',
          changes: [{ channel: 'email', purpose: 'absence_alerts', granted: true }],
        })
      ).statusCode,
    ).toBe(404);
    expect((await get(`/api/v1/notifications/messages/${message!.id}`, rsAdmin)).statusCode).toBe(404);
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/api/v1/notifications/messages/${message!.id}/retry`,
          headers: rsAdmin.auth,
        })
      ).statusCode,
    ).toBe(404);
    expect((await get(`/api/v1/notifications/templates/${template}`, rsAdmin)).statusCode).toBe(404);
    expect(
      (
        await t.request({
          method: 'DELETE',
          url: `/api/v1/notifications/templates/${template}`,
          headers: rsAdmin.auth,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await get(`/api/v1/notifications/messages?guardianId=${parentGuardian}`, rsAdmin)).json(),
    ).toEqual({
      items: [],
      nextCursor: null,
    });
    const channels = (await get('/api/v1/notifications/channels', rsAdmin)).json<{
      items: { channel: string; enabled: boolean; secrets: Record<string, { set: boolean }> }[];
    }>().items;
    expect(channels.find((c) => c.channel === 'sms')).toMatchObject({
      enabled: false,
      secrets: { apiKey: { set: false } },
    });
    // Nothing changed at greenwood.
    expect((await get(`/api/v1/notifications/templates/${template}`, admin)).statusCode).toBe(200);
  });

  it('the absence alert of a demo school reaches its opted-in demo guardian by email and shows in the delivery log', async () => {
    // What the demo seed does for each school: default templates and the demo family's email opt-in.
    await t.context.runAsTenant(rs.institution.id, () =>
      t.app.get(NotificationsSetup).seedSchool({ optedInGuardianIds: [rsParentGuardian] }),
    );
    const result = await notify(rs, {
      guardianIds: [rsParentGuardian],
      variables: { student: 'Diya Iyer', date: '2026-07-10', status: 'absent', school: 'riverside school' },
      idempotencyKey: 'absence:rs-1:2026-07-10',
    });
    expect(result).toEqual({ enqueued: 1 });
    await drainAll(n.worker);
    const mail = await n.smtp.waitFor((m) => m.to.includes('parent.demo2@example.com'));
    expect(mail.subject).toBe('Diya Iyer was marked absent on 2026-07-10');
    const log = (
      await get('/api/v1/notifications/messages?template=absence_alert&status=sent', rsAdmin)
    ).json<{
      items: MessageView[];
    }>().items;
    expect(log.map((m) => [m.channel, m.guardianId])).toEqual([['email', rsParentGuardian]]);
    const templates = (await get('/api/v1/notifications/templates', rsAdmin)).json<{
      items: { name: string }[];
    }>().items;
    expect(templates.map((x) => x.name).sort()).toEqual([
      'absence_alert',
      'circular',
      'exam_results',
      'fee_reminder',
      'invitation',
      'password_reset',
      'privacy_erasure_notice',
      'privacy_incident_notice',
      'privacy_requests_due',
      'receipt',
    ]);
  });

  it('[DAT-02] key rotation re-encrypts channel credentials and guardian addresses in the outbox', async () => {
    const versions = async () =>
      [
        ...(await raw<{ v: string }>(
          t,
          'SELECT secrets_enc AS v FROM notification_channels WHERE tenant_id = ?',
          [gw.institution.id],
        )),
        ...(await raw<{ v: string }>(
          t,
          'SELECT recipient_enc AS v FROM outbox_messages WHERE tenant_id = ? AND recipient_enc IS NOT NULL',
          [gw.institution.id],
        )),
      ].map((r) => FieldCrypto.versionOf(r.v));
    const before = await versions();
    expect(before.length).toBeGreaterThan(2);
    const report = await t.context.runAsTenant(gw.institution.id, () => t.app.get(KeyRotation).rotate(2));
    expect(report.rows.notification_channels).toBe(1);
    expect(report.rows.outbox_recipients).toBe(before.length - 1);
    expect(new Set(await versions())).toEqual(new Set([report.newVersion]));
    // Still readable: a new SMS goes out with the re-encrypted API key.
    const sms = n.sms.requests.length;
    await notify(gw, {
      guardianIds: [parentGuardian],
      variables: absence('Asha Rao'),
      idempotencyKey: 'absence:after-rotation',
    });
    expect(await drainAll(n.worker)).toMatchObject({ sent: 1 });
    expect(n.sms.requests).toHaveLength(sms + 1);
  });
});
