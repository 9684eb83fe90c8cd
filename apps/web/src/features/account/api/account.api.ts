import type {
  ChangePasswordRequest,
  ChangePasswordResponse,
  MfaDisableRequest,
  MfaSecretResponse,
  RecoveryCodesResponse,
  RevokeAllSessionsResponse,
  SessionListResponse,
} from '@shala/contracts';
import { apiClient } from '../../../app/api/client';
import { sessionStore } from '../../../app/api/session-store';
import { tenantKey } from '../../../app/query-keys';

/** Query keys of the signed-in user's own account, under their institution. */
export const accountKeys = {
  sessions: (institutionId: string) => tenantKey(institutionId, 'account', 'sessions'),
};

/** GET /api/v1/auth/sessions: the user's signed-in browsers and devices. */
export async function fetchSessions(signal?: AbortSignal): Promise<SessionListResponse> {
  const { data } = await apiClient.get<SessionListResponse>('/v1/auth/sessions', { signal });
  return data;
}

/** DELETE /api/v1/auth/sessions/:id */
export async function revokeSession(id: string): Promise<void> {
  await apiClient.delete(`/v1/auth/sessions/${encodeURIComponent(id)}`);
}

/** POST /api/v1/auth/sessions/revoke-all: ends every session, this one too; the local session ends with it. */
export async function signOutEverywhere(): Promise<RevokeAllSessionsResponse> {
  const { data } = await apiClient.post<RevokeAllSessionsResponse>(
    '/v1/auth/sessions/revoke-all',
    undefined,
    {
      withCredentials: true,
    },
  );
  sessionStore.end('signed-out');
  return data;
}

/** POST /api/v1/auth/password/change: re-authenticates with the current password; ends the other sessions. */
export async function changePassword(request: ChangePasswordRequest): Promise<ChangePasswordResponse> {
  const { data } = await apiClient.post<ChangePasswordResponse>('/v1/auth/password/change', request);
  return data;
}

/** POST /api/v1/auth/mfa/setup: a new secret for the signed-in user (400 when MFA is already on). */
export async function startMfaSetup(): Promise<MfaSecretResponse> {
  const { data } = await apiClient.post<MfaSecretResponse>('/v1/auth/mfa/setup');
  return data;
}

/** POST /api/v1/auth/mfa/setup/confirm: the first code turns MFA on; the answer holds the recovery codes. */
export async function confirmMfaSetup(code: string): Promise<RecoveryCodesResponse> {
  const { data } = await apiClient.post<RecoveryCodesResponse>('/v1/auth/mfa/setup/confirm', { code });
  return data;
}

/** POST /api/v1/auth/mfa/disable with the password and a current code. */
export async function disableMfa(request: MfaDisableRequest): Promise<void> {
  await apiClient.post('/v1/auth/mfa/disable', request);
}

/** POST /api/v1/auth/mfa/recovery-codes: new codes; the old ones stop working. */
export async function regenerateRecoveryCodes(password: string): Promise<RecoveryCodesResponse> {
  const { data } = await apiClient.post<RecoveryCodesResponse>('/v1/auth/mfa/recovery-codes', { password });
  return data;
}
