import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DefaultRole, Permission, canGrant } from '@shala/contracts';
import { useMemo } from 'react';
import { useRolesText } from '../i18n';
import { authKeys } from '../../auth/api/auth.keys';
import { roleLabel } from '../../auth/components/display-name';
import { useCan, useCurrentUser, useInstitutionId } from '../../auth/hooks/current-user';
import {
  createRole,
  deleteRole,
  fetchPermissionCatalogue,
  fetchRoles,
  renameRole,
  rolesKeys,
  setRolePermissions,
} from '../api/roles.api';

/** GET /api/v1/roles (only asked for by holders of roles.read). */
export function useRoles() {
  const institutionId = useInstitutionId();
  const canRead = useCan(Permission.RolesRead);
  return useQuery({
    queryKey: rolesKeys.list(institutionId),
    queryFn: ({ signal }) => fetchRoles(signal),
    enabled: canRead,
  });
}

/** GET /api/v1/permissions: changes only with a new API version. */
export function usePermissionCatalogue() {
  const institutionId = useInstitutionId();
  return useQuery({
    queryKey: rolesKeys.catalogue(institutionId),
    queryFn: ({ signal }) => fetchPermissionCatalogue(signal),
    staleTime: Infinity,
  });
}

/**
 * Role choices for pickers (value = key, label = name), and the names of custom roles by key. Roles with
 * permissions the signed-in user does not hold are disabled: the API refuses to grant them (AZ-02).
 */
export function useRoleOptions() {
  const t = useRolesText();
  const roles = useRoles();
  const held = useCurrentUser().permissions;
  return useMemo(() => {
    const names = new Map((roles.data?.items ?? []).map((role) => [role.key, role.name] as const));
    const permissions = new Map(
      (roles.data?.items ?? []).map((role) => [role.key, role.permissions] as const),
    );
    // Without roles.read (or before the answer) the default school roles are the choices.
    const keys = roles.data
      ? roles.data.items.map((role) => role.key)
      : Object.values(DefaultRole).filter((key) => key !== DefaultRole.PlatformOperator);
    return {
      options: keys.map((key) => ({
        value: key,
        label: roleLabel(t, key, names),
        disabled: !canGrant(held, permissions.get(key) ?? []),
      })),
      names,
      isPending: roles.isLoading,
    };
  }, [roles.data, roles.isLoading, held, t]);
}

function useRolesMutation<Variables, Result>(
  name: string,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['roles', name],
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolesKeys.all(institutionId) }),
  });
}

export const useCreateRole = () => useRolesMutation('create', createRole);
/** Also refreshes /me: the signed-in user may hold the role whose permissions changed. */
export function useSetRolePermissions() {
  const institutionId = useInstitutionId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['roles', 'set-permissions'],
    mutationFn: setRolePermissions,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rolesKeys.all(institutionId) }),
        queryClient.invalidateQueries({ queryKey: authKeys.all }),
      ]),
  });
}
export const useRenameRole = () => useRolesMutation('rename', renameRole);
export const useDeleteRole = () => useRolesMutation('delete', deleteRole);
