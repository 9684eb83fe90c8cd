import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditFilter } from '@shala/contracts';
import { saveFile } from '../../../app/files';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { auditKeys, exportAudit, fetchAuditChain, fetchAuditEvents } from '../api/audit.api';

/** GET /api/v1/audit/events with the filter, page after page ("Load older events"). */
export function useAuditEvents(filter: AuditFilter) {
  const institutionId = useInstitutionId();
  return useInfiniteQuery({
    queryKey: auditKeys.events(institutionId, filter),
    queryFn: ({ pageParam, signal }) => fetchAuditEvents(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** GET /api/v1/audit/verify */
export function useAuditChain() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: auditKeys.chain(institutionId),
    queryFn: ({ signal }) => fetchAuditChain(signal),
  });
}

/** GET /api/v1/audit/export, saved as a file by the browser. */
export function useExportAudit() {
  return useMutation({
    mutationKey: ['audit', 'export'],
    mutationFn: exportAudit,
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
}
