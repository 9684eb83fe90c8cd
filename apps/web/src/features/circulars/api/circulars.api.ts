import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CircularInput,
  CircularListItem,
  CircularReaderView,
  CircularRecipientsPage,
  CircularStatus,
  CircularView,
  Page,
} from '@shala/contracts';
import { apiClient } from '../../../app/api/client';
import { fileNameFromDisposition, saveFile } from '../../../app/files';
import { tenantKey } from '../../../app/query-keys';
import { useInstitutionId } from '../../auth/hooks/current-user';

export const circularKeys = {
  all: (institutionId: string) => tenantKey(institutionId, 'circulars'),
  list: (institutionId: string, status: CircularStatus | null) =>
    tenantKey(institutionId, 'circulars', 'list', status),
  one: (institutionId: string, id: string) => tenantKey(institutionId, 'circulars', 'one', id),
  recipients: (institutionId: string, id: string, pending: 'acknowledged' | 'read' | null) =>
    tenantKey(institutionId, 'circulars', 'recipients', id, pending),
};

const base = '/v1/circulars';
const path = (id: string, rest = '') => `${base}/${encodeURIComponent(id)}${rest}`;

/** A publisher's item has a status; a reader's never does. */
export function isPublisherView(item: CircularListItem): item is CircularView {
  return 'status' in item;
}

export async function fetchCirculars(status: CircularStatus | null, signal?: AbortSignal) {
  const params: Record<string, string | number> = { limit: 200 };
  if (status) params.status = status;
  const { data } = await apiClient.get<Page<CircularListItem>>(base, { params, signal });
  return data;
}

export async function fetchCircular(id: string, signal?: AbortSignal) {
  const { data } = await apiClient.get<CircularListItem>(path(id), { signal });
  return data;
}

/** Guardians shown per "Show more" of who has not acknowledged (or read). */
export const RECIPIENTS_PAGE = 100;

export async function fetchRecipients(
  id: string,
  pending: 'acknowledged' | 'read' | null,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  const params: Record<string, string | number> = { limit: RECIPIENTS_PAGE };
  if (pending) params.pending = pending;
  if (cursor) params.cursor = cursor;
  const { data } = await apiClient.get<CircularRecipientsPage>(path(id, '/recipients'), { params, signal });
  return data;
}

/** The caller's circulars: every one for publishers (optionally by status), those addressed to readers. */
export function useCirculars(status: CircularStatus | null = null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: circularKeys.list(institutionId, status),
    queryFn: ({ signal }) => fetchCirculars(status, signal),
  });
}

export function useCircular(id: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: circularKeys.one(institutionId, id ?? ''),
    queryFn: ({ signal }) => fetchCircular(id!, signal),
    enabled: Boolean(id),
  });
}

/** A circular's recipients (optionally only those still pending), page after page ("Show more"). */
export function useCircularRecipients(id: string, pending: 'acknowledged' | 'read' | null, enabled: boolean) {
  const institutionId = useInstitutionId();
  return useInfiniteQuery({
    queryKey: circularKeys.recipients(institutionId, id, pending),
    queryFn: ({ pageParam, signal }) => fetchRecipients(id, pending, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** A mutation that refreshes every circulars query of the school when it succeeds. */
function useCircularMutation<I, O>(fn: (input: I) => Promise<O>) {
  const institutionId = useInstitutionId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: circularKeys.all(institutionId) }),
  });
}

export function useCreateCircular() {
  return useCircularMutation(
    async (body: CircularInput) => (await apiClient.post<CircularView>(base, body)).data,
  );
}

export function useUpdateCircular() {
  return useCircularMutation(
    async ({ id, body }: { id: string; body: CircularInput }) =>
      (await apiClient.put<CircularView>(path(id), body)).data,
  );
}

export function usePublishCircular() {
  return useCircularMutation(
    async (id: string) => (await apiClient.post<CircularView>(path(id, '/publish'), {})).data,
  );
}

export function useScheduleCircular() {
  return useCircularMutation(
    async ({ id, publishAt }: { id: string; publishAt: string }) =>
      (await apiClient.post<CircularView>(path(id, '/schedule'), { publishAt })).data,
  );
}

export function useUnscheduleCircular() {
  return useCircularMutation(
    async (id: string) => (await apiClient.post<CircularView>(path(id, '/unschedule'), {})).data,
  );
}

export function useDeleteCircular() {
  return useCircularMutation(async (id: string) => {
    await apiClient.delete(path(id));
  });
}

export function useUploadAttachment() {
  return useCircularMutation(
    async ({ id, file }: { id: string; file: File }) =>
      (
        await apiClient.put<CircularView>(path(id, '/attachment'), file, {
          headers: { 'content-type': 'application/pdf' },
          params: { fileName: file.name.slice(0, 120) },
        })
      ).data,
  );
}

export function useRemoveAttachment() {
  return useCircularMutation(
    async (id: string) => (await apiClient.delete<CircularView>(path(id, '/attachment'))).data,
  );
}

/** A guardian opened it (their read receipt). */
export function useMarkRead() {
  return useCircularMutation(
    async (id: string) => (await apiClient.post<CircularReaderView>(path(id, '/read'), {})).data,
  );
}

export function useAcknowledge() {
  return useCircularMutation(
    async (id: string) => (await apiClient.post<CircularReaderView>(path(id, '/acknowledge'), {})).data,
  );
}

/** Downloads the circular's PDF with the session's token (never a token in a URL). */
export function useDownloadAttachment() {
  return useMutation({
    mutationFn: async ({ id, fileName }: { id: string; fileName: string }) => {
      const res = await apiClient.get<Blob>(path(id, '/attachment'), { responseType: 'blob' });
      saveFile(res.data, fileNameFromDisposition(res.headers['content-disposition']) ?? fileName);
    },
  });
}
