import {
  DEFAULT_ROLE_PERMISSIONS,
  DefaultRole,
  type InstitutionDto,
  type MeResponse,
  type Permission,
} from '@shala/contracts';
import type { FakeApi } from './fake-api';

export const greenwood: InstitutionDto = {
  id: '0190a1b2-0000-7000-8000-000000000001',
  slug: 'greenwood',
  name: 'Greenwood High School',
  kind: 'school',
  timeZone: 'Asia/Kolkata',
  currency: 'INR',
  status: 'active',
};

export const platform: InstitutionDto = {
  id: '0190a1b2-0000-7000-8000-0000000000ff',
  slug: 'platform',
  name: 'Shala platform',
  kind: 'platform',
  timeZone: 'UTC',
  currency: 'INR',
  status: 'active',
};

function meOf(
  role: DefaultRole,
  user: { id: string; email: string; displayName: string },
  institution: InstitutionDto = greenwood,
  mfaEnabled = false,
): MeResponse {
  return {
    user: { ...user, mfaEnabled, lastLoginAt: '2025-06-02T03:30:00.000Z', locale: 'en' },
    institution,
    roles: [role],
    permissions: [...DEFAULT_ROLE_PERMISSIONS[role]],
    sessionId: '0190a1b2-0000-7000-8000-00000000c0de',
    mfaRequired:
      role === DefaultRole.SchoolAdmin ||
      role === DefaultRole.Accountant ||
      role === DefaultRole.PlatformOperator,
  };
}

export const teacherMe: MeResponse = meOf(DefaultRole.Teacher, {
  id: '0190a1b2-0000-7000-8000-0000000000aa',
  email: 'teacher@greenwood.test',
  displayName: 'Asha Rao',
});

export const adminMe: MeResponse = meOf(
  DefaultRole.SchoolAdmin,
  { id: '0190a1b2-0000-7000-8000-0000000000ad', email: 'admin@greenwood.test', displayName: 'Meera Iyer' },
  greenwood,
  true,
);

export const operatorMe: MeResponse = meOf(
  DefaultRole.PlatformOperator,
  { id: '0190a1b2-0000-7000-8000-0000000000op', email: 'operator@shala.test', displayName: 'Shala Operator' },
  platform,
  true,
);

/** A signed-in user with exactly these permissions (for navigation and guard tests). */
export function meWith(permissions: Permission[], base: MeResponse = teacherMe): MeResponse {
  return { ...base, permissions };
}

export const ACCESS_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.access-token-for-tests.signature';

/** A browser that still holds a valid refresh cookie, for a signed-in teacher of Greenwood (or `me`). */
export function givenSignedInTeacher(api: FakeApi, me: MeResponse = teacherMe): FakeApi {
  return api
    .on('POST /api/v1/auth/refresh', { status: 200, body: { accessToken: ACCESS_TOKEN, expiresIn: 900 } })
    .on('GET /api/v1/me', (request) =>
      request.headers.get('Authorization') === `Bearer ${ACCESS_TOKEN}`
        ? { status: 200, body: me }
        : { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Sign in' }, requestId: 'r' } },
    )
    .on('GET /api/health/ready', { status: 200, body: { status: 'ok', checks: { database: 'up' } } });
}

/** The same for any signed-in user. */
export const givenSignedIn = (api: FakeApi, me: MeResponse): FakeApi => givenSignedInTeacher(api, me);

/** A browser without a session: the refresh cookie is missing, so refresh answers 401. */
export function givenNoSession(api: FakeApi): FakeApi {
  return api.on('POST /api/v1/auth/refresh', {
    status: 401,
    body: { error: { code: 'UNAUTHENTICATED', message: 'No session' }, requestId: 'req-refresh' },
  });
}
