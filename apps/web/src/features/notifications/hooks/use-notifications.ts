import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  fetchDeadLetters,
  fetchMessage,
  fetchMessages,
  notificationsKeys,
  retryMessage,
} from '../api/notifications.api';
import type { MessageFilter } from '@shala/contracts';

export function useDeliveryLog(filter: MessageFilter) {
  const institutionId = useInstitutionId();
  return useInfiniteQuery({
    queryKey: notificationsKeys.messages(institutionId, filter),
    queryFn: ({ pageParam, signal }) => fetchMessages(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMessage(id: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: notificationsKeys.message(institutionId, id ?? ''),
    queryFn: ({ signal }) => fetchMessage(id ?? '', signal),
    enabled: Boolean(id),
  });
}

export function useDeadLetters(enabled = true) {
  const institutionId = useInstitutionId();
  return useInfiniteQuery({
    queryKey: notificationsKeys.deadLetters(institutionId),
    queryFn: ({ pageParam, signal }) => fetchDeadLetters(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useRetryMessage() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => retryMessage(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKeys.all(institutionId) }),
  });
}
