import { InstitutionKind, PLATFORM_SLUG } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '../src/modules/access/access.service';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { InstitutionsService } from '../src/modules/institutions/institutions.service';
import { OutboxRepository } from '../src/modules/notifications/outbox.repository';
import { Account, PASSWORD, account, signIn } from './support/accounts';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';

describe(`roles, users and provisioning on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  let riverside: Institution;
  let gw: { auth: Record<string, string> };
  let rs: { auth: Record<string, string> };
  let op: { auth: Record<string, string> };
  let gwAdmin: Account;
  let ip = 1;
  const nextIp = () => `10.40.${Math.floor(ip / 250)}.${ip++ % 250}`;
  const req = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    auth: Record<string, string>,
    payload?: object,
  ) =>
    t.request({ method, url, headers: auth, ...(payload ? { payload } : {}), remoteAddress: '10.40.200.1' });

  async function mailTo(
    institution: Institution,
    email: string,
  ): Promise<{ template: string; link: string }> {
    const rows = await t.context.runAsTenant(institution.id, () =>
      t.app.get(OutboxRepository).listNewestFirst(50),
    );
    const mail = rows.find((m) => m.recipient === email)!;
    return { template: mail.template, link: (JSON.parse(mail.variables) as { link: string }).link };
  }

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    riverside = await t.given.institution('riverside');
    const platform = await t.context.runWithoutTenant(() =>
      t.app
        .get(InstitutionsService)
        .create({ slug: PLATFORM_SLUG, name: 'Platform', kind: InstitutionKind.Platform }),
    );
    await t.context.runAsTenant(platform.id, () =>
      t.app.get(AccessService).installDefaultRoles(InstitutionKind.Platform),
    );
    gwAdmin = await account(t, greenwood, 'admin@greenwood.test', ['school_admin'], true);
    gw = await signIn(t, gwAdmin, nextIp(), -1);
    rs = await signIn(
      t,
      await account(t, riverside, 'admin@riverside.test', ['school_admin'], true),
      nextIp(),
      -1,
    );
    op = await signIn(
      t,
      await account(t, platform, 'operator@shala.test', ['platform_operator'], true),
      nextIp(),
      -1,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('[AZ-02] lets a school create a custom role and grant it', async () => {
    const created = await req('POST', '/api/v1/roles', gw.auth, {
      key: 'librarian',
      name: 'Librarian',
      permissions: ['students.read', 'academics.read'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      key: 'librarian',
      isSystem: false,
      permissions: ['academics.read', 'students.read'],
      holders: 0,
    });
    const dup = await req('POST', '/api/v1/roles', gw.auth, {
      key: 'librarian',
      name: 'Again',
      permissions: [],
    });
    expect(dup.statusCode).toBe(409);
    const unknown = await req('POST', '/api/v1/roles', gw.auth, {
      key: 'bad_role',
      name: 'Bad',
      permissions: ['students.read', 'rockets.launch', 'platform.institutions.manage'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      unknown.json<{ error: { details: { message: string }[] } }>().error.details.map((d) => d.message),
    ).toEqual([
      'unknown permission "rockets.launch"',
      '"platform.institutions.manage" cannot be granted in a school',
    ]);
  });

  it('[AZ-05] applies a role permission change on the very next request, without signing in again', async () => {
    const librarian = await account(t, greenwood, 'books@greenwood.test', ['teacher']);
    await req('PUT', `/api/v1/users/${librarian.id}/roles`, gw.auth, { roles: ['librarian'] });
    const s = await signIn(t, librarian, nextIp());
    expect((await req('GET', '/api/v1/me', s.auth)).json<{ permissions: string[] }>().permissions).toEqual([
      'academics.read',
      'students.read',
    ]);
    const roles = (await req('GET', '/api/v1/roles', gw.auth)).json<{
      items: { id: string; key: string; holders: number }[];
    }>().items;
    const role = roles.find((r) => r.key === 'librarian')!;
    expect(role.holders).toBe(1);
    expect((await req('GET', '/api/v1/users', s.auth)).statusCode).toBe(403);
    await req('PUT', `/api/v1/roles/${role.id}/permissions`, gw.auth, {
      permissions: ['students.read', 'users.read'],
    });
    expect((await req('GET', '/api/v1/users', s.auth)).statusCode).toBe(200);
    expect((await req('DELETE', `/api/v1/roles/${role.id}`, gw.auth)).statusCode).toBe(409);
  });

  it('[AUT-05] ends a user sessions when an admin changes their roles', async () => {
    const user = await account(t, greenwood, 'moving@greenwood.test', ['teacher']);
    const s = await signIn(t, user, nextIp());
    expect(
      (await req('PUT', `/api/v1/users/${user.id}/roles`, gw.auth, { roles: ['parent'] })).json(),
    ).toMatchObject({ roles: ['parent'] });
    expect((await req('GET', '/api/v1/me', s.auth)).statusCode).toBe(401);
    const unknownRole = await req('PUT', `/api/v1/users/${user.id}/roles`, gw.auth, { roles: ['wizard'] });
    expect(unknownRole.statusCode).toBe(400);
  });

  it('keeps the school admin role able to manage the school', async () => {
    const roles = (await req('GET', '/api/v1/roles', gw.auth)).json<{
      items: { id: string; key: string }[];
    }>().items;
    const adminRole = roles.find((r) => r.key === 'school_admin')!;
    const res = await req('PUT', `/api/v1/roles/${adminRole.id}/permissions`, gw.auth, {
      permissions: ['students.read'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'ADMIN_ROLE_LOCKOUT' } });
    expect((await req('DELETE', `/api/v1/roles/${adminRole.id}`, gw.auth)).json()).toMatchObject({
      error: { code: 'SYSTEM_ROLE' },
    });
  });

  it('invites a teacher who sets a password and signs in; a privileged invitee must enrol MFA', async () => {
    const invited = await req('POST', '/api/v1/users/invitations', gw.auth, {
      email: 'New.Teacher@greenwood.test',
      displayName: 'New Teacher',
      roles: ['teacher'],
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({
      email: 'new.teacher@greenwood.test',
      status: 'invited',
      roles: ['teacher'],
    });
    const mail = await mailTo(greenwood, 'new.teacher@greenwood.test');
    expect(mail.template).toBe('invitation');
    const token = new URL(mail.link).searchParams.get('token')!;
    const weak = await t.request({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'password1234' },
    });
    expect(weak.statusCode).toBe(400);
    const accepted = await t.request({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'my first passphrase' },
    });
    expect(accepted.json()).toEqual({
      institution: 'greenwood',
      email: 'new.teacher@greenwood.test',
      mfaEnrollmentRequired: false,
    });
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: {
        institution: 'greenwood',
        email: 'new.teacher@greenwood.test',
        password: 'my first passphrase',
      },
      remoteAddress: nextIp(),
    });
    expect(login.statusCode).toBe(200);

    await req('POST', '/api/v1/users/invitations', gw.auth, {
      email: 'bursar@greenwood.test',
      displayName: 'Bursar',
      roles: ['accountant'],
    });
    const bursarToken = new URL((await mailTo(greenwood, 'bursar@greenwood.test')).link).searchParams.get(
      'token',
    )!;
    const bursar = await t.request({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token: bursarToken, password: 'counting rupees daily' },
    });
    expect(bursar.json()).toMatchObject({ mfaEnrollmentRequired: true });
    const bursarLogin = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: {
        institution: 'greenwood',
        email: 'bursar@greenwood.test',
        password: 'counting rupees daily',
      },
      remoteAddress: nextIp(),
    });
    expect(bursarLogin.json()).toMatchObject({ mfaEnrollmentRequired: true });
  });

  it('[AZ-04] refuses mass assignment of tenant, id or status on an invitation', async () => {
    const res = await req('POST', '/api/v1/users/invitations', gw.auth, {
      email: 'sneaky@greenwood.test',
      displayName: 'Sneaky',
      roles: ['teacher'],
      tenantId: riverside.id,
      id: '018f2f6e-0000-7000-8000-000000000001',
      status: 'active',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json<{ error: { details: { field: string }[] } }>()
        .error.details.map((d) => d.field)
        .sort(),
    ).toEqual(['id', 'status', 'tenantId']);
  });

  it('[AUT-05] deactivation ends sessions and refuses sign-in; the last admin and self are protected', async () => {
    const user = await account(t, greenwood, 'leaving@greenwood.test', ['teacher']);
    const s = await signIn(t, user, nextIp());
    expect((await req('POST', `/api/v1/users/${user.id}/deactivate`, gw.auth, {})).json()).toMatchObject({
      status: 'disabled',
    });
    expect((await req('GET', '/api/v1/me', s.auth)).statusCode).toBe(401);
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { institution: 'greenwood', email: user.email, password: PASSWORD },
      remoteAddress: nextIp(),
    });
    expect(login.statusCode).toBe(401);
    expect((await req('POST', `/api/v1/users/${user.id}/reactivate`, gw.auth, {})).json()).toMatchObject({
      status: 'active',
    });
    expect((await req('POST', `/api/v1/users/${gwAdmin.id}/deactivate`, gw.auth, {})).json()).toMatchObject({
      error: { code: 'SELF_DEACTIVATION' },
    });
    const lastAdmin = await req('PUT', `/api/v1/users/${gwAdmin.id}/roles`, gw.auth, { roles: ['teacher'] });
    expect(lastAdmin.statusCode).toBe(422);
    expect(lastAdmin.json()).toMatchObject({ error: { code: 'LAST_ADMIN' } });
  });

  it('resets a user MFA so they enrol again', async () => {
    const acct = await account(t, greenwood, 'lostphone@greenwood.test', ['accountant'], true);
    const reset = await req('POST', `/api/v1/users/${acct.id}/mfa/reset`, gw.auth, {});
    expect(reset.json()).toMatchObject({ mfaEnabled: false });
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { institution: 'greenwood', email: acct.email, password: PASSWORD },
      remoteAddress: nextIp(),
    });
    expect(login.json()).toMatchObject({ mfaEnrollmentRequired: true });
  });

  it('[TEN-04] answers another school user and role ids with 404 and changes nothing', async () => {
    const gwUser = await account(t, greenwood, 'target@greenwood.test', ['teacher']);
    const gwRoles = (await req('GET', '/api/v1/roles', gw.auth)).json<{
      items: { id: string; key: string; permissions: string[] }[];
    }>().items;
    const teacherRole = gwRoles.find((r) => r.key === 'teacher')!;
    const attempts = [
      await req('GET', `/api/v1/users/${gwUser.id}`, rs.auth),
      await req('POST', `/api/v1/users/${gwUser.id}/deactivate`, rs.auth, {}),
      await req('PUT', `/api/v1/users/${gwUser.id}/roles`, rs.auth, { roles: ['school_admin'] }),
      await req('POST', `/api/v1/users/${gwUser.id}/mfa/reset`, rs.auth, {}),
      await req('PUT', `/api/v1/roles/${teacherRole.id}/permissions`, rs.auth, {
        permissions: ['users.write'],
      }),
      await req('PATCH', `/api/v1/roles/${teacherRole.id}`, rs.auth, { name: 'Hijacked' }),
      await req('DELETE', `/api/v1/roles/${teacherRole.id}`, rs.auth),
    ];
    expect(attempts.map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect((await req('GET', `/api/v1/users/${gwUser.id}`, gw.auth)).json()).toMatchObject({
      status: 'active',
      roles: ['teacher'],
    });
    const after = (await req('GET', '/api/v1/roles', gw.auth))
      .json<{ items: { key: string; name: string; permissions: string[] }[] }>()
      .items.find((r) => r.key === 'teacher')!;
    expect(after).toMatchObject({ name: 'Teacher', permissions: teacherRole.permissions });
  });

  it('[TEN-05] lets the operator provision a school with its first admin, and nothing of school data', async () => {
    const res = await req('POST', '/api/v1/platform/institutions', op.auth, {
      slug: 'lakeside',
      name: 'Lakeside Academy',
      timeZone: 'Asia/Kolkata',
      currency: 'INR',
      admin: { email: 'principal@lakeside.test', displayName: 'Principal' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ institution: { id: string; slug: string }; admin: { status: string } }>();
    expect(body).toMatchObject({
      institution: { slug: 'lakeside', kind: 'school', status: 'active' },
      admin: { status: 'invited' },
    });
    const lakeside = (await t.app.get(InstitutionsService).findBySlug('lakeside'))!;
    expect((await mailTo(lakeside, 'principal@lakeside.test')).template).toBe('invitation');
    expect(
      (
        await req('POST', '/api/v1/platform/institutions', op.auth, {
          slug: 'lakeside',
          name: 'Again',
          admin: { email: 'someone@lakeside.test', displayName: 'Someone' },
        })
      ).statusCode,
    ).toBe(409);
    const noAdmin = await req('POST', '/api/v1/platform/institutions', op.auth, {
      slug: 'hillside',
      name: 'Hillside School',
    });
    expect(noAdmin.statusCode).toBe(400);
    expect(noAdmin.json()).toMatchObject({ error: { details: [{ field: 'admin' }] } });
    const list = (await req('GET', '/api/v1/platform/institutions', op.auth))
      .json<{ items: { slug: string }[] }>()
      .items.map((i) => i.slug);
    expect(list).toEqual(expect.arrayContaining(['greenwood', 'riverside', 'lakeside']));
    expect(list).not.toContain('platform');
    for (const url of ['/api/v1/users', '/api/v1/roles', '/api/v1/audit/events'])
      expect((await req('GET', url, op.auth)).statusCode).toBe(403);
    expect((await req('GET', '/api/v1/platform/institutions', gw.auth)).statusCode).toBe(403);
  });

  it('refuses sign-in to a suspended school, and its open sessions, until it is reactivated', async () => {
    const user = await account(t, riverside, 'staff@riverside.test', ['teacher']);
    const open = await signIn(t, user, nextIp());
    expect((await req('GET', '/api/v1/me', open.auth)).statusCode).toBe(200);
    expect(
      (
        await req('PATCH', `/api/v1/platform/institutions/${riverside.id}`, op.auth, { status: 'suspended' })
      ).json(),
    ).toMatchObject({ status: 'suspended' });
    const login = () =>
      t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { institution: 'riverside', email: user.email, password: PASSWORD },
        remoteAddress: nextIp(),
      });
    expect((await login()).statusCode).toBe(401);
    // Tokens issued before the suspension stop at once, not when they expire.
    expect((await req('GET', '/api/v1/me', open.auth)).statusCode).toBe(401);
    await req('PATCH', `/api/v1/platform/institutions/${riverside.id}`, op.auth, { status: 'active' });
    expect((await login()).statusCode).toBe(200);
  });
});
