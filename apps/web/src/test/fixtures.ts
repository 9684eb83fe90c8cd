import { DEFAULT_ROLE_PERMISSIONS, DefaultRole, type InstitutionDto } from '@shala/contracts';
import type { MeResponse } from '../features/auth/api/auth.types';
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

export const teacherMe: MeResponse = {
  user: { id: '0190a1b2-0000-7000-8000-0000000000aa', email: 'teacher@greenwood.test', name: 'Asha Rao' },
  institution: greenwood,
  roles: [DefaultRole.Teacher],
  permissions: [...DEFAULT_ROLE_PERMISSIONS[DefaultRole.Teacher]],
};

export const ACCESS_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.access-token-for-tests.signature';

/** A browser that still holds a valid refresh cookie, for a signed-in teacher of Greenwood. */
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

/** A browser without a session: the refresh cookie is missing, so refresh answers 401. */
export function givenNoSession(api: FakeApi): FakeApi {
  return api.on('POST /api/v1/auth/refresh', {
    status: 401,
    body: { error: { code: 'UNAUTHENTICATED', message: 'No session' }, requestId: 'req-refresh' },
  });
}
