import type {
  DeletionCertificateView,
  OffboardingView,
  RestartInstitutionExport,
  TerminateInstitution,
} from '@shala/contracts';
import { apiClient } from '../../../../app/api/client';
import { fileNameFromDisposition } from '../../../../app/files';
import { tenantKey } from '../../../../app/query-keys';

/** Keyed under the operator's own institution (platform). */
export const offboardingKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'platform', 'offboarding'),
  schedule: (institutionId: string) => tenantKey(institutionId, 'platform', 'offboarding', 'schedule'),
  certificates: (institutionId: string) =>
    tenantKey(institutionId, 'platform', 'offboarding', 'certificates'),
};

const base = (id: string) => `/v1/platform/institutions/${encodeURIComponent(id)}/offboarding`;

/** GET /api/v1/platform/offboarding: every terminated school, its export and purge date. */
export async function fetchOffboardings(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: OffboardingView[] }>('/v1/platform/offboarding', { signal });
  return data;
}

/** GET /api/v1/platform/offboarding/certificates */
export async function fetchCertificates(signal?: AbortSignal) {
  const { data } = await apiClient.get<{ items: DeletionCertificateView[] }>(
    '/v1/platform/offboarding/certificates',
    { signal },
  );
  return data;
}

/** POST /api/v1/platform/institutions/:id/offboarding */
export async function terminateInstitution({ id, ...body }: { id: string } & TerminateInstitution) {
  const { data } = await apiClient.post<OffboardingView>(base(id), body);
  return data;
}

/** POST /api/v1/platform/institutions/:id/offboarding/export */
export async function restartExport({ id, ...body }: { id: string } & RestartInstitutionExport) {
  const { data } = await apiClient.post<OffboardingView>(`${base(id)}/export`, body);
  return data;
}

/** GET /api/v1/platform/institutions/:id/offboarding/export: the encrypted file. */
export async function downloadExport(id: string) {
  const res = await apiClient.get<Blob>(`${base(id)}/export`, { responseType: 'blob' });
  return {
    blob: res.data,
    fileName: fileNameFromDisposition(res.headers['content-disposition']) ?? `export-${id}.shalaexp`,
  };
}

/** POST /api/v1/platform/institutions/:id/offboarding/purge */
export async function purgeInstitution(id: string) {
  const { data } = await apiClient.post<DeletionCertificateView>(`${base(id)}/purge`, {});
  return data;
}
