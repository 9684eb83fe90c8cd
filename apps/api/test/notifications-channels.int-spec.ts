import { DefaultRole } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxRequest, OutboxService } from '../src/modules/notifications/outbox.service';
import { Signed, account, signIn } from './support/accounts';
import {
  DLT,
  NotificationsTestApp,
  bootWithProviders,
  drainAll,
  enableSms,
  raw,
  statusOf,
} from './support/fake-providers-harness';
import { School, givenSchool } from './support/school';
import { TEST_DB, TestApp } from './support/test-app';

type MessageDetail = { id: string; status: string; reason: string | null; providerMessageId: string | null };

describe(`notifications channels and templates on ${TEST_DB}`, () => {
  let n: NotificationsTestApp;
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  const WA = {
    phoneNumberId: '106540352242922',
    accessToken: 'EAAG-greenwood-access-token-0123456789',
    appSecret: 'greenwood-app-secret-0123456789',
    verifyToken: 'greenwood-verify-token',
  };

  const enqueue = (request: OutboxRequest, school: School = gw) =>
    t.context.runAsTenant(
      school.institution.id,
      async () => (await t.app.get(OutboxService).enqueue(request)).message.id,
    );
  const absence = (
    channel: OutboxRequest['channel'],
    recipient: string,
    key: string,
    student = 'Asha Rao',
  ): OutboxRequest => ({
    channel,
    template: 'absence_alert',
    recipient,
    variables: { student, date: '2026-07-10', status: 'absent', school: 'Greenwood High' },
    idempotencyKey: key,
  });
  const detail = async (id: string) =>
    (
      await t.request({ url: `/api/v1/notifications/messages/${id}`, headers: admin.auth })
    ).json<MessageDetail>();

  beforeAll(async () => {
    n = await bootWithProviders();
    t = n.t;
    gw = await givenSchool(t, await t.given.institution('greenwood', 'Greenwood High'), 1, 1);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 1);
    admin = await signIn(t, gw.admin, '10.73.0.1');
    rsAdmin = await signIn(t, rs.admin, '10.73.0.2');
  });
  afterAll(async () => {
    await n.close();
  });

  it('delivers the password reset email to the SMTP server with a link that resets the password', async () => {
    const user = await account(t, gw.institution, 'reset.me@greenwood.test', [DefaultRole.Teacher]);
    const asked = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password/reset-request',
      payload: { institution: 'greenwood', email: user.email },
      remoteAddress: '10.73.0.9',
    });
    expect(asked.statusCode).toBe(202);
    expect(await drainAll(n.worker)).toMatchObject({ sent: 1 });
    const mail = await n.smtp.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toBe('Reset your Greenwood High password');
    expect(mail.headers.from).toContain('no-reply@shala.test');
    expect(mail.headers['message-id']).toMatch(/^<[0-9a-f-]{36}@shala\.notifications>$/);
    const link = /(http\S+\/reset-password\?token=(\S+))/.exec(mail.text);
    expect(link?.[1]).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=/);
    // Follow the link: the token from the mail resets the password once.
    const reset = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { token: link![2], newPassword: 'a-brand-new-passphrase-77' },
    });
    expect(reset.statusCode).toBe(204);
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { institution: 'greenwood', email: user.email, password: 'a-brand-new-passphrase-77' },
      remoteAddress: '10.73.0.9',
    });
    expect(login.statusCode).toBe(200);
  });

  it("delivers the invitation email with a link that sets the invited user's password", async () => {
    const invited = await t.request({
      method: 'POST',
      url: '/api/v1/users/invitations',
      headers: admin.auth,
      payload: {
        email: 'new.teacher@greenwood.test',
        displayName: 'New Teacher',
        roles: [DefaultRole.Teacher],
      },
    });
    expect(invited.statusCode).toBe(201);
    await drainAll(n.worker);
    const mail = await n.smtp.waitFor((m) => m.to.includes('new.teacher@greenwood.test'));
    expect(mail.subject).toBe('You are invited to Greenwood High on Shala');
    const token = /accept-invitation\?token=(\S+)/.exec(mail.text)![1];
    const accepted = await t.request({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'an-invited-passphrase-42' },
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('retries a temporary SMTP refusal and dead-letters a permanent one', async () => {
    const temporary = await enqueue(absence('email', 'a.parent@example.com', 'smtp-451'));
    n.smtp.failNext(1, 451);
    expect(await n.worker.drainOnce()).toMatchObject({ retry: 1 });
    expect(await drainAll(n.worker, new Date(Date.now() + 60_000))).toMatchObject({ sent: 1 });
    expect(await statusOf(t, temporary)).toBe('sent');
    const permanent = await enqueue(absence('email', 'b.parent@example.com', 'smtp-550'));
    n.smtp.failNext(1, 550);
    expect(await n.worker.drainOnce()).toMatchObject({ dead: 1 });
    expect((await detail(permanent)).reason).toMatch(/550/);
  });

  it('[DAT-01] keeps channel credentials encrypted at rest, write-only in the API, and out of logs and audit', async () => {
    const res = await t.request({
      method: 'PUT',
      url: '/api/v1/notifications/channels/whatsapp',
      headers: admin.auth,
      payload: { enabled: true, ...WA },
    });
    expect(res.statusCode).toBe(200);
    const view = res.json<{ ready: boolean; settings: object; secrets: object; webhookUrl: string }>();
    expect(view).toMatchObject({
      ready: true,
      settings: { phoneNumberId: WA.phoneNumberId },
      secrets: { accessToken: { set: true }, appSecret: { set: true }, verifyToken: { set: true } },
      webhookUrl: `http://localhost:3000/api/v1/notifications/webhooks/whatsapp/${gw.institution.id}`,
    });
    const everything = [
      res.body,
      (await t.request({ url: '/api/v1/notifications/channels', headers: admin.auth })).body,
      JSON.stringify(await raw(t, 'SELECT * FROM notification_channels')),
      JSON.stringify(
        (await t.request({ url: '/api/v1/audit/events?action=notifications.*', headers: admin.auth })).json(),
      ),
      JSON.stringify(t.logs),
    ].join('\n');
    for (const secret of [WA.accessToken, WA.appSecret, WA.verifyToken])
      expect(everything).not.toContain(secret);
    expect(
      (await raw<{ secrets_enc: string }>(t, 'SELECT secrets_enc FROM notification_channels'))[0]!
        .secrets_enc,
    ).toMatch(/^f1\./);
    // Absent keeps a credential; null clears it (and a channel missing one cannot stay enabled).
    const kept = await t.request({
      method: 'PUT',
      url: '/api/v1/notifications/channels/whatsapp',
      headers: admin.auth,
      payload: { enabled: true, phoneNumberId: WA.phoneNumberId },
    });
    expect(kept.json()).toMatchObject({ secrets: { accessToken: { set: true } } });
    const incomplete = await t.request({
      method: 'PUT',
      url: '/api/v1/notifications/channels/whatsapp',
      headers: admin.auth,
      payload: { enabled: true, phoneNumberId: WA.phoneNumberId, accessToken: null },
    });
    expect(incomplete.statusCode).toBe(422);
    expect(
      incomplete.json<{ error: { code: string; details: { message: string }[] } }>().error,
    ).toMatchObject({
      code: 'NOTIFICATION_CHANNEL_INCOMPLETE',
      details: [{ message: 'accessToken is not set' }],
    });
    // Another school sees its own, empty settings.
    const theirs = (await t.request({ url: '/api/v1/notifications/channels', headers: rsAdmin.auth })).json<{
      items: { channel: string; enabled: boolean; settings: Record<string, unknown> }[];
    }>().items;
    expect(theirs.find((c) => c.channel === 'whatsapp')).toMatchObject({
      enabled: false,
      settings: { phoneNumberId: null },
    });
  });

  it('sends WhatsApp template messages to /{version}/{phone-number-id}/messages with the body parameters in order', async () => {
    const id = await enqueue(absence('whatsapp', '+919812345678', 'wa-shape'));
    expect(await drainAll(n.worker)).toMatchObject({ sent: 1 });
    const request = n.wa.requests.at(-1)!;
    expect(request).toMatchObject({
      version: 'v21.0',
      phoneNumberId: WA.phoneNumberId,
      authorization: `Bearer ${WA.accessToken}`,
    });
    expect(request.body).toEqual({
      messaging_product: 'whatsapp',
      to: '919812345678',
      type: 'template',
      template: {
        name: 'absence_alert',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: ['Asha Rao', 'absent', '2026-07-10', 'Greenwood High'].map((text) => ({
              type: 'text',
              text,
            })),
          },
        ],
      },
    });
    expect((await detail(id)).providerMessageId).toBe(request.wamid);
  });

  it("sends SMS with India's DLT fields and an idempotency key; refuses before sending a text that does not match its DLT template", async () => {
    await enableSms(t, gw.institution);
    const id = await enqueue(absence('sms', '+919812345678', 'sms-dlt'));
    expect(await drainAll(n.worker)).toMatchObject({ sent: 1 });
    const request = n.sms.requests.at(-1)!;
    expect(request.idempotencyKey).toBe(id);
    expect(request.authorization).toBe('Bearer sms-key-greenwood-0123456789');
    expect(request.body).toEqual({
      to: '+919812345678',
      sender: DLT.sender,
      text: 'Dear parent, Asha Rao was marked absent on 2026-07-10. - Greenwood High',
      dlt: { entityId: DLT.entityId, templateId: DLT.templateId },
      reference: id,
    });
    const count = n.sms.requests.length;
    // A 40-character name no longer fits the registered {#var#} (30 characters at most).
    const tooLong = await enqueue(
      absence('sms', '+919812345678', 'sms-too-long', 'Aadhya Venkataraghavan Subramaniam Iyer'),
    );
    // A kind whose SMS wording has no registered DLT template id is refused too.
    const unregistered = await enqueue({
      channel: 'sms',
      template: 'exam_results',
      recipient: '+919812345678',
      variables: { student: 'Asha', exam: 'Term 1', school: 'Greenwood High' },
      idempotencyKey: 'sms-unregistered',
    });
    expect(await drainAll(n.worker)).toMatchObject({ dead: 2 });
    expect(n.sms.requests).toHaveLength(count);
    expect((await detail(tooLong)).reason).toBe(
      `absence_alert (en): the SMS text does not match DLT template ${DLT.templateId}; refused before sending`,
    );
    expect((await detail(unregistered)).reason).toBe(
      'exam_results (en): no DLT template id registered for the SMS wording',
    );
  });

  it('[PRV-06] a message carrying variables other than its template declares goes dead with the reason', async () => {
    const id = await enqueue({
      channel: 'email',
      template: 'absence_alert',
      recipient: 'c.parent@example.com',
      variables: { student: 'Asha', status: 'absent', school: 'Greenwood', phone: '+919812345678' },
      idempotencyKey: 'undeclared',
    });
    const mails = n.smtp.mails.length;
    expect(await drainAll(n.worker)).toMatchObject({ dead: 1 });
    expect((await detail(id)).reason).toBe(
      'absence_alert: missing variables: date; undeclared variables: phone',
    );
    expect(n.smtp.mails).toHaveLength(mails);
  });

  it('[APP-01] checks templates against what their event provides, naming undeclared and missing variables', async () => {
    const post = (payload: object) =>
      t.request({ method: 'POST', url: '/api/v1/notifications/templates', headers: admin.auth, payload });
    const bad = await post({
      name: 'absence_alert',
      language: 'en',
      email: { subject: 'About {{student}}', body: '{{student}} of {{grade}} was {{status}}' },
      whatsapp: { templateName: 'absence', languageCode: 'en', parameters: ['student', 'date'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: object[] } }>().error.details).toEqual([
      expect.objectContaining({ field: 'email.body', extra: ['grade'] }),
      expect.objectContaining({ field: 'email.body', missing: ['date'] }),
    ]);
    expect(
      (await post({ name: 'attendance_report', language: 'en', email: { subject: 'x', body: 'y' } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await post({ name: 'password_reset', language: 'en', sms: { body: '{{link}}' } })).statusCode,
    ).toBe(400);

    // A wording in Hindi, the school's language (absence_alert in English exists already: 409 below).
    const created = await post({
      name: 'absence_alert',
      language: 'hi',
      email: { subject: 'उपस्थिति: {{student}}', body: '{{student}} {{date}} को {{status}} थे। - {{school}}' },
    });
    expect(created.statusCode).toBe(201);
    const template = created.json<{ id: string; variables: string[]; purpose: string }>();
    expect(template).toMatchObject({
      variables: ['student', 'date', 'status', 'school'],
      purpose: 'absence_alerts',
    });
    expect(
      (
        await post({
          name: 'absence_alert',
          language: 'en',
          email: { subject: 'x {{student}}', body: '{{student}} {{date}}' },
        })
      ).statusCode,
    ).toBe(409);

    // The institution's wording in its language is what goes out.
    const language = (defaultLanguage: string) =>
      t.request({
        method: 'PUT',
        url: '/api/v1/notifications/settings',
        headers: admin.auth,
        payload: { quietHours: null, defaultLanguage },
      });
    expect((await language('hi')).statusCode).toBe(200);
    await enqueue(absence('email', 'd.parent@example.com', 'own-wording'));
    await drainAll(n.worker);
    await language('en');
    const mail = await n.smtp.waitFor((m) => m.to.includes('d.parent@example.com'));
    expect(mail.subject).toBe('उपस्थिति: Asha Rao');
    expect(mail.text).toBe('Asha Rao 2026-07-10 को absent थे। - Greenwood High');

    const replaced = await t.request({
      method: 'PUT',
      url: `/api/v1/notifications/templates/${template.id}`,
      headers: admin.auth,
      payload: { email: { subject: 'Absent: {{student}}', body: '{{student}} {{date}}' } },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      email: { subject: 'Absent: {{student}}' },
      sms: null,
      whatsapp: null,
    });
    expect(
      (
        await t.request({
          method: 'PUT',
          url: `/api/v1/notifications/templates/${template.id}`,
          headers: rsAdmin.auth,
          payload: { email: { subject: 'x', body: '{{student}} {{date}}' } },
        })
      ).statusCode,
    ).toBe(404);
    const kinds = (
      await t.request({ url: '/api/v1/notifications/template-kinds', headers: admin.auth })
    ).json<{
      items: { name: string; variables: string[]; defaults: object }[];
    }>().items;
    expect(kinds.map((k) => k.name)).toEqual([
      'absence_alert',
      'fee_reminder',
      'receipt',
      'exam_results',
      'circular',
      'password_reset',
      'invitation',
      'privacy_requests_due',
      'privacy_erasure_notice',
      'privacy_incident_notice',
    ]);
    expect(
      (
        await t.request({
          method: 'DELETE',
          url: `/api/v1/notifications/templates/${template.id}`,
          headers: admin.auth,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await t.request({ url: `/api/v1/notifications/templates/${template.id}`, headers: admin.auth }))
        .statusCode,
    ).toBe(404);
  });
});
