import { v7 as uuidv7 } from 'uuid';
import { ALL_PERMISSIONS, DefaultRole, Permission } from '@shala/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RolesService } from '../src/modules/access/roles.service';
import { UserAccounts } from '../src/modules/access/user-accounts.service';
import {
  RolePermissionsRepository,
  RolesRepository,
  UserRolesRepository,
} from '../src/modules/access/roles.repository';
import type { Institution } from '../src/modules/institutions/entities/institution.entity';
import { UserCredentials } from '../src/modules/users/user-credentials.service';
import { UsersService } from '../src/modules/users/users.service';
import { PasswordHasher } from '../src/platform/security/password-hasher';
import { Account, PASSWORD, account, signIn } from './support/accounts';
import { TEST_DB, TestApp, bootTestApp, takeSqlGuardViolations } from './support/test-app';

const SCHOOL_PERMISSIONS = ALL_PERMISSIONS.filter((p) => p !== Permission.PlatformInstitutionsManage);
const ADMINISTRATION = [
  Permission.UsersRead,
  Permission.UsersWrite,
  Permission.RolesRead,
  Permission.RolesWrite,
];
/** Grantable without being held: it reaches only the holder's own children (see SELF_SERVICE_PERMISSIONS). */
const SELF_SERVICE = new Set<string>([Permission.FeesPay]);

/** One call by the custom-role user; user and role indexes are taken modulo the lists at the time. */
type Call =
  | { kind: 'invite'; roles: number[] }
  | { kind: 'setRoles'; user: number; roles: number[] }
  | { kind: 'createRole'; permissions: string[] }
  | { kind: 'editRole'; role: number; permissions: string[] }
  | { kind: 'resetMfa'; user: number; withPassword: boolean }
  | { kind: 'deactivate'; user: number }
  | { kind: 'reactivate'; user: number };

const index = fc.nat({ max: 1000 });
const roleIndexes = fc.array(index, { minLength: 1, maxLength: 3 });
const permissionSet = fc.subarray(SCHOOL_PERMISSIONS);
const call: fc.Arbitrary<Call> = fc.oneof(
  fc.record({ kind: fc.constant('invite' as const), roles: roleIndexes }),
  fc.record({ kind: fc.constant('setRoles' as const), user: index, roles: roleIndexes }),
  fc.record({ kind: fc.constant('createRole' as const), permissions: permissionSet }),
  fc.record({ kind: fc.constant('editRole' as const), role: index, permissions: permissionSet }),
  fc.record({ kind: fc.constant('resetMfa' as const), user: index, withPassword: fc.boolean() }),
  fc.record({ kind: fc.constant('deactivate' as const), user: index }),
  fc.record({ kind: fc.constant('reactivate' as const), user: index }),
);
/** A random permission set, usually with some account or role administration so the calls get that far. */
const customPermissions = fc
  .tuple(permissionSet, fc.subarray(ADMINISTRATION))
  .map(([p, admin]): string[] => [...new Set([...p, ...admin])].sort());

interface UserState {
  permissions: string[];
  roles: string[];
  status: string;
  mfaEnabled: boolean;
}

