import {
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  type InviteUserRequest,
  type ResetUserMfaRequest,
  type UserDto,
  type UserListResponse,
  type UserStatus,
} from '@shala/contracts';
import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';

export const usersKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'users'),
  list: (institutionId: string, status: UserStatus | null) =>
    tenantKey(institutionId, 'users', 'list', { status }),
  directory: (institutionId: string) => tenantKey(institutionId, 'users', 'directory'),
};

const path = (id: string, action = '') => `/v1/users/${encodeURIComponent(id)}${action}`;

/** GET /api/v1/users, one page (cursor from the previous page's nextCursor). */
export async function fetchUsers(
  query: { status: UserStatus | null; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<UserListResponse> {
  const { data } = await apiClient.get<UserListResponse>('/v1/users', {
    params: {
      limit: query.limit ?? PAGE_LIMIT_DEFAULT,
      cursor: query.cursor,
      status: query.status ?? undefined,
    },
    signal,
  });
  return data;
}

/** The first PAGE_LIMIT_MAX users, to name the people in other lists (e.g. audit actors). */
export function fetchUserDirectory(signal?: AbortSignal): Promise<UserListResponse> {
  return fetchUsers({ status: null, limit: PAGE_LIMIT_MAX }, signal);
}

/** POST /api/v1/users/invitations: the user is created with status invited and mailed a link. */
export async function inviteUser(request: InviteUserRequest): Promise<UserDto> {
  const { data } = await apiClient.post<UserDto>('/v1/users/invitations', request);
  return data;
}

/** POST /api/v1/users/:id/invitation: mails a fresh link (the old one stops working). */
export async function resendInvitation(id: string): Promise<void> {
  await apiClient.post(path(id, '/invitation'));
}

/** POST /api/v1/users/:id/deactivate: also ends every session of the user. */
export async function deactivateUser(id: string): Promise<UserDto> {
  const { data } = await apiClient.post<UserDto>(path(id, '/deactivate'));
  return data;
}

/** POST /api/v1/users/:id/reactivate */
export async function reactivateUser(id: string): Promise<UserDto> {
  const { data } = await apiClient.post<UserDto>(path(id, '/reactivate'));
  return data;
}

/** PUT /api/v1/users/:id/roles (422 LAST_ADMIN when it would leave no active school admin). */
export async function setUserRoles({ id, roles }: { id: string; roles: string[] }): Promise<UserDto> {
  const { data } = await apiClient.put<UserDto>(path(id, '/roles'), { roles });
  return data;
}

/**
 * POST /api/v1/users/:id/mfa/reset: MFA off, recovery codes gone, sessions ended. The body carries the
 * caller's own password (and TOTP code): required for a user who manages users or roles (AUT-06); a wrong
 * one answers 401 REAUTHENTICATION_FAILED or INVALID_MFA_CODE, which does not end the caller's session.
 */
export async function resetUserMfa({
  id,
  ...confirmation
}: { id: string } & ResetUserMfaRequest): Promise<UserDto> {
  const { data } = await apiClient.post<UserDto>(path(id, '/mfa/reset'), confirmation);
  return data;
}
