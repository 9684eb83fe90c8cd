// The steps of signing in after the password, one chunk that sign-in-flow.tsx fetches when the API asks
// for one of them: most sign-ins never need it, so the sign-in page's first load goes without (issue 18).
export { MfaEnrollment } from './mfa-enrollment';
export { MfaForm } from './mfa-form';
export { RecoveryCodesPanel } from './recovery-codes-panel';
