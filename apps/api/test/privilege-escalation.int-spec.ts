import { AccessErrorCode, AuthErrorCode, DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { Account, PASSWORD, Signed, account, signIn, totp } from './support/accounts';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Envelope {
  error: { code: string; message: string; details?: { role?: string; field?: string }[] };
}
interface AuditItem {
  action: string;
  outcome: string;
  actorUserId: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
}

/**
 * Issue 17 item 3 ("Privilege"): a custom role with users.write but not roles.write could invite a school
 * admin and reset the real admin's MFA. Nobody may grant more than they hold, or act on a user who holds
 * more (AZ-02); such changes and their refusals are audited (AZ-05); resetting the MFA of a user who manages
 * users or roles needs roles.write and the actor's password and TOTP code (AUT-06).
 */
describe(`privilege escalation through user and role administration on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  let admin: Account;
  let gw: Signed;
  let secondAdmin: Account;
  let helpdesk: Account;
  let hd: Signed;
  let deputy: Account;
  let dp: Signed;
  let ip = 1;
  const nextIp = () => `10.77.${Math.floor(ip / 250)}.${ip++ % 250}`;
  const req = (method: Method, url: string, s: Signed, payload?: object) =>
    t.request({
      method,
      url: `/api/v1${url}`,
      headers: s.auth,
      ...(payload ? { payload } : {}),
      remoteAddress: '10.77.200.1',
    });
  const errorOf = (res: { json: <T>() => T }) => res.json<Envelope>().error;

  async function audit(action: string, targetId?: string): Promise<AuditItem[]> {
    const items = (await req('GET', `/audit/events?action=${action}&limit=200`, gw)).json<{
      items: AuditItem[];
    }>().items;
    return targetId ? items.filter((e) => e.targetId === targetId) : items;
  }
  async function userAsAdminSees(id: string) {
    return (await req('GET', `/users/${id}`, gw)).json<{
      status: string;
      mfaEnabled: boolean;
      roles: string[];
    }>();
  }
  async function roleNamed(key: string) {
    return (await req('GET', '/roles', gw))
      .json<{ items: { id: string; key: string; name: string; permissions: string[] }[] }>()
      .items.find((r) => r.key === key)!;
  }

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    await t.given.institution('riverside');
    admin = await account(t, greenwood, 'admin@greenwood.test', [DefaultRole.SchoolAdmin], true);
    secondAdmin = await account(t, greenwood, 'deputy.head@greenwood.test', [DefaultRole.SchoolAdmin], true);
    gw = await signIn(t, admin, nextIp(), -1);
    // The tester's custom role: may manage accounts, not roles.
    expect(
      (
        await req('POST', '/roles', gw, {
          key: 'user_manager',
          name: 'User manager',
          permissions: ['users.read', 'users.write'],
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await req('POST', '/roles', gw, {
          key: 'role_manager',
          name: 'Role manager',
          permissions: ['users.read', 'users.write', 'roles.read', 'roles.write', 'students.read'],
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await req('POST', '/roles', gw, {
          key: 'reader',
          name: 'Reader',
          permissions: ['students.read'],
        })
      ).statusCode,
    ).toBe(201);
    helpdesk = await account(t, greenwood, 'helpdesk@greenwood.test', ['user_manager']);
    hd = await signIn(t, helpdesk, nextIp());
    deputy = await account(t, greenwood, 'deputy@greenwood.test', ['role_manager']);
    dp = await signIn(t, deputy, nextIp());
  });
  afterAll(async () => {
    expect(takeSqlGuardViolations()).toEqual([]);
    await t.close();
  });

  it('[AZ-02] refuses an invitation as school admin from a role with users.write only (the report)', async () => {
    const res = await req('POST', '/users/invitations', hd, {
      email: 'mallory@greenwood.test',
      displayName: 'Mallory',
      roles: ['school_admin'],
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res)).toMatchObject({ code: AccessErrorCode.RoleGrantRefused });
    expect(errorOf(res).message).toContain('"school_admin"');
    const users = (await req('GET', '/users?limit=100', gw)).json<{ items: { email: string }[] }>().items;
    expect(users.map((u) => u.email)).not.toContain('mallory@greenwood.test');
    const mails = await t.context.runAsTenant(greenwood.id, () =>
      t.app.get(OutboxRepository).listNewestFirst(100),
    );
    expect(mails.map((m) => m.recipient)).not.toContain('mallory@greenwood.test');
    const [denied] = await audit('users.create');
    expect(denied).toMatchObject({
      outcome: 'denied',
      actorUserId: helpdesk.id,
      details: { roles: ['school_admin'], refused: AccessErrorCode.RoleGrantRefused },
    });
  });

  it('[AZ-02] names every role refused, and lets the same user invite into roles within their own', async () => {
    const res = await req('POST', '/users/invitations', hd, {
      email: 'two@greenwood.test',
      displayName: 'Two Roles',
      roles: ['teacher', 'user_manager', 'accountant'],
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).details!.map((d) => d.role)).toEqual(['teacher', 'accountant']);
    const ok = await req('POST', '/users/invitations', hd, {
      email: 'peer@greenwood.test',
      displayName: 'Peer',
      roles: ['user_manager'],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ roles: ['user_manager'], status: 'invited' });
  });

  it('[AUT-06] [AZ-02] refuses a users.write-only role resetting the real admin MFA (the report)', async () => {
    const res = await req('POST', `/users/${admin.id}/mfa/reset`, hd, {});
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe(AccessErrorCode.UserOutranksActor);
    // Even with the helpdesk user's own password: outranked is outranked.
    const withPassword = await req('POST', `/users/${admin.id}/mfa/reset`, hd, {
      currentPassword: PASSWORD,
    });
    expect(withPassword.statusCode).toBe(403);
    expect(await userAsAdminSees(admin.id)).toMatchObject({ mfaEnabled: true, status: 'active' });
    expect((await req('GET', '/me', gw)).statusCode).toBe(200);
    const denied = await audit('users.mfa_reset', admin.id);
    expect(denied.map((e) => e.outcome)).toEqual(['denied', 'denied']);
  });

  it('[AZ-02] refuses deactivating, reactivating or re-inviting a more privileged user', async () => {
    const teacher = await account(t, greenwood, 'teacher@greenwood.test', [DefaultRole.Teacher]);
    const invited = (
      await req('POST', '/users/invitations', gw, {
        email: 'invitee@greenwood.test',
        displayName: 'Invitee',
        roles: ['teacher'],
      })
    ).json<{ id: string }>();
    expect((await req('POST', `/users/${teacher.id}/deactivate`, gw, {})).statusCode).toBe(200);
    const attempts = {
      deactivateAdmin: await req('POST', `/users/${admin.id}/deactivate`, hd, {}),
      deactivateSecondAdmin: await req('POST', `/users/${secondAdmin.id}/deactivate`, hd, {}),
      reactivateTeacher: await req('POST', `/users/${teacher.id}/reactivate`, hd, {}),
      resendInvitation: await req('POST', `/users/${invited.id}/invitation`, hd, {}),
    };
    for (const res of Object.values(attempts)) {
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe(AccessErrorCode.UserOutranksActor);
    }
    expect(await userAsAdminSees(admin.id)).toMatchObject({ status: 'active' });
    expect(await userAsAdminSees(secondAdmin.id)).toMatchObject({ status: 'active' });
    expect(await userAsAdminSees(teacher.id)).toMatchObject({ status: 'disabled' });
    expect((await audit('users.deactivate', admin.id))[0]).toMatchObject({
      outcome: 'denied',
      actorUserId: helpdesk.id,
    });
    // A peer (same permissions) is fair game.
    const peer = await account(t, greenwood, 'peer2@greenwood.test', ['user_manager']);
    expect((await req('POST', `/users/${peer.id}/deactivate`, hd, {})).statusCode).toBe(200);
    expect((await req('POST', `/users/${peer.id}/reactivate`, hd, {})).json()).toMatchObject({
      status: 'active',
    });
  });

  it('[AZ-02] refuses assigning roles beyond the actor, to others or to themselves, and changing a superior', async () => {
    const reader = await account(t, greenwood, 'reader@greenwood.test', ['reader']);
    const cases = [
      { id: reader.id, roles: ['school_admin'], code: AccessErrorCode.RoleGrantRefused },
      { id: deputy.id, roles: ['role_manager', 'school_admin'], code: AccessErrorCode.RoleGrantRefused },
      { id: helpdesk.id, roles: ['accountant'], code: AccessErrorCode.RoleGrantRefused },
      { id: admin.id, roles: ['reader'], code: AccessErrorCode.UserOutranksActor },
    ];
    for (const c of cases) {
      const res = await req('PUT', `/users/${c.id}/roles`, dp, { roles: c.roles });
      expect(res.statusCode, `${c.id} ${c.roles.join(',')}`).toBe(403);
      expect(errorOf(res).code).toBe(c.code);
    }
    expect((await userAsAdminSees(reader.id)).roles).toEqual(['reader']);
    expect((await userAsAdminSees(deputy.id)).roles).toEqual(['role_manager']);
    expect((await userAsAdminSees(admin.id)).roles).toEqual(['school_admin']);
    expect((await audit('users.roles_changed', reader.id))[0]).toMatchObject({ outcome: 'denied' });
    // Within the actor's own permissions it works.
    expect(
      (await req('PUT', `/users/${reader.id}/roles`, dp, { roles: ['reader', 'user_manager'] })).json(),
    ).toMatchObject({ roles: ['reader', 'user_manager'] });
  });

  it('[AZ-02] [AZ-05] refuses creating or editing a role beyond the actor, and audits the refusal', async () => {
    const create = await req('POST', '/roles', dp, {
      key: 'auditor',
      name: 'Auditor',
      permissions: ['students.read', 'audit.read', 'audit.export'],
    });
    expect(create.statusCode).toBe(403);
    expect(errorOf(create)).toMatchObject({ code: AccessErrorCode.PermissionGrantRefused });
    expect(errorOf(create).message).toContain('audit.export');
    const own = await roleNamed('role_manager');
    const schoolAdmin = await roleNamed('school_admin');
    const teacher = await roleNamed('teacher');
    const attempts = [
      // Widening their own role.
      await req('PUT', `/roles/${own.id}/permissions`, dp, {
        permissions: [...own.permissions, 'fees.reverse'],
      }),
      // Editing a role above theirs, even only to take permissions away.
      await req('PUT', `/roles/${schoolAdmin.id}/permissions`, dp, { permissions: own.permissions }),
      await req('PUT', `/roles/${teacher.id}/permissions`, dp, { permissions: ['students.read'] }),
      await req('PATCH', `/roles/${schoolAdmin.id}`, dp, { name: 'Visitor' }),
    ];
    expect(attempts.map((a) => a.statusCode)).toEqual([403, 403, 403, 403]);
    expect(attempts.map((a) => errorOf(a).code)).toEqual(
      attempts.map(() => AccessErrorCode.PermissionGrantRefused),
    );
    expect((await roleNamed('role_manager')).permissions).toEqual(own.permissions);
    expect(await roleNamed('school_admin')).toMatchObject({
      name: 'School admin',
      permissions: schoolAdmin.permissions,
    });
    expect((await roleNamed('teacher')).permissions).toEqual(teacher.permissions);
    expect(await roleNamed('auditor')).toBeUndefined();
    expect((await audit('roles.permissions_changed', own.id))[0]).toMatchObject({
      outcome: 'denied',
      actorUserId: deputy.id,
    });
    expect((await audit('roles.create'))[0]).toMatchObject({
      outcome: 'denied',
      details: { role: 'auditor' },
    });
    // Within their own permissions they manage roles as before.
    const allowed = await req('POST', '/roles', dp, {
      key: 'clerk',
      name: 'Clerk',
      permissions: ['students.read', 'users.read'],
    });
    expect(allowed.statusCode).toBe(201);
  });

  it('[AZ-02] still lets a school admin make parents, whose fees.pay only reaches their own children', async () => {
    expect(DEFAULT_ROLE_PERMISSIONS.school_admin).not.toContain('fees.pay');
    const parent = await req('POST', '/users/invitations', gw, {
      email: 'mother@greenwood.test',
      displayName: 'Mother',
      roles: ['parent'],
    });
    expect(parent.statusCode).toBe(201);
    const parentRole = await roleNamed('parent');
    expect(
      (await req('PUT', `/roles/${parentRole.id}/permissions`, gw, { permissions: parentRole.permissions }))
        .statusCode,
    ).toBe(200);
  });

  it('[AUT-06] needs roles.write to reset the MFA of a user who manages users', async () => {
    const peer = await account(t, greenwood, 'peer3@greenwood.test', ['user_manager'], true);
    const res = await req('POST', `/users/${peer.id}/mfa/reset`, hd, { currentPassword: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe(AccessErrorCode.MfaResetNeedsRolesWrite);
    expect(await userAsAdminSees(peer.id)).toMatchObject({ mfaEnabled: true });
    // A holder of roles.write may, after confirming their own password.
    const ok = await req('POST', `/users/${peer.id}/mfa/reset`, dp, { currentPassword: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ mfaEnabled: false });
  });

  it('[AUT-06] resets another admin MFA only after the actor re-authenticates with password and code', async () => {
    const target = `/users/${secondAdmin.id}/mfa/reset`;
    const missing = await req('POST', target, gw, {});
    expect(missing.statusCode).toBe(403);
    expect(errorOf(missing)).toMatchObject({ code: AccessErrorCode.ReauthenticationRequired });
    expect(errorOf(missing).details!.map((d) => d.field)).toEqual(['currentPassword', 'code']);

    const wrongPassword = await req('POST', target, gw, {
      currentPassword: 'not-my-password-at-all',
      code: totp(admin.totpSecret!, 0),
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(errorOf(wrongPassword).code).toBe(AuthErrorCode.ReauthenticationFailed);
    const noCode = await req('POST', target, gw, { currentPassword: PASSWORD });
    expect(noCode.statusCode).toBe(403);
    const wrongCode = await req('POST', target, gw, {
      currentPassword: PASSWORD,
      code: totp(admin.totpSecret!, 0) === '000000' ? '111111' : '000000',
    });
    expect(wrongCode.statusCode).toBe(401);
    expect(errorOf(wrongCode).code).toBe(AuthErrorCode.InvalidMfaCode);
    // Nothing was reset, and the admin's own session lives on (a wrong password is not a sign-out).
    expect(await userAsAdminSees(secondAdmin.id)).toMatchObject({ mfaEnabled: true });
    expect((await req('GET', '/me', gw)).statusCode).toBe(200);

    const code = totp(admin.totpSecret!, 0);
    const ok = await req('POST', target, gw, { currentPassword: PASSWORD, code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ mfaEnabled: false });
    // The code was used up: replaying the same request is refused.
    const replay = await req('POST', target, gw, { currentPassword: PASSWORD, code });
    expect(replay.statusCode).toBe(401);
    expect(errorOf(replay).code).toBe(AuthErrorCode.InvalidMfaCode);

    const events = await audit('users.mfa_reset', secondAdmin.id);
    expect(events.map((e) => e.outcome).reverse()).toEqual([
      'denied',
      'failure',
      'denied',
      'failure',
      'success',
      'failure',
    ]);
    expect(events.every((e) => e.actorUserId === admin.id)).toBe(true);
    expect(events.find((e) => e.outcome === 'success')!.details).toEqual({
      privileged: true,
      reauthenticated: true,
    });
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it('[AUT-06] checks credentials whenever they are sent, even for a user who needs none', async () => {
    const accountant = await account(t, greenwood, 'bursar@greenwood.test', [DefaultRole.Accountant], true);
    const wrong = await req('POST', `/users/${accountant.id}/mfa/reset`, gw, {
      currentPassword: 'not-my-password-at-all',
      code: totp(admin.totpSecret!, 1),
    });
    expect(wrong.statusCode).toBe(401);
    expect(await userAsAdminSees(accountant.id)).toMatchObject({ mfaEnabled: true });
    const bad = await req('POST', `/users/${accountant.id}/mfa/reset`, gw, { code: 'abc', extra: 1 });
    expect(bad.statusCode).toBe(400);
    const plain = await req('POST', `/users/${accountant.id}/mfa/reset`, gw, {});
    expect(plain.json()).toMatchObject({ mfaEnabled: false });
  });

  it('[AUT-07] throttles password guesses through the MFA reset per signed-in actor, not per target', async () => {
    const third = await account(t, greenwood, 'third.admin@greenwood.test', [DefaultRole.SchoolAdmin], true);
    const s = await signIn(t, third, nextIp());
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await req('POST', `/users/${secondAdmin.id}/mfa/reset`, s, {
        currentPassword: `wrong-password-${i}-xxxx`,
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401 || c === 403)).toBe(true);
    expect(codes[20]).toBe(429);
    expect(await userAsAdminSees(secondAdmin.id)).toMatchObject({ status: 'active' });
  });

  it('[AUT-06] documents the re-authentication body in the OpenAPI document', async () => {
    const doc = (await t.request({ url: '/api/docs-json' })).json<{
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>
      >;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>();
    const op = doc.paths['/api/v1/users/{id}/mfa/reset']!.post!;
    const ref = op.requestBody!.content['application/json']!.schema.$ref.split('/').pop()!;
    expect(Object.keys(doc.components.schemas[ref]!.properties).sort()).toEqual(['code', 'currentPassword']);
  });
});
