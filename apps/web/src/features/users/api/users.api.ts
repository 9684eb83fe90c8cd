import {
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  type InvitationChannel,
  type InvitationChannelsView,
  type InvitationListResponse,
  type InvitationStatus,
  type InvitationView,
  type InvitedUser,
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
  invitations: (institutionId: string, status: InvitationStatus | null) =>
    tenantKey(institutionId, 'users', 'invitations', { status }),
  channels: (institutionId: string) => tenantKey(institutionId, 'users', 'invitation-channels'),
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

/**
 * POST /api/v1/users/invitations: the user is created with status invited and sent a link on the chosen
 * channel; `oneTimeLink` is set only when it could not be delivered (show it once, never keep it).
 */
export async function inviteUser(request: InviteUserRequest): Promise<InvitedUser> {
  const { data } = await apiClient.post<InvitedUser>('/v1/users/invitations', request);
  return data;
}

/** POST /api/v1/users/:id/invitation: a fresh link (the old one stops working), on a channel or the last one. */
export async function resendInvitation(
  args: string | { id: string; channel?: InvitationChannel },
): Promise<InvitedUser> {
  const { id, channel } = typeof args === 'string' ? { id: args, channel: undefined } : args;
  const { data } = await apiClient.post<InvitedUser>(path(id, '/invitation'), channel ? { channel } : {});
  return data;
}

/** DELETE /api/v1/users/:id/invitation: the link stops working; the account stays invited. */
export async function revokeInvitation(id: string): Promise<InvitationView> {
  const { data } = await apiClient.delete<InvitationView>(path(id, '/invitation'));
  return data;
}

/** GET /api/v1/users/invitations: invited accounts with their newest invitation and its delivery. */
export async function fetchInvitations(
  query: { status: InvitationStatus | null; cursor?: string },
  signal?: AbortSignal,
): Promise<InvitationListResponse> {
  const { data } = await apiClient.get<InvitationListResponse>('/v1/users/invitations', {
    params: { limit: PAGE_LIMIT_DEFAULT, cursor: query.cursor, status: query.status ?? undefined },
    signal,
  });
  return data;
}

/** GET /api/v1/users/invitations/channels: which channels the school set up. */
export async function fetchInvitationChannels(signal?: AbortSignal): Promise<InvitationChannelsView> {
  const { data } = await apiClient.get<InvitationChannelsView>('/v1/users/invitations/channels', { signal });
  return data;
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
