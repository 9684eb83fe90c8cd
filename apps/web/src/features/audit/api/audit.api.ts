import {
  PAGE_LIMIT_DEFAULT,
  type AuditEventsResponse,
  type AuditExportFormat,
  type AuditFilter,
  type AuditVerifyResponse,
} from '@shala/contracts';
import { apiClient } from '../../../app/api/client';
import { fileNameFromDisposition } from '../../../app/files';
import { tenantKey } from '../../../app/query-keys';

export const auditKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'audit'),
  events: (institutionId: string, filter: AuditFilter) => tenantKey(institutionId, 'audit', 'events', filter),
  chain: (institutionId: string) => tenantKey(institutionId, 'audit', 'verify'),
};

/** Query parameters of a filter: only the filters that are set. */
export function filterParams(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}

/** GET /api/v1/audit/events, newest first; cursor is the previous page's nextCursor. */
export async function fetchAuditEvents(
  filter: AuditFilter,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<AuditEventsResponse> {
  const { data } = await apiClient.get<AuditEventsResponse>('/v1/audit/events', {
    params: { ...filterParams(filter), limit: PAGE_LIMIT_DEFAULT, cursor },
    signal,
  });
  return data;
}

/** GET /api/v1/audit/verify: recomputes the institution's hash chain (AUD-03). */
export async function fetchAuditChain(signal?: AbortSignal): Promise<AuditVerifyResponse> {
  const { data } = await apiClient.get<AuditVerifyResponse>('/v1/audit/verify', { signal });
  return data;
}

/**
 * GET /api/v1/audit/export as a Blob. The request carries the bearer token in its header like every other
 * call; the token never goes into a URL (a download link would need it in the query string).
 */
export async function exportAudit({
  filter,
  format,
}: {
  filter: AuditFilter;
  format: AuditExportFormat;
}): Promise<{ blob: Blob; fileName: string }> {
  const response = await apiClient.get<Blob>('/v1/audit/export', {
    params: { ...filterParams(filter), format },
    responseType: 'blob',
    headers: { Accept: format === 'csv' ? 'text/csv' : 'application/json' },
  });
  const blob =
    response.data instanceof Blob
      ? response.data
      : new Blob([response.data as BlobPart], { type: format === 'csv' ? 'text/csv' : 'application/json' });
  const fileName =
    fileNameFromDisposition(response.headers['content-disposition']) ??
    `audit-${new Date().toISOString().slice(0, 10)}.${format}`;
  return { blob, fileName };
}
