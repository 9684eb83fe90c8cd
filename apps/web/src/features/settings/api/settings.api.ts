import { apiClient } from '../../../app/api/client';
import { tenantKey } from '../../../app/query-keys';
import type { InstitutionProfile, UpdateInstitutionProfile } from '@shala/contracts';

export const settingsKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'settings'),
  profile: (institutionId: string) => tenantKey(institutionId, 'settings', 'profile'),
  logo: (institutionId: string, etag: string) => tenantKey(institutionId, 'settings', 'logo', etag),
};

const base = '/v1/institution';

/** GET institution/profile */
export async function fetchProfile(signal?: AbortSignal) {
  const { data } = await apiClient.get<InstitutionProfile>(`${base}/profile`, { signal });
  return data;
}

/** PATCH institution/profile: only the fields sent change. */
export async function updateProfile(patch: UpdateInstitutionProfile) {
  const { data } = await apiClient.patch<InstitutionProfile>(`${base}/profile`, patch);
  return data;
}

/** PUT institution/logo with the image file as the body (PNG or JPEG; the API checks the bytes). */
export async function uploadLogo(file: File) {
  const { data } = await apiClient.put<InstitutionProfile>(`${base}/logo`, file, {
    headers: { 'Content-Type': file.type === 'image/jpeg' ? 'image/jpeg' : 'image/png' },
  });
  return data;
}

/** DELETE institution/logo */
export async function removeLogo() {
  await apiClient.delete(`${base}/logo`);
}

/** GET institution/logo as a Blob (an <img> cannot send the bearer token). */
export async function fetchLogo(signal?: AbortSignal) {
  const { data } = await apiClient.get<Blob>(`${base}/logo`, { responseType: 'blob', signal });
  return data;
}
