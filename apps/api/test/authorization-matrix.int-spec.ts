import { DEFAULT_ROLE_PERMISSIONS, DefaultRole } from '@shala/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, account, signIn } from './support/accounts';
import { discoverRoutes } from './support/routes';
import { TEST_DB, TestApp, bootTestApp } from './support/test-app';
import { givenPlatform } from './support/school';

type Probe = {
  url: string;
  payload?: object;
  permitted: number | ((role: DefaultRole) => number);
  last?: boolean;
};

const MFA_ROLES: readonly DefaultRole[] = [
  DefaultRole.PlatformOperator,
  DefaultRole.SchoolAdmin,
  DefaultRole.Accountant,
];

const RANDOM_ID = '018f2f6e-0000-7000-8000-000000000000';
const INVALID = { unexpectedField: true };

/**
 * Every route × every default role → expected status (AZ-01, AZ-02, TEN-05). Permitted callers get a
 * harmless probe answer (200, or 400/404 from an invalid body or unknown id: guards run before pipes),
 * everyone else 403, anonymous callers 401. Later modules add their routes here; a route missing from
 * this table fails the test.
 */
const MATRIX: Record<string, 'public' | Probe> = {
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/mfa/verify': 'public',
  'POST /api/v1/auth/mfa/enrollment': 'public',
  'POST /api/v1/auth/mfa/enrollment/confirm': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'POST /api/v1/auth/password/reset-request': 'public',
  'POST /api/v1/auth/password/reset': 'public',
  'POST /api/v1/auth/invitations/accept': 'public',
  'GET /api/v1/me': { url: '/api/v1/me', permitted: 200 },
  'PUT /api/v1/me/locale': { url: '/api/v1/me/locale', payload: INVALID, permitted: 400 },
  'POST /api/v1/auth/password/change': {
    url: '/api/v1/auth/password/change',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/auth/sessions': { url: '/api/v1/auth/sessions', permitted: 200 },
  'DELETE /api/v1/auth/sessions/:id': { url: '/api/v1/auth/sessions/not-a-uuid', permitted: 400 },
  'POST /api/v1/auth/sessions/revoke-all': {
    url: '/api/v1/auth/sessions/revoke-all',
    payload: {},
    permitted: 200,
    last: true,
  },
  'POST /api/v1/auth/mfa/setup/confirm': {
    url: '/api/v1/auth/mfa/setup/confirm',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/auth/mfa/disable': { url: '/api/v1/auth/mfa/disable', payload: INVALID, permitted: 400 },
  'POST /api/v1/auth/mfa/recovery-codes': {
    url: '/api/v1/auth/mfa/recovery-codes',
    payload: INVALID,
    permitted: 400,
  },
  // Starting enrolment answers the secret, or 400 for users already enrolled.
  'POST /api/v1/auth/mfa/setup': {
    url: '/api/v1/auth/mfa/setup',
    permitted: (role) => (MFA_ROLES.includes(role) ? 400 : 200),
  },
  'GET /api/v1/audit/events': { url: '/api/v1/audit/events', permitted: 200 },
  'GET /api/v1/audit/export': { url: '/api/v1/audit/export?format=json', permitted: 200 },
  'GET /api/v1/audit/verify': { url: '/api/v1/audit/verify', permitted: 200 },
  'GET /api/v1/permissions': { url: '/api/v1/permissions', permitted: 200 },
  'GET /api/v1/roles': { url: '/api/v1/roles', permitted: 200 },
  'POST /api/v1/roles': { url: '/api/v1/roles', payload: INVALID, permitted: 400 },
  'PUT /api/v1/roles/:id/permissions': {
    url: '/api/v1/roles/not-a-uuid/permissions',
    payload: INVALID,
    permitted: 400,
  },
  'PATCH /api/v1/roles/:id': { url: '/api/v1/roles/not-a-uuid', payload: INVALID, permitted: 400 },
  'DELETE /api/v1/roles/:id': { url: '/api/v1/roles/not-a-uuid', permitted: 400 },
  'GET /api/v1/users': { url: '/api/v1/users', permitted: 200 },
  'GET /api/v1/users/:id': { url: `/api/v1/users/${RANDOM_ID}`, permitted: 404 },
  'POST /api/v1/users/invitations': { url: '/api/v1/users/invitations', payload: INVALID, permitted: 400 },
  'GET /api/v1/users/invitations': { url: '/api/v1/users/invitations', permitted: 200 },
  'GET /api/v1/users/invitations/channels': { url: '/api/v1/users/invitations/channels', permitted: 200 },
  'DELETE /api/v1/users/:id/invitation': { url: '/api/v1/users/not-a-uuid/invitation', permitted: 400 },
  'POST /api/v1/users/:id/invitation': {
    url: '/api/v1/users/not-a-uuid/invitation',
    payload: {},
    permitted: 400,
  },
  'POST /api/v1/users/:id/deactivate': {
    url: '/api/v1/users/not-a-uuid/deactivate',
    payload: {},
    permitted: 400,
  },
  'POST /api/v1/users/:id/reactivate': {
    url: '/api/v1/users/not-a-uuid/reactivate',
    payload: {},
    permitted: 400,
  },
  'PUT /api/v1/users/:id/roles': { url: '/api/v1/users/not-a-uuid/roles', payload: INVALID, permitted: 400 },
  'POST /api/v1/users/:id/mfa/reset': {
    url: '/api/v1/users/not-a-uuid/mfa/reset',
    payload: {},
    permitted: 400,
  },
  'GET /api/v1/academics/years': { url: '/api/v1/academics/years', permitted: 200 },
  'POST /api/v1/academics/years': { url: '/api/v1/academics/years', payload: INVALID, permitted: 400 },
  'POST /api/v1/academics/years/:id/current': {
    url: '/api/v1/academics/years/not-a-uuid/current',
    payload: {},
    permitted: 400,
  },
  'GET /api/v1/academics/classes': { url: '/api/v1/academics/classes', permitted: 200 },
  'POST /api/v1/academics/classes': { url: '/api/v1/academics/classes', payload: INVALID, permitted: 400 },
  'POST /api/v1/academics/sections': { url: '/api/v1/academics/sections', payload: INVALID, permitted: 400 },
  'PATCH /api/v1/academics/sections/:id': {
    url: '/api/v1/academics/sections/not-a-uuid',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/academics/subjects': { url: '/api/v1/academics/subjects', permitted: 200 },
  'POST /api/v1/academics/subjects': { url: '/api/v1/academics/subjects', payload: INVALID, permitted: 400 },
  'GET /api/v1/academics/subject-assignments': {
    url: '/api/v1/academics/subject-assignments?yearId=not-a-uuid',
    permitted: 400,
  },
  'POST /api/v1/academics/subject-assignments': {
    url: '/api/v1/academics/subject-assignments',
    payload: INVALID,
    permitted: 400,
  },
  'DELETE /api/v1/academics/subject-assignments/:id': {
    url: '/api/v1/academics/subject-assignments/not-a-uuid',
    permitted: 400,
  },
  'GET /api/v1/students': { url: '/api/v1/students', permitted: 200 },
  'GET /api/v1/students/export': { url: '/api/v1/students/export', permitted: 200 },
  'GET /api/v1/students/import/template': { url: '/api/v1/students/import/template', permitted: 200 },
  'POST /api/v1/students/import': {
    url: '/api/v1/students/import?dryRun=true',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/students/search': { url: '/api/v1/students/search', payload: INVALID, permitted: 400 },
  'POST /api/v1/students/promotions': {
    url: '/api/v1/students/promotions',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/students/guardians/:guardianId/account': {
    url: '/api/v1/students/guardians/not-a-uuid/account',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/students/:id': { url: `/api/v1/students/${RANDOM_ID}`, permitted: 404 },
  'POST /api/v1/students': { url: '/api/v1/students', payload: INVALID, permitted: 400 },
  'PATCH /api/v1/students/:id': { url: '/api/v1/students/not-a-uuid', payload: INVALID, permitted: 400 },
  'POST /api/v1/students/:id/reveal': {
    url: '/api/v1/students/not-a-uuid/reveal',
    payload: {},
    permitted: 400,
  },
  'POST /api/v1/students/:id/guardians': {
    url: '/api/v1/students/not-a-uuid/guardians',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/students/:id/account': {
    url: '/api/v1/students/not-a-uuid/account',
    payload: INVALID,
    permitted: 400,
  },
  // Exams structure and marks entry (issue 12): probes with malformed ids or bodies answer 400.
  'GET /api/v1/exams/structure': { url: '/api/v1/exams/structure?academicYearId=not-a-uuid', permitted: 400 },
  'POST /api/v1/exams/grading-scales': {
    url: '/api/v1/exams/grading-scales',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/exams/grading-scales/:scaleId': {
    url: '/api/v1/exams/grading-scales/not-a-uuid',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/exams/years/:academicYearId/terms': {
    url: '/api/v1/exams/years/not-a-uuid/terms',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/exams/terms/:termId/assessments': {
    url: '/api/v1/exams/terms/not-a-uuid/assessments',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/exams/assessments/:assessmentId/papers': {
    url: '/api/v1/exams/assessments/not-a-uuid/papers',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/exams/co-scholastic-areas': {
    url: '/api/v1/exams/co-scholastic-areas',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/exams/papers/:paperId/sections/:sectionId/marks': {
    url: '/api/v1/exams/papers/not-a-uuid/sections/not-a-uuid/marks',
    permitted: 400,
  },
  'PUT /api/v1/exams/papers/:paperId/sections/:sectionId/marks': {
    url: '/api/v1/exams/papers/not-a-uuid/sections/not-a-uuid/marks',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/exams/papers/:paperId/sections/:sectionId/marks/submit': {
    url: '/api/v1/exams/papers/not-a-uuid/sections/not-a-uuid/marks/submit',
    permitted: 400,
  },
  'GET /api/v1/exams/progress': { url: '/api/v1/exams/progress?assessmentId=not-a-uuid', permitted: 400 },
  'GET /api/v1/exams/students/:studentId/results': {
    url: '/api/v1/exams/students/not-a-uuid/results',
    permitted: 400,
  },
  'GET /api/v1/exams/terms/:termId/sections/:sectionId/results': {
    url: '/api/v1/exams/terms/not-a-uuid/sections/not-a-uuid/results',
    permitted: 400,
  },
  'POST /api/v1/exams/terms/:termId/classes/:classId/publish': {
    url: '/api/v1/exams/terms/not-a-uuid/classes/not-a-uuid/publish',
    payload: {},
    permitted: 400,
  },
  'POST /api/v1/exams/terms/:termId/classes/:classId/unpublish': {
    url: '/api/v1/exams/terms/not-a-uuid/classes/not-a-uuid/unpublish',
    payload: {},
    permitted: 400,
  },
  // Co-scholastic grades, class teacher's remarks and publication state per term (issue 12).
  'GET /api/v1/exams/terms/:termId/sections/:sectionId/co-scholastic': {
    url: '/api/v1/exams/terms/not-a-uuid/sections/not-a-uuid/co-scholastic',
    permitted: 400,
  },
  'PUT /api/v1/exams/terms/:termId/sections/:sectionId/co-scholastic': {
    url: '/api/v1/exams/terms/not-a-uuid/sections/not-a-uuid/co-scholastic',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/exams/terms/:termId/sections/:sectionId/remarks': {
    url: '/api/v1/exams/terms/not-a-uuid/sections/not-a-uuid/remarks',
    permitted: 400,
  },
  'PUT /api/v1/exams/terms/:termId/sections/:sectionId/remarks': {
    url: '/api/v1/exams/terms/not-a-uuid/sections/not-a-uuid/remarks',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/exams/terms/:termId/publications': {
    url: '/api/v1/exams/terms/not-a-uuid/publications',
    permitted: 400,
  },
  // Exams analytics for staff and its CSV (issue 12 item 8).
  'GET /api/v1/exams/analytics': {
    url: '/api/v1/exams/analytics?termId=not-a-uuid&classId=not-a-uuid',
    permitted: 400,
  },
  'GET /api/v1/exams/analytics/export': {
    url: '/api/v1/exams/analytics/export?termId=not-a-uuid&classId=not-a-uuid',
    permitted: 400,
  },
  // Report cards, the section ZIP job and the transcript (issue 12).
  'GET /api/v1/exams/students/:studentId/report-card': {
    url: '/api/v1/exams/students/not-a-uuid/report-card',
    permitted: 400,
  },
  'GET /api/v1/exams/students/:studentId/transcript': {
    url: '/api/v1/exams/students/not-a-uuid/transcript',
    permitted: 400,
  },
  'POST /api/v1/exams/terms/:termId/sections/:sectionId/report-cards': {
    url: '/api/v1/exams/terms/not-a-uuid/sections/not-a-uuid/report-cards',
    payload: {},
    permitted: 400,
  },
  'GET /api/v1/exams/report-card-jobs/:jobId': {
    url: '/api/v1/exams/report-card-jobs/not-a-uuid',
    permitted: 400,
  },
  'GET /api/v1/exams/report-card-jobs/:jobId/download': {
    url: '/api/v1/exams/report-card-jobs/not-a-uuid/download',
    permitted: 400,
  },
  // Exam schedule and hall tickets (issue 12 item 2).
  'GET /api/v1/exams/assessments/:assessmentId/schedule': {
    url: '/api/v1/exams/assessments/not-a-uuid/schedule',
    permitted: 400,
  },
  'PUT /api/v1/exams/assessments/:assessmentId/schedule': {
    url: '/api/v1/exams/assessments/not-a-uuid/schedule',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/exams/students/:studentId/schedule': {
    url: '/api/v1/exams/students/not-a-uuid/schedule',
    permitted: 400,
  },
  'GET /api/v1/exams/assessments/:assessmentId/hall-tickets/students/:studentId': {
    url: '/api/v1/exams/assessments/not-a-uuid/hall-tickets/students/not-a-uuid',
    permitted: 400,
  },
  'GET /api/v1/exams/assessments/:assessmentId/hall-tickets/sections/:sectionId': {
    url: '/api/v1/exams/assessments/not-a-uuid/hall-tickets/sections/not-a-uuid',
    permitted: 400,
  },
  'GET /api/v1/attendance/settings': { url: '/api/v1/attendance/settings', permitted: 200 },
  'PUT /api/v1/attendance/settings': { url: '/api/v1/attendance/settings', payload: INVALID, permitted: 400 },
  'GET /api/v1/attendance/holidays': {
    url: '/api/v1/attendance/holidays?from=2026-11-01&to=2026-11-30',
    permitted: 200,
  },
  'POST /api/v1/attendance/holidays': {
    url: '/api/v1/attendance/holidays',
    payload: INVALID,
    permitted: 400,
  },
  'DELETE /api/v1/attendance/holidays/:id': { url: '/api/v1/attendance/holidays/not-a-uuid', permitted: 400 },
  'GET /api/v1/attendance/sections/:sectionId/days/:date': {
    url: '/api/v1/attendance/sections/not-a-uuid/days/2026-11-20',
    permitted: 400,
  },
  'PUT /api/v1/attendance/sections/:sectionId/days/:date': {
    url: '/api/v1/attendance/sections/not-a-uuid/days/2026-11-20',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/attendance/sections/:sectionId/months/:month': {
    url: '/api/v1/attendance/sections/not-a-uuid/months/2026-11',
    permitted: 400,
  },
  'GET /api/v1/attendance/sections/:sectionId/months/:month/export': {
    url: '/api/v1/attendance/sections/not-a-uuid/months/2026-11/export',
    permitted: 400,
  },
  'GET /api/v1/attendance/students/:studentId/calendar': {
    url: '/api/v1/attendance/students/not-a-uuid/calendar',
    permitted: 400,
  },
  'GET /api/v1/attendance/summary': { url: '/api/v1/attendance/summary?date=2026-11-20', permitted: 200 },
  'GET /api/v1/attendance/unmarked': { url: '/api/v1/attendance/unmarked?date=2026-11-20', permitted: 200 },
  'GET /api/v1/attendance/chronic-absentees': {
    url: '/api/v1/attendance/chronic-absentees?from=2026-11-01&to=2026-11-20',
    permitted: 200,
  },
  'POST /api/v1/attendance/leave-requests': {
    url: '/api/v1/attendance/leave-requests',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/attendance/leave-requests': { url: '/api/v1/attendance/leave-requests', permitted: 200 },
  'POST /api/v1/attendance/leave-requests/:id/decision': {
    url: '/api/v1/attendance/leave-requests/not-a-uuid/decision',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/attendance/leave-requests/:id/cancel': {
    url: '/api/v1/attendance/leave-requests/not-a-uuid/cancel',
    payload: {},
    permitted: 400,
  },
  // Notifications: 404 for unknown ids, 400 for invalid ids and bodies (guards run before pipes).
  'GET /api/v1/notifications/messages': { url: '/api/v1/notifications/messages', permitted: 200 },
  'GET /api/v1/notifications/messages/:id': {
    url: `/api/v1/notifications/messages/${RANDOM_ID}`,
    permitted: 404,
  },
  'POST /api/v1/notifications/messages/:id/retry': {
    url: '/api/v1/notifications/messages/not-a-uuid/retry',
    payload: {},
    permitted: 400,
  },
  'GET /api/v1/notifications/dead-letters': { url: '/api/v1/notifications/dead-letters', permitted: 200 },
  'GET /api/v1/notifications/template-kinds': { url: '/api/v1/notifications/template-kinds', permitted: 200 },
  'GET /api/v1/notifications/templates': { url: '/api/v1/notifications/templates', permitted: 200 },
  'GET /api/v1/notifications/templates/:id': {
    url: `/api/v1/notifications/templates/${RANDOM_ID}`,
    permitted: 404,
  },
  'POST /api/v1/notifications/templates': {
    url: '/api/v1/notifications/templates',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/notifications/templates/:id': {
    url: '/api/v1/notifications/templates/not-a-uuid',
    payload: INVALID,
    permitted: 400,
  },
  'DELETE /api/v1/notifications/templates/:id': {
    url: '/api/v1/notifications/templates/not-a-uuid',
    permitted: 400,
  },
  'GET /api/v1/notifications/channels': { url: '/api/v1/notifications/channels', permitted: 200 },
  'PUT /api/v1/notifications/channels/email': {
    url: '/api/v1/notifications/channels/email',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/notifications/channels/sms': {
    url: '/api/v1/notifications/channels/sms',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/notifications/channels/whatsapp': {
    url: '/api/v1/notifications/channels/whatsapp',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/notifications/settings': { url: '/api/v1/notifications/settings', permitted: 200 },
  'PUT /api/v1/notifications/settings': {
    url: '/api/v1/notifications/settings',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/notifications/my-consents': { url: '/api/v1/notifications/my-consents', permitted: 200 },
  'GET /api/v1/notifications/my-consents/:guardianId': {
    url: `/api/v1/notifications/my-consents/${RANDOM_ID}`,
    permitted: 404,
  },
  'PUT /api/v1/notifications/my-consents/:guardianId': {
    url: '/api/v1/notifications/my-consents/not-a-uuid',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/notifications/guardians/:guardianId/consents': {
    url: '/api/v1/notifications/guardians/not-a-uuid/consents',
    permitted: 400,
  },
  'PUT /api/v1/notifications/guardians/:guardianId/consents': {
    url: '/api/v1/notifications/guardians/not-a-uuid/consents',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/notifications/webhooks/whatsapp/:institutionId': 'public',
  'POST /api/v1/notifications/webhooks/whatsapp/:institutionId': 'public',
  'POST /api/v1/notifications/webhooks/sms/:institutionId': 'public',
  'POST /api/v1/platform/institutions': {
    url: '/api/v1/platform/institutions',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/platform/institutions': { url: '/api/v1/platform/institutions', permitted: 200 },
  'PATCH /api/v1/platform/institutions/:id': {
    url: '/api/v1/platform/institutions/not-a-uuid',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/platform/institutions/:id/offboarding': {
    url: `/api/v1/platform/institutions/${RANDOM_ID}/offboarding`,
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/platform/institutions/:id/offboarding': {
    url: `/api/v1/platform/institutions/${RANDOM_ID}/offboarding`,
    permitted: 404,
  },
  'POST /api/v1/platform/institutions/:id/offboarding/export': {
    url: `/api/v1/platform/institutions/${RANDOM_ID}/offboarding/export`,
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/platform/institutions/:id/offboarding/export': {
    url: `/api/v1/platform/institutions/${RANDOM_ID}/offboarding/export`,
    permitted: 404,
  },
  'POST /api/v1/platform/institutions/:id/offboarding/purge': {
    url: `/api/v1/platform/institutions/${RANDOM_ID}/offboarding/purge`,
    payload: {},
    permitted: 404,
  },
  'GET /api/v1/platform/offboarding': { url: '/api/v1/platform/offboarding', permitted: 200 },
  'GET /api/v1/platform/offboarding/certificates': {
    url: '/api/v1/platform/offboarding/certificates',
    permitted: 200,
  },
  'GET /api/v1/platform/institutions/:id/admin-invitations': {
    url: `/api/v1/platform/institutions/${RANDOM_ID}/admin-invitations`,
    permitted: 404,
  },
  'POST /api/v1/platform/institutions/:id/admin-invitations/:userId': {
    url: `/api/v1/platform/institutions/${RANDOM_ID}/admin-invitations/${RANDOM_ID}`,
    permitted: 404,
  },
  'DELETE /api/v1/platform/institutions/:id/admin-invitations/:userId': {
    url: `/api/v1/platform/institutions/${RANDOM_ID}/admin-invitations/${RANDOM_ID}`,
    permitted: 404,
  },
  // Fees: invalid ids, bodies and queries answer 400 to permitted roles (guards run before pipes).
  'GET /api/v1/fees/heads': { url: '/api/v1/fees/heads', permitted: 200 },
  'POST /api/v1/fees/heads': { url: '/api/v1/fees/heads', payload: INVALID, permitted: 400 },
  'GET /api/v1/fees/structures': { url: '/api/v1/fees/structures?academicYearId=not-a-uuid', permitted: 400 },
  'POST /api/v1/fees/structures': { url: '/api/v1/fees/structures', payload: INVALID, permitted: 400 },
  'GET /api/v1/fees/structures/:id': { url: '/api/v1/fees/structures/not-a-uuid', permitted: 400 },
  'POST /api/v1/fees/structures/:id/invoices': {
    url: '/api/v1/fees/structures/not-a-uuid/invoices',
    payload: {},
    permitted: 400,
  },
  'GET /api/v1/fees/students/:studentId/optional-heads': {
    url: '/api/v1/fees/students/not-a-uuid/optional-heads',
    permitted: 400,
  },
  'PUT /api/v1/fees/students/:studentId/optional-heads': {
    url: '/api/v1/fees/students/not-a-uuid/optional-heads',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/fees/family': { url: '/api/v1/fees/family', permitted: 200 },
  'GET /api/v1/fees/students/:studentId/dues': {
    url: '/api/v1/fees/students/not-a-uuid/dues',
    permitted: 400,
  },
  'GET /api/v1/fees/students/:studentId/ledger': {
    url: '/api/v1/fees/students/not-a-uuid/ledger',
    permitted: 400,
  },
  'GET /api/v1/fees/students/:studentId/payments': {
    url: '/api/v1/fees/students/not-a-uuid/payments',
    permitted: 400,
  },
  'POST /api/v1/fees/students/:studentId/payments': {
    url: '/api/v1/fees/students/not-a-uuid/payments',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/fees/students/:studentId/remind': {
    url: '/api/v1/fees/students/not-a-uuid/remind',
    permitted: 400,
  },
  'GET /api/v1/fees/invoices/:id': { url: '/api/v1/fees/invoices/not-a-uuid', permitted: 400 },
  'POST /api/v1/fees/invoices/:id/adjustments': {
    url: '/api/v1/fees/invoices/not-a-uuid/adjustments',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/fees/payments/:id': { url: '/api/v1/fees/payments/not-a-uuid', permitted: 400 },
  'POST /api/v1/fees/payments/:id/reverse': {
    url: '/api/v1/fees/payments/not-a-uuid/reverse',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/fees/payments/:id/receipt': {
    url: '/api/v1/fees/payments/not-a-uuid/receipt',
    permitted: 400,
  },
  'GET /api/v1/fees/reports/defaulters': { url: '/api/v1/fees/reports/defaulters?asOf=bad', permitted: 400 },
  'GET /api/v1/fees/reports/defaulters/export': {
    url: '/api/v1/fees/reports/defaulters/export?asOf=bad',
    permitted: 400,
  },
  'GET /api/v1/fees/reports/collections': { url: '/api/v1/fees/reports/collections', permitted: 400 },
  'POST /api/v1/fees/students/:studentId/online-orders': {
    url: '/api/v1/fees/students/not-a-uuid/online-orders',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/fees/family/online-orders': {
    url: '/api/v1/fees/family/online-orders',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/fees/online-orders/:id': { url: '/api/v1/fees/online-orders/not-a-uuid', permitted: 400 },
  'POST /api/v1/fees/online-orders/:id/sandbox-checkout': {
    url: '/api/v1/fees/online-orders/not-a-uuid/sandbox-checkout',
    payload: {},
    permitted: 400,
  },
  'POST /api/v1/fees/webhooks/:provider/:institutionId': 'public',
  'GET /api/v1/fees/late-fee-rules': { url: '/api/v1/fees/late-fee-rules', permitted: 200 },
  'POST /api/v1/fees/late-fee-rules': {
    url: '/api/v1/fees/late-fee-rules',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/fees/reminder-rules': { url: '/api/v1/fees/reminder-rules', permitted: 200 },
  'POST /api/v1/fees/reminder-rules': {
    url: '/api/v1/fees/reminder-rules',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/fees/jobs/daily': { url: '/api/v1/fees/jobs/daily', payload: INVALID, permitted: 400 },
  'GET /api/v1/fees/payments': { url: '/api/v1/fees/payments?limit=0', permitted: 400 },
  'GET /api/v1/fees/defaulters': { url: '/api/v1/fees/defaulters?limit=0', permitted: 400 },
  'GET /api/v1/fees/collections': { url: '/api/v1/fees/collections', permitted: 400 },
  'GET /api/v1/fees/ledger': { url: '/api/v1/fees/ledger', permitted: 400 },
  'GET /api/v1/fees/gateways/razorpay': { url: '/api/v1/fees/gateways/razorpay', permitted: 200 },
  'PUT /api/v1/fees/gateways/razorpay': {
    url: '/api/v1/fees/gateways/razorpay',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/fees/reports/collections/export': {
    url: '/api/v1/fees/reports/collections/export',
    permitted: 400,
  },
  'GET /api/v1/institution/profile': { url: '/api/v1/institution/profile', permitted: 200 },
  'PATCH /api/v1/institution/profile': {
    url: '/api/v1/institution/profile',
    payload: INVALID,
    permitted: 400,
  },
  // No logo yet: 404 to everyone allowed to ask.
  'GET /api/v1/institution/logo': { url: '/api/v1/institution/logo', permitted: 404 },
  'PUT /api/v1/institution/logo': { url: '/api/v1/institution/logo', payload: INVALID, permitted: 400 },
  'DELETE /api/v1/institution/logo': { url: '/api/v1/institution/logo', permitted: 404 },
  // Role dashboards: school-wide ones refuse callers whose reach is sections or a family (403), the
  // family one refuses staff; system status only on the operator's.
  'GET /api/v1/dashboard/admin': {
    url: '/api/v1/dashboard/admin',
    permitted: (role) =>
      ([DefaultRole.SchoolAdmin, DefaultRole.Accountant] as DefaultRole[]).includes(role) ? 200 : 403,
  },
  'GET /api/v1/dashboard/teacher': { url: '/api/v1/dashboard/teacher', permitted: 200 },
  'GET /api/v1/dashboard/family': {
    url: '/api/v1/dashboard/family',
    permitted: (role) =>
      ([DefaultRole.Parent, DefaultRole.Student] as DefaultRole[]).includes(role) ? 200 : 403,
  },
  'GET /api/v1/dashboard/accountant': {
    url: '/api/v1/dashboard/accountant',
    permitted: (role) =>
      ([DefaultRole.SchoolAdmin, DefaultRole.Accountant] as DefaultRole[]).includes(role) ? 200 : 403,
  },
  'GET /api/v1/dashboard/operator': { url: '/api/v1/dashboard/operator', permitted: 200 },
  'GET /api/v1/fees/day-close': { url: '/api/v1/fees/day-close?date=2026-02-30', permitted: 400 },
  'GET /api/v1/fees/day-close/export': { url: '/api/v1/fees/day-close/export?date=bad', permitted: 400 },
  // Privacy (issue 13): staff routes need privacy.requests.manage; parents' own under my-requests.
  'POST /api/v1/privacy/requests': { url: '/api/v1/privacy/requests', payload: INVALID, permitted: 400 },
  'GET /api/v1/privacy/requests': { url: '/api/v1/privacy/requests?overdue=true', permitted: 200 },
  'GET /api/v1/privacy/requests/:id': { url: `/api/v1/privacy/requests/${RANDOM_ID}`, permitted: 404 },
  'POST /api/v1/privacy/requests/:id/transitions': {
    url: '/api/v1/privacy/requests/not-a-uuid/transitions',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/privacy/requests/:id/archive': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/archive`,
    payload: {},
    permitted: 404,
  },
  'GET /api/v1/privacy/requests/:id/archive': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/archive`,
    permitted: 404,
  },
  'GET /api/v1/privacy/requests/:id/archive/download': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/archive/download`,
    permitted: 404,
  },
  // Restriction, erasure and correction of a request (issue 13 items 3 and 4).
  'GET /api/v1/privacy/requests/:id/erasure': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/erasure`,
    permitted: 404,
  },
  'POST /api/v1/privacy/requests/:id/erasure': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/erasure`,
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/privacy/requests/:id/erasure/cancel': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/erasure/cancel`,
    payload: {},
    permitted: 404,
  },
  'POST /api/v1/privacy/requests/:id/erasure/execute': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/erasure/execute`,
    payload: {},
    permitted: 404,
  },
  'GET /api/v1/privacy/requests/:id/restriction': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/restriction`,
    permitted: 404,
  },
  'POST /api/v1/privacy/requests/:id/restriction': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/restriction`,
    payload: {},
    permitted: 404,
  },
  'POST /api/v1/privacy/requests/:id/restriction/lift': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/restriction/lift`,
    payload: {},
    permitted: 404,
  },
  'POST /api/v1/privacy/requests/:id/correction': {
    url: `/api/v1/privacy/requests/${RANDOM_ID}/correction`,
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/privacy/sub-processors': { url: '/api/v1/privacy/sub-processors', permitted: 200 },
  'GET /api/v1/privacy/records-of-processing': {
    url: '/api/v1/privacy/records-of-processing',
    permitted: 200,
  },
  'POST /api/v1/privacy/my-requests': {
    url: '/api/v1/privacy/my-requests',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/privacy/my-requests': { url: '/api/v1/privacy/my-requests', permitted: 200 },
  'GET /api/v1/privacy/my-requests/:id': { url: `/api/v1/privacy/my-requests/${RANDOM_ID}`, permitted: 404 },
  'POST /api/v1/privacy/my-requests/:id/archive': {
    url: `/api/v1/privacy/my-requests/${RANDOM_ID}/archive`,
    payload: {},
    permitted: 404,
  },
  'GET /api/v1/privacy/my-requests/:id/archive': {
    url: `/api/v1/privacy/my-requests/${RANDOM_ID}/archive`,
    permitted: 404,
  },
  'GET /api/v1/privacy/my-requests/:id/archive/download': {
    url: `/api/v1/privacy/my-requests/${RANDOM_ID}/archive/download`,
    permitted: 404,
  },
  // Incident register (issue 13 item 10): schools need privacy.requests.manage, operators platform rights.
  'POST /api/v1/privacy/incidents': { url: '/api/v1/privacy/incidents', payload: INVALID, permitted: 400 },
  'GET /api/v1/privacy/incidents': { url: '/api/v1/privacy/incidents', permitted: 200 },
  'GET /api/v1/privacy/incidents/:id': { url: `/api/v1/privacy/incidents/${RANDOM_ID}`, permitted: 404 },
  'POST /api/v1/privacy/incidents/:id/events': {
    url: `/api/v1/privacy/incidents/${RANDOM_ID}/events`,
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/privacy/incidents/:id/close': {
    url: `/api/v1/privacy/incidents/${RANDOM_ID}/close`,
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/platform/incidents': { url: '/api/v1/platform/incidents', payload: INVALID, permitted: 400 },
  'GET /api/v1/platform/incidents': { url: '/api/v1/platform/incidents', permitted: 200 },
  'GET /api/v1/platform/incidents/:id': { url: `/api/v1/platform/incidents/${RANDOM_ID}`, permitted: 404 },
  'POST /api/v1/platform/incidents/:id/events': {
    url: `/api/v1/platform/incidents/${RANDOM_ID}/events`,
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/platform/incidents/:id/close': {
    url: `/api/v1/platform/incidents/${RANDOM_ID}/close`,
    payload: INVALID,
    permitted: 400,
  },
  // Grievances (issue 13 item 9): staff need privacy.requests.manage; parents raise their own.
  'GET /api/v1/privacy/grievances': { url: '/api/v1/privacy/grievances?overdue=true', permitted: 200 },
  'GET /api/v1/privacy/grievances/:id': { url: `/api/v1/privacy/grievances/${RANDOM_ID}`, permitted: 404 },
  'POST /api/v1/privacy/grievances/:id/answer': {
    url: `/api/v1/privacy/grievances/${RANDOM_ID}/answer`,
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/privacy/grievance-officer': { url: '/api/v1/privacy/grievance-officer', permitted: 200 },
  'PUT /api/v1/privacy/grievance-officer': {
    url: '/api/v1/privacy/grievance-officer',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/privacy/my-grievances': {
    url: '/api/v1/privacy/my-grievances',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/privacy/my-grievances': { url: '/api/v1/privacy/my-grievances', permitted: 200 },
  'GET /api/v1/privacy/my-grievances/officer': {
    url: '/api/v1/privacy/my-grievances/officer',
    permitted: 200,
  },
  // Retention policy (issue 13 item 6): privacy.requests.manage; a body below the floor answers 400.
  'GET /api/v1/privacy/retention': { url: '/api/v1/privacy/retention', permitted: 200 },
  'PUT /api/v1/privacy/retention': { url: '/api/v1/privacy/retention', payload: INVALID, permitted: 400 },
  'GET /api/v1/privacy/retention/runs': { url: '/api/v1/privacy/retention/runs', permitted: 200 },
  // Privacy notice (issue 13 item 8): staff edit with privacy.requests.manage; every user reads and accepts.
  'GET /api/v1/privacy/notices': { url: '/api/v1/privacy/notices', permitted: 200 },
  'POST /api/v1/privacy/notices': { url: '/api/v1/privacy/notices', payload: INVALID, permitted: 400 },
  'PATCH /api/v1/privacy/notices/:id': {
    url: `/api/v1/privacy/notices/${RANDOM_ID}`,
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/privacy/notices/:id/publish': {
    url: `/api/v1/privacy/notices/${RANDOM_ID}/publish`,
    payload: {},
    permitted: 404,
  },
  'GET /api/v1/me/privacy-notice': { url: '/api/v1/me/privacy-notice', permitted: 200 },
  'POST /api/v1/me/privacy-notice/accept': {
    url: '/api/v1/me/privacy-notice/accept',
    payload: INVALID,
    permitted: 400,
  },
  // Verifiable parental consent (issue 13 item 7): parents with privacy.consent.manage, staff students.write.
  'GET /api/v1/privacy/my-student-consents': { url: '/api/v1/privacy/my-student-consents', permitted: 200 },
  'PUT /api/v1/privacy/my-student-consents/:studentId': {
    url: '/api/v1/privacy/my-student-consents/not-a-uuid',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/privacy/students/:studentId/consents': {
    url: `/api/v1/privacy/students/${RANDOM_ID}/consents`,
    permitted: 404,
  },
  'PUT /api/v1/privacy/students/:studentId/consents': {
    url: '/api/v1/privacy/students/not-a-uuid/consents',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/privacy/students/:studentId/biometric-attendance': {
    url: '/api/v1/privacy/students/not-a-uuid/biometric-attendance',
    payload: INVALID,
    permitted: 400,
  },
  'GET /api/v1/public/schools/:slug/privacy': 'public',
  // Circulars (issue 16 item 5): readers list and open them; publishers write, schedule and publish.
  'GET /api/v1/circulars': { url: '/api/v1/circulars', permitted: 200 },
  'POST /api/v1/circulars': { url: '/api/v1/circulars', payload: INVALID, permitted: 400 },
  'GET /api/v1/circulars/:id': { url: '/api/v1/circulars/not-a-uuid', permitted: 400 },
  'PUT /api/v1/circulars/:id': { url: '/api/v1/circulars/not-a-uuid', payload: INVALID, permitted: 400 },
  'DELETE /api/v1/circulars/:id': { url: '/api/v1/circulars/not-a-uuid', permitted: 400 },
  'POST /api/v1/circulars/:id/schedule': {
    url: '/api/v1/circulars/not-a-uuid/schedule',
    payload: INVALID,
    permitted: 400,
  },
  'POST /api/v1/circulars/:id/unschedule': {
    url: '/api/v1/circulars/not-a-uuid/unschedule',
    payload: {},
    permitted: 400,
  },
  'POST /api/v1/circulars/:id/publish': {
    url: '/api/v1/circulars/not-a-uuid/publish',
    payload: {},
    permitted: 400,
  },
  'GET /api/v1/circulars/:id/recipients': { url: '/api/v1/circulars/not-a-uuid/recipients', permitted: 400 },
  'POST /api/v1/circulars/:id/read': {
    url: '/api/v1/circulars/not-a-uuid/read',
    payload: {},
    permitted: 400,
  },
  'POST /api/v1/circulars/:id/acknowledge': {
    url: '/api/v1/circulars/not-a-uuid/acknowledge',
    payload: {},
    permitted: 400,
  },
  'GET /api/v1/circulars/:id/attachment': { url: '/api/v1/circulars/not-a-uuid/attachment', permitted: 400 },
  'PUT /api/v1/circulars/:id/attachment': {
    url: '/api/v1/circulars/not-a-uuid/attachment',
    payload: INVALID,
    permitted: 400,
  },
  'DELETE /api/v1/circulars/:id/attachment': {
    url: '/api/v1/circulars/not-a-uuid/attachment',
    permitted: 400,
  },
  // The school calendar (issue 16 item 6); the feed's secret URL is public and answers 404 to a wrong token.
  'GET /api/v1/calendar/items': { url: '/api/v1/calendar/items', permitted: 400 },
  'POST /api/v1/calendar/events': { url: '/api/v1/calendar/events', payload: INVALID, permitted: 400 },
  'PUT /api/v1/calendar/events/:id': {
    url: '/api/v1/calendar/events/not-a-uuid',
    payload: INVALID,
    permitted: 400,
  },
  'DELETE /api/v1/calendar/events/:id': { url: '/api/v1/calendar/events/not-a-uuid', permitted: 400 },
  'GET /api/v1/calendar/feed': { url: '/api/v1/calendar/feed', permitted: 200 },
  'POST /api/v1/calendar/feed': { url: '/api/v1/calendar/feed', permitted: 201 },
  // After the POST above made one (the probes run in this order).
  'DELETE /api/v1/calendar/feed': { url: '/api/v1/calendar/feed', permitted: 204 },
  'GET /api/v1/calendar/feed/:token.ics': 'public',
  // Timetable (issue 16): staff, parents and students read (parents their children's sections); admins manage.
  'GET /api/v1/timetable/settings': { url: '/api/v1/timetable/settings', permitted: 200 },
  'PUT /api/v1/timetable/settings': { url: '/api/v1/timetable/settings', payload: INVALID, permitted: 400 },
  'GET /api/v1/timetable/sections/:sectionId': {
    url: '/api/v1/timetable/sections/not-a-uuid',
    permitted: 400,
  },
  'PUT /api/v1/timetable/sections/:sectionId': {
    url: '/api/v1/timetable/sections/not-a-uuid',
    payload: INVALID,
    permitted: 400,
  },
  'PUT /api/v1/timetable/sections/:sectionId/cells/:weekday/:period': {
    url: '/api/v1/timetable/sections/not-a-uuid/cells/1/1',
    payload: INVALID,
    permitted: 400,
  },
  'DELETE /api/v1/timetable/sections/:sectionId/cells/:weekday/:period': {
    url: '/api/v1/timetable/sections/not-a-uuid/cells/1/1',
    permitted: 400,
  },
  'GET /api/v1/timetable/teachers/:userId': { url: '/api/v1/timetable/teachers/not-a-uuid', permitted: 400 },
  'GET /api/v1/timetable/sections/:sectionId/pdf': {
    url: '/api/v1/timetable/sections/not-a-uuid/pdf',
    permitted: 400,
  },
  'GET /api/v1/timetable/teachers/:userId/pdf': {
    url: '/api/v1/timetable/teachers/not-a-uuid/pdf',
    permitted: 400,
  },
  'GET /api/v1/timetable/my-day': { url: '/api/v1/timetable/my-day', permitted: 200 },
  'GET /api/v1/timetable/substitutions/proposals': {
    url: '/api/v1/timetable/substitutions/proposals',
    permitted: 400,
  },
  'POST /api/v1/timetable/substitutions': {
    url: '/api/v1/timetable/substitutions',
    payload: INVALID,
    permitted: 400,
  },
  'DELETE /api/v1/timetable/substitutions/:id': {
    url: '/api/v1/timetable/substitutions/not-a-uuid',
    permitted: 400,
  },
};

const ROLES = Object.values(DefaultRole);

describe(`authorization matrix on ${TEST_DB}`, () => {
  let t: TestApp;
  const signedIn = new Map<DefaultRole, Record<string, string>>();
  const policies = new Map<string, string>();

  beforeAll(async () => {
    t = await bootTestApp();
    const school = await t.given.institution('greenwood');
    const platform = await givenPlatform(t);
    let ip = 1;
    for (const role of ROLES) {
      const mfa = MFA_ROLES.includes(role);
      const a: Account = await account(
        t,
        role === DefaultRole.PlatformOperator ? platform : school,
        `${role}@matrix.test`,
        [role],
        mfa,
      );
      signedIn.set(role, (await signIn(t, a, `10.30.0.${ip++}`)).auth);
    }
    for (const r of discoverRoutes(t.app)) policies.set(r.route, r.policy ?? 'none');
  });
  afterAll(async () => {
    await t.close();
  });

  it('[AZ-01] covers every route of the app', () => {
    const routes = [...policies.keys()].filter((r) => !r.includes('__probe'));
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !policies.has(r))).toEqual([]);
  });

  const expected = (route: string, role: DefaultRole | 'anonymous', probe: Probe): number => {
    if (role === 'anonymous') return 401;
    const policy = policies.get(route)!;
    const permitted = typeof probe.permitted === 'function' ? probe.permitted(role) : probe.permitted;
    if (policy === 'authenticated') return permitted;
    return (DEFAULT_ROLE_PERMISSIONS[role] as readonly string[]).includes(policy) ? permitted : 403;
  };

  it('[AZ-02] [TEN-05] answers each default role and anonymous callers as the catalogue says', async () => {
    const entries = Object.entries(MATRIX).filter((e): e is [string, Probe] => e[1] !== 'public');
    const ordered = [...entries.filter(([, p]) => !p.last), ...entries.filter(([, p]) => p.last)];
    const mismatches: string[] = [];
    for (const [route, probe] of ordered) {
      const method = route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      for (const role of [...ROLES, 'anonymous' as const]) {
        const headers = role === 'anonymous' ? {} : signedIn.get(role)!;
        const res = await t.request({
          method,
          url: probe.url,
          headers,
          ...(probe.payload ? { payload: probe.payload } : {}),
        });
        const want = expected(route, role, probe);
        if (res.statusCode !== want)
          mismatches.push(`${route} as ${role}: ${res.statusCode}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('[TEN-05] gives the platform operator no permission over school data', () => {
    expect(DEFAULT_ROLE_PERMISSIONS[DefaultRole.PlatformOperator]).toEqual(['platform.institutions.manage']);
  });
});
