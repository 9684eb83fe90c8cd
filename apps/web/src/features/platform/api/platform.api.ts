import type {
  PlatformAdminInvitation,
  PlatformAdminInvitationList,
  PlatformInstitutionDto,
  PlatformInstitutionListResponse,
  ProvisionInstitutionRequest,
  ProvisionInstitutionResponse,
  SetInstitutionStatusRequest,
} from '@shala/contracts';
import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';

/** Keyed under the operator's own institution (platform): operators never hold a school's cache entries. */
export const platformKeys = {
  institutions: (institutionId: string) => tenantKey(institutionId, 'platform', 'institutions'),
  adminInvitations: (institutionId: string, schoolId: string) =>
    tenantKey(institutionId, 'platform', 'institutions', schoolId, 'admin-invitations'),
};

/** GET /api/v1/platform/institutions: the schools, without any of their data. */
export async function fetchInstitutions(signal?: AbortSignal): Promise<PlatformInstitutionListResponse> {
  const { data } = await apiClient.get<PlatformInstitutionListResponse>('/v1/platform/institutions', {
    signal,
  });
  return data;
}

/** POST /api/v1/platform/institutions: the school, its default roles and an invitation for its first admin. */
export async function provisionInstitution(
  request: ProvisionInstitutionRequest,
): Promise<ProvisionInstitutionResponse> {
  const { data } = await apiClient.post<ProvisionInstitutionResponse>('/v1/platform/institutions', request);
  return data;
}

/** PATCH /api/v1/platform/institutions/:id: suspend or reactivate. */
export async function setInstitutionStatus({
  id,
  status,
}: { id: string } & SetInstitutionStatusRequest): Promise<PlatformInstitutionDto> {
  const { data } = await apiClient.patch<PlatformInstitutionDto>(
    `/v1/platform/institutions/${encodeURIComponent(id)}`,
    {
      status,
    },
  );
  return data;
}

const adminInvitationsUrl = (schoolId: string) =>
  `/v1/platform/institutions/${encodeURIComponent(schoolId)}/admin-invitations`;

/** GET /api/v1/platform/institutions/:id/admin-invitations: the school's admins who have not accepted yet. */
export async function fetchAdminInvitations(
  schoolId: string,
  signal?: AbortSignal,
): Promise<PlatformAdminInvitationList> {
  const { data } = await apiClient.get<PlatformAdminInvitationList>(adminInvitationsUrl(schoolId), {
    signal,
  });
  return data;
}

/** POST …/admin-invitations/:userId: a new link by email; the link itself only when it cannot be sent. */
export async function resendAdminInvitation({
  schoolId,
  userId,
}: {
  schoolId: string;
  userId: string;
}): Promise<PlatformAdminInvitation> {
  const { data } = await apiClient.post<PlatformAdminInvitation>(
    `${adminInvitationsUrl(schoolId)}/${encodeURIComponent(userId)}`,
  );
  return data;
}

/** DELETE …/admin-invitations/:userId: the link stops working; the account stays invited. */
export async function revokeAdminInvitation({
  schoolId,
  userId,
}: {
  schoolId: string;
  userId: string;
}): Promise<PlatformAdminInvitation> {
  const { data } = await apiClient.delete<PlatformAdminInvitation>(
    `${adminInvitationsUrl(schoolId)}/${encodeURIComponent(userId)}`,
  );
  return data;
}
