import { Permission } from './permissions';

/**
 * AZ-02: who may hand out what. A user may grant (by invitation, role assignment or role editing) only
 * permissions they hold themselves, and may act on (deactivate, reset, change the roles of) only users whose
 * permissions they hold. The API enforces this; the SPA uses the same rule to grey out what it would refuse.
 */

/**
 * Permissions that reach only the holder's own records (a parent paying the fees of their own children),
 * so granting them lends the grantee nothing of the grantor's: a grantor need not hold them. Without this a
 * school admin, who does not pay fees, could not make anyone a parent.
 */
export const SELF_SERVICE_PERMISSIONS: readonly Permission[] = [Permission.FeesPay];

/**
 * Permissions that administer accounts, roles or institutions. Resetting the MFA of a user who holds one
 * needs roles.write and the actor's password (and TOTP code) again (AUT-06).
 */
export const PRIVILEGED_PERMISSIONS: readonly Permission[] = [
  Permission.UsersWrite,
  Permission.RolesWrite,
  Permission.PlatformInstitutionsManage,
];

/** The permissions in `granted` that a holder of `held` may not hand out; empty when all may be. */
export function permissionsBeyond(held: readonly string[], granted: readonly string[]): string[] {
  const own = new Set<string>([...held, ...SELF_SERVICE_PERMISSIONS]);
  return [...new Set(granted.filter((p) => !own.has(p)))].sort();
}

/** Whether a holder of `held` may grant a role with `granted`, or act on a user who holds `granted`. */
export function canGrant(held: readonly string[], granted: readonly string[]): boolean {
  return permissionsBeyond(held, granted).length === 0;
}

export function isPrivileged(permissions: readonly string[]): boolean {
  return permissions.some((p) => (PRIVILEGED_PERMISSIONS as readonly string[]).includes(p));
}
