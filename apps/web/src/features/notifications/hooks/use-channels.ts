import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  channelKeys,
  fetchChannels,
  fetchSendingPreferences,
  saveChannel,
  saveSendingPreferences,
} from '../api/channels.api';
import type { ChannelView } from '@shala/contracts';

export function useChannels() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: channelKeys.channels(institutionId),
    queryFn: ({ signal }) => fetchChannels(signal),
  });
}

/** Saves one channel; its answer (credentials as "set" only) replaces that channel in the cache. */
export function useSaveChannel() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveChannel,
    onSuccess: (saved) =>
      queryClient.setQueryData<ChannelView[]>(channelKeys.channels(institutionId), (current) =>
        current?.map((view) => (view.channel === saved.channel ? saved : view)),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelKeys.channels(institutionId) }),
  });
}

export function useSendingPreferences() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: channelKeys.preferences(institutionId),
    queryFn: ({ signal }) => fetchSendingPreferences(signal),
  });
}

export function useSaveSendingPreferences() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSendingPreferences,
    onSuccess: (saved) => queryClient.setQueryData(channelKeys.preferences(institutionId), saved),
  });
}
