import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
  DEFAULT_ROLE_PERMISSIONS,
  DefaultRole,
  Permission,
  canGrant,
  isPrivileged,
  permissionsBeyond,
} from './index';

const admin = DEFAULT_ROLE_PERMISSIONS[DefaultRole.SchoolAdmin];

describe('[AZ-02] who may grant what', () => {
  it('lets a school admin grant every school role, parents included', () => {
    for (const role of Object.values(DefaultRole).filter((r) => r !== DefaultRole.PlatformOperator))
      expect(permissionsBeyond(admin, DEFAULT_ROLE_PERMISSIONS[role])).toEqual([]);
  });

  it('refuses a user with users.write only the school admin role, naming what they lack', () => {
    const beyond = permissionsBeyond([Permission.UsersRead, Permission.UsersWrite], admin);
    expect(beyond).toContain(Permission.RolesWrite);
    expect(beyond).not.toContain(Permission.UsersWrite);
    expect(canGrant([Permission.UsersRead, Permission.UsersWrite], admin)).toBe(false);
  });

  it('never lets anyone hand out what they lack, except self-service permissions', () => {
    for (const held of [[], [Permission.StudentsRead], admin]) {
      for (const p of ALL_PERMISSIONS) {
        const selfService = p === Permission.FeesPay;
        expect(canGrant(held, [p])).toBe(held.includes(p) || selfService);
      }
    }
  });

  it('counts account, role and platform administration as privileged', () => {
    expect(isPrivileged([Permission.StudentsRead, Permission.UsersWrite])).toBe(true);
    expect(isPrivileged(DEFAULT_ROLE_PERMISSIONS[DefaultRole.Accountant])).toBe(false);
    expect(isPrivileged(admin)).toBe(true);
  });
});
