import type { AccessClaims } from './access-tokens';

/** What the access guard needs to know about a verified token's session; implemented by the auth module. */
export interface IdentityResolver {
  /** The caller's roles and permissions, or null when the session is no longer live (AUT-05). */
  resolve(claims: AccessClaims): Promise<{ roles: string[]; permissions: string[] } | null>;
}

export const IDENTITY_RESOLVER = Symbol('IDENTITY_RESOLVER');
