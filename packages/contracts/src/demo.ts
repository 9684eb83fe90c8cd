/** Demo data names (demo mode only; production refuses to seed them). */
export const DEMO_PASSWORD = 'shala-demo-password';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const DEMO_INSTITUTIONS = [
  { slug: 'greenwood', name: 'Greenwood High School' },
  { slug: 'riverside', name: 'Riverside Public School' },
] as const;
export const DEMO_OPERATOR_EMAIL = 'operator@shala.test';
export const DEMO_SCHOOL_USERS = ['admin', 'teacher', 'accountant', 'parent', 'student'] as const;
