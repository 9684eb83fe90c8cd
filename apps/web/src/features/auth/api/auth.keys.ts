/**
 * Query keys of the auth feature. /me is what tells us the tenant, so it is keyed by the session
 * (a new sign-in never reads the previous user's answer); everything tenant-specific that follows is keyed
 * by the institution id that /me returns (see tenantKey in app/query-keys.ts).
 */
export const authKeys = {
  all: ['auth'] as const,
  me: (sessionGeneration: number) => ['auth', 'session', sessionGeneration, 'me'] as const,
};
