import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { saveFile } from '../../../../app/files';
import { useInstitutionId } from '../../../auth/hooks/current-user';
import { platformKeys } from '../../api/platform.api';
import {
  downloadExport,
  fetchCertificates,
  fetchOffboardings,
  offboardingKeys,
  purgeInstitution,
  restartExport,
  terminateInstitution,
} from '../api/offboarding.api';

/** GET /api/v1/platform/offboarding; polls while an export runs. */
export function useOffboardings() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: offboardingKeys.schedule(institutionId),
    queryFn: ({ signal }) => fetchOffboardings(signal),
    refetchInterval: (query) =>
      query.state.data?.items.some((o) => o.export.status === 'running') ? 2000 : false,
  });
}

/** GET /api/v1/platform/offboarding/certificates */
export function useDeletionCertificates() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: offboardingKeys.certificates(institutionId),
    queryFn: ({ signal }) => fetchCertificates(signal),
  });
}

function useOffboardingMutation<Variables, Result>(
  name: string,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['platform', 'offboarding', name],
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: offboardingKeys.all(institutionId) }),
        queryClient.invalidateQueries({ queryKey: platformKeys.institutions(institutionId) }),
      ]),
  });
}

export const useTerminateInstitution = () => useOffboardingMutation('terminate', terminateInstitution);
export const useRestartExport = () => useOffboardingMutation('restart-export', restartExport);
export const usePurgeInstitution = () => useOffboardingMutation('purge', purgeInstitution);

/** Downloads the encrypted export (audited on the server). */
export function useDownloadExport() {
  return useMutation({
    mutationKey: ['platform', 'offboarding', 'download'],
    mutationFn: downloadExport,
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
  });
}
