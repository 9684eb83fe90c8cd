import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, DEFAULT_ROLE_PERMISSIONS, DefaultRole, Permission, isPermission } from './index';

describe('permission catalogue', () => {
  it('has at least 25 distinct dotted permissions', () => {
    expect(new Set(ALL_PERMISSIONS).size).toBe(ALL_PERMISSIONS.length);
    expect(ALL_PERMISSIONS.length).toBeGreaterThanOrEqual(25);
    for (const p of ALL_PERMISSIONS) expect(p).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  });

  it('gives default roles only catalogued permissions', () => {
    for (const perms of Object.values(DEFAULT_ROLE_PERMISSIONS))
      for (const p of perms) expect(isPermission(p)).toBe(true);
  });

  it('[TEN-05] keeps the platform operator away from school data', () => {
    expect(DEFAULT_ROLE_PERMISSIONS[DefaultRole.PlatformOperator]).toEqual([
      Permission.PlatformInstitutionsManage,
    ]);
  });

  it('never lets a school admin manage the platform', () => {
    expect(DEFAULT_ROLE_PERMISSIONS[DefaultRole.SchoolAdmin]).not.toContain(
      Permission.PlatformInstitutionsManage,
    );
  });
});
