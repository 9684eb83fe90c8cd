import type { PrivacyNoticeDraft } from '@shala/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../../auth/hooks/current-user';
import {
  acceptNotice,
  createNoticeDraft,
  editNoticeDraft,
  fetchMyNotice,
  fetchNoticeVersions,
  fetchPublicPrivacyPage,
  privacyNoticeKeys,
  publishNotice,
} from '../api/privacy-notice.api';

/** Staff: every version of the school's notice. */
export function useNoticeVersions() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: privacyNoticeKeys.versions(institutionId),
    queryFn: ({ signal }) => fetchNoticeVersions(signal),
  });
}

/** Staff: a new draft (no id) or a change to the draft (its id). */
export function useSaveNoticeDraft() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: PrivacyNoticeDraft & { id?: string }) =>
      id ? editNoticeDraft(id, body) : createNoticeDraft(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyNoticeKeys.all(institutionId) }),
  });
}

export function usePublishNotice() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => publishNotice(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyNoticeKeys.all(institutionId) }),
  });
}

/** Who is asking: the notice gate runs in the shell, before pages provide the current user. */
export interface NoticeReader {
  institutionId: string;
  userId: string;
}

/** The version in force and the caller's acceptance of it (GET /me/privacy-notice). */
export function useMyNotice(reader: NoticeReader | null) {
  return useQuery({
    queryKey: privacyNoticeKeys.mine(reader?.institutionId ?? '-', reader?.userId ?? '-'),
    queryFn: ({ signal }) => fetchMyNotice(signal),
    enabled: reader !== null,
    staleTime: 60_000,
  });
}

export function useAcceptNotice(reader: NoticeReader) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => acceptNotice({ version }),
    onSuccess: (view) => {
      queryClient.setQueryData(privacyNoticeKeys.mine(reader.institutionId, reader.userId), view);
    },
  });
}

/** Anyone: a school's public privacy page. */
export function usePublicPrivacyPage(slug: string) {
  return useQuery({
    queryKey: privacyNoticeKeys.publicPage(slug),
    queryFn: ({ signal }) => fetchPublicPrivacyPage(slug, signal),
    retry: false,
  });
}
