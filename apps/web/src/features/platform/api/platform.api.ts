import type {
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
