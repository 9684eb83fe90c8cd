import { Permission } from '@shala/contracts';
import type { InstitutionProfile } from '@shala/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { authKeys } from '../../auth/api/auth.keys';
import { useInstitutionId } from '../../auth/hooks/current-user';
import { useMe } from '../../auth/hooks/use-me';
import {
  fetchLogo,
  fetchProfile,
  removeLogo,
  settingsKeys,
  updateProfile,
  uploadLogo,
} from '../api/settings.api';

/** GET institution/profile (everyone in a school may read it; the header shows its logo). */
export function useInstitutionProfile(enabled = true) {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: settingsKeys.profile(institutionId),
    queryFn: ({ signal }) => fetchProfile(signal),
    enabled,
    staleTime: 60_000,
  });
}

/** Saves the profile's answer, and refreshes /me when the name or time zone may have changed. */
function useProfileMutation<V>(fn: (variables: V) => Promise<InstitutionProfile>, refreshMe = false) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKeys.profile(institutionId), saved);
      if (refreshMe) return queryClient.invalidateQueries({ queryKey: authKeys.all });
      return undefined;
    },
  });
}

export function useUpdateProfile() {
  return useProfileMutation(updateProfile, true);
}

export function useUploadLogo() {
  return useProfileMutation(uploadLogo);
}

export function useRemoveLogo() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeLogo,
    onSuccess: () =>
      queryClient.setQueryData<InstitutionProfile>(settingsKeys.profile(institutionId), (old) =>
        old ? { ...old, logo: null } : old,
      ),
  });
}

/** An object URL for a Blob, released when the Blob changes or the component goes. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return undefined;
    }
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}

/**
 * The school's logo as an object URL (null while loading or when there is none), fetched once per logo
 * version: its ETag is in the query key. Works before /me has loaded (the header): no institution, no logo.
 */
function useLogoOf(institutionId: string | undefined, etag: string | null | undefined): string | null {
  const logo = useQuery({
    queryKey: settingsKeys.logo(institutionId ?? '-', etag ?? ''),
    queryFn: ({ signal }) => fetchLogo(signal),
    enabled: Boolean(institutionId && etag),
    staleTime: Infinity,
  });
  return useObjectUrl(institutionId && etag ? logo.data : undefined);
}

/** The logo of the settings page's preview. */
export function useLogoUrl(etag: string | null | undefined): string | null {
  return useLogoOf(useInstitutionId(), etag);
}

/** The current school's logo for the header, for users who may read the institution; null otherwise. */
export function useHeaderLogo(): string | null {
  const me = useMe();
  const institutionId = me.data?.institution.id;
  const canRead = me.data?.permissions.includes(Permission.InstitutionRead) ?? false;
  const profile = useQuery({
    queryKey: settingsKeys.profile(institutionId ?? '-'),
    queryFn: ({ signal }) => fetchProfile(signal),
    enabled: Boolean(institutionId) && canRead,
    staleTime: 60_000,
  });
  return useLogoOf(canRead ? institutionId : undefined, profile.data?.logo?.etag);
}
