import type { InvitationView, InvitedUser, PlatformAdminInvitation, StudentProfile } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudentDirectory } from '../src/modules/students/student-directory';
import { StudentConsentsDemo } from '../src/modules/students/student-consents-demo';
import { admissionNo } from '../src/seed/school-data';
import { Signed, account, signIn } from './support/accounts';
import {
  NotificationsTestApp,
  bootWithProviders,
  drainAll,
  enableSms,
  raw,
} from './support/fake-providers-harness';
import { School, givenPlatform, givenSchool } from './support/school';
import { TEST_DB, TestApp } from './support/test-app';

/** Account onboarding (issue 14): invitations on a channel, their delivery, resend, revoke, and linking. */
describe(`account onboarding on ${TEST_DB}`, () => {
  let n: NotificationsTestApp;
  let t: TestApp;
  let gw: School;
  let rs: School;
  let admin: Signed;
  let rsAdmin: Signed;
  let teacher: Signed;
  let userManager: Signed;
  let serial = 0;

  const req = (method: 'GET' | 'POST' | 'DELETE', url: string, who: Signed, payload?: object) =>
    t.request({ method, url: `/api/v1${url}`, headers: who.auth, ...(payload ? { payload } : {}) });
  const accept = (link: string, password = 'my first family passphrase') =>
    t.request({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token: new URL(link).searchParams.get('token'), password },
    });
  const studentId = (school: School, no: number) =>
    t.context.runAsTenant(
      school.institution.id,
      async () => (await t.app.get(StudentDirectory).studentIdByAdmissionNo(admissionNo(school.prefix, no)))!,
    );
  /** The first student from number `from` on with a guardian who has no account yet, and that guardian. */
  const freeGuardian = async (school: School, who: Signed, from: number) => {
    for (let no = from; ; no++) {
      const id = await studentId(school, no);
      const profile = (await req('GET', `/students/${id}`, who)).json<StudentProfile>();
      const guardian = profile.guardians.find((g) => !g.hasAccount);
      if (guardian) return { studentId: id, guardian };
    }
  };
  const invite = (who: Signed, body: Record<string, unknown>) =>
    req('POST', '/users/invitations', who, {
      email: `family${++serial}@greenwood.test`,
      displayName: `Family ${serial}`,
      roles: ['parent'],
      ...body,
    });
  const invitations = async (who: Signed, status = '') =>
    (await req('GET', `/users/invitations?limit=200${status}`, who)).json<{ items: InvitationView[] }>()
      .items;

  beforeAll(async () => {
    n = await bootWithProviders();
    t = n.t;
    gw = await givenSchool(t, await t.given.institution('greenwood', 'Greenwood High'), 1, 3);
    rs = await givenSchool(t, await t.given.institution('riverside'), 2, 1);
    admin = await signIn(t, gw.admin, '10.81.0.1');
    rsAdmin = await signIn(t, rs.admin, '10.81.0.2', -1);
    teacher = await signIn(t, gw.teacher, '10.81.0.3');
    const role = await req('POST', '/roles', admin, {
      key: 'user_manager',
      name: 'User manager',
      permissions: ['users.read', 'users.write'],
    });
    expect(role.statusCode).toBe(201);
    userManager = await signIn(
      t,
      await account(t, gw.institution, 'manager@greenwood.test', ['user_manager']),
      '10.81.0.4',
    );
  });
  afterAll(async () => {
    await n.close();
  });

  it('creates a parent account from a guardian, queues the email, and the parent signs in to see the child', async () => {
    const { studentId: child, guardian } = await freeGuardian(gw, admin, 2);
    const res = await invite(admin, { guardianId: guardian.id, email: 'Meera.Parent@greenwood.test' });
    expect(res.statusCode).toBe(201);
    const body = res.json<InvitedUser>();
    expect(body).toMatchObject({
      email: 'meera.parent@greenwood.test',
      status: 'invited',
      roles: ['parent'],
      oneTimeLink: null,
      invitation: { status: 'pending', channel: 'email', delivery: 'queued', deliveryProblem: null },
    });
    const profile = (await req('GET', `/students/${child}`, admin)).json<StudentProfile>();
    expect(profile.guardians.find((g) => g.id === guardian.id)!.hasAccount).toBe(true);

    await drainAll(n.worker);
    const sent = (await invitations(admin, '&status=pending')).find((i) => i.userId === body.id)!;
    expect(sent).toMatchObject({ delivery: 'sent', recipient: 'meera.parent@greenwood.test' });
    const mail = await n.smtp.waitFor((m) => m.to.includes('meera.parent@greenwood.test'));
    const link = /(\S+accept-invitation\?token=\S+)/.exec(mail.text)![1]!;
    expect((await accept(link)).statusCode).toBe(200);
    const parent = await signIn(
      t,
      {
        id: body.id,
        email: 'meera.parent@greenwood.test',
        slug: 'greenwood',
        password: 'my first family passphrase',
        totpSecret: null,
      },
      '10.81.0.9',
    );
    const seen = (await req('GET', '/students', parent)).json<{ items: { id: string }[] }>().items;
    expect(seen.map((s) => s.id)).toContain(child);
    expect((await invitations(admin)).some((i) => i.userId === body.id)).toBe(false);
  });

  it("queues the invitation by SMS to the guardian's phone, kept encrypted, when the school set SMS up", async () => {
    await enableSms(t, gw.institution);
    const { guardian } = await freeGuardian(gw, admin, 3);
    const body = (await invite(admin, { guardianId: guardian.id, channel: 'sms' })).json<InvitedUser>();
    expect(body.invitation).toMatchObject({ channel: 'sms', delivery: 'queued' });
    expect(body.oneTimeLink).toBeNull();
    expect(body.invitation.recipient).toMatch(/\*{6}/);
    const [row] = await raw<{ channel: string; recipient_enc: string | null; variables: string }>(
      t,
      "SELECT channel, recipient_enc, variables FROM outbox_messages WHERE template = 'invitation' AND channel = 'sms'",
    );
    expect(row!.recipient_enc).toBeTruthy();
    // The school has not registered the invitation's SMS wording on DLT: the message fails, and says why.
    await drainAll(n.worker);
    const failed = (await invitations(admin)).find((i) => i.userId === body.id)!;
    expect(failed.delivery).toBe('failed');
    expect(failed.deliveryProblem).toBeTruthy();
  });

  it('shows a one-time link once when the channel is not set up, and never stores or audits it', async () => {
    const { guardian } = await freeGuardian(gw, admin, 4);
    const channels = (await req('GET', '/users/invitations/channels', admin)).json<{
      channels: { channel: string; ready: boolean }[];
    }>().channels;
    expect(channels.find((c) => c.channel === 'whatsapp')).toMatchObject({ ready: false });
    const body = (await invite(admin, { guardianId: guardian.id, channel: 'whatsapp' })).json<InvitedUser>();
    expect(body.invitation).toMatchObject({ channel: 'whatsapp', delivery: 'not_deliverable' });
    expect(body.invitation.deliveryProblem).toMatch(/whatsapp/);
    expect(body.oneTimeLink).toMatch(/\/accept-invitation\?token=/);
    const secret = body.oneTimeLink!.split('.').pop()!;
    const listed = (await invitations(admin)).find((i) => i.userId === body.id)!;
    expect(listed).toMatchObject({ delivery: 'not_deliverable', status: 'pending' });
    expect(JSON.stringify(listed)).not.toContain(secret);
    const audit = await raw<{ details: string | null }>(t, 'SELECT details FROM audit_events');
    expect(JSON.stringify(audit)).not.toContain(secret);
    const tokens = await raw(t, 'SELECT * FROM user_tokens');
    expect(JSON.stringify(tokens)).not.toContain(secret);
    expect((await accept(body.oneTimeLink!)).statusCode).toBe(200);
  });

  it('resends with a new link and the old one stops working', async () => {
    const first = (await invite(admin, { channel: 'whatsapp' })).json<InvitedUser>();
    const again = await req('POST', `/users/${first.id}/invitation`, admin, {});
    expect(again.statusCode).toBe(202);
    const second = again.json<InvitedUser>();
    expect(second.invitation.channel).toBe('whatsapp');
    expect(second.oneTimeLink).not.toBe(first.oneTimeLink);
    expect((await accept(first.oneTimeLink!)).json()).toMatchObject({
      error: { code: 'LINK_INVALID_OR_EXPIRED' },
    });
    expect((await accept(second.oneTimeLink!)).statusCode).toBe(200);
    const done = await req('POST', `/users/${first.id}/invitation`, admin, {});
    expect(done.json()).toMatchObject({ error: { code: 'USER_NOT_INVITED' } });
  });

  it('revokes an invitation: the link stops working and the account stays invited', async () => {
    const invited = (await invite(admin, { channel: 'whatsapp' })).json<InvitedUser>();
    const revoked = await req('DELETE', `/users/${invited.id}/invitation`, admin);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ userId: invited.id, status: 'revoked' });
    expect((await accept(invited.oneTimeLink!)).statusCode).toBe(401);
    expect((await req('GET', `/users/${invited.id}`, admin)).json()).toMatchObject({ status: 'invited' });
    expect((await invitations(admin, '&status=revoked')).map((i) => i.userId)).toContain(invited.id);
    expect((await invitations(admin, '&status=pending')).map((i) => i.userId)).not.toContain(invited.id);
    const audit = await raw<{ action: string }>(
      t,
      "SELECT action FROM audit_events WHERE action = 'users.invitation_revoked' AND target_id = ?",
      [invited.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('creates a student account linked to the student', async () => {
    const id = await studentId(gw, 5);
    // A minor's account needs a guardian's consent first (issue 13 item 7): refused, then given on paper.
    const refused = await invite(admin, { studentId: id, roles: ['student'] });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'CONSENT_REQUIRED' } });
    await t.context.runAsTenant(gw.institution.id, () =>
      t.app.get(StudentConsentsDemo).giveAccountConsent(id),
    );
    const res = await invite(admin, { studentId: id, roles: ['student'] });
    expect(res.statusCode).toBe(201);
    expect((await req('GET', `/students/${id}`, admin)).json<StudentProfile>().hasAccount).toBe(true);
    expect((await invite(admin, { studentId: id, roles: ['student'] })).statusCode).toBe(409);
  });

  it('lets only user managers invite, and linking to a guardian needs students.write too', async () => {
    const { guardian } = await freeGuardian(gw, admin, 6);
    expect((await invite(teacher, { guardianId: guardian.id })).statusCode).toBe(403);
    expect((await req('GET', '/users/invitations', teacher)).statusCode).toBe(403);
    const refused = await invite(userManager, { guardianId: guardian.id, roles: ['user_manager'] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'ACCOUNT_LINK_NEEDS_STUDENTS_WRITE' } });
    expect((await invite(userManager, { roles: ['user_manager'] })).statusCode).toBe(201);
  });

  it("tells the operator how the new school's first admin invitation goes, and lets them revoke and resend it", async () => {
    const platform = await givenPlatform(t);
    const operator = await signIn(
      t,
      await account(t, platform, 'operator@shala.test', ['platform_operator'], true),
      '10.81.0.8',
    );
    const res = await req('POST', '/platform/institutions', operator, {
      slug: 'lakeside',
      name: 'Lakeside Academy',
      admin: { email: 'principal@lakeside.test', displayName: 'Principal' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      admin: { status: 'invited', delivery: 'queued', deliveryProblem: null, oneTimeLink: null },
    });
    const { institution, admin: first } = res.json<{ institution: { id: string }; admin: { id: string } }>();
    const base = `/platform/institutions/${institution.id}/admin-invitations`;
    const listed = async () =>
      (await req('GET', base, operator)).json<{ items: PlatformAdminInvitation[] }>().items;
    const [pending] = await listed();
    expect(pending).toMatchObject({ userId: first.id, email: 'principal@lakeside.test', status: 'pending' });

    // The link did not arrive: the operator withdraws it, then sends a new one.
    const revoked = await req('DELETE', `${base}/${first.id}`, operator);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<PlatformAdminInvitation>().status).toBe('revoked');
    expect((await listed()).map((i) => i.status)).toEqual(['revoked']);
    expect((await req('DELETE', `${base}/${first.id}`, operator)).statusCode).toBe(422);
    const resent = await req('POST', `${base}/${first.id}`, operator, {});
    expect(resent.statusCode, resent.body).toBe(202);
    expect(resent.json<PlatformAdminInvitation>()).toMatchObject({
      status: 'pending',
      delivery: 'queued',
      oneTimeLink: null,
    });
    expect(Date.parse(resent.json<PlatformAdminInvitation>().sentAt)).toBeGreaterThanOrEqual(
      Date.parse(pending!.sentAt),
    );

    // Only the school's invited admins: not an active admin, not another school's user, not a school admin.
    expect((await req('POST', `${base}/${gw.admin.id}`, operator, {})).statusCode).toBe(404);
    const gwBase = `/platform/institutions/${gw.institution.id}/admin-invitations`;
    expect((await req('POST', `${gwBase}/${gw.admin.id}`, operator, {})).statusCode).toBe(404);
    expect((await req('POST', `${gwBase}/${first.id}`, operator, {})).statusCode).toBe(404);
    expect((await req('GET', base, admin)).statusCode).toBe(403);
  });

  it("answers 404 for another school's guardian, student or invitation", async () => {
    const { guardian } = await freeGuardian(rs, rsAdmin, 2);
    const otherStudent = await studentId(rs, 1);
    expect((await invite(admin, { guardianId: guardian.id })).statusCode).toBe(404);
    expect((await invite(admin, { studentId: otherStudent, roles: ['student'] })).statusCode).toBe(404);
    const ours = (await invite(admin, { channel: 'whatsapp' })).json<InvitedUser>();
    expect((await req('DELETE', `/users/${ours.id}/invitation`, rsAdmin)).statusCode).toBe(404);
    expect((await req('POST', `/users/${ours.id}/invitation`, rsAdmin, {})).statusCode).toBe(404);
    expect((await invitations(rsAdmin)).map((i) => i.userId)).not.toContain(ours.id);
  });
});
