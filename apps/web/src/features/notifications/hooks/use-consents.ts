import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInstitutionId } from '../../auth/hooks/current-user';
import {
  changeMyConsents,
  consentKeys,
  fetchGuardianConsents,
  fetchMyConsents,
  findStudentsByGuardianContact,
  recordGuardianConsent,
  type ConsentChange,
  type StaffConsentChange,
} from '../api/consents.api';

export function useMyConsents(enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: consentKeys.mine(institutionId),
    queryFn: ({ signal }) => fetchMyConsents(signal),
    enabled,
  });
}

export function useChangeMyConsents() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ guardianId, changes }: { guardianId: string; changes: ConsentChange[] }) =>
      changeMyConsents(guardianId, changes),
    onSettled: () => queryClient.invalidateQueries({ queryKey: consentKeys.mine(institutionId) }),
  });
}

/** Staff: one guardian's consents and history (notifications.manage). */
export function useGuardianConsents(guardianId: string | null) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: consentKeys.guardian(institutionId, guardianId ?? ''),
    queryFn: ({ signal }) => fetchGuardianConsents(guardianId ?? '', signal),
    enabled: Boolean(guardianId),
  });
}

export function useRecordGuardianConsent() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ guardianId, ...change }: StaffConsentChange & { guardianId: string }) =>
      recordGuardianConsent(guardianId, change),
    onSettled: (_data, _error, variables) =>
      queryClient.invalidateQueries({ queryKey: consentKeys.guardian(institutionId, variables.guardianId) }),
  });
}

/** Students whose guardian has exactly this phone or email (blind-index search); off while blank. */
export function useStudentsByGuardianContact(contact: string) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: consentKeys.byContact(institutionId, contact),
    queryFn: ({ signal }) => findStudentsByGuardianContact(contact, signal),
    enabled: contact.trim() !== '',
  });
}