describe(`privilege escalation by random custom roles on ${TEST_DB}`, () => {
  let t: TestApp;
  let greenwood: Institution;
  let admin: Account;
  let run = 0;
  let serial = 0;
  let passwordHash: string;
  const statuses = new Map<number, number>();
  /** The school's own staff, aimed at half of the time (the user list grows with every run). */
  let targets: string[];

  const inSchool = <T>(fn: () => Promise<T>, userId?: string) =>
    t.context.runAsTenant(greenwood.id, fn, userId);

  /** Every user of the school with their effective permissions, read straight from the tables (3 queries). */
  async function users(): Promise<Map<string, UserState>> {
    return inSchool(async () => {
      const [all, roles, holdings] = await Promise.all([
        t.app.get(UsersService).page(10_000),
        t.app.get(RolesService).list(),
        t.app.get(UserRolesRepository).all(),
      ]);
      const byId = new Map(roles.map((r) => [r.id, r]));
      return new Map(
        all.map((u) => {
          const held = holdings.filter((h) => h.userId === u.id).map((h) => byId.get(h.roleId)!);
          return [
            u.id,
            {
              roles: held.map((r) => r.key).sort(),
              permissions: [...new Set(held.flatMap((r) => r.permissions))].sort(),
              status: u.status,
              mfaEnabled: u.mfaEnabled,
            },
          ] as const;
        }),
      );
    });
  }

  /** A signed-in user holding `roleKey`; the password hash is made once, as bcrypt is slow on purpose. */
  async function actorWith(roleKey: string): Promise<Account> {
    const email = `actor${run}@greenwood.test`;
    const id = await inSchool(async () => {
      const user = await t.app
        .get(UserAccounts)
        .create({ email, displayName: `Actor ${run}`, roleKeys: [roleKey] });
      await t.app.get(UserCredentials).activateWithPassword(user.id, passwordHash);
      return user.id;
    });
    return { id, email, slug: greenwood.slug, password: PASSWORD, totpSecret: null };
  }

  beforeAll(async () => {
    t = await bootTestApp();
    greenwood = await t.given.institution('greenwood');
    await t.given.institution('riverside');
    admin = await account(t, greenwood, 'admin@greenwood.test', [DefaultRole.SchoolAdmin], true);
    // A second admin, so "the last admin" rule does not hide what the privilege rule must stop.
    const staff = [
      await account(t, greenwood, 'head@greenwood.test', [DefaultRole.SchoolAdmin], true),
      await account(t, greenwood, 'teacher@greenwood.test', [DefaultRole.Teacher]),
      await account(t, greenwood, 'bursar@greenwood.test', [DefaultRole.Accountant], true),
      await account(t, greenwood, 'parent@greenwood.test', [DefaultRole.Parent]),
    ];
    targets = [admin.id, ...staff.map((a) => a.id)];
    passwordHash = await t.app.get(PasswordHasher).hash(PASSWORD);
  });
  afterAll(async () => {
    expect(takeSqlGuardViolations()).toEqual([]);
    await t.close();
  });

  it('[AZ-02] [AZ-05] [AUT-06] leaves nobody with permissions beyond the caller role or their own, and nobody above it changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        customPermissions,
        fc.array(call, { minLength: 1, maxLength: 5 }),
        async (granted, calls) => {
          run++;
          const roleKey = `custom_${run}`;
          // The fixture: the custom role P, written straight to the tables (an earlier run's caller may hold
          // every permission and so may rightly have changed the admin's roles), and a user holding it,
          // signed in through the API.
          await inSchool(async () => {
            const id = uuidv7();
            await t.app
              .get(RolesRepository)
              .add({ id, key: roleKey, name: `Custom ${run}`, isSystem: false });
            await t.app.get(RolePermissionsRepository).grant(id, granted);
          });
          const actor = await actorWith(roleKey);
          const session = await signIn(t, actor, `10.88.${Math.floor(run / 200)}.${run % 200}`);
          const before = await users();

          for (const c of calls) {
            const [userIds, roleList] = await inSchool(async () => [
              (await t.app.get(UsersService).page(10_000)).map((u) => u.id),
              await t.app.get(RolesService).list(),
            ]);
            const userAt = (i: number) => {
              const pool = i % 2 === 0 ? [...targets, actor.id] : userIds;
              return pool[Math.floor(i / 2) % pool.length]!;
            };
            const rolesAt = (is: number[]) => [...new Set(is.map((i) => roleList[i % roleList.length]!.key))];
            const send = (method: 'POST' | 'PUT', url: string, payload: object) =>
              t.request({
                method,
                url: `/api/v1${url}`,
                headers: session.auth,
                payload,
                remoteAddress: '10.88.250.1',
              });
            let res;
            switch (c.kind) {
              case 'invite':
                res = await send('POST', '/users/invitations', {
                  email: `invitee${++serial}@greenwood.test`,
                  displayName: `Invitee ${serial}`,
                  roles: rolesAt(c.roles),
                });
                break;
              case 'setRoles':
                res = await send('PUT', `/users/${userAt(c.user)}/roles`, { roles: rolesAt(c.roles) });
                break;
              case 'createRole':
                res = await send('POST', '/roles', {
                  key: `made_${++serial}`,
                  name: `Made ${serial}`,
                  permissions: c.permissions,
                });
                break;
              case 'editRole':
                res = await send('PUT', `/roles/${roleList[c.role % roleList.length]!.id}/permissions`, {
                  permissions: c.permissions,
                });
                break;
              case 'resetMfa':
                res = await send(
                  'POST',
                  `/users/${userAt(c.user)}/mfa/reset`,
                  c.withPassword ? { currentPassword: PASSWORD } : {},
                );
                break;
              case 'deactivate':
              case 'reactivate':
                res = await send('POST', `/users/${userAt(c.user)}/${c.kind}`, {});
                break;
            }
            expect(res.statusCode, `${c.kind}: ${res.body}`).toBeLessThan(500);
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          }

          const after = await users();
          for (const [id, state] of after) {
            const had = new Set(before.get(id)?.permissions ?? []);
            const gained = state.permissions.filter(
              (p) => !had.has(p) && !granted.includes(p) && !SELF_SERVICE.has(p),
            );
            expect(gained, `user ${id} gained permissions (caller held ${granted.join(', ')})`).toEqual([]);
          }
          // Whoever held more than the caller is out of its reach: same roles, status and MFA as before.
          for (const [id, was] of before) {
            const outranks = was.permissions.some((p) => !granted.includes(p) && !SELF_SERVICE.has(p));
            if (!outranks) continue;
            const now = after.get(id)!;
            expect(
              { roles: now.roles, status: now.status, mfaEnabled: now.mfaEnabled },
              `user ${id} was changed (caller held ${granted.join(', ')})`,
            ).toEqual({ roles: was.roles, status: was.status, mfaEnabled: was.mfaEnabled });
          }
        },
      ),
      { numRuns: 25 },
    );
    // Not vacuous: some calls went through and some were refused for privilege.
    const succeeded = [...statuses].filter(([s]) => s < 300).reduce((n, [, k]) => n + k, 0);
    expect(succeeded, JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect(statuses.get(403) ?? 0).toBeGreaterThan(0);
  });
});
