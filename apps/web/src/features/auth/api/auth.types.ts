// Wire types (requests and responses) come from @shala/contracts; this file holds only the SPA's own view.

/** The next step of signing in, as the login and MFA endpoints decide it. */
export type SignInOutcome =
  | { kind: 'signed-in' }
  | { kind: 'mfa-required'; mfaToken: string }
  | { kind: 'mfa-enrollment-required'; mfaToken: string };
